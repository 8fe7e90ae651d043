import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { nearestRank, percentilesOf } from "../../src/uncertainty/percentile.js";

/** The P-th percentile of a small list as the summaries take it: sorted with nulls last (as NaN), then by rank. */
function percentile(values: readonly (number | null)[], percent: number): number | null {
  const [found] = percentilesOf(
    Float64Array.from(values, (value) => (value === null ? Number.NaN : value)),
    [percent],
  ) as [number];
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

describe("percentilesOf", () => {
  /** The reference: a full sort, NaN last and -0 before 0, then the nearest rank of each. */
  function bySorting(values: readonly number[], percents: readonly number[]): number[] {
    const sorted = [...values].sort((a, b) => {
      if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
      if (a === b) return Object.is(a, -0) === Object.is(b, -0) ? 0 : Object.is(a, -0) ? -1 : 1;
      return a - b;
    });
    return percents.map((percent) => (sorted.length === 0 ? Number.NaN : sorted[nearestRank(percent, sorted.length) - 1]!));
  }

  it("finds what a sort finds, with repeats, NaN and signed zeros", () => {
    const value = fc.oneof(fc.constantFrom(0, -0, Number.NaN, 1, -1, 2.5), fc.double({ noNaN: true, min: -1e6, max: 1e6 }));
    const percents = fc
      .uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 4 })
      .map((list) => list.sort((a, b) => a - b));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), percents, (values, chosen) => {
        const found = percentilesOf(Float64Array.from(values), chosen);
        const expected = bySorting(values, chosen);
        expect(found.map((one) => (Object.is(one, -0) ? "-0" : String(one)))).toEqual(
          expected.map((one) => (Object.is(one, -0) ? "-0" : String(one))),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("of 100,000 copies of one value: that value at every rank", () => {
    // Equal values stop both scans, so the selection halves the range each time.
    expect(percentilesOf(new Float64Array(100_000).fill(7), [10, 50, 90])).toEqual([7, 7, 7]);
  });
});
