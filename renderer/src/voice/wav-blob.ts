// A WAV file (PCM16 mono) from received audio parts, for "Save audio".
export function wavBlob(parts: Uint8Array[], sampleRate: number): Blob {
  const bytes = parts.reduce((n, p) => n + p.byteLength, 0)
  const header = new ArrayBuffer(44)
  const v = new DataView(header)
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)))
  ascii(0, 'RIFF')
  v.setUint32(4, 36 + bytes, true)
  ascii(8, 'WAVE')
  ascii(12, 'fmt ')
  v.setUint32(16, 16, true)
  v.setUint16(20, 1, true) // PCM
  v.setUint16(22, 1, true) // mono
  v.setUint32(24, sampleRate, true)
  v.setUint32(28, sampleRate * 2, true)
  v.setUint16(32, 2, true)
  v.setUint16(34, 16, true)
  ascii(36, 'data')
  v.setUint32(40, bytes, true)
  return new Blob([header, ...parts.map((p) => p.slice())], { type: 'audio/wav' })
}
