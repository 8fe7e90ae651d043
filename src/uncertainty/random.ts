/**
 * A small seeded pseudo-random generator for uncertainty runs: the same seed gives the
 * same sequence on every machine and Node version (only 32-bit integer arithmetic), so
 * `run --samples N --seed S` is reproducible. Not for anything secret.
 */

/** The seeds `--seed` accepts: the 32-bit unsigned integers. */
export const MAX_SEED = 0xffff_ffff;

/** A source of uniform draws in [0, 1). */
export type Random = () => number;

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator, public domain): a period of 2^32 and
 * good equidistribution for what it costs, far more draws than 100,000 samples of a few
 * dozen ranges take. Each draw is a multiple of 2^-32 in [0, 1).
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** mulberry32's step: its state advances by this much per draw. */
const MULBERRY32_STEP = 0x6d2b79f5;

/**
 * The mulberry32 stream of `seed` after its first `skipped` draws, without making them:
 * the state only advances by a constant per draw. The samples of one run are cut into
 * blocks this way (each draw of a scenario takes one uniform per range), so that any
 * number of workers draws exactly what one would.
 */
export function mulberry32After(seed: number, skipped: number): Random {
  return mulberry32((seed + Math.imul(skipped >>> 0, MULBERRY32_STEP)) >>> 0);
}
