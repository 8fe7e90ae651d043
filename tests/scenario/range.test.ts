import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { centralValue, rangeProblem, type Distribution } from "../../src/scenario/range.js";

describe("centralValue", () => {
  it("uniform: the midpoint", () => {
    // (10 + 15) / 2 = 12.5
    expect(centralValue(10, 15, "uniform", undefined, false)).toBe(12.5);
  });

  it("triangular: the mode", () => {
    expect(centralValue(10, 15, "triangular", 11, false)).toBe(11);
  });

  it("loguniform: sqrt(low * high)", () => {
    // sqrt(1 * 100) = 10; sqrt(2 * 8) = 4
    expect(centralValue(1, 100, "loguniform", undefined, false)).toBe(10);
    expect(centralValue(2, 8, "loguniform", undefined, false)).toBe(4);
  });

  it("rounds for whole-number fields", () => {
    // (2 + 5) / 2 = 3.5 -> 4; (2 + 4) / 2 = 3; sqrt(2 * 5) = 3.16 -> 3; mode 6.4 -> 6
    expect(centralValue(2, 5, "uniform", undefined, true)).toBe(4);
    expect(centralValue(2, 4, "uniform", undefined, true)).toBe(3);
    expect(centralValue(2, 5, "loguniform", undefined, true)).toBe(3);
    expect(centralValue(2, 9, "triangular", 6.4, true)).toBe(6);
  });

  it("lies within [low, high] for every distribution", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom<Distribution>("uniform", "triangular", "loguniform"),
        (a, b, at, dist) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const mode = dist === "triangular" ? low + at * (high - low) : undefined;
          const central = centralValue(low, high, dist, mode, false);
          expect(central).toBeGreaterThanOrEqual(low * (1 - 1e-12));
          expect(central).toBeLessThanOrEqual(high * (1 + 1e-12));
        },
      ),
    );
  });
});

describe("rangeProblem", () => {
  it("accepts well-formed ranges, a point range included", () => {
    expect(rangeProblem(1, 2, "uniform", undefined)).toBeNull();
    expect(rangeProblem(3, 3, "uniform", undefined)).toBeNull();
    expect(rangeProblem(1, 3, "triangular", 1)).toBeNull();
    expect(rangeProblem(1, 3, "triangular", 3)).toBeNull();
    expect(rangeProblem(0.1, 10, "loguniform", undefined)).toBeNull();
    expect(rangeProblem(-5, -1, "uniform", undefined)).toBeNull();
  });

  it("rejects low above high", () => {
    expect(rangeProblem(20, 10, "uniform", undefined)).toBe("low (20) must not be above high (10)");
  });

  it("rejects a triangular range without a mode, or with one outside it", () => {
    expect(rangeProblem(1, 3, "triangular", undefined)).toBe("a triangular range needs a mode");
    expect(rangeProblem(1, 3, "triangular", 4)).toBe("mode (4) must lie between low (1) and high (3)");
    expect(rangeProblem(1, 3, "triangular", 0.5)).toBe("mode (0.5) must lie between low (1) and high (3)");
  });

  it("rejects a mode on another distribution", () => {
    expect(rangeProblem(1, 3, "uniform", 2)).toBe("mode is only used with dist: triangular (dist is uniform)");
  });

  it("rejects a loguniform range that reaches 0", () => {
    expect(rangeProblem(0, 3, "loguniform", undefined)).toBe("a loguniform range needs low > 0 (low is 0)");
  });
});

describe("centralValue is the decimal midpoint (issue 13)", () => {
  it("(0.1 + 0.2) / 2 is 0.15, not 0.15000000000000002", () => {
    expect(centralValue(0.1, 0.2, "uniform", undefined, false)).toBe(0.15);
    // sqrt(0.1 * 0.4) = sqrt(0.04000000000000001) in binary; the decimal answer is 0.2.
    expect(centralValue(0.1, 0.4, "loguniform", undefined, false)).toBe(0.2);
  });

  it("changes a midpoint by at most one part in 1e14", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e12, noNaN: true }), fc.double({ min: 1e-6, max: 1e12, noNaN: true }), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const exact = (low + high) / 2;
        expect(Math.abs(centralValue(low, high, "uniform", undefined, false) - exact)).toBeLessThanOrEqual(exact * 1e-14);
      }),
      { numRuns: 200 },
    );
  });
});
