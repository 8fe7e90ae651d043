import { describe, expect, it } from "vitest";
import { SECTION_INPUTS, toModelInput } from "../../src/scenario/model-input.js";
import type { ModelInput } from "../../src/model/index.js";
import { BASE, scenarioData } from "../helpers/scenario-data.js";

const input = (changes: Record<string, unknown> = {}) => toModelInput(scenarioData({ ...BASE, ...changes }));

describe("toModelInput: defaults of model.md", () => {
  it("fills in the defaults of the smallest scenario", () => {
    expect(input()).toEqual({
      horizonDays: 365,
      acquisition: {
        buying: null,
        channels: [],
        durationDays: 365,
        annualCostChange: 0,
        organicInstallsPerDay: 0,
        organicRatio: 0,
        schedule: null,
      },
      retention: [
        { day: 1, rate: 0.5 },
        { day: 7, rate: 0.2 },
      ],
      retentionTail: "power",
      usage: { sessionsPerDau: 1, turns: { kind: "fixed", turns: 2 }, maxTurnsPerDay: null, lifetimeDays: 365 },
      tokens: {
        system: 0,
        context: 0,
        input: 10,
        output: 20,
        reasoning: 0,
        history: { kind: "full" },
        historyIncludesContext: false,
        cacheHitRate: 0,
      },
      // v2: the v1 single price is the one-route case (name default, share 1); reasoning defaults to output
      inference: {
        routes: [
          {
            name: "default",
            share: 1,
            annualPriceChange: 0,
            serving: { kind: "price", price: { base: { input: 1, cachedInput: 1, output: 2, reasoning: 2 }, tiers: [] } },
            tokens: {},
          },
        ],
        routesGiven: false,
      },
      training: { runs: [], usefulLifeDays: 365, retrain: false, annualCostChange: 0, appShare: 1 },
      revenue: null,
    });
  });

  it("takes duration, lifetime and useful life from the horizon when left out", () => {
    const model = input({ horizon_days: 90, training: { runs: [{ cost: 5 }] } });
    expect(model.acquisition.durationDays).toBe(90);
    expect(model.usage.lifetimeDays).toBe(90);
    expect(model.training.usefulLifeDays).toBe(90);
  });

  it("keeps them when given", () => {
    const model = input({
      horizon_days: 90,
      acquisition: { daily_budget: 1, duration_days: 30, channels: [{ name: "a", cpa: 1 }] },
      usage: { sessions_per_dau: 1, turns_per_session: 2, lifetime_days: 180 },
      training: { runs: [{ cost: 5 }], useful_life_days: 730 },
    });
    expect(model.acquisition.durationDays).toBe(30);
    expect(model.usage.lifetimeDays).toBe(180);
    expect(model.training.usefulLifeDays).toBe(730);
  });
});

describe("toModelInput: names in the model's terms", () => {
  it("budget or installs mode, and a lone channel's share of 1", () => {
    expect(input({ acquisition: { daily_budget: 5, channels: [{ name: "a", cpa: 2 }] } }).acquisition).toMatchObject({
      buying: { kind: "budget", dailyBudget: 5 },
      channels: [{ name: "a", share: 1, cost: { kind: "cpa", cpa: 2 } }],
    });
    expect(input({ acquisition: { daily_installs: 7, channels: [{ name: "a", cpa: 2 }] } }).acquisition.buying).toEqual({
      kind: "installs",
      dailyInstalls: 7,
    });
  });

  it("each cost form", () => {
    const { channels } = input({
      acquisition: {
        daily_budget: 5,
        channels: [
          { name: "a", share: 0.5, cpm: 12, ctr: 0.01, cvr: 0.1 },
          { name: "b", share: 0.5, cpc: 1, cvr: 0.2 },
        ],
      },
    }).acquisition;
    expect(channels.map((channel) => channel.cost)).toEqual([
      { kind: "cpm", cpm: 12, ctr: 0.01, cvr: 0.1 },
      { kind: "cpc", cpc: 1, cvr: 0.2 },
    ]);
  });

  it("organic growth without channels buys nothing", () => {
    expect(input({ acquisition: { organic_installs_per_day: 50, organic_ratio: 0.3 } }).acquisition).toEqual({
      buying: null,
      channels: [],
      durationDays: 365,
      annualCostChange: 0,
      organicInstallsPerDay: 50,
      organicRatio: 0.3,
      schedule: null,
    });
  });

  it("history: full, none or a window of N turns", () => {
    const history = (value: unknown) => input({ tokens: { input: 1, output: 1, history: value } }).tokens.history;
    expect(history("full")).toEqual({ kind: "full" });
    expect(history("none")).toEqual({ kind: "none" });
    expect(history(6)).toEqual({ kind: "window", turns: 6 });
    expect(history(0)).toEqual({ kind: "window", turns: 0 });
  });

  /** The price list of the one route. */
  const priceOf = (model: ModelInput) => {
    const serving = model.inference.routes[0]!.serving;
    if (serving.kind !== "price") throw new Error("expected a priced route");
    return serving.price;
  };

  it("cached_input defaults to input, reasoning to output, and each is kept when given", () => {
    expect(priceOf(input({ inference: { price: { input: 3, output: 9 } } })).base).toEqual({
      input: 3,
      cachedInput: 3,
      output: 9,
      reasoning: 9,
    });
    expect(priceOf(input({ inference: { price: { input: 3, cached_input: 0.5, output: 9, reasoning: 12 } } })).base).toEqual({
      input: 3,
      cachedInput: 0.5,
      output: 9,
      reasoning: 12,
    });
  });

  it("a tier's cached_input defaults to the tier's input, its reasoning to the tier's output", () => {
    const tiers = [{ above: 200_000, input: 6, output: 18 }];
    expect(priceOf(input({ inference: { price: { input: 3, cached_input: 1, output: 9, tiers } } })).tiers).toEqual([
      { above: 200_000, prices: { input: 6, cachedInput: 6, output: 18, reasoning: 18 } },
    ]);
  });

  it("retention points in day order, whatever the order in the file", () => {
    expect(input({ retention: { d30: 0.1, d1: 0.4, d7: 0.2 } }).retention).toEqual([
      { day: 1, rate: 0.4 },
      { day: 7, rate: 0.2 },
      { day: 30, rate: 0.1 },
    ]);
  });

  it("training runs, named 'run N' when unnamed", () => {
    expect(
      input({
        training: {
          runs: [
            { gpu_hours: 10, gpu_hour_price: 2 },
            { name: "sft", cost: 5 },
          ],
        },
      }).training.runs,
    ).toEqual([
      { name: "run 1", kind: "gpu", gpuHours: 10, gpuHourPrice: 2 },
      { name: "sft", kind: "cost", cost: 5 },
    ]);
  });

  it("revenue forms", () => {
    // store_fee defaults to 0 (model-v2.md 8)
    expect(input({ revenue: { arpdau: 0.05 } }).revenue).toEqual({ kind: "arpdau", arpdau: 0.05, storeFee: 0 });
    expect(input({ revenue: { paying_share: 0.02, arppu_monthly: 49 } }).revenue).toEqual({
      kind: "paying",
      payingShare: 0.02,
      arppuMonthly: 49,
      storeFee: 0,
    });
  });
});

describe("SECTION_INPUTS: toModelInput section by section", () => {
  // Each section changed from BASE, at a horizon that its defaults (duration, lifetime, useful life) take.
  const horizon = { ...BASE, horizon_days: 90 };
  const changed: Record<string, Record<string, unknown>> = {
    acquisition: { daily_installs: 50, channels: [{ name: "a", cpa: 2, annual_cost_change: 0.1 }] },
    retention: { d1: 0.4, d30: 0.1, tail: "flat" },
    usage: { sessions_per_dau: 2, turns_distribution: { geometric: { mean: 3 } } },
    tokens: { input: 30, output: 5, history: 4, cache_hit_rate: 0.5 },
    inference: { routes: [{ name: "r", share: 1, price: { input: 3, output: 4 } }] },
    training: { runs: [{ cost: 5 }], retrain: true },
    revenue: { subscription: { conversion: 0.1, price_monthly: 10, monthly_churn: 0.2 } },
  };

  it("has a part for each section it reads, and every key of the input but horizonDays in one of them", () => {
    expect(Object.keys(SECTION_INPUTS).sort()).toEqual(Object.keys(changed).sort());
    const keys = Object.keys(SECTION_INPUTS).flatMap((section) => Object.keys(SECTION_INPUTS[section]!(scenarioData(horizon))));
    expect(keys.sort()).toEqual(
      Object.keys(toModelInput(scenarioData(horizon)))
        .filter((key) => key !== "horizonDays")
        .sort(),
    );
  });

  it("puts one changed section's part in place of the file's: toModelInput of the changed scenario", () => {
    const before = toModelInput(scenarioData(horizon));
    for (const [section, value] of Object.entries(changed)) {
      const after = scenarioData({ ...horizon, [section]: value });
      const patched = { ...before, ...SECTION_INPUTS[section]!(after) };
      expect(patched, section).toEqual(toModelInput(after));
      expect(patched, section).not.toEqual(before);
    }
  });
});
