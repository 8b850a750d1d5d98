// A small seeded random source (mulberry32): the same seed gives the same mutated stream, so a
// failing case is reproduced with `FUZZ_SEED=<seed> npm run fuzz`.

export class Rng {
  private s: number

  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9
  }

  /** In [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!
  }

  word(min = 1, max = 12): string {
    const letters = 'abcdefghijklmnopqrstuvwxyz_.'
    let out = ''
    for (let i = this.int(min, max); i > 0; i--) out += letters[this.int(0, letters.length - 1)]
    return out
  }
}
