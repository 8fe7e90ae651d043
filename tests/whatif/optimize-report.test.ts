import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateScenario } from "../../src/scenario/evaluate.js";
import { loadScenario } from "../../src/scenario/load.js";
import { optimizeReport, planOptimize } from "../../src/whatif/optimize-report.js";
import { userError } from "../helpers/user-error.js";

/** tests/fixtures/optimize/two-saturating.yaml: its comment works the split out by hand. */
const TWO = "tests/fixtures/optimize/two-saturating.yaml";
const text = readFileSync(TWO, "utf8");

describe("planOptimize", () => {
  it("reads --budget as money and --marginal-cac as money or ltv", () => {
    expect(planOptimize({ budget: "$5k" })).toEqual({ budget: { value: 5000, currency: "USD", symbol: "$" }, marginalCac: null });
    expect(planOptimize({ marginalCac: "ltv" })).toEqual({ budget: null, marginalCac: "ltv" });
  });

  it("refuses a negative budget, a target <= 0, and both at once", () => {
    expect(userError(() => planOptimize({ budget: "-5" })).message).toBe('--budget: expected money >= 0, found "-5"');
    expect(userError(() => planOptimize({ marginalCac: "0" })).message).toBe('--marginal-cac: expected money > 0 or ltv, found "0"');
    expect(userError(() => planOptimize({ budget: "5", marginalCac: "5" })).message).toMatch(/not both/);
  });

  it("refuses a budget or target above what a scenario may hold (1e15): 1e308 would overflow the model", () => {
    // daily_budget in a file is at most 1e15; at 1e308 installs and costs overflow to Infinity and print as n/a.
    expect(userError(() => planOptimize({ budget: "1e308" })).message).toMatch(/^--budget: .*at most 1e\+15/);
    expect(userError(() => planOptimize({ marginalCac: "2e15" })).message).toMatch(/^--marginal-cac: .*at most 1e\+15/);
    expect(planOptimize({ budget: "1e15" }).budget?.value).toBe(1e15);
  });
});

describe("optimizeReport in installs mode", () => {
  it("finds the least budget for daily_installs and keeps daily_installs in the re-run", () => {
    // 375 installs a day: the best split costs 7000 (3000 / 4000); the 50/50 split needs more.
    const scenario = loadScenario({ file: TWO, text: text.replace("daily_budget: 7000", "daily_installs: 375") });
    const report = optimizeReport(scenario, planOptimize({}), evaluateScenario);
    expect(report.best.daily_budget).toBeCloseTo(7000, 6);
    expect(report.current.paid_installs_per_day).toBe(375);
    expect(report.current.daily_budget!).toBeGreaterThan(7000);
    // 375 a day for 30 days, bought at the best shares
    expect(report.result!.totals.paid_installs).toBeCloseTo(375 * 30, 6);
    expect(report.result!.totals.acquisition).toBeCloseTo(7000 * 30, 3);
  });

  it("converts --budget through fx", () => {
    const scenario = loadScenario({ file: TWO, text: `fx: { CNY: 0.5 }\n${text}` });
    const report = optimizeReport(scenario, planOptimize({ budget: "¥14000" }), evaluateScenario);
    expect(report.best.daily_budget).toBe(7000);
  });
});
