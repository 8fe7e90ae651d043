import { describe, expect, it } from "vitest";
import { cumulative, firstDay, ratio, settled, sum } from "../../src/model/arithmetic.js";

describe("ratio", () => {
  it("divides", () => {
    expect(ratio(6, 3)).toBe(2);
    expect(ratio(0, 5)).toBe(0);
  });

  it("is null for a zero or missing denominator or a missing numerator", () => {
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
    expect(ratio(2, null)).toBeNull();
  });

  it("is null where the quotient overflows", () => {
    expect(ratio(1e308, 1e-308)).toBeNull();
  });
});

describe("sum, cumulative, firstDay", () => {
  it("sums", () => {
    expect(sum([1, 2, 3.5])).toBe(6.5);
    expect(sum([])).toBe(0);
  });

  it("gives running totals", () => {
    expect(cumulative([1, 2, 3, 4])).toEqual([1, 3, 6, 10]);
    expect(cumulative([])).toEqual([]);
  });

  it("finds the first index that holds, or null", () => {
    expect(firstDay(5, (t) => t * t > 5)).toBe(3);
    expect(firstDay(3, () => false)).toBeNull();
    expect(firstDay(0, () => true)).toBeNull();
  });
});

describe("settled", () => {
  it("is 0 within 1e-12 of the scale, the difference itself beyond", () => {
    // 1e-12 x 40 = 4e-11: -2.22e-14 is rounding, 1e-10 is a figure
    expect(settled(-2.22e-14, 40)).toBe(0);
    expect(settled(1e-10, 40)).toBe(1e-10);
    expect(settled(-1e-10, 40)).toBe(-1e-10);
    // at scale 0 only an exact 0 settles
    expect(settled(1e-300, 0)).toBe(1e-300);
    expect(settled(0, 0)).toBe(0);
  });
});
