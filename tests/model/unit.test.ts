import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cacIncremental,
  cohortServeByAge,
  inferencePerUser,
  installWeights,
  marginByAge,
  paybackDay,
  revenueByAgeFromArpdau,
  turnoverByAge,
} from "../../src/model/unit.js";

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

describe("the average acquired user (model-v2.md, section 9)", () => {
  it("weights are installs over N; with no installs, the day-0 user alone", () => {
    // 30, 10, 0, 10 of 50
    expect(installWeights([30, 10, 0, 10])).toEqual([0.6, 0.2, 0, 0.2]);
    expect(installWeights([0, 0, 0])).toEqual([1, 0, 0]);
  });

  it("with no price drift the cohort-weighted inference is the day-0 figure", () => {
    const serve = [0.4, 0.4, 0.4, 0.4, 0.4];
    const byAge = cohortServeByAge(installWeights([5, 3, 2]), serve, 3);
    expect(byAge.map((x) => Number(x.toFixed(15)))).toEqual([0.4, 0.4, 0.4]);
    // Σ R(a) * 0.4 = 1.75 * 0.4 = 0.7, the day-0 figure
    expect(inferencePerUser(R, byAge, 3)).toBeCloseTo(inferencePerUser(R, serve, 3), 15);
  });

  it("with drift it is lower, by a hand-computed amount on a 3-day example", () => {
    /*
     * H = 3, L = 3, installs 50, 30, 20 (N = 100): w = 0.5, 0.3, 0.2.
     * Prices halve every day: serve(t) = 8 * 0.5^t = 8, 4, 2, 1, 0.5 for t = 0..4.
     * Σ_d w_d serve(d + a):
     *   a = 0: 0.5 * 8 + 0.3 * 4 + 0.2 * 2   = 4 + 1.2 + 0.4   = 5.6
     *   a = 1: 0.5 * 4 + 0.3 * 2 + 0.2 * 1   = 2 + 0.6 + 0.2   = 2.8
     *   a = 2: 0.5 * 2 + 0.3 * 1 + 0.2 * 0.5 = 1 + 0.3 + 0.1   = 1.4
     * (each is g^a Σ_d w_d g^d = 0.5^a * 8 * 0.7)
     * With R = 1, 0.5, 0.25: inference_per_user = 5.6 + 1.4 + 0.35 = 7.35;
     * the day-0 user: 8 + 0.5 * 4 + 0.25 * 2 = 10.5, so 3.15 (30 %) more.
     */
    const serve = [8, 4, 2, 1, 0.5];
    const byAge = cohortServeByAge(installWeights([50, 30, 20]), serve, 3);
    expect(byAge[0]).toBeCloseTo(5.6, 14);
    expect(byAge[1]).toBeCloseTo(2.8, 14);
    expect(byAge[2]).toBeCloseTo(1.4, 14);
    expect(inferencePerUser(R, byAge, 3)).toBeCloseTo(7.35, 14);
    expect(inferencePerUser(R, serve, 3)).toBeCloseTo(10.5, 14);
  });

  it("for one drifting route, Σ_d w_d g^(d+a) = g^a Σ_d w_d g^d", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: -0.99, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (installs, lifetime, annualChange, serve0) => {
          const g = (1 + annualChange) ** (1 / 365);
          const serve = Array.from({ length: installs.length + lifetime - 1 }, (_, t) => serve0 * g ** t);
          const weights = installWeights(installs);
          const factor = weights.reduce((total, w, d) => total + w * g ** d, 0);
          const byAge = cohortServeByAge(weights, serve, lifetime);
          byAge.forEach((value, age) => expect(value).toBeCloseTo(serve0 * g ** age * factor, 9));
        },
      ),
    );
  });
});

describe("marginByAge and paybackDay", () => {
  it("margin(a) = rev(a) - R(a) servedAt(a), rev(a) = R(a) arpdau", () => {
    // arpdau 3: rev = 3, 1.5, 0.75; margin 3 - 2, 1.5 - 1, 0.75 - 0.25 = 1, 0.5, 0.5
    expect(revenueByAgeFromArpdau(R, 3, 3)).toEqual([3, 1.5, 0.75]);
    expect(marginByAge(R, SERVE, revenueByAgeFromArpdau(R, 3, 3), 3)).toEqual([1, 0.5, 0.5]);
    // a loss-making user: arpdau 1: 1 - 2, 0.5 - 1, 0.25 - 0.25
    expect(marginByAge(R, SERVE, revenueByAgeFromArpdau(R, 1, 3), 3)).toEqual([-1, -0.5, 0]);
  });

  // arpdau 3 over R, SERVE: rev 3, 1.5, 0.75; serving R(a) servedAt(a) = 2, 1, 0.25; turnover their sum
  const TURNOVER = [5, 2.5, 1];

  it("turnover(a) = |rev(a)| + R(a) servedAt(a): the size of what a margin is the difference of", () => {
    expect(turnoverByAge(R, SERVE, revenueByAgeFromArpdau(R, 3, 3), 3)).toEqual(TURNOVER);
  });

  it("payback_day is the first age whose running margin reaches the CAC", () => {
    // running margin 1, 1.5, 2
    expect(paybackDay([1, 0.5, 0.5], TURNOVER, 1.5)).toBe(1);
    expect(paybackDay([1, 0.5, 0.5], TURNOVER, 1.2)).toBe(1);
    expect(paybackDay([1, 0.5, 0.5], TURNOVER, 2)).toBe(2);
    expect(paybackDay([1, 0.5, 0.5], TURNOVER, 0.5)).toBe(0);
  });

  it("is null when the lifetime never pays back, or without a CAC", () => {
    expect(paybackDay([1, 0.5, 0.5], TURNOVER, 2.01)).toBeNull();
    expect(paybackDay([-1, -0.5, 0], TURNOVER, 0.1)).toBeNull();
    expect(paybackDay([1, 0.5, 0.5], TURNOVER, null)).toBeNull();
  });

  it("a shortfall within rounding of the sums is a tie, which pays back; one just past it is not", () => {
    // running margin 2 - 1e-13 at age 2, CAC 2: short by 1e-13, within 1e-12 x (8.5 + 2) = 1.05e-11
    expect(paybackDay([1, 0.5, 0.5 - 1e-13], TURNOVER, 2)).toBe(2);
    // short by 1e-10: more than 1.05e-11, a real shortfall
    expect(paybackDay([1, 0.5, 0.5 - 1e-10], TURNOVER, 2)).toBeNull();
  });
});

describe("cacIncremental = A / (N_paid (1 + organic_ratio))", () => {
  it("leaves the baseline organic installs out", () => {
    // 1200 spent on 100 paid installs that bring 20 organic ones: 1200 / 120 = 10
    expect(cacIncremental(1200, 100, 0.2)).toBe(10);
    expect(cacIncremental(1200, 100, 0)).toBe(12);
  });

  it("is null without paid installs", () => {
    expect(cacIncremental(0, 0, 0.5)).toBeNull();
  });
});
