import { describe, expect, it } from "vitest";
import { nearestRank, percentileOfSorted, sortSamples } from "../../src/uncertainty/percentile.js";

/** The P-th percentile of a small list as the summaries take it: sorted with nulls last (as NaN), then by rank. */
function percentile(values: readonly (number | null)[], percent: number): number | null {
  const found = percentileOfSorted(sortSamples(Float64Array.from(values, (value) => (value === null ? Number.NaN : value))), percent);
  return Number.isNaN(found) ? null : found;
}

describe("nearest-rank percentiles", () => {
  it("of 15, 20, 35, 40, 50: the ⌈P·n/100⌉-th smallest", () => {
    const list = [50, 15, 40, 20, 35];
    // P5: rank ⌈0.25⌉ = 1; P30: ⌈1.5⌉ = 2; P40: ⌈2⌉ = 2; P50: ⌈2.5⌉ = 3; P90: ⌈4.5⌉ = 5; P100: 5
    expect([5, 30, 40, 50, 90, 100].map((p) => percentile(list, p))).toEqual([15, 20, 20, 35, 50, 50]);
  });

  it("of 1..100: P10 = 10, P50 = 50, P90 = 90 (no interpolation)", () => {
    const list = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect([10, 50, 90].map((p) => percentile(list, p))).toEqual([10, 50, 90]);
  });

  it("counts a null figure as above every number", () => {
    // sorted: 1, 2, 3, null; P50 rank 2, P75 rank 3, P90 rank 4
    const list = [3, null, 1, 2];
    expect(percentile(list, 50)).toBe(2);
    expect(percentile(list, 75)).toBe(3);
    expect(percentile(list, 90)).toBeNull();
    expect(percentile([null, null], 10)).toBeNull();
  });

  it("ranks from 1 to n, exactly at whole products", () => {
    expect(nearestRank(10, 2000)).toBe(200);
    expect(nearestRank(90, 2000)).toBe(1800);
    expect(nearestRank(90, 7)).toBe(7);
    expect(nearestRank(10, 1)).toBe(1);
    expect(nearestRank(0, 5)).toBe(1);
    expect(percentile([], 50)).toBeNull();
  });
});
