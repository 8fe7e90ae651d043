import { describe, expect, it } from "vitest";
import { inferencePerUser, marginByAge, paybackDay } from "../../src/model/unit.js";

const R = [1, 0.5, 0.25];
const SERVE = [2, 2, 1];

describe("inferencePerUser: Σ_{a<L} R(a) serve(a)", () => {
  it("sums over the lifetime only", () => {
    // L = 2: 1 * 2 + 0.5 * 2 = 3; L = 3: 3 + 0.25 * 1 = 3.25; L = 1: 2
    expect(inferencePerUser(R, SERVE, 2)).toBe(3);
    expect(inferencePerUser(R, SERVE, 3)).toBe(3.25);
    expect(inferencePerUser(R, SERVE, 1)).toBe(2);
  });
});

describe("marginByAge and paybackDay", () => {
  it("margin(a) = R(a) (arpdau - serve(a))", () => {
    // arpdau 3: 1 * 1, 0.5 * 1, 0.25 * 2 = 1, 0.5, 0.5
    expect(marginByAge(R, SERVE, 3, 3)).toEqual([1, 0.5, 0.5]);
    // a loss-making user: arpdau 1: 1 * -1, 0.5 * -1, 0.25 * 0
    expect(marginByAge(R, SERVE, 1, 3)).toEqual([-1, -0.5, 0]);
  });

  it("payback_day is the first age whose running margin reaches the CAC", () => {
    // running margin 1, 1.5, 2
    expect(paybackDay([1, 0.5, 0.5], 1.5)).toBe(1);
    expect(paybackDay([1, 0.5, 0.5], 1.2)).toBe(1);
    expect(paybackDay([1, 0.5, 0.5], 2)).toBe(2);
    expect(paybackDay([1, 0.5, 0.5], 0.5)).toBe(0);
  });

  it("is null when the lifetime never pays back, or without a CAC", () => {
    expect(paybackDay([1, 0.5, 0.5], 2.01)).toBeNull();
    expect(paybackDay([-1, -0.5, 0], 0.1)).toBeNull();
    expect(paybackDay([1, 0.5, 0.5], null)).toBeNull();
  });
});
