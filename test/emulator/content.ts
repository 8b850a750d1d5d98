// Content parts the service checks beyond the request schema (issue 14): `input_image` must carry
// an https URL or a base64 data URL whose bytes really are an image of the declared type, with a
// known `detail`; `input_file` must carry exactly one source, and inline data needs a filename.
// Only user messages may carry them. Unknown keys in these parts are refused, as the service does.
import { apiError, type ApiErrorBody } from './errors'

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const
const IMAGE_KEYS = new Set(['type', 'image_url', 'detail', 'file_id'])
const FILE_KEYS = new Set(['type', 'filename', 'file_data', 'file_id', 'file_url'])
const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/]*={0,2})$/

function magicMatches(mime: string, b: Buffer): boolean {
  const at = (s: string, o = 0) => b.subarray(o, o + s.length).toString('latin1') === s
  switch (mime) {
    case 'image/png':
      return b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    case 'image/jpeg':
      return b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff
    case 'image/gif':
      return at('GIF87a') || at('GIF89a')
    case 'image/webp':
      return at('RIFF') && at('WEBP', 8)
    case 'application/pdf':
      return at('%PDF-')
    default:
      return true
  }
}

function bad(param: string, message: string, code = 'invalid_value'): ApiErrorBody {
  return apiError(message, code, { param })
}

function checkImage(part: Record<string, unknown>, param: string): ApiErrorBody | null {
  for (const k of Object.keys(part))
    if (!IMAGE_KEYS.has(k))
      return bad(`${param}.${k}`, `Unknown parameter: '${param}.${k}'.`, 'unknown_parameter')
  if (part.detail !== undefined && !['auto', 'low', 'high'].includes(part.detail as string))
    return bad(
      `${param}.detail`,
      `Invalid value: '${String(part.detail)}'. Supported values are: 'low', 'high', and 'auto'.`,
    )
  const url = part.image_url
  if (typeof url !== 'string')
    return bad(
      `${param}.image_url`,
      `Missing required parameter: '${param}.image_url'.`,
      'missing_required_parameter',
    )
  if (url.startsWith('https://')) return null
  const m = DATA_URL.exec(url)
  if (!m)
    return bad(
      `${param}.image_url`,
      `Invalid '${param}.image_url'. Expected a valid URL or a base64-encoded data URL with an image MIME type, but got a value that is neither.`,
      'invalid_image_url',
    )
  const mime = m[1]!
  if (!(IMAGE_TYPES as readonly string[]).includes(mime))
    return bad(
      `${param}.image_url`,
      `Invalid '${param}.image_url'. Unsupported MIME type '${mime}'.`,
      'invalid_image_format',
    )
  if (!magicMatches(mime, Buffer.from(m[2]!, 'base64')))
    return bad(
      `${param}.image_url`,
      `The image data you provided does not represent a valid image of type '${mime}'.`,
      'invalid_image_format',
    )
  return null
}

function checkFile(part: Record<string, unknown>, param: string): ApiErrorBody | null {
  for (const k of Object.keys(part))
    if (!FILE_KEYS.has(k))
      return bad(`${param}.${k}`, `Unknown parameter: '${param}.${k}'.`, 'unknown_parameter')
  const sources = ['file_data', 'file_id', 'file_url'].filter((k) => part[k] !== undefined)
  if (sources.length !== 1)
    return bad(param, `Invalid '${param}': provide exactly one of 'file_data', 'file_id' or 'file_url'.`)
  if (part.file_data === undefined) return null
  if (typeof part.filename !== 'string' || part.filename === '')
    return bad(
      `${param}.filename`,
      `Missing required parameter: '${param}.filename' (needed with 'file_data').`,
      'missing_required_parameter',
    )
  const m = typeof part.file_data === 'string' ? DATA_URL.exec(part.file_data) : null
  if (!m)
    return bad(`${param}.file_data`, `Invalid '${param}.file_data'. Expected a base64-encoded data URL.`)
  if (!magicMatches(m[1]!, Buffer.from(m[2]!, 'base64')))
    return bad(
      `${param}.file_data`,
      `The file data does not match its declared type '${m[1]}'.`,
      'invalid_file',
    )
  return null
}

/** The first problem with the body's image and file parts, as the service would answer it. */
export function checkContentParts(body: { input: unknown[] }): ApiErrorBody | null {
  for (let i = 0; i < body.input.length; i++) {
    const item = body.input[i] as { type?: string; role?: string; content?: unknown }
    if (item.type !== 'message' || !Array.isArray(item.content)) continue
    for (let j = 0; j < item.content.length; j++) {
      const part = item.content[j] as Record<string, unknown>
      const param = `input[${i}].content[${j}]`
      if (part.type !== 'input_image' && part.type !== 'input_file') continue
      if (item.role !== 'user')
        return bad(
          `${param}.type`,
          `Invalid value: '${String(part.type)}'. Only user messages may contain it.`,
        )
      const problem = part.type === 'input_image' ? checkImage(part, param) : checkFile(part, param)
      if (problem) return problem
    }
  }
  return null
}
