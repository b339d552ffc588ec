/**
 * Seeded randomness for everything that must come out the same twice (splits, review samples,
 * synthetic benchmark data): mulberry32, a small, well-distributed 32-bit generator, seeded from
 * a string or number through FNV-1a so "batch-7" and 7 are both fine seeds.
 */

export type Random = () => number;

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** mulberry32 from a 32-bit seed: floats in [0, 1), the same sequence for the same seed. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator from any seed text ("batch-7", 7): FNV-1a to 32 bits, then mulberry32. */
export function seededRandom(seed: string | number): Random {
  return mulberry32(fnv1a(String(seed)));
}

/** Fisher–Yates: a shuffled copy. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
