import { describe, expect, it } from "vitest";
import { formatProblem } from "../../src/lib/errors.js";
import { loadScenario } from "../../src/scenario/load.js";
import { userError } from "../helpers/user-error.js";

/**
 * The growth keys of format v2 (model-v2.md 5-8) through the loader: their model input,
 * and a clear error at file:line:col for every rule of model-v2.md "Errors" they touch.
 */
const CORE = [
  "usage: { sessions_per_dau: 1, turns_per_session: 2 }",
  "tokens: { input: 10, output: 20 }",
  "inference: { price: { input: 1, output: 2 } }",
];

function yaml(lines: string[], retention = "retention: { d1: 0.5, d7: 0.2 }"): string {
  return ["name: t", ...lines, retention, ...CORE].join("\n") + "\n";
}

function lines(text: string): string[] {
  return userError(() => loadScenario({ file: "s.yaml", text })).problems.map(formatProblem);
}

describe("growth keys into the model input", () => {
  it("channels, a schedule, the tail, training and revenue keys", () => {
    const { input } = loadScenario({
      file: "s.yaml",
      text: yaml(
        [
          "acquisition:",
          "  schedule:",
          '    - { from_day: 0, daily_budget: "5万" }',
          "    - { from_day: 30, daily_installs: 100 }",
          "  channels:",
          '    - { name: a, cpa: 10, annual_cost_change: 0.5, saturation: { reference_daily_spend: "1万", elasticity: 0.2 } }',
          "training: { runs: [ { cost: 100 } ], retrain: true, annual_cost_change: 1.4, app_share: 0.5 }",
          "revenue: { subscription: { conversion: 0.1, price_monthly: 30, monthly_churn: 0.2 }, store_fee: 0.3 }",
        ],
        "retention: { d1: 0.5, d7: 0.2, tail: flat }",
      ),
    });
    expect(input.acquisition.buying).toBeNull();
    expect(input.acquisition.schedule).toEqual([
      { fromDay: 0, buying: { kind: "budget", dailyBudget: 50_000 } },
      { fromDay: 30, buying: { kind: "installs", dailyInstalls: 100 } },
    ]);
    expect(input.acquisition.channels[0]).toEqual({
      name: "a",
      share: 1,
      cost: { kind: "cpa", cpa: 10 },
      annualCostChange: 0.5,
      saturation: { referenceDailySpend: 10_000, elasticity: 0.2 },
    });
    expect(input.retentionTail).toBe("flat");
    expect(input.training).toMatchObject({ retrain: true, annualCostChange: 1.4, appShare: 0.5 });
    expect(input.revenue).toEqual({ kind: "subscription", conversion: 0.1, priceMonthly: 30, monthlyChurn: 0.2, storeFee: 0.3 });
  });

  it("defaults to v1 without them", () => {
    const { input } = loadScenario({ file: "s.yaml", text: yaml(["acquisition: { daily_budget: 5, channels: [ { name: a, cpa: 1 } ] }"]) });
    expect(input.acquisition.schedule).toBeNull();
    expect(input.acquisition.channels[0]).toEqual({ name: "a", share: 1, cost: { kind: "cpa", cpa: 1 }, saturation: null });
    expect(input.retentionTail).toBe("power");
    expect(input.training).toMatchObject({ retrain: false, annualCostChange: 0, appShare: 1 });
  });
});

describe("growth errors, each at its line and column", () => {
  it("a schedule given with daily_budget and duration_days, a first from_day not 0, days not increasing, two modes in an entry", () => {
    expect(
      lines(
        yaml([
          "acquisition:",
          "  daily_budget: 5",
          "  duration_days: 10",
          "  schedule:",
          "    - { from_day: 3, daily_budget: 5, daily_installs: 2 }",
          "    - { from_day: 3, daily_budget: 1 }",
          "  channels: [ { name: a, cpa: 1 } ]",
        ]),
      ),
    ).toEqual([
      "s.yaml:3:17  acquisition.daily_budget: daily_budget cannot be given with a schedule: the schedule sets the buying of every day (move daily_budget into the schedule's first entry { from_day: 0, daily_budget: ... })",
      "s.yaml:4:18  acquisition.duration_days: duration_days cannot be given with a schedule: the schedule sets the buying of every day (end the buying with a schedule entry { from_day: N, daily_budget: 0 })",
      "s.yaml:6:7  acquisition.schedule.0: a schedule entry gives exactly one of daily_budget or daily_installs, found both",
      "s.yaml:6:19  acquisition.schedule.0.from_day: the schedule's first from_day must be 0, found 3 (every day needs a buying mode; start with { from_day: 0, daily_budget: 0 } to buy nothing at first)",
      "s.yaml:7:19  acquisition.schedule.1.from_day: from_day must strictly increase: 3 follows 3",
    ]);
  });

  it("elasticity >= 1, a reference_daily_spend <= 0, an unknown tail", () => {
    expect(
      lines(
        yaml(
          [
            "acquisition:",
            "  daily_budget: 5",
            "  channels:",
            "    - { name: a, cpa: 1, saturation: { reference_daily_spend: 0, elasticity: 1 } }",
          ],
          "retention: { d1: 0.5, d7: 0.2, tail: linear }",
        ),
      ),
    ).toEqual([
      "s.yaml:5:63  acquisition.channels.0.saturation.reference_daily_spend: expected a number >= 0.000001, found 0",
      "s.yaml:5:78  acquisition.channels.0.saturation.elasticity: expected a number < 1, found 1",
      's.yaml:6:38  retention.tail: expected "power" or "exponential" or "flat", found "linear"',
    ]);
  });

  it("training.annual_cost_change without retrain; two revenue forms; a churn of 1", () => {
    expect(
      lines(
        yaml([
          "training: { runs: [ { cost: 1 } ], annual_cost_change: 1.4 }",
          "revenue: { arpdau: 1, subscription: { conversion: 0.1, price_monthly: 3, monthly_churn: 0.5 } }",
        ]),
      ),
    ).toEqual([
      "s.yaml:2:56  training.annual_cost_change: annual_cost_change is the growth of each retrain's cost: it needs retrain: true (add retrain: true, or remove annual_cost_change)",
      "s.yaml:3:10  revenue: give arpdau, or paying_share with arppu_monthly, or subscription, not more than one",
    ]);
    expect(lines(yaml(["revenue: { subscription: { conversion: 0.1, price_monthly: 3, monthly_churn: 1 } }"]))).toEqual([
      "s.yaml:2:78  revenue.subscription.monthly_churn: expected a number < 1, found 1",
    ]);
  });
});
