/**
 * A small seeded PRNG (mulberry32): numbers in [0, 1), the same sequence for the same seed on every machine. Used
 * wherever data must be reproducible: the demo catalogue, test data, benchmark request sequences.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
}
