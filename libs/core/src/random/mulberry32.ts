/**
 * mulberry32: a tiny seeded PRNG in [0, 1), the same sequence for a seed on every run and
 * platform (32-bit integer math only). For reproducible workloads, fixtures and fault plans;
 * never for anything that must be unpredictable.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
