import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readBundledCatalog } from "../../src/catalog/files.js";
import { fastPathCovers } from "../../src/model/fast/covers.js";
import { evaluate } from "../../src/model/index.js";
import { evaluateScenario } from "../../src/scenario/evaluate.js";
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
});
