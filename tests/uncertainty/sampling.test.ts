import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { FieldProblem } from "../../src/lib/issues.js";
import { MoneyAmount } from "../../src/lib/money.js";
import { Range, type RangePicker } from "../../src/scenario/range.js";
import { resolveValues } from "../../src/scenario/resolve.js";
import { readBundledCatalog } from "../../src/catalog/files.js";
import { loadScenario } from "../../src/scenario/load.js";
import { parseOverride } from "../../src/scenario/overrides.js";
import { ScenarioSampler } from "../../src/uncertainty/sampling.js";

const source = (file: string) => ({ file, text: readFileSync(file, "utf8") });
/** Every range at its low bound, or its high bound: draws worked out by hand. */
const atLow: RangePicker = (low) => low;
const atHigh: RangePicker = (_low, high) => high;

describe("resolveValues with a picker", () => {
  it("hands each range's converted bounds to the picker, in document order, and uses what it returns", () => {
    const seen: unknown[][] = [];
    const pick: RangePicker = (...args) => {
      seen.push(args);
      return seen.length * 100;
    };
    const problems: FieldProblem[] = [];
    const value = resolveValues(
      {
        a: new Range(new MoneyAmount(1, "USD"), new MoneyAmount(2, "USD"), "loguniform", undefined, false),
        b: [7, new Range(1, 9, "triangular", 3, true)],
      },
      { currency: "CNY", fx: { USD: 7.2 } },
      problems,
      pick,
    );
    expect(problems).toEqual([]);
    expect(value).toEqual({ a: 100, b: [7, 200] });
    // $1 and $2 at 7.2 CNY per USD
    expect(seen).toEqual([
      [7.2, 14.4, "loguniform", undefined, false],
      [1, 9, "triangular", 3, true],
    ]);
  });

  it("does not pick from a range with a problem: the central value, and the problem reported", () => {
    const problems: FieldProblem[] = [];
    const value = resolveValues({ r: new Range(5, 1, "uniform", undefined, false) }, { currency: "USD", fx: {} }, problems, atHigh);
    expect(value).toEqual({ r: 3 });
    expect(problems).toHaveLength(1);
  });
});

describe("ScenarioSampler", () => {
  it("draws every range; the single run keeps its central value", () => {
    const sampler = ScenarioSampler.load(source("tests/fixtures/uncertainty/cpa-range.yaml"));
    expect(sampler.ranges).toEqual(["acquisition.channels.ads.cpa"]);
    expect(sampler.base.input.acquisition.channels[0]!.cost).toEqual({ kind: "cpa", cpa: 20 });
    const low = sampler.draw(atLow);
    const high = sampler.draw(atHigh);
    expect(low.ok && low.scenario.input.acquisition.channels[0]!.cost).toEqual({ kind: "cpa", cpa: 10 });
    expect(high.ok && high.scenario.input.acquisition.channels[0]!.cost).toEqual({ kind: "cpa", cpa: 30 });
  });

  it("divides drawn shares by their sum, so they always sum to 1", () => {
    const sampler = ScenarioSampler.load(source("tests/fixtures/uncertainty/shares-range.yaml"));
    // ads at its low 0.2, video at its high 0.8: already 1; ads high 0.8 and video low 0.2 likewise.
    let calls = 0;
    const alternate: RangePicker = (low, high) => (calls++ % 2 === 0 ? low : high);
    const draw = sampler.draw(alternate);
    expect(draw.ok && draw.scenario.input.acquisition.channels.map((channel) => channel.share)).toEqual([0.2, 0.8]);
    // Both at 0.8: 0.8 / 1.6 = 0.5 each; both at 0.2 likewise.
    const both = sampler.draw(atHigh);
    expect(both.ok && both.scenario.input.acquisition.channels.map((channel) => channel.share)).toEqual([0.5, 0.5]);
    // 0.3 and 0.6 (a picker at 1/6 and 2/3 of each range): 0.3 / 0.9 = 1/3, 0.6 / 0.9 = 2/3
    const fractions = [1 / 6, 2 / 3];
    let index = 0;
    const draw2 = sampler.draw((low, high) => low + fractions[index++]! * (high - low));
    expect(draw2.ok).toBe(true);
    const shares = draw2.ok ? draw2.scenario.input.acquisition.channels.map((channel) => channel.share) : [];
    expect(shares[0]).toBeCloseTo(1 / 3, 12);
    expect(shares[1]).toBeCloseTo(2 / 3, 12);
  });

  it("rejects a draw that breaks another rule, naming it", () => {
    const sampler = ScenarioSampler.load(source("tests/fixtures/uncertainty/retention-overlap.yaml"));
    // d1 at 0.3 (low), d7 at 0.5 (high): retention would rise.
    let calls = 0;
    const draw = sampler.draw((low, high) => (calls++ === 0 ? low : high));
    expect(draw.ok).toBe(false);
    if (!draw.ok) {
      expect(draw.problems.map((problem) => problem.path)).toEqual([["retention", "d7"]]);
      expect(draw.problems[0]!.message).toContain("retention never rises");
    }
    expect(sampler.draw(atHigh).ok).toBe(true);
  });

  it("gives the scenario the file would be with each range written as the number drawn", () => {
    // Ranges in route shares, a catalog model's price and retention: the draw patches the
    // resolved value once validated; loading the file with plain numbers validates it all again.
    // In the order they are drawn (the schema's order of sections), named as `--set` names them.
    const ranges = {
      "retention.d7": "{ low: 0.1, high: 0.2 }",
      "inference.routes.at-cost.share": "{ low: 0.6, high: 1 }",
      "inference.routes.list-price.share": "{ low: 0, high: 0.4 }",
      "inference.routes.list-price.price.output": "{ low: 50, high: 70 }",
    };
    // 0.75 + 0.25 = 1 exactly, so dividing the shares by their sum changes nothing.
    const picked = [0.125, 0.75, 0.25, 55];
    const file = source("data/scenarios/kimi-2024.yaml");
    const priceSources = { catalog: () => readBundledCatalog({ cwd: process.cwd() }) };
    const overrides = Object.entries(ranges).map(([path, range]) => parseOverride(`${path}=${range}`));
    const sampler = ScenarioSampler.load(file, { overrides, priceSources });
    expect(sampler.ranges).toEqual(Object.keys(ranges));
    let index = 0;
    const draw = sampler.draw(() => picked[index++]!);
    const plain = loadScenario(file, {
      overrides: Object.keys(ranges).map((path, at) => parseOverride(`${path}=${picked[at]}`)),
      priceSources,
    });
    expect(draw.ok).toBe(true);
    if (draw.ok) {
      expect(draw.scenario.data).toEqual(plain.data);
      expect(draw.scenario.input).toEqual(plain.input);
    }
    // The next draw starts again from the file's values: nothing of this one lingers.
    const again = sampler.draw((low) => low);
    expect(again.ok && again.scenario.input.retention.find((point) => point.day === 7)!.rate).toBe(0.1);
  });

  it("has no ranges to draw in a scenario without any", () => {
    const sampler = ScenarioSampler.load(source("tests/fixtures/whatif/one-channel.yaml"));
    expect(sampler.ranges).toEqual([]);
    const draw = sampler.draw(() => {
      throw new Error("no range to pick");
    });
    expect(draw.ok && draw.scenario.input).toEqual(sampler.base.input);
  });
});
