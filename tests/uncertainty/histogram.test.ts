import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { histogramOf } from "../../src/uncertainty/histogram.js";

describe("histogramOf", () => {
  it("counts values in equal-width bins, the maximum in the last", () => {
    // 0..10 in 5 bins of width 2: [0,2) holds 0 and 1.9; [2,4) 2; [4,6) none; [6,8) 7; [8,10] 10.
    expect(histogramOf([0, 1.9, 2, 7, 10], 5)).toEqual({ edges: [0, 2, 4, 6, 8, 10], counts: [2, 1, 0, 1, 1], missing: 0 });
  });

  it("counts n/a samples (NaN) apart", () => {
    expect(histogramOf([1, Number.NaN, 3, Number.NaN], 2)).toEqual({ edges: [1, 2, 3], counts: [1, 1], missing: 2 });
  });

  it("puts identical samples in one bin, and has no bin without a number", () => {
    expect(histogramOf([4, 4, 4], 10)).toEqual({ edges: [4, 4], counts: [3], missing: 0 });
    // 0.155 computed along different paths: equal but for the last bits.
    expect(histogramOf([0.155, 0.155 * (1 + 1e-15), 0.155 * (1 - 1e-15)], 10).counts).toEqual([3]);
    expect(histogramOf([Number.NaN], 10)).toEqual({ edges: [], counts: [], missing: 1 });
  });

  it("refuses a bin count that is not a whole number >= 1", () => {
    expect(() => histogramOf([1, 2], 0)).toThrow(RangeError);
  });

  it("keeps its edges in order when subnormal samples make the bin width round up (a counterexample fast-check found)", () => {
    // width = 7e-323 / 9 rounds to 1e-323, so low + 8 * width = 7e-323 would pass high = 6e-323
    const { edges } = histogramOf([-1e-323, 6e-323], 9);
    for (let i = 1; i < edges.length; i++) expect(edges[i]!).toBeGreaterThanOrEqual(edges[i - 1]!);
    expect(edges.at(-1)).toBe(6e-323);
  });

  it("counts every finite sample exactly once, inside its bin's edges", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        (values, bins) => {
          const { edges, counts, missing } = histogramOf(values, bins);
          expect(missing).toBe(0);
          expect(counts.reduce((a, b) => a + b, 0)).toBe(values.length);
          // == rather than Object.is: 0 and -0 are one edge.
          expect(edges[0] === Math.min(...values)).toBe(true);
          expect(edges.at(-1) === Math.max(...values)).toBe(true);
          for (let i = 1; i < edges.length; i++) expect(edges[i]!).toBeGreaterThanOrEqual(edges[i - 1]!);
        },
      ),
    );
  });
});
