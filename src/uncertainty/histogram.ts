/**
 * A figure's samples counted in equal-width bins, for the histograms of `run --samples
 * --format html`. Pure; values that are not finite numbers (a figure n/a in a sample)
 * are counted apart, as `missing`.
 */
export interface Histogram {
  /** `counts.length + 1` ascending edges; bin i holds [edges[i], edges[i+1]), the last bin also its upper edge. */
  edges: number[];
  counts: number[];
  /** Samples in which the figure was n/a. */
  missing: number;
}

/** The figures `run --samples --format html` draws as histograms: the blended CAC and the three rungs. */
export const HISTOGRAM_FIGURES = ["unit.cac_blended", "ladder.inference", "ladder.training", "ladder.acquisition"] as const;
export type HistogramFigure = (typeof HISTOGRAM_FIGURES)[number];
export type Histograms = Partial<Record<HistogramFigure, Histogram>>;

/** Bins per histogram: enough to show a shape, few enough that each holds samples at n = 1,000. */
export const HISTOGRAM_BINS = 24;

/** Samples this close, relative to their size, are one value that rounding spread. */
const SAME = 1e-9;

export function histogramOf(values: ArrayLike<number>, binCount: number): Histogram {
  if (!Number.isInteger(binCount) || binCount < 1)
    throw new RangeError(`histogramOf: binCount must be a whole number >= 1, got ${binCount}`);
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  let missing = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (!Number.isFinite(value)) {
      missing++;
      continue;
    }
    if (value < low) low = value;
    if (value > high) high = value;
  }
  if (low > high) return { edges: [], counts: [], missing };
  // Every sample the same (a figure no range moves, up to rounding in its last digits): one bin holding them all.
  const width = (high - low) / binCount;
  // (A width that underflows to 0 is that too.)
  if (high - low <= SAME * Math.max(Math.abs(low), Math.abs(high)) || !(width > 0))
    return { edges: [low, high], counts: [values.length - missing], missing };
  // Clamped to `high`: with subnormal samples `low + i * width` rounds past it (-1e-323..6e-323 in 9 bins).
  const edges = Array.from({ length: binCount + 1 }, (_, index) => (index === binCount ? high : Math.min(high, low + index * width)));
  const counts = new Array<number>(binCount).fill(0);
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (!Number.isFinite(value)) continue;
    counts[Math.min(binCount - 1, Math.floor((value - low) / width))]!++;
  }
  return { edges, counts, missing };
}
