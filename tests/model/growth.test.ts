import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compoundedOnDay, driftFactors } from "../../src/model/growth.js";

describe("compoundedOnDay: x(t) = x0 (1 + c) ** (t / 365)", () => {
  it("is x0 on day 0 and after a year has changed by c", () => {
    expect(compoundedOnDay(100, 0.21, 0)).toBe(100);
    // 100 * 1.21 = 121 after a year, 100 * 1.21^2 = 146.41 after two
    expect(compoundedOnDay(100, 0.21, 365)).toBeCloseTo(121, 10);
    expect(compoundedOnDay(100, 0.21, 730)).toBeCloseTo(146.41, 10);
  });

  it("compounds within the year: half a year of +21 % is +10 %", () => {
    // 1.21 ** 0.5 = 1.1
    expect(compoundedOnDay(100, 0.21, 182.5)).toBeCloseTo(110, 10);
  });

  it("a fall of 90 % a year leaves 0.1x at day 365 and 0.01x at day 730", () => {
    expect(compoundedOnDay(2, -0.9, 365)).toBeCloseTo(0.2, 12);
    expect(compoundedOnDay(2, -0.9, 730)).toBeCloseTo(0.02, 12);
  });

  it("does not change with c = 0", () => {
    expect(compoundedOnDay(7, 0, 1000)).toBe(7);
  });

  it("is multiplicative in time: x(a + b) * x0 = x(a) * x(b)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        fc.double({ min: -0.99, max: 10, noNaN: true }),
        fc.integer({ min: 0, max: 3650 }),
        fc.integer({ min: 0, max: 3650 }),
        (x0, c, a, b) => {
          const together = compoundedOnDay(x0, c, a + b) * x0;
          const apart = compoundedOnDay(x0, c, a) * compoundedOnDay(x0, c, b);
          expect(Math.abs(together - apart)).toBeLessThanOrEqual(1e-9 * Math.max(1e-300, Math.abs(apart)));
        },
      ),
    );
  });
});

describe("driftFactors", () => {
  it("gives the multiplier for each day 0 .. days-1", () => {
    const factors = driftFactors(-0.9, 366);
    expect(factors).toHaveLength(366);
    expect(factors[0]).toBe(1);
    expect(factors[365]).toBeCloseTo(0.1, 12);
  });

  it("rises day by day for c > 0 and falls for c < 0", () => {
    const up = driftFactors(0.3, 30);
    const down = driftFactors(-0.3, 30);
    for (let t = 1; t < 30; t++) {
      expect(up[t]!).toBeGreaterThan(up[t - 1]!);
      expect(down[t]!).toBeLessThan(down[t - 1]!);
    }
  });
});
