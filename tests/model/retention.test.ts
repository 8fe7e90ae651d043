import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { retentionAt, retentionCurve } from "../../src/model/retention.js";
import type { RetentionPoint } from "../../src/model/index.js";
import { retentionArb } from "../helpers/model-input.js";

const points = (pairs: Array<[number, number]>): RetentionPoint[] => pairs.map(([day, rate]) => ({ day, rate }));

const TYPICAL = points([
  [1, 0.45],
  [7, 0.25],
  [30, 0.15],
]);

/**
 * d7 = 0.2, d14 = 0.1: halving the rate over a doubling of the day is slope -1 in
 * log-log space, so from day 7 on R(a) = 0.2 * 7 / a = 1.4 / a, tail included.
 */
const INVERSE = points([
  [1, 0.4],
  [7, 0.2],
  [14, 0.1],
]);

describe("retentionAt", () => {
  it("is 1 on the install day", () => {
    expect(retentionAt(TYPICAL, 0)).toBe(1);
    expect(retentionAt(INVERSE, 0)).toBe(1);
  });

  it("equals the given points at their days", () => {
    expect(retentionAt(TYPICAL, 1)).toBeCloseTo(0.45, 12);
    expect(retentionAt(TYPICAL, 7)).toBeCloseTo(0.25, 12);
    expect(retentionAt(TYPICAL, 30)).toBeCloseTo(0.15, 12);
    const many = points([
      [1, 0.5],
      [3, 0.4],
      [7, 0.3],
      [14, 0.2],
      [30, 0.15],
      [60, 0.1],
      [90, 0.08],
      [180, 0.05],
      [365, 0.03],
    ]);
    for (const point of many) expect(retentionAt(many, point.day)).toBeCloseTo(point.rate, 12);
  });

  it("joins points by straight lines in log-log space", () => {
    // Between d7 = 0.2 and d14 = 0.1, R(a) = 1.4 / a: R(10) = 0.14, R(8) = 0.175
    expect(retentionAt(INVERSE, 10)).toBeCloseTo(0.14, 12);
    expect(retentionAt(INVERSE, 8)).toBeCloseTo(0.175, 12);
    // Day 3 between d1 = 0.45 and d7 = 0.25: ln R = ln 0.45 + ln(0.25/0.45) * ln 3 / ln 7
    //   ln(5/9) = -0.58779, ln 3 / ln 7 = 1.09861 / 1.94591 = 0.56458,
    //   R(3) = 0.45 * exp(-0.58779 * 0.56458) = 0.45 * exp(-0.33185) = 0.45 * 0.71760 = 0.32292
    expect(retentionAt(TYPICAL, 3)).toBeCloseTo(0.32292, 5);
    // the same as the power law between the two points
    expect(retentionAt(TYPICAL, 3)).toBeCloseTo(0.45 * (0.25 / 0.45) ** (Math.log(3) / Math.log(7)), 12);
  });

  it("is not a straight line in linear space", () => {
    // Linear interpolation would give 0.2 - 0.1 * 3/7 = 0.15714 at day 10, not 0.14.
    expect(Math.abs(retentionAt(INVERSE, 10) - 0.15714)).toBeGreaterThan(0.01);
  });

  it("extends the last segment past the last point (power-law tail)", () => {
    // R(a) = 1.4 / a: R(28) = 0.05, R(140) = 0.01, R(1400) = 0.001
    expect(retentionAt(INVERSE, 28)).toBeCloseTo(0.05, 12);
    expect(retentionAt(INVERSE, 140)).toBeCloseTo(0.01, 12);
    expect(retentionAt(INVERSE, 1400)).toBeCloseTo(0.001, 12);
  });

  it("stays flat past flat points", () => {
    const flat = points([
      [1, 0.3],
      [30, 0.3],
    ]);
    for (const age of [1, 2, 29, 30, 31, 365]) expect(retentionAt(flat, age)).toBeCloseTo(0.3, 12);
  });

  it("clamps to 1 when a rising tail would exceed it", () => {
    // d1 = 0.9, d3 = 1: R(9) = 0.9 * (1 / 0.9) ** (ln 9 / ln 3) = 0.9 / 0.81 = 1.11 -> 1
    const rising = points([
      [1, 0.9],
      [3, 1],
    ]);
    expect(retentionAt(rising, 9)).toBe(1);
  });

  it("never goes below 0, even far down a steep tail", () => {
    const steep = points([
      [1, 0.5],
      [3, 1e-6],
    ]);
    const far = retentionAt(steep, 3650);
    expect(far).toBeGreaterThanOrEqual(0);
    expect(far).toBeLessThan(1e-6);
  });
});

describe("retentionCurve", () => {
  it("lists R(0) .. R(days-1)", () => {
    const curve = retentionCurve(INVERSE, 15);
    expect(curve).toHaveLength(15);
    expect(curve[0]).toBe(1);
    expect(curve[1]).toBeCloseTo(0.4, 12);
    expect(curve[14]).toBeCloseTo(0.1, 12);
    curve.forEach((rate, age) => expect(rate).toBe(retentionAt(INVERSE, age)));
  });

  it("never increases for non-increasing points, and stays in [0, 1]", () => {
    fc.assert(
      fc.property(retentionArb, (given) => {
        const curve = retentionCurve(given, 800);
        // a hair of slack for exp(log(x)) round trips at the points themselves
        const bad = curve.findIndex((rate, age) => !(rate >= 0 && rate <= 1) || (age > 0 && rate > curve[age - 1]! * (1 + 1e-12)));
        expect(bad, `R(${bad}) = ${curve[bad]}, R(${bad - 1}) = ${curve[bad - 1]}`).toBe(-1);
      }),
    );
  });

  it("passes through every given point", () => {
    fc.assert(
      fc.property(retentionArb, (given) => {
        for (const point of given) expect(retentionAt(given, point.day)).toBeCloseTo(point.rate, 10);
      }),
    );
  });
});

describe("retention.tail past the last point (x_n, y_n), previous point (x_{n-1}, y_{n-1})", () => {
  // d7 = 0.2, d14 = 0.1 (INVERSE): the last segment halves the rate over 7 days.
  it("power (the default) continues the last log-log segment: R(28) = 1.4 / 28 = 0.05", () => {
    expect(retentionAt(INVERSE, 28, "power")).toBeCloseTo(0.05, 12);
    expect(retentionAt(INVERSE, 28)).toBe(retentionAt(INVERSE, 28, "power"));
  });

  it("exponential continues it in log-linear space: halving every 7 days, R(28) = 0.1 / 2^2 = 0.025", () => {
    // ln R(a) = ln 0.1 + (ln 0.1 - ln 0.2) (a - 14) / (14 - 7); a = 28: 0.1 * 0.5^2
    expect(retentionAt(INVERSE, 28, "exponential")).toBeCloseTo(0.025, 12);
    expect(retentionAt(INVERSE, 21, "exponential")).toBeCloseTo(0.05, 12);
  });

  it("flat holds the last rate: R(a) = 0.1 for every a past day 14", () => {
    expect(retentionAt(INVERSE, 15, "flat")).toBe(0.1);
    expect(retentionAt(INVERSE, 3000, "flat")).toBe(0.1);
  });

  it("the tail changes nothing up to the last point", () => {
    for (const age of [0, 1, 3, 7, 10, 14]) {
      expect(retentionAt(INVERSE, age, "exponential")).toBe(retentionAt(INVERSE, age));
      expect(retentionAt(INVERSE, age, "flat")).toBe(retentionAt(INVERSE, age));
    }
  });

  it("flat >= power >= exponential past the last point of a falling curve", () => {
    fc.assert(
      fc.property(retentionArb, fc.integer({ min: 366, max: 2000 }), (given, age) => {
        const flat = retentionAt(given, age, "flat");
        const power = retentionAt(given, age, "power");
        const exponential = retentionAt(given, age, "exponential");
        expect(flat).toBeGreaterThanOrEqual(power * (1 - 1e-12));
        expect(power).toBeGreaterThanOrEqual(exponential * (1 - 1e-12));
      }),
    );
  });
});
