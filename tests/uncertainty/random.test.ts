import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/uncertainty/random.js";

const draws = (seed: number, count: number) => {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => random());
};

describe("mulberry32", () => {
  it("gives the same sequence for the same seed, and another for another seed", () => {
    expect(draws(42, 1000)).toEqual(draws(42, 1000));
    const [a, b] = [draws(42, 100), draws(43, 100)];
    expect(a.filter((value, index) => value === b[index])).toEqual([]);
  });

  it("draws multiples of 2^-32 in [0, 1)", () => {
    for (const value of draws(7, 10_000)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      expect(Number.isInteger(value * 2 ** 32)).toBe(true);
    }
  });

  it("is uniform: mean 1/2, variance 1/12, ten equal buckets, over 100,000 draws", () => {
    const n = 100_000;
    const values = draws(1, n);
    const mean = values.reduce((sum, value) => sum + value, 0) / n;
    // The standard error of the mean is sqrt(1/12 / n) = 0.00091: 0.005 is over 5 of them.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / n;
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
    // Each tenth holds 10,000 expected, standard deviation sqrt(n * 0.1 * 0.9) = 95.
    const buckets = new Array<number>(10).fill(0);
    for (const value of values) buckets[Math.floor(value * 10)]!++;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it("takes any 32-bit seed, 0 and 2^32 - 1 included", () => {
    expect(draws(0, 3)).not.toEqual(draws(0xffff_ffff, 3));
    expect(new Set(draws(0, 1000)).size).toBe(1000);
  });
});
