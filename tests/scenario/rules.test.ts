import { describe, expect, it } from "vitest";
import { crossFieldProblems, problemsWhereChanged } from "../../src/scenario/rules.js";
import { BASE, scenarioData } from "../helpers/scenario-data.js";

/** The problems of BASE with `changes` over it, as [path, message]. */
function problems(changes: Record<string, unknown>): Array<[string, string]> {
  return crossFieldProblems(scenarioData({ ...BASE, ...changes })).map((problem) => [problem.path.join("."), problem.message]);
}

const cpa = (name: string, share?: number, value = 10) => ({ name, cpa: value, ...(share === undefined ? {} : { share }) });

describe("crossFieldProblems: a valid scenario", () => {
  it("has none", () => {
    expect(problems({})).toEqual([]);
    expect(problems({ acquisition: { daily_budget: 100, channels: [cpa("a", 0.6), cpa("b", 0.4)] } })).toEqual([]);
  });
});

describe("acquisition", () => {
  it("organic only needs no channels", () => {
    expect(problems({ acquisition: { organic_installs_per_day: 100 } })).toEqual([]);
  });

  it("a budget or installs need channels", () => {
    expect(problems({ acquisition: { daily_budget: 100 } })).toEqual([
      [
        "acquisition.daily_budget",
        "daily_budget needs channels to buy from: add acquisition.channels, or remove daily_budget for organic growth only",
      ],
    ]);
    expect(problems({ acquisition: { daily_installs: 100 } })[0]![0]).toBe("acquisition.daily_installs");
  });

  it("exactly one of daily_budget and daily_installs with channels", () => {
    expect(problems({ acquisition: { daily_budget: 1, daily_installs: 1, channels: [cpa("a")] } })).toEqual([
      ["acquisition.daily_installs", "give daily_budget or daily_installs, not both"],
    ]);
    expect(problems({ acquisition: { channels: [cpa("a")] } })).toEqual([
      ["acquisition", "with channels, give exactly one of daily_budget (money per day) or daily_installs (paid installs per day)"],
    ]);
  });

  it("one cost form per channel, each complete, with no stray rates", () => {
    const with_ = (channel: Record<string, unknown>) =>
      problems({ acquisition: { daily_budget: 1, channels: [{ name: "a", ...channel }] } });
    expect(with_({})).toEqual([["acquisition.channels.0", 'channel "a" has no cost: give cpa, or cpm + ctr + cvr, or cpc + cvr']]);
    expect(with_({ cpa: 1, cpm: 2, ctr: 0.1, cvr: 0.1 })).toEqual([
      ["acquisition.channels.0.cpm", "give one cost form per channel (cpa, or cpm + ctr + cvr, or cpc + cvr), found cpa and cpm"],
    ]);
    expect(with_({ cpm: 2 })).toEqual([
      ["acquisition.channels.0", "cpm needs ctr too (cpm + ctr + cvr)"],
      ["acquisition.channels.0", "cpm needs cvr too (cpm + ctr + cvr)"],
    ]);
    expect(with_({ cpc: 2 })).toEqual([["acquisition.channels.0", "cpc needs cvr too (cpc + cvr)"]]);
    expect(with_({ cpc: 2, cvr: 0.1, ctr: 0.1 })).toEqual([
      ["acquisition.channels.0.ctr", "ctr is not used with cpc: cpa, or cpm + ctr + cvr, or cpc + cvr"],
    ]);
    expect(with_({ cpa: 2, cvr: 0.1 })).toEqual([
      ["acquisition.channels.0.cvr", "cvr is not used with cpa: cpa, or cpm + ctr + cvr, or cpc + cvr"],
    ]);
    expect(with_({ cpm: 2, ctr: 0.1, cvr: 0.1 })).toEqual([]);
    expect(with_({ cpc: 2, cvr: 0.1 })).toEqual([]);
  });

  it("a lone channel's share is 1 or left out", () => {
    expect(problems({ acquisition: { daily_budget: 1, channels: [cpa("a", 1)] } })).toEqual([]);
    expect(problems({ acquisition: { daily_budget: 1, channels: [cpa("a", 0.5)] } })).toEqual([
      ["acquisition.channels.0.share", "a lone channel takes all the spend: share must be 1 (or left out), found 0.5"],
    ]);
  });

  it("several channels each need a share", () => {
    expect(problems({ acquisition: { daily_budget: 1, channels: [cpa("a"), cpa("b", 0.5), cpa("c")] } })).toEqual([
      ["acquisition.channels.0", "with several channels, each needs a share of the paid spend"],
      ["acquisition.channels.2", "with several channels, each needs a share of the paid spend"],
    ]);
  });

  it("shares sum to 1, allowing float rounding but not a typo", () => {
    // 0.1 + 0.2 + 0.7 is 1.0000000000000002 in doubles: fine
    expect(problems({ acquisition: { daily_budget: 1, channels: [cpa("a", 0.1), cpa("b", 0.2), cpa("c", 0.7)] } })).toEqual([]);
    // 3 * 0.333 = 0.999
    expect(problems({ acquisition: { daily_budget: 1, channels: [cpa("a", 0.333), cpa("b", 0.333), cpa("c", 0.333)] } })).toEqual([
      ["acquisition.channels", "channel shares must sum to 1, found 0.999"],
    ]);
    // 0.6 + 0.6 = 1.2
    expect(problems({ acquisition: { daily_budget: 1, channels: [cpa("a", 0.6), cpa("b", 0.6)] } })).toEqual([
      ["acquisition.channels", "channel shares must sum to 1, found 1.2"],
    ]);
  });

  it("channel names are unique", () => {
    expect(problems({ acquisition: { daily_budget: 1, channels: [cpa("a", 0.5), cpa("a", 0.5)] } })).toEqual([
      ["acquisition.channels.1.name", 'channel name "a" is used twice; names must be unique'],
    ]);
  });
});

describe("installs mode on saturating channels", () => {
  // cpa 1, S = 1, e = 0.5: spend s buys s / (1 + s) ** 0.5 installs; the most a day's spend
  // of MAX_MONEY (1e15) buys is 1e15 / (1e15 + 1) ** 0.5 ≈ 3.162e7. Far above, the spend
  // needed grows as installs ** 2 and, with e near 1, overflows to Infinity (once: null spend, NaN shares).
  const saturating = (extra: Record<string, unknown>) => ({
    channels: [{ name: "a", cpa: 1, saturation: { reference_daily_spend: 1, elasticity: 0.5 } }],
    ...extra,
  });
  const installsProblems = (acquisition: Record<string, unknown>, changes: Record<string, unknown> = {}) =>
    problems({ acquisition: saturating(acquisition), ...changes }).filter(([, message]) => message.includes("a day"));

  it("accepts daily installs that a daily spend up to MAX_MONEY buys", () => {
    expect(installsProblems({ daily_installs: 3e7 })).toEqual([]);
    expect(installsProblems({ daily_budget: 1e15 })).toEqual([]);
  });

  it("rejects more, at daily_installs or the schedule entry", () => {
    expect(installsProblems({ daily_installs: 4e7 }).map(([path]) => path)).toEqual(["acquisition.daily_installs"]);
    const schedule = [
      { from_day: 0, daily_budget: 10 },
      { from_day: 5, daily_installs: 4e7 },
    ];
    expect(installsProblems({ schedule }).map(([path]) => path)).toEqual(["acquisition.schedule.1.daily_installs"]);
  });

  it("counts the CPA's rise over the horizon: 4x a year over 365 days leaves 3.162e7 / 4 ≈ 7.9e6", () => {
    expect(installsProblems({ daily_installs: 3e7, annual_cost_change: 3 }, { horizon_days: 366 }).map(([path]) => path)).toEqual([
      "acquisition.daily_installs",
    ]);
    expect(installsProblems({ daily_installs: 7e6, annual_cost_change: 3 }, { horizon_days: 366 })).toEqual([]);
    // A channel's own drift overrides the acquisition's; a falling CPA never lowers the bound below day 0's.
    const falling = {
      channels: [{ name: "a", cpa: 1, annual_cost_change: -0.5, saturation: { reference_daily_spend: 1, elasticity: 0.5 } }],
    };
    expect(problems({ acquisition: { daily_installs: 3e7, annual_cost_change: 3, ...falling }, horizon_days: 366 })).toEqual([]);
  });
});

describe("retention", () => {
  it("needs d1 and a later point", () => {
    expect(problems({ retention: { d1: 0.5 } })).toEqual([
      ["retention", "give d1 and at least one later point (d3, d7, d14, d30, d60, d90, d180 or d365)"],
    ]);
  });

  it("never rises, between each point and the one before it", () => {
    expect(problems({ retention: { d1: 0.3, d7: 0.4 } })).toEqual([["retention.d7", "retention never rises: d7 (0.4) is above d1 (0.3)"]]);
    // d30 rises over d7 though it is below d1; d90 rises over d60
    expect(problems({ retention: { d1: 0.5, d7: 0.2, d30: 0.3, d60: 0.1, d90: 0.15 } })).toEqual([
      ["retention.d30", "retention never rises: d30 (0.3) is above d7 (0.2)"],
      ["retention.d90", "retention never rises: d90 (0.15) is above d60 (0.1)"],
    ]);
  });

  it("may stay flat", () => {
    expect(problems({ retention: { d1: 0.3, d7: 0.3, d365: 0.3 } })).toEqual([]);
  });
});

describe("inference, training, revenue", () => {
  it("needs input and output prices unless a model is named", () => {
    expect(problems({ inference: {} })).toEqual([
      ["inference.price", "required: price.input (money per 1M tokens), or name a catalog model with model, or give self_hosted"],
      ["inference.price", "required: price.output (money per 1M tokens), or name a catalog model with model, or give self_hosted"],
    ]);
    expect(problems({ inference: { price: { output: 1 } } })).toHaveLength(1);
    expect(problems({ inference: { model: "some-model" } })).toEqual([]);
  });

  it("a training run is a cost, or gpu_hours with gpu_hour_price", () => {
    const runs = (...items: unknown[]) => problems({ training: { runs: items } });
    expect(runs({ cost: 5 }, { gpu_hours: 10, gpu_hour_price: 2 })).toEqual([]);
    expect(runs({ cost: 5, gpu_hour_price: 2 })).toEqual([
      ["training.runs.0.cost", "give cost, or gpu_hours with gpu_hour_price, not both"],
    ]);
    expect(runs({ cost: 5 }, { gpu_hours: 10 })).toEqual([["training.runs.1", "gpu_hours and gpu_hour_price go together"]]);
    expect(runs({ name: "empty" })).toEqual([["training.runs.0", "a run needs cost, or gpu_hours with gpu_hour_price"]]);
  });

  it("revenue is arpdau, or paying_share with arppu_monthly, or a subscription", () => {
    const oneOf = "give arpdau, or paying_share with arppu_monthly, or subscription";
    expect(problems({ revenue: { arpdau: 1 } })).toEqual([]);
    expect(problems({ revenue: { paying_share: 0.1, arppu_monthly: 30 } })).toEqual([]);
    expect(problems({ revenue: { subscription: { conversion: 0.1, price_monthly: 3, monthly_churn: 0 }, store_fee: 0.3 } })).toEqual([]);
    expect(problems({ revenue: { arpdau: 1, arppu_monthly: 30 } })).toEqual([["revenue", `${oneOf}, not more than one`]]);
    expect(problems({ revenue: { paying_share: 0.1 } })).toEqual([["revenue", oneOf]]);
    expect(problems({ revenue: {} })).toEqual([["revenue", oneOf]]);
    expect(problems({ revenue: { store_fee: 0.3 } })).toEqual([["revenue", oneOf]]);
  });
});

describe("all at once", () => {
  it("reports the problems of every block together", () => {
    const found = problems({
      acquisition: { daily_budget: 1, daily_installs: 1, channels: [cpa("a", 0.5), cpa("b", 0.4)] },
      retention: { d1: 0.5 },
      training: { runs: [{ gpu_hours: 1 }] },
      revenue: {},
    });
    expect(found.map(([path]) => path)).toEqual([
      "acquisition.daily_installs",
      "acquisition.channels",
      "retention",
      "training.runs.0",
      "revenue",
    ]);
  });
});

describe("model-v2 serving rules", () => {
  const usage = (changes: Record<string, unknown>) => problems({ usage: { sessions_per_dau: 1, ...changes } });
  const routes = (...items: unknown[]) => problems({ inference: { routes: items } });
  const priced = (name: string, share: number) => ({ name, share, price: { input: 1, output: 2 } });
  const hosted = { gpu_hour_price: 2, input_tokens_per_gpu_second: 9000, output_tokens_per_gpu_second: 1800 };

  it("turns: exactly one of turns_per_session and turns_distribution, and one form of the distribution", () => {
    expect(usage({ turns_distribution: { geometric: { mean: 2.5 } } })).toEqual([]);
    expect(usage({ turns_distribution: { shares: { 1: 0.6, 3: 0.4 } } })).toEqual([]);
    expect(usage({ turns_per_session: 2, turns_distribution: { geometric: { mean: 2 } } })).toEqual([
      ["usage.turns_distribution", "give turns_per_session or turns_distribution, not both"],
    ]);
    expect(usage({})).toEqual([["usage", "required: turns_per_session (turns in a conversation), or turns_distribution"]]);
    expect(usage({ turns_distribution: { geometric: { mean: 2 }, shares: { 1: 1 } } })).toEqual([
      ["usage.turns_distribution.shares", "give one form: geometric or shares, not both"],
    ]);
    expect(usage({ turns_distribution: {} })).toEqual([
      ["usage.turns_distribution", "give one form: geometric: { mean } or shares: { turns: share, ... }"],
    ]);
  });

  it("turn shares sum to 1 within 1e-6", () => {
    // 0.5 + 0.3 = 0.8; 0.6 + 0.4000005 is 1 within 1e-6
    expect(usage({ turns_distribution: { shares: { 1: 0.5, 2: 0.3 } } })).toEqual([
      ["usage.turns_distribution.shares", "turn shares must sum to 1, found 0.8"],
    ]);
    expect(usage({ turns_distribution: { shares: { 1: 0.6, 2: 0.4000005 } } })).toEqual([]);
  });

  it("routes: shares sum to 1, names are unique, and each route has one way of pricing", () => {
    expect(routes(priced("a", 0.7), { name: "b", share: 0.3, self_hosted: hosted })).toEqual([]);
    expect(routes(priced("a", 0.7), priced("b", 0.2))).toEqual([["inference.routes", "route shares must sum to 1, found 0.9"]]);
    expect(routes(priced("a", 0.5), priced("a", 0.5))).toEqual([
      ["inference.routes.1.name", 'route name "a" is used twice; names must be unique'],
    ]);
    expect(routes(priced("a", 0.5), { name: "b", share: 0.5 })).toEqual([
      ["inference.routes.1.price", "required: price.input (money per 1M tokens), or name a catalog model with model, or give self_hosted"],
      ["inference.routes.1.price", "required: price.output (money per 1M tokens), or name a catalog model with model, or give self_hosted"],
    ]);
    expect(routes({ name: "a", share: 1, model: "m", self_hosted: hosted })).toEqual([
      ["inference.routes.0.model", "give self_hosted or model, not both"],
    ]);
    // a model with a partial price is one way (the price overrides the model's)
    expect(routes({ name: "a", share: 1, model: "m", price: { output: 3 } })).toEqual([]);
  });

  it("routes exclude a top-level model, price or self_hosted", () => {
    expect(problems({ inference: { price: { input: 1, output: 2 }, routes: [priced("a", 1)] } })).toEqual([
      ["inference.price", "give price in each route, or no routes: inference.routes and a top-level price are mutually exclusive"],
    ]);
  });

  it("self_hosted replaces a price; with one it is an error", () => {
    expect(problems({ inference: { self_hosted: hosted } })).toEqual([]);
    expect(problems({ inference: { price: { input: 1, output: 2 }, self_hosted: hosted } })).toEqual([
      ["inference.price", "give self_hosted or price, not both"],
    ]);
  });

  it("tiers go up by prompt length", () => {
    const tiers = (...above: number[]) =>
      problems({ inference: { price: { input: 1, output: 2, tiers: above.map((a) => ({ above: a, input: 2, output: 4 })) } } });
    expect(tiers(128_000, 200_000)).toEqual([]);
    expect(tiers(200_000, 128_000)).toEqual([
      ["inference.price.tiers.1.above", "tiers go by prompt length, each above the one before: 128000 is not above 200000"],
    ]);
    expect(tiers(1000, 1000)).toHaveLength(1);
  });
});

describe("problemsWhereChanged", () => {
  // Rising retention and two shares summing to 0.9: each breaks its own section's rule.
  const broken = scenarioData({
    ...BASE,
    retention: { d1: 0.3, d7: 0.4 },
    acquisition: { daily_budget: 100, channels: [cpa("a", 0.5), cpa("b", 0.4)] },
  });

  it("finds the problems of the changed sections only, in crossFieldProblems' order", () => {
    const all = crossFieldProblems(broken).map((problem) => problem.path.join("."));
    expect(all).toHaveLength(2);
    expect(problemsWhereChanged(broken, new Set(["acquisition", "retention"])).map((problem) => problem.path.join("."))).toEqual(all);
    expect(problemsWhereChanged(broken, new Set(["retention"])).map((problem) => problem.path.join("."))).toEqual(["retention.d7"]);
    // tokens and usage carry no broken rule here.
    expect(problemsWhereChanged(broken, new Set(["tokens", "usage"]))).toEqual([]);
  });

  it("checks the installs bound where horizon_days changed", () => {
    // A saturating channel (elasticity 0.9) at 1e9 installs a day would need more than MAX_MONEY a day.
    const reach = scenarioData({
      ...BASE,
      acquisition: { daily_installs: 1e9, channels: [{ name: "a", cpa: 10, saturation: { reference_daily_spend: 1, elasticity: 0.9 } }] },
    });
    const bound = crossFieldProblems(reach).map((problem) => problem.path.join("."));
    expect(bound).toContain("acquisition.daily_installs");
    expect(problemsWhereChanged(reach, new Set(["horizon_days"])).map((problem) => problem.path.join("."))).toEqual(bound);
  });
});
