import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RouteCost } from "../../src/model/routes.js";
import { servePerDauDay, sessionsPerDauDay } from "../../src/model/serving.js";
import type { Usage } from "../../src/model/index.js";

const usage: Usage = { sessionsPerDau: 1.5, turns: { kind: "fixed", turns: 8 }, maxTurnsPerDay: null, lifetimeDays: 365 };

describe("sessionsPerDauDay and the daily turn cap, on the mean turns E[n]", () => {
  it("is sessions_per_dau without a cap", () => {
    expect(sessionsPerDauDay(usage, 8)).toBe(1.5);
  });

  it("is unchanged when turns a day (1.5 * 8 = 12) stay within the cap", () => {
    expect(sessionsPerDauDay({ ...usage, maxTurnsPerDay: 40 }, 8)).toBe(1.5);
    expect(sessionsPerDauDay({ ...usage, maxTurnsPerDay: 12 }, 8)).toBe(1.5);
  });

  it("cuts sessions to max_turns_per_day / E[n] above the cap", () => {
    // 12 turns > 10: 10 / 8 = 1.25 sessions
    expect(sessionsPerDauDay({ ...usage, maxTurnsPerDay: 10 }, 8)).toBe(1.25);
    // a geometric length of mean 2.5: 1.5 * 2.5 = 3.75 turns > 3: 3 / 2.5 = 1.2 sessions
    expect(sessionsPerDauDay({ ...usage, turns: { kind: "geometric", mean: 2.5 }, maxTurnsPerDay: 3 }, 2.5)).toBe(1.2);
  });

  it("never lets expected turns a day exceed the cap", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 1, max: 100, noNaN: true }),
        fc.double({ min: 0.5, max: 1000, noNaN: true }),
        (sessionsPerDau, meanTurns, cap) => {
          const sessions = sessionsPerDauDay({ ...usage, sessionsPerDau, maxTurnsPerDay: cap }, meanTurns);
          expect(sessions * meanTurns).toBeLessThanOrEqual(cap * (1 + 1e-12));
          expect(sessions).toBeLessThanOrEqual(sessionsPerDau);
        },
      ),
    );
  });
});

function route(share: number, costPerSession: number, annualPriceChange: number): RouteCost {
  const base = { input: 1, cachedInput: 1, output: 1, reasoning: 1 };
  const tokens = { input: 0, cachedInput: 0, output: 0, reasoning: 0 };
  return { name: "r", share, annualPriceChange, prices: { base, tiers: [] }, tokens, costPerSession };
}

describe("servePerDauDay: serve(t) = sessions * Σ_r share_r session_cost_r(t)", () => {
  it("is the same every day without a price change", () => {
    // 2 sessions at 3 a session: 6
    expect(servePerDauDay([route(1, 3, 0)], 2, 4)).toEqual([6, 6, 6, 6]);
  });

  it("drifts every route's cost by its own change: -90 % a year leaves a tenth at day 365", () => {
    // The 20-turn session costs 0.2504 (tokens.test.ts); 1.5 sessions: 0.3756 a day, 0.03756 a year later.
    const serve = servePerDauDay([route(1, 0.2504, -0.9)], 1.5, 366);
    expect(serve).toHaveLength(366);
    expect(serve[0]).toBeCloseTo(0.3756, 12);
    expect(serve[365]).toBeCloseTo(0.03756, 12);
  });

  it("mixes routes by share, each with its own drift", () => {
    // day 0: 2 * (0.7 * 1 + 0.3 * 10) = 2 * 3.7 = 7.4
    // day 365: route 1 halves (-50 %), route 2 doubles (+100 %): 2 * (0.7 * 0.5 + 0.3 * 20) = 2 * 6.35 = 12.7
    const serve = servePerDauDay([route(0.7, 1, -0.5), route(0.3, 10, 1)], 2, 366);
    expect(serve[0]).toBeCloseTo(7.4, 12);
    expect(serve[365]).toBeCloseTo(12.7, 12);
  });
});
