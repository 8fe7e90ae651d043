import { describe, expect, it } from "vitest";
import { drawingPicker, loguniformQuantile, quantile, triangularQuantile, uniformQuantile } from "../../src/uncertainty/distributions.js";
import { mulberry32 } from "../../src/uncertainty/random.js";

describe("inverse CDFs at quantiles worked by hand", () => {
  it("uniform: low + u (high - low)", () => {
    expect(uniformQuantile(10, 20, 0)).toBe(10);
    expect(uniformQuantile(10, 20, 0.1)).toBe(11);
    expect(uniformQuantile(10, 20, 0.5)).toBe(15);
  });

  it("triangular(0, 1, mode 0): CDF 1 - (1 - x)², so the median is 1 - √0.5", () => {
    expect(triangularQuantile(0, 1, 0, 0.5)).toBeCloseTo(1 - Math.sqrt(0.5), 15);
    // P90: (1 - x)² = 0.1
    expect(triangularQuantile(0, 1, 0, 0.9)).toBeCloseTo(1 - Math.sqrt(0.1), 15);
  });

  it("triangular(0, 1, mode 1): CDF x², so the median is √0.5", () => {
    expect(triangularQuantile(0, 1, 1, 0.5)).toBeCloseTo(Math.sqrt(0.5), 15);
  });

  it("triangular(0, 10, mode 5): CDF x² / 50 up to the mode, so u = 0.125 at 2.5 and the median at the mode", () => {
    expect(triangularQuantile(0, 10, 5, 0.125)).toBeCloseTo(2.5, 14);
    expect(triangularQuantile(0, 10, 5, 0.5)).toBeCloseTo(5, 14);
  });

  it("triangular(2, 8, mode 4): past the mode (F(4) = 1/3) the CDF is 1 - (8 - x)² / 24, so u = 0.9 at 8 - √2.4", () => {
    expect(triangularQuantile(2, 8, 4, 0.9)).toBeCloseTo(8 - Math.sqrt(2.4), 14);
    // At the mode, both branches agree.
    expect(triangularQuantile(2, 8, 4, 1 / 3)).toBeCloseTo(4, 14);
  });

  it("a range of zero width is its one value", () => {
    expect(triangularQuantile(3, 3, 3, 0.7)).toBe(3);
    expect(quantile(3, 3, "uniform", undefined, 0.7)).toBe(3);
    expect(quantile(3, 3, "loguniform", undefined, 0.7)).toBeCloseTo(3, 14);
  });

  it("loguniform(1, 100): uniform in ln x, so the median is 10 and u = 1/4 gives √10", () => {
    expect(loguniformQuantile(1, 100, 0)).toBe(1);
    expect(loguniformQuantile(1, 100, 0.5)).toBeCloseTo(10, 13);
    expect(loguniformQuantile(1, 100, 0.25)).toBeCloseTo(Math.sqrt(10), 13);
  });
});

describe("drawingPicker", () => {
  const fixed = (u: number) => drawingPicker(() => u);

  it("rounds whole-number fields to the nearest whole number", () => {
    // uniform(1, 3) at 0.3 = 1.6 -> 2; at 0.2 = 1.4 -> 1
    expect(fixed(0.3)(1, 3, "uniform", undefined, true)).toBe(2);
    expect(fixed(0.2)(1, 3, "uniform", undefined, true)).toBe(1);
    expect(fixed(0.3)(1, 3, "uniform", undefined, false)).toBeCloseTo(1.6, 15);
  });

  it("keeps a draw within the range's bounds even where exp and log round past them", () => {
    const almostOne = 1 - 2 ** -32;
    for (const [low, high] of [
      [0.3, 1],
      [1e-6, 1],
      [0.7, 0.9],
    ] as const) {
      const value = fixed(almostOne)(low, high, "loguniform", undefined, false);
      expect(value).toBeLessThanOrEqual(high);
      expect(value).toBeGreaterThanOrEqual(low);
    }
  });

  it("draws a triangular(0, 1, mode 0) whose sample median is near 1 - √0.5", () => {
    const pick = drawingPicker(mulberry32(5));
    const values = Array.from({ length: 20_001 }, () => pick(0, 1, "triangular", 0, false)).sort((a, b) => a - b);
    // The median's standard error is 1 / (2 f(m) √n) = 1 / (2 * 2√0.5 * 141) = 0.0025.
    expect(Math.abs(values[10_000]! - (1 - Math.sqrt(0.5)))).toBeLessThan(0.0125);
  });
});
