import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readBundledCatalog } from "../../src/catalog/files.js";
import { fastPathCovers } from "../../src/model/fast/covers.js";
import { evaluate } from "../../src/model/index.js";
import { evaluatePoint, evaluatePointFigures, evaluateScenario } from "../../src/scenario/evaluate.js";
import { loadScenario } from "../../src/scenario/load.js";
import { near, numbersIn } from "../helpers/model-input.js";

const PRESETS = new URL("../../data/scenarios/", import.meta.url);
const presets = readdirSync(PRESETS).filter((name) => name.endsWith(".yaml"));

/** The presets as `check data/scenarios` loads them, model ids priced from the bundled catalog. */
function load(name: string) {
  const catalog = () => readBundledCatalog({ cwd: process.cwd() });
  return loadScenario({ file: name, text: readFileSync(new URL(name, PRESETS), "utf8") }, { priceSources: { catalog } });
}

describe("evaluateScenario (run, check, compare, optimize)", () => {
  it("finds the six presets", () => {
    expect(presets.length).toBe(6);
  });

  it.each(presets)("%s: the fast path covers it, and every figure is the direct evaluate()'s to 1e-9 relative", (name) => {
    const scenario = load(name);
    expect(fastPathCovers(scenario.input)).toBe(true);
    const { totals, unit, milestones, channels } = evaluateScenario(scenario);
    const direct = evaluate(scenario.input).result;
    const fast = numbersIn({ totals, unit, milestones, channels });
    const reference = numbersIn({ totals: direct.totals, unit: direct.unit, milestones: direct.milestones, channels: direct.channels });
    expect(fast.map(([path]) => path)).toEqual(reference.map(([path]) => path));
    expect(fast.filter(([, value], i) => !near(value, reference[i]![1]))).toEqual([]);
  });

  it("with a timeline, gives the direct evaluate()'s figures exactly, and the timeline's sums are its totals", () => {
    const scenario = load("default.yaml");
    const result = evaluateScenario(scenario, "month");
    expect(result.totals).toEqual(evaluate(scenario.input).result.totals);
    // 365 days in 30-day months: 12 full ones and one of 5 days.
    expect(result.timeline!.length).toBe(13);
    expect(result.timeline!.at(-1)!.cumulative_acquisition).toBe(result.totals.acquisition);
  });

  it("a user whose revenue equals their serving cost has an ltv of exactly 0 and pays back on day 0, with or without a timeline", () => {
    // 3 organic installs a day, no spend: CAC 0. One session of one turn of 1M input tokens at
    // 0.1 per million (price flat) costs 0.1 a day, and arpdau is 0.1: the margin is 0 at every
    // age, so ltv = 0 and the running margin 0 covers the CAC 0 at age 0. Summed in another order,
    // the direct evaluation's cohort weights came to -2.2e-14 (payback null) before rounding was settled.
    const text = [
      "name: tie",
      "horizon_days: 400",
      "acquisition: { organic_installs_per_day: 3 }",
      "retention: { d1: 0.7, d7: 0.7, d30: 0.7, tail: flat }",
      "usage: { sessions_per_dau: 1, turns_per_session: 1 }",
      "tokens: { input: 1000000, output: 0, history: none }",
      "inference: { price: { input: 0.1, output: 0 }, annual_price_change: 0 }",
      "training: { runs: [ { name: r, cost: 1 } ] }",
      "revenue: { arpdau: 0.1 }",
    ].join("\n");
    const scenario = loadScenario({ file: "tie.yaml", text });
    for (const result of [evaluateScenario(scenario), evaluateScenario(scenario, "month"), evaluate(scenario.input).result]) {
      expect(result.unit.cac_blended).toBe(0);
      expect(result.unit.ltv).toBe(0);
      expect(result.unit.payback_day).toBe(0);
    }
  });
});

describe("evaluatePointFigures (sweep)", () => {
  it.each(presets)("%s: the totals, unit, ladder and milestones of evaluatePoint's JSON result", (name) => {
    const scenario = load(name);
    const { totals, unit, ladder, milestones } = evaluatePoint(scenario);
    expect(evaluatePointFigures(scenario)).toMatchObject({ totals, unit, ladder, milestones });
  });
});
