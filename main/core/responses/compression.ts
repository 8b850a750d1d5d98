// zstd request compression (protocol.md §7): HTTP bodies only, only for the ChatGPT backend with
// ChatGPT auth and the `enable_request_compression` setting on; level 3.
// The zstd binding is native and loaded on first use: a platform without its prebuilt binary
// (Windows on ARM) still starts, and only sends uncompressed bodies, saying why once.
import type { ResponsesRequest } from '@shared/wire/request'
import type { CompactRequest } from '@shared/wire/compact'
import { ModelError } from './errors'
import type { Provider } from '../provider'
import type { Logger } from '../log'

export const ZSTD_LEVEL = 3
export const ZSTD_UNAVAILABLE =
  'Request compression is unavailable on this platform (the zstd module did not load); requests are sent uncompressed'
let warned = false

export interface EncodedBody {
  bytes: Uint8Array
  uncompressedBytes: number
  headers: Record<string, string>
}

type Compress = (data: Buffer, level: number) => Promise<Buffer>
let zstd: Promise<Compress | string> | null = null

/** The zstd compressor, or the reason it is unavailable (loaded once; tests may reset). */
export function loadZstd(
  load: () => Promise<{ compress: Compress }> = () => import('@mongodb-js/zstd'),
): Promise<Compress | string> {
  zstd ??= load().then(
    (m) => m.compress,
    (e: Error) => (e.message || String(e)).split('\n')[0]!,
  )
  return zstd
}
export function resetZstdForTests(): void {
  zstd = null
  warned = false
}

export function compressionApplies(enabled: boolean, provider: Provider): boolean {
  return enabled && provider.id === 'chatgpt' && provider.auth.kind === 'chatgpt'
}

export async function encodeBody(
  body: ResponsesRequest | CompactRequest,
  enabled: boolean,
  provider: Provider,
  logger: Logger,
): Promise<EncodedBody> {
  const json = Buffer.from(JSON.stringify(body))
  if (!compressionApplies(enabled, provider))
    return { bytes: json, uncompressedBytes: json.byteLength, headers: {} }
  if (Object.keys(provider.headers ?? {}).some((k) => k.toLowerCase() === 'content-encoding')) {
    throw new ModelError(
      'request compression was requested but content-encoding is already set',
      'internal',
      false,
    )
  }
  const compress = await loadZstd()
  if (typeof compress === 'string') {
    if (!warned) logger.log('warn', ZSTD_UNAVAILABLE, { error: compress })
    warned = true
    return { bytes: json, uncompressedBytes: json.byteLength, headers: {} }
  }
  const t0 = performance.now()
  const bytes = await compress(json, ZSTD_LEVEL)
  const ms = performance.now() - t0
  logger.log('info', 'Compressed request body with zstd', {
    pre_compression_bytes: json.byteLength,
    post_compression_bytes: bytes.byteLength,
    compression_duration_ms: Math.round(ms * 1000) / 1000,
  })
  return { bytes, uncompressedBytes: json.byteLength, headers: { 'Content-Encoding': 'zstd' } }
}
