import { describe, expect, it } from "vitest";
import { UserError } from "../../src/lib/errors.js";
import { valueAt } from "../../src/lib/value-at.js";
import { readScenarioFile } from "../../src/lib/read.js";
import type { JsonResult } from "../../src/result/json-result.js";
import { evaluateScenario } from "../../src/scenario/evaluate.js";
import { loadScenario, type Scenario } from "../../src/scenario/load.js";
import { parseOverride } from "../../src/scenario/overrides.js";
import { compareReport } from "../../src/whatif/compare-report.js";
import { planSensitivity, sensitivityReport } from "../../src/whatif/sensitivity-report.js";
import { planSolve, solveReport } from "../../src/whatif/solve-report.js";
import { planSweep, sweepReport } from "../../src/whatif/sweep-report.js";
import { ScenarioVariants } from "../../src/whatif/variants.js";
import { ROOT } from "../helpers/cli.js";

// tests/fixtures/whatif/one-channel.yaml (worked in its comments): one channel, no organic
// installs, so unit.cac_blended = the channel's CPA, whatever the budget; CPA is 10.
const FILE = `${ROOT}tests/fixtures/whatif/one-channel.yaml`;
const variants = () => ScenarioVariants.load(readScenarioFile(FILE));

/** evaluateScenario, counting its calls and keeping the CPA of each scenario it saw. */
function countingEvaluate() {
  const cpas: unknown[] = [];
  const evaluate = (scenario: Scenario): JsonResult => {
    cpas.push(scenario.data.acquisition?.channels?.[0]?.cpa);
    return evaluateScenario(scenario);
  };
  return { evaluate, cpas };
}

describe("sweepReport", () => {
  it("evaluates each point of the grid once, row-major, and reads each metric off its result", () => {
    const { evaluate, cpas } = countingEvaluate();
    const plan = planSweep({
      vary: ["acquisition.channels.0.cpa=10,20", "acquisition.daily_budget=500,1000,2000"],
      metrics: "unit.cac_blended",
    });
    const report = sweepReport(variants(), plan, evaluate);
    // 2 x 3 points; the last axis varies fastest.
    expect(cpas).toEqual([10, 10, 10, 20, 20, 20]);
    expect(report.points.map((point) => point.indices)).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
    // cac_blended = CPA at every budget.
    expect(report.points.map((point) => point.metrics["unit.cac_blended"])).toEqual([10, 10, 10, 20, 20, 20]);
    expect(report.axes.map((axis) => axis.values)).toEqual([
      [10, 20],
      [500, 1000, 2000],
    ]);
    expect(report.scenario.name).toBe("one channel, closed form");
  });

  it("gives each point's metrics as its own evaluation does: numbers, true and false, and null", () => {
    // At a budget of 0 nothing is bought: no installs, so the CAC and payback are null (n/a); at 1000 they are numbers.
    const metrics = "unit.cac_blended,unit.payback_day,ladder.holds,totals.total";
    const plan = planSweep({ vary: ["acquisition.daily_budget=0,1000", "retention.d7=0.1,0.5"], metrics });
    const report = sweepReport(variants(), plan, evaluateScenario);
    const kinds = new Set<string>();
    for (const point of report.points) {
      const [budget, d7] = [[0, 1000][point.indices[0]!], [0.1, 0.5][point.indices[1]!]];
      const alone = loadScenario(readScenarioFile(FILE), {
        overrides: [parseOverride(`acquisition.daily_budget=${budget}`), parseOverride(`retention.d7=${d7}`)],
      });
      const result = evaluateScenario(alone);
      const expected = Object.fromEntries(metrics.split(",").map((metric) => [metric, valueAt(result, metric) ?? null]));
      expect(point.metrics).toEqual(expected);
      expect(point.holds).toBe(result.ladder.holds);
      for (const value of Object.values(point.metrics)) kinds.add(value === null ? "null" : `${typeof value} ${value === true}`);
    }
    expect([...kinds].sort()).toEqual(["boolean false", "boolean true", "null", "number false"]);
  });

  it("refuses a plan of no input or of three before any file is read", () => {
    expect(() => planSweep({})).toThrow(UserError);
    expect(() => planSweep({ vary: ["a=1", "b=1", "c=1"] })).toThrow("sweep varies one or two inputs; 3 --vary options were given");
  });
});

describe("solveReport", () => {
  it("finds the CPA at which cac_blended is 15: 15 itself, as cac_blended = CPA", () => {
    const report = solveReport(
      variants(),
      planSolve({ for: "acquisition.channels.0.cpa", target: "unit.cac_blended=15" }),
      evaluateScenario,
    );
    expect(report.solutions).toHaveLength(1);
    expect(report.solutions[0]!.x).toBeNear(15, 1e-9);
    expect(report.current).toEqual({ value: 10, metric: 10, target: 15 });
  });
});

describe("sensitivityReport", () => {
  it("moves the CPA to 8 and 12 (±20 %) and ranks it first for cac_blended, the one input that moves it", () => {
    const report = sensitivityReport(variants(), planSensitivity({ metric: "unit.cac_blended" }), evaluateScenario);
    const first = report.rows[0]!;
    expect(first.input).toBe("acquisition.channels.ads.cpa");
    expect([first.low.value, first.low.metric, first.high.value, first.high.metric]).toEqual([8, 8, 12, 12]);
    // |12 - 10| = |8 - 10| = 2.
    expect(first.effect).toBeNear(2);
    expect(report.rows.slice(1).every((row) => row.effect === null || row.effect < 1e-9)).toBe(true);
  });

  it("reports progress before each input: 0 .. n - 1 of n", () => {
    const seen: [number, number][] = [];
    const report = sensitivityReport(variants(), planSensitivity({}), evaluateScenario, (done, total) => void seen.push([done, total]));
    // Each numeric input is announced once, in order; it becomes a row, or is skipped (as some inputs are before any move).
    const inputs = seen[0]![1];
    expect(seen).toEqual(Array.from({ length: inputs }, (_, index) => [index, inputs]));
    expect(inputs).toBeGreaterThanOrEqual(report.rows.length);
    expect(inputs).toBeLessThanOrEqual(report.rows.length + report.skipped.length);
  });
});

describe("compareReport", () => {
  const source = () => readScenarioFile(FILE);

  it("names the variant after its --set changes and sets it against BASE", () => {
    const overrides = [parseOverride("acquisition.channels.0.cpa=20")];
    const [base, variant] = compareReport([loadScenario(source()), loadScenario(source(), { overrides })], evaluateScenario, overrides);
    expect(variant!.scenario.name).toBe("one channel, closed form [--set acquisition.channels.0.cpa=20]");
    expect(base!.scenario.name).toBe("one channel, closed form");
    // cac_blended 10 -> 20.
    expect(variant!.unit.cac_blended).toBe(20);
  });

  it("refuses scenarios in two currencies", () => {
    const cny = loadScenario(source(), { overrides: [parseOverride("currency=CNY")] });
    expect(() => compareReport([loadScenario(source()), cny], evaluateScenario)).toThrow(UserError);
  });
});
