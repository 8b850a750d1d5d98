// The emulator checks image and file parts the way the service does (issue 14).
import { afterEach, describe, expect, it } from 'vitest'
import { checkContentParts } from '../emulator/content'
import { startEmulator, type Emulator } from '../emulator/index'
import { openWs } from '../emulator/client'

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64')
const PDF = Buffer.from('%PDF-1.7\n').toString('base64')

const msg = (part: Record<string, unknown>, role = 'user') => ({
  input: [{ type: 'message', role, content: [{ type: 'input_text', text: 'see' }, part] }],
})
const problem = (part: Record<string, unknown>, role?: string) => checkContentParts(msg(part, role))?.error

describe('emulator: input_image and input_file', () => {
  it('accepts the shapes the engine sends', () => {
    expect(
      problem({ type: 'input_image', image_url: `data:image/png;base64,${PNG}`, detail: 'auto' }),
    ).toBeUndefined()
    expect(problem({ type: 'input_image', image_url: 'https://example.com/a.png' })).toBeUndefined()
    expect(
      problem({ type: 'input_file', filename: 'a.pdf', file_data: `data:application/pdf;base64,${PDF}` }),
    ).toBeUndefined()
  })

  it('rejects what the service rejects', () => {
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ type: 'input_image', image_url: `data:image/jpeg;base64,${PNG}` }, 'invalid_image_format'],
      [{ type: 'input_image', image_url: `data:image/bmp;base64,${PNG}` }, 'invalid_image_format'],
      [{ type: 'input_image', image_url: `attachment:${'a'.repeat(64)}` }, 'invalid_image_url'],
      [{ type: 'input_image', image_url: `data:image/png;base64,${PNG}`, detail: 'huge' }, 'invalid_value'],
      [
        { type: 'input_image', image_url: `data:image/png;base64,${PNG}`, name: 'a.png' },
        'unknown_parameter',
      ],
      [{ type: 'input_image' }, 'missing_required_parameter'],
      [{ type: 'input_file', file_data: `data:application/pdf;base64,${PDF}` }, 'missing_required_parameter'],
      [
        { type: 'input_file', filename: 'a.pdf', file_data: `data:application/pdf;base64,${PNG}` },
        'invalid_file',
      ],
      [{ type: 'input_file', filename: 'a.pdf', file_data: 'attachment:x' }, 'invalid_value'],
      [
        { type: 'input_file', filename: 'a', file_id: 'f', file_data: `data:text/plain;base64,YQ==` },
        'invalid_value',
      ],
    ]
    for (const [part, code] of cases) expect(problem(part)?.code, JSON.stringify(part)).toBe(code)
    expect(
      problem({ type: 'input_image', image_url: `data:image/png;base64,${PNG}` }, 'assistant')?.code,
    ).toBe('invalid_value')
  })

  let emu: Emulator | undefined
  afterEach(async () => emu?.close())

  it('answers 400 over HTTP and a wrapped error over WebSocket, consuming no scenario', async () => {
    emu = await startEmulator()
    const body = {
      model: 'gpt-4o',
      input: msg({ type: 'input_image', image_url: `data:image/gif;base64,${PNG}` }).input,
      tools: [],
      tool_choice: 'auto',
      parallel_tool_calls: false,
      reasoning: null,
      store: false,
      stream: true,
      include: [],
    }
    const res = await fetch(`${emu.openaiBase}/responses`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer sk-test-emulator',
        accept: 'text/event-stream',
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe(
      'input[0].content[1].image_url',
    )
    const open = await openWs(`${emu.openaiBase.replace('http', 'ws')}/responses`, {
      authorization: 'Bearer sk-test-emulator',
      'openai-beta': 'responses_websockets=2026-02-06',
    })
    if (!open.ok) throw new Error(`handshake refused: ${open.status}`)
    const ws = open.client
    ws.send({ type: 'response.create', ...body })
    const frame = (await ws.nextJson()) as { type: string; status: number; error: { code: string } }
    expect(frame).toMatchObject({ type: 'error', status: 400, error: { code: 'invalid_image_format' } })
    ws.close()
  })
})
