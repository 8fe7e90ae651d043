import { describe, expect, it } from "vitest";
import { crossFieldProblems } from "../../src/scenario/rules.js";
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
      ["acquisition.daily_budget", "daily_budget needs channels to buy from: add acquisition.channels, or remove daily_budget for organic growth only"],
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
    const with_ = (channel: Record<string, unknown>) => problems({ acquisition: { daily_budget: 1, channels: [{ name: "a", ...channel }] } });
    expect(with_({})).toEqual([["acquisition.channels.0", 'channel "a" has no cost: give cpa, or cpm + ctr + cvr, or cpc + cvr']]);
    expect(with_({ cpa: 1, cpm: 2, ctr: 0.1, cvr: 0.1 })).toEqual([
      ["acquisition.channels.0.cpm", "give one cost form per channel (cpa, or cpm + ctr + cvr, or cpc + cvr), found cpa and cpm"],
    ]);
    expect(with_({ cpm: 2 })).toEqual([
      ["acquisition.channels.0", "cpm needs ctr too (cpm + ctr + cvr)"],
      ["acquisition.channels.0", "cpm needs cvr too (cpm + ctr + cvr)"],
    ]);
    expect(with_({ cpc: 2 })).toEqual([["acquisition.channels.0", "cpc needs cvr too (cpc + cvr)"]]);
    expect(with_({ cpc: 2, cvr: 0.1, ctr: 0.1 })).toEqual([["acquisition.channels.0.ctr", "ctr is not used with cpc: cpa, or cpm + ctr + cvr, or cpc + cvr"]]);
    expect(with_({ cpa: 2, cvr: 0.1 })).toEqual([["acquisition.channels.0.cvr", "cvr is not used with cpa: cpa, or cpm + ctr + cvr, or cpc + cvr"]]);
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
      ["inference.price", "required: price.input (money per 1M tokens), or name a catalog model with inference.model"],
      ["inference.price", "required: price.output (money per 1M tokens), or name a catalog model with inference.model"],
    ]);
    expect(problems({ inference: { price: { output: 1 } } })).toHaveLength(1);
    expect(problems({ inference: { model: "some-model" } })).toEqual([]);
  });

  it("a training run is a cost, or gpu_hours with gpu_hour_price", () => {
    const runs = (...items: unknown[]) => problems({ training: { runs: items } });
    expect(runs({ cost: 5 }, { gpu_hours: 10, gpu_hour_price: 2 })).toEqual([]);
    expect(runs({ cost: 5, gpu_hour_price: 2 })).toEqual([["training.runs.0.cost", "give cost, or gpu_hours with gpu_hour_price, not both"]]);
    expect(runs({ cost: 5 }, { gpu_hours: 10 })).toEqual([["training.runs.1", "gpu_hours and gpu_hour_price go together"]]);
    expect(runs({ name: "empty" })).toEqual([["training.runs.0", "a run needs cost, or gpu_hours with gpu_hour_price"]]);
  });

  it("revenue is arpdau, or paying_share with arppu_monthly", () => {
    expect(problems({ revenue: { arpdau: 1 } })).toEqual([]);
    expect(problems({ revenue: { paying_share: 0.1, arppu_monthly: 30 } })).toEqual([]);
    expect(problems({ revenue: { arpdau: 1, arppu_monthly: 30 } })).toEqual([["revenue", "give arpdau, or paying_share with arppu_monthly, not both"]]);
    expect(problems({ revenue: { paying_share: 0.1 } })).toEqual([["revenue", "give arpdau, or paying_share with arppu_monthly"]]);
    expect(problems({ revenue: {} })).toEqual([["revenue", "give arpdau, or paying_share with arppu_monthly"]]);
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
