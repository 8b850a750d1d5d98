// zstd is loaded on first use: where its native binary is missing (Windows on ARM) the app still
// starts and sends uncompressed bodies, with one clear warning.
import { afterEach, describe, expect, it } from 'vitest'
import { decompress } from '@mongodb-js/zstd'
import {
  encodeBody,
  loadZstd,
  resetZstdForTests,
  ZSTD_UNAVAILABLE,
} from '../../main/core/responses/compression'
import type { Provider } from '../../main/core/provider'
import type { ResponsesRequest } from '@shared/wire/request'

const chatgpt = { id: 'chatgpt', auth: { kind: 'chatgpt' }, headers: {} } as unknown as Provider
const body = { model: 'gpt-5.2', input: [] } as unknown as ResponsesRequest

function recorder() {
  const lines: { level: string; msg: string; fields?: unknown }[] = []
  return {
    lines,
    log: (level: string, msg: string, fields?: unknown) => void lines.push({ level, msg, fields }),
  }
}

afterEach(() => resetZstdForTests())

describe('zstd loaded lazily', () => {
  it('compresses once loaded (the real binding here)', async () => {
    const logger = recorder()
    const out = await encodeBody(body, true, chatgpt, logger as any)
    expect(out.headers).toEqual({ 'Content-Encoding': 'zstd' })
    expect(JSON.parse((await decompress(Buffer.from(out.bytes))).toString())).toEqual(body)
  })

  it('without the binding: uncompressed bodies and one warning naming the load error', async () => {
    const fail = await loadZstd(() =>
      Promise.reject(new Error('Cannot find module zstd.win32-arm64-msvc.node\nstack')),
    )
    expect(fail).toBe('Cannot find module zstd.win32-arm64-msvc.node')
    const logger = recorder()
    for (let i = 0; i < 2; i++) {
      const out = await encodeBody(body, true, chatgpt, logger as any)
      expect(out.headers).toEqual({})
      expect(JSON.parse(Buffer.from(out.bytes).toString())).toEqual(body)
    }
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        msg: ZSTD_UNAVAILABLE,
        fields: { error: 'Cannot find module zstd.win32-arm64-msvc.node' },
      },
    ])
  })

  it('never loads the binding when compression does not apply', async () => {
    let loads = 0
    const load = () => {
      loads++
      return Promise.reject(new Error('not here'))
    }
    const out = await encodeBody(body, false, chatgpt, recorder() as any)
    expect(out.headers).toEqual({})
    // The loader is only consulted from encodeBody's compressing path; nothing was cached yet.
    expect(await loadZstd(load)).toBe('not here')
    expect(loads).toBe(1)
  })
})
