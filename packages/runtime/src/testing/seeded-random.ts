import { onTestFailed } from "vitest";
import { mulberry32 } from "../mulberry32";

export interface SeededRandom {
  seed: number;
  /** A number in [0, 1), like Math.random. */
  next(): number;
  /** An integer in [0, below). */
  int(below: number): number;
}

/**
 * The random generator for test data (mulberry32): its seed is TEST_SEED when set, to replay a failure, else a fresh
 * one, so runs keep exploring. A failing test prints the seed. Call it inside the test that draws.
 */
export function seededRandom(): SeededRandom {
  const seed = process.env.TEST_SEED ? Number(process.env.TEST_SEED) >>> 0 : crypto.getRandomValues(new Uint32Array(1))[0]!;
  onTestFailed(({ task }) => console.error(`"${task.name}" drew its data with seed ${seed}: replay it with TEST_SEED=${seed}`));
  const next = mulberry32(seed);
  return { seed, next, int: (below) => Math.floor(next() * below) };
}
