import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/model/index.js";
import type { ModelInput } from "../../src/model/index.js";
import { handInput, modelInputArb, near, numbersIn } from "../helpers/model-input.js";

/*
 * The growth keys of model-v2.md 5-8 through evaluate(), on the hand case of
 * tests/model/evaluate.test.ts (H = L = 3, R = [1, 0.5, 0.5], serve = 0.01 a day,
 * budget 100 a day at CPA 10 for 2 days, 5 organic installs a day, T = 300 over 6 days).
 */
function withAcquisition(overrides: Partial<ModelInput["acquisition"]>): ModelInput {
  const input = handInput();
  return { ...input, acquisition: { ...input.acquisition, ...overrides } };
}

describe("channel results with saturation", () => {
  it("cpa at day 0's spend, marginal_cpa there, installs and spend from the channel's own path", () => {
    // One channel, CPA 10, S = 100, e = 0.5; 300 a day on days 0-1:
    //   cpa(300) = 10 * (1 + 3)^0.5 = 20: 15 installs a day, 30 in all; spend 600
    //   marginal = 20 * (1 + 3) / (1 + 0.5 * 3) = 80 / 2.5 = 32
    const { result } = evaluate(
      withAcquisition({
        buying: { kind: "budget", dailyBudget: 300 },
        channels: [{ name: "ads", share: 1, cost: { kind: "cpa", cpa: 10 }, saturation: { referenceDailySpend: 100, elasticity: 0.5 } }],
      }),
    );
    expect(result.channels).toEqual([
      {
        name: "ads",
        share: 1,
        cpa: expect.closeTo(20, 12),
        marginal_cpa: expect.closeTo(32, 12),
        spend: 600,
        installs: expect.closeTo(30, 12),
      },
    ]);
    expect(result.totals.paid_installs).toBeCloseTo(30, 12);
    // A = 600 over N = 30 + 15 organic = 45
    expect(result.unit.cac_blended).toBeCloseTo(600 / 45, 12);
  });

  it("two channels, each on its own drift: installs from each path", () => {
    // Budget 100 a day for 2 days, 50/50; a: CPA 10 doubling every day (annual change 2^365 - 1),
    // b: CPA 10 flat. Day 0: 5 + 5 = 10; day 1: 50/20 + 5 = 7.5. a: 7.5 installs, b: 10.
    const { result } = evaluate(
      withAcquisition({
        channels: [
          { name: "a", share: 0.5, cost: { kind: "cpa", cpa: 10 }, annualCostChange: 2 ** 365 - 1 },
          { name: "b", share: 0.5, cost: { kind: "cpa", cpa: 10 } },
        ],
      }),
    );
    expect(result.totals.paid_installs).toBeCloseTo(17.5, 9);
    expect(result.channels.map((channel) => channel.installs)).toEqual([expect.closeTo(7.5, 9), expect.closeTo(10, 12)]);
    expect(result.channels.map((channel) => channel.spend)).toEqual([100, 100]);
  });
});

describe("a schedule through evaluate", () => {
  it("the same as daily_budget with duration_days when it says the same", () => {
    // budget 100 from day 0, stop on day 2 == daily_budget 100, duration 2
    const scheduled = evaluate(
      withAcquisition({
        buying: null,
        schedule: [
          { fromDay: 0, buying: { kind: "budget", dailyBudget: 100 } },
          { fromDay: 2, buying: { kind: "budget", dailyBudget: 0 } },
        ],
      }),
    );
    expect(scheduled.result).toEqual(evaluate(handInput()).result);
  });
});

describe("training and revenue keys through evaluate", () => {
  it("app_share halves training and the committed bill of the milestone", () => {
    // T_H = 0.5 * 300 * 3/6 = 75
    const input = handInput();
    const { result } = evaluate({ ...input, training: { ...input.training, appShare: 0.5 } });
    expect(result.totals.training).toBe(75);
    expect(result.unit.training_per_user).toBeCloseTo(75 / 35, 12);
  });

  it("a store fee nets revenue and LTV", () => {
    // arpdau 1, fee 0.25: revenue = Σ DAU * 0.75 = 57.5 * 0.75
    const input = handInput();
    const gross = evaluate({ ...input, revenue: { kind: "arpdau", arpdau: 1 } }).result;
    const net = evaluate({ ...input, revenue: { kind: "arpdau", arpdau: 1, storeFee: 0.25 } }).result;
    expect(net.totals.revenue).toBeCloseTo(57.5 * 0.75, 12);
    expect(gross.totals.revenue).toBeCloseTo(57.5, 12);
    // ltv falls by exactly the fee on the revenue part: Σ R(a) * 1 * 0.25 over a < 3 = 2 * 0.25
    expect(gross.unit.ltv! - net.unit.ltv!).toBeCloseTo(0.5, 12);
  });

  it("subscription revenue follows installs: day 0 has 15 installs * 0.1 * 30/30", () => {
    const input = handInput();
    const { calendar } = evaluate({ ...input, revenue: { kind: "subscription", conversion: 0.1, priceMonthly: 30, monthlyChurn: 0 } });
    // no churn: subscribers 1.5, 3, 3.5 paying 1 a day
    expect(calendar.revenue).toEqual([expect.closeTo(1.5, 12), expect.closeTo(3, 12), expect.closeTo(3.5, 12)]);
  });

  it("subscription LTV: per-install revenue, independent of retention, less serving", () => {
    // conversion 0.1 at 30 a month = 0.1 a day per install at every age (churn 0), L = 3: 0.3;
    // serving Σ R(a) * 0.01 = (1 + 0.5 + 0.5) * 0.01 = 0.02 (no price drift); ltv = 0.28.
    // A 20 % monthly churn and a 30 % store fee: 0.7 * 0.1 * (1 + 0.8^(1/30) + 0.8^(2/30)) - 0.02
    const input = handInput();
    const flat = evaluate({ ...input, revenue: { kind: "subscription", conversion: 0.1, priceMonthly: 30, monthlyChurn: 0 } }).result;
    expect(flat.unit.ltv).toBeCloseTo(0.28, 12);
    const churned = evaluate({
      ...input,
      revenue: { kind: "subscription", conversion: 0.1, priceMonthly: 30, monthlyChurn: 0.2, storeFee: 0.3 },
    }).result;
    expect(churned.unit.ltv).toBeCloseTo(0.07 * (1 + 0.8 ** (1 / 30) + 0.8 ** (2 / 30)) - 0.02, 12);
  });
});

describe("every v1 input keeps its figures (the growth keys default to v1)", () => {
  it("explicit defaults change nothing: inherited drift, e = 0, power tail, no retrain, app_share 1, no fee", () => {
    fc.assert(
      fc.property(modelInputArb, (input) => {
        const explicit: ModelInput = {
          ...input,
          retentionTail: "power",
          acquisition: {
            ...input.acquisition,
            channels: input.acquisition.channels.map((channel) => ({
              ...channel,
              annualCostChange: input.acquisition.annualCostChange,
              saturation: { referenceDailySpend: 1000, elasticity: 0 },
            })),
          },
          training: { ...input.training, retrain: false, annualCostChange: 0, appShare: 1 },
          revenue: input.revenue === null ? null : { ...input.revenue, storeFee: 0 },
        };
        const left = numbersIn(evaluate(input).result);
        const right = numbersIn(evaluate(explicit).result);
        expect(right.map(([path]) => path)).toEqual(left.map(([path]) => path));
        left.forEach(([path, value], i) => expect(near(value, right[i]![1]), `${path}: ${value} vs ${right[i]![1]}`).toBe(true));
      }),
      { numRuns: 60 },
    );
  });
});
