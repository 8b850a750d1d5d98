// WAV (RIFF/WAVE) reading and writing for the CLI and tests: any PCM bit depth or float in,
// PCM16 out. Samples are decoded to float in [-1, 1] so resampling and mixing need one code path.

export interface DecodedWav {
  sampleRate: number
  channels: number
  /** Bits per sample of the source (8, 16, 24, 32, 64). */
  bitsPerSample: number
  float: boolean
  /** Interleaved samples in [-1, 1]; length = frames × channels. */
  samples: Float32Array
}

const FORMAT_PCM = 1
const FORMAT_FLOAT = 3
const FORMAT_EXTENSIBLE = 0xfffe

export class WavError extends Error {}

function fourcc(buf: Uint8Array, at: number): string {
  return String.fromCharCode(buf[at] ?? 0, buf[at + 1] ?? 0, buf[at + 2] ?? 0, buf[at + 3] ?? 0)
}

/** Decode a WAV file. Throws WavError with what is wrong (not RIFF, no fmt/data, unsupported format). */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.byteLength < 12 || fourcc(bytes, 0) !== 'RIFF' || fourcc(bytes, 8) !== 'WAVE') {
    throw new WavError('not a WAV file (no RIFF/WAVE header)')
  }
  let fmt: { format: number; channels: number; rate: number; bits: number } | null = null
  let data: Uint8Array | null = null
  let at = 12
  while (at + 8 <= bytes.byteLength) {
    const id = fourcc(bytes, at)
    let size = view.getUint32(at + 4, true)
    const body = at + 8
    // Streaming writers (sox, ffmpeg to a pipe) leave 0 or 0xFFFFFFFF in the data size: take the rest.
    if (id === 'data' && (size === 0 || size === 0xffffffff || body + size > bytes.byteLength)) {
      size = bytes.byteLength - body
    }
    if (id === 'fmt ') {
      if (size < 16) throw new WavError('fmt chunk too short')
      let format = view.getUint16(body, true)
      if (format === FORMAT_EXTENSIBLE && size >= 26) format = view.getUint16(body + 24, true)
      fmt = {
        format,
        channels: view.getUint16(body + 2, true),
        rate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      }
    } else if (id === 'data') {
      data = bytes.subarray(body, body + size)
    }
    at = body + size + (size % 2) // chunks are word-aligned
  }
  if (!fmt) throw new WavError('WAV file has no fmt chunk')
  if (!data) throw new WavError('WAV file has no data chunk')
  const { format, channels, rate, bits } = fmt
  if (channels < 1 || channels > 32) throw new WavError(`unsupported channel count ${channels}`)
  if (rate < 1000 || rate > 384_000) throw new WavError(`unsupported sample rate ${rate}`)
  const float = format === FORMAT_FLOAT
  if (format !== FORMAT_PCM && !float) throw new WavError(`unsupported WAV encoding (format tag ${format})`)
  if (float ? bits !== 32 && bits !== 64 : ![8, 16, 24, 32].includes(bits)) {
    throw new WavError(`unsupported ${float ? 'float' : 'PCM'} bit depth ${bits}`)
  }
  return { sampleRate: rate, channels, bitsPerSample: bits, float, samples: decodeSamples(data, bits, float) }
}

function decodeSamples(data: Uint8Array, bits: number, float: boolean): Float32Array {
  const width = bits / 8
  const n = Math.floor(data.byteLength / width)
  const out = new Float32Array(n)
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength)
  for (let i = 0, o = 0; i < n; i++, o += width) {
    let s: number
    if (float) s = bits === 32 ? v.getFloat32(o, true) : v.getFloat64(o, true)
    else if (bits === 8)
      s = (v.getUint8(o) - 128) / 128 // 8-bit WAV is unsigned
    else if (bits === 16) s = v.getInt16(o, true) / 32768
    else if (bits === 24) s = (v.getUint8(o) | (v.getUint8(o + 1) << 8) | (v.getInt8(o + 2) << 16)) / 8388608
    else s = v.getInt32(o, true) / 2147483648
    out[i] = s
  }
  return out
}

/** A canonical 44-byte-header PCM16 WAV. */
export function encodeWavPcm16(pcm: Int16Array, sampleRate: number, channels = 1): Uint8Array {
  const dataBytes = pcm.length * 2
  const out = new Uint8Array(44 + dataBytes)
  const v = new DataView(out.buffer)
  const put = (at: number, s: string) => {
    for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i)
  }
  put(0, 'RIFF')
  v.setUint32(4, 36 + dataBytes, true)
  put(8, 'WAVE')
  put(12, 'fmt ')
  v.setUint32(16, 16, true)
  v.setUint16(20, FORMAT_PCM, true)
  v.setUint16(22, channels, true)
  v.setUint32(24, sampleRate, true)
  v.setUint32(28, sampleRate * channels * 2, true)
  v.setUint16(32, channels * 2, true)
  v.setUint16(34, 16, true)
  put(36, 'data')
  v.setUint32(40, dataBytes, true)
  for (let i = 0; i < pcm.length; i++) v.setInt16(44 + i * 2, pcm[i]!, true)
  return out
}
