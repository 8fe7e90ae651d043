/**
 * Percentiles of samples, by nearest rank: the P-th percentile of n values is the
 * ⌈P·n/100⌉-th smallest (at least the first). Every percentile is a value some sample
 * had, so a day stays a whole day and no value is made up between two samples.
 *
 * A figure the model leaves null in a sample (a milestone not reached, a ratio over
 * zero) is NaN here and counts as above every number: for a milestone, "never" is later
 * than any day. A percentile that lands among them is NaN, reported as null.
 */

/** The percentiles `run --samples` reports, in the order it reports them. */
export const PERCENTILES = [10, 50, 90] as const;
export type Percentile = (typeof PERCENTILES)[number];

/** The rank (1-based) of the P-th percentile of n values. */
export function nearestRank(percent: number, n: number): number {
  return Math.min(n, Math.max(1, Math.ceil((percent * n) / 100)));
}

/** Sorted ascending in place, NaN last (a typed array's own sort does exactly that). */
export function sortSamples(values: Float64Array): Float64Array {
  return values.sort();
}

/** The P-th percentile of values sorted by `sortSamples`; NaN for none or a null figure. */
export function percentileOfSorted(sorted: ArrayLike<number>, percent: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[nearestRank(percent, sorted.length) - 1]!;
}
