import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pricesOnDay, servePerDauDay, sessionsPerDauDay } from "../../src/model/serving.js";
import { sessionTokens } from "../../src/model/tokens.js";
import { plainTokens } from "../helpers/model-input.js";

const usage = { sessionsPerDau: 1.5, turnsPerSession: 8, maxTurnsPerDay: null, lifetimeDays: 365 };

describe("sessionsPerDauDay and the daily turn cap", () => {
  it("is sessions_per_dau without a cap", () => {
    expect(sessionsPerDauDay(usage)).toBe(1.5);
  });

  it("is unchanged when turns a day (1.5 * 8 = 12) stay within the cap", () => {
    expect(sessionsPerDauDay({ ...usage, maxTurnsPerDay: 40 })).toBe(1.5);
    expect(sessionsPerDauDay({ ...usage, maxTurnsPerDay: 12 })).toBe(1.5);
  });

  it("cuts sessions to max_turns_per_day / turns_per_session above the cap", () => {
    // 12 turns > 10: 10 / 8 = 1.25 sessions
    expect(sessionsPerDauDay({ ...usage, maxTurnsPerDay: 10 })).toBe(1.25);
  });

  it("never lets turns a day exceed the cap", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 0.5, max: 1000, noNaN: true }),
        (sessionsPerDau, turnsPerSession, cap) => {
          const sessions = sessionsPerDauDay({ sessionsPerDau, turnsPerSession, maxTurnsPerDay: cap, lifetimeDays: 1 });
          expect(sessions * turnsPerSession).toBeLessThanOrEqual(cap * (1 + 1e-12));
          expect(sessions).toBeLessThanOrEqual(sessionsPerDau);
        },
      ),
    );
  });
});

describe("pricesOnDay and servePerDauDay", () => {
  it("drifts every price: -90 % a year leaves a tenth at day 365", () => {
    const p = pricesOnDay({ input: 0.8, cachedInput: 0.2, output: 2 }, -0.9, 365);
    expect(p.input).toBeCloseTo(0.08, 12);
    expect(p.cachedInput).toBeCloseTo(0.02, 12);
    expect(p.output).toBeCloseTo(0.2, 12);
  });

  it("serve(t) = sessions * session_cost(p(t))", () => {
    // The session costs 0.2504 at 0.8 / 2 (tokens.test.ts); 1.5 sessions: 0.3756 a day,
    // and a tenth of that, 0.03756, a year later at -90 % a year.
    const session = sessionTokens(plainTokens({ system: 800, context: 9000, input: 100, output: 400, history: { kind: "full" } }), 20);
    const serve = servePerDauDay(session, 1.5, { input: 0.8, cachedInput: 0.8, output: 2 }, -0.9, 366);
    expect(serve).toHaveLength(366);
    expect(serve[0]).toBeCloseTo(0.3756, 12);
    expect(serve[365]).toBeCloseTo(0.03756, 12);
  });

  it("is the same every day without a price change", () => {
    // 1 turn of 1e6 input tokens at 3 per 1M: 3 a session, 2 sessions: 6
    const serve = servePerDauDay({ input: 1e6, cachedInput: 0, output: 0 }, 2, { input: 3, cachedInput: 1, output: 9 }, 0, 4);
    expect(serve).toEqual([6, 6, 6, 6]);
  });
});
