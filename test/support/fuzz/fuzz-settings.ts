import type fc from 'fast-check';

/**
 * CI runs each property a modest, fixed number of times from a fixed seed, so the fuzz suite is
 * deterministic and stays well under a minute. `FUZZ_RUNS=5000 npx jest test/fuzz` runs every
 * property that many times instead; `FUZZ_SEED` replays the seed a failure printed.
 */
const RUNS = Number(process.env.FUZZ_RUNS) || 0;
const SEED = Number(process.env.FUZZ_SEED) || 20_261_213;

export const fuzzParameters = (ciRuns: number): fc.Parameters<unknown> => ({
  numRuns: RUNS || ciRuns,
  seed: SEED,
});

/** Jest's limit for one property: the CI runs fit in a minute; a long run gets ~40 ms a request. */
export const fuzzTimeout = (ciRuns: number): number => Math.max(60_000, (RUNS || ciRuns) * 40 + 30_000);
