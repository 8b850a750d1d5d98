// zstd request compression (protocol.md §7): HTTP bodies only, only for the ChatGPT backend with
// ChatGPT auth and the `enable_request_compression` setting on; level 3.
import { compress } from '@mongodb-js/zstd'
import type { ResponsesRequest } from '@shared/wire/request'
import type { CompactRequest } from '@shared/wire/compact'
import { ModelError } from './errors'
import type { Provider } from '../provider'
import type { Logger } from '../log'

export const ZSTD_LEVEL = 3

export interface EncodedBody {
  bytes: Uint8Array
  uncompressedBytes: number
  headers: Record<string, string>
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
