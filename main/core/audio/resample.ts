// Sample-rate conversion for mono float audio: a Hann-windowed sinc interpolator at any ratio.
// Downsampling low-passes at the new Nyquist first (linear interpolation would alias speech
// sibilants into the band the model hears); upsampling interpolates band-limited.

/** Zero crossings of the sinc kept on each side at full bandwidth; more is sharper and slower. */
const DEFAULT_ZERO_CROSSINGS = 16

function sinc(x: number): number {
  if (x === 0) return 1
  const px = Math.PI * x
  return Math.sin(px) / px
}

/** Resample `input` (mono, float) from `fromRate` to `toRate` Hz. Returns a new array. */
export function resample(
  input: Float32Array,
  fromRate: number,
  toRate: number,
  zeroCrossings = DEFAULT_ZERO_CROSSINGS,
): Float32Array {
  if (!(fromRate > 0) || !(toRate > 0)) throw new RangeError('sample rates must be positive')
  if (fromRate === toRate) return input.slice()
  const ratio = toRate / fromRate
  const outLength = Math.round(input.length * ratio)
  const out = new Float32Array(outLength)
  // Cut off just below the lower Nyquist so the transition band does not fold back.
  const cutoff = Math.min(1, ratio) * 0.97
  const half = Math.ceil(zeroCrossings / cutoff)
  const last = input.length - 1
  for (let j = 0; j < outLength; j++) {
    const center = j / ratio
    const first = Math.max(0, Math.floor(center) - half + 1)
    const end = Math.min(last, Math.floor(center) + half)
    let sum = 0
    let weights = 0
    for (let i = first; i <= end; i++) {
      const x = i - center
      const w = cutoff * sinc(cutoff * x) * (0.5 + 0.5 * Math.cos((Math.PI * x) / half))
      sum += input[i]! * w
      weights += w
    }
    // Normalising by the weights keeps unity gain at DC, also at the edges where the kernel is cut.
    out[j] = weights !== 0 ? sum / weights : 0
  }
  return out
}
