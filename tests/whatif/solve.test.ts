import { describe, expect, it } from "vitest";
import { type Measurement, scanPoints, solve } from "../../src/whatif/solve.js";

const metric =
  (f: (x: number) => number | null, target: number) =>
  (x: number): Measurement => ({ valid: true, metric: f(x), target });

describe("scanPoints", () => {
  it("spreads log-spaced points over a wide positive range, evenly otherwise", () => {
    const log = scanPoints(1, 10_000, false, 4);
    // 1, 10, 100, 1000, 10000
    expect(log.map((x) => Math.round(x))).toEqual([1, 10, 100, 1000, 10_000]);
    expect(scanPoints(-1, 1, false, 4)).toEqual([-1, -0.5, 0, 0.5, 1]);
  });

  it("takes every whole number of a short integer range", () => {
    expect(scanPoints(1.5, 6, true)).toEqual([2, 3, 4, 5, 6]);
  });
});

describe("solve", () => {
  it("finds a root by bisection to 1e-12 relative: x^2 = 2 at sqrt(2)", () => {
    const outcome = solve({ low: 0, high: 10, integer: false, rule: "equal", evaluate: metric((x) => x * x, 2) });
    expect(outcome.solutions).toHaveLength(1);
    expect(Math.abs(outcome.solutions[0]!.x - Math.SQRT2)).toBeLessThan(1e-11);
  });

  it("finds every crossing in the range: (x - 1)(x - 3) = 0 at 1 and 3", () => {
    const outcome = solve({ low: 0.05, high: 4.05, integer: false, rule: "equal", evaluate: metric((x) => (x - 1) * (x - 3), 0) });
    expect(outcome.solutions.map((solution) => solution.x)).toEqual([expect.closeTo(1, 10), expect.closeTo(3, 10)]);
  });

  it("reports progress after each value of the scan, not after the bisections", () => {
    const seen: [number, number][] = [];
    // x^2 = 2 on 0..10: a scan of 101 values, then a bisection between 1.4 and 1.5.
    const outcome = solve({
      low: 0,
      high: 10,
      integer: false,
      rule: "equal",
      evaluate: metric((x) => x * x, 2),
      progress: (done, total) => void seen.push([done, total]),
    });
    expect(seen).toEqual(Array.from({ length: 101 }, (_, index) => [index + 1, 101]));
    expect(outcome.evaluations).toBeGreaterThan(101);
  });

  it("reports no solution where the metric never reaches the target", () => {
    const outcome = solve({ low: 1, high: 100, integer: false, rule: "equal", evaluate: metric((x) => 1 / x, 5) });
    expect(outcome.solutions).toEqual([]);
    expect(outcome.evaluations).toBe(101);
  });

  it("at-most: the lowest input from which a day metric is on or before the target (null = never)", () => {
    // The day a quantity x * t first reaches 1000: ceil(1000 / x), never when x <= 0.
    const day = (x: number) => (x <= 0 ? null : Math.ceil(1000 / x));
    const outcome = solve({ low: 1, high: 100, integer: false, rule: "at-most", evaluate: metric(day, 20) });
    const [solution] = outcome.solutions;
    // ceil(1000 / x) <= 20 <=> x >= 50
    expect(solution!.x).toBeCloseTo(50, 9);
    expect(solution!.x).toBeGreaterThanOrEqual(50);
    expect(solution!.metric).toBe(20);
    expect(solution!.edge).toBe("lowest");
  });

  it("is: the edge of a true/false metric, reported on the side where it has the target value", () => {
    const evaluate = (x: number): Measurement => ({ valid: true, metric: x < 7.25, target: true });
    const [solution] = solve({ low: 0, high: 10, integer: false, rule: "is", evaluate }).solutions;
    expect(solution!.x).toBeLessThan(7.25);
    expect(solution!.x).toBeCloseTo(7.25, 9);
    expect(solution!.edge).toBe("highest");
  });

  it("bisects whole-number inputs down to neighbours and keeps the closer one", () => {
    // 10 * n = 437: the root 43.7 is not whole; 44 is closer (3 against 7)
    const outcome = solve({ low: 1, high: 1000, integer: true, rule: "equal", evaluate: metric((n) => 10 * n, 437) });
    expect(outcome.solutions).toEqual([{ x: 44, metric: 440, target: 437, exact: false }]);
  });

  it("skips invalid inputs while scanning and brackets between the valid ones", () => {
    // Invalid below 2; the root of x - 5 lies among the valid points.
    const evaluate = (x: number): Measurement => (x < 2 ? { valid: false, reason: "too small" } : { valid: true, metric: x, target: 5 });
    const outcome = solve({ low: 0, high: 10, integer: false, rule: "equal", evaluate });
    expect(outcome.solutions[0]!.x).toBe(5);
    expect(outcome.samples.filter((sample) => !sample.evaluation.valid)).toHaveLength(20);
  });
});
