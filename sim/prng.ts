/**
 * A small seeded PRNG (mulberry32) so fault injection can be replayed exactly: the same seed and the
 * same request order give the same dropped connections, latencies and 5xx answers.
 */
export type Random = () => number;

export function createRandom(seed: number = Date.now()): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
