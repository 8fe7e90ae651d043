import { describe, expect, it } from "vitest";
import { evaluateScenario } from "../../src/scenario/evaluate.js";
import { SECTIONS } from "../../src/result/sections.js";
import { METRIC_KINDS, METRIC_PATHS } from "../../src/result/metric-paths.js";
import { evaluateExpectations, NULL_REASON } from "../../src/scenario/expect.js";
import { loadScenario } from "../../src/scenario/load.js";
import { valueAt } from "../../src/lib/value-at.js";
import { userError } from "../helpers/user-error.js";

/**
 * The tiny scenario, worked out by hand:
 * - 100 paid installs a day for 10 days at CPA 10: spend A = 10 * 100 * 10 = 10,000,
 *   installs N = 1,000, so unit.cac_blended = 10,000 / 1,000 = 10.
 * - Everyone stays (d1 = d7 = 1, so R = 1 every day): DAU(t) = 100 (t + 1).
 * - One 1,000-token turn a day at 10 per 1M input tokens: serve = 1,000 * 10 / 1e6 = 0.01,
 *   so totals.inference = 0.01 * 100 * (1 + 2 + ... + 10) = 55 and
 *   unit.inference_per_user = 10 days * 0.01 = 0.1.
 * - Training 500 over the horizon: unit.training_per_user = 500 / 1,000 = 0.5,
 *   milestones.users_for_training_below_cac = 500 / 10 = 50.
 * - No revenue: unit.payback_day and unit.ltv are null.
 * Ladder 0.1 < 0.5 < 10 holds.
 */
const TINY = `name: tiny
horizon_days: 10
fx: { CNY: 0.5 }
acquisition:
  daily_installs: 100
  channels:
    - { name: only, cpa: 10 }
retention: { d1: 1, d7: 1 }
usage: { sessions_per_dau: 1, turns_per_session: 1 }
tokens: { input: 1000, output: 0 }
inference:
  price: { input: 10, output: 0 }
training:
  runs: [{ cost: 500 }]
`;

function load(expectBlock: string) {
  return loadScenario({ file: "tiny.yaml", text: `${TINY}expect:\n${expectBlock}` });
}

function check(expectBlock: string) {
  const scenario = load(expectBlock);
  return evaluateExpectations(scenario.data.expect, evaluateScenario(scenario));
}

function problemsOf(expectBlock: string) {
  return userError(() => load(expectBlock)).problems;
}

describe("the tiny scenario", () => {
  it("has the figures worked out by hand", () => {
    const result = evaluateScenario(loadScenario({ file: "tiny.yaml", text: TINY }));
    expect(result.unit.cac_blended).toBe(10);
    expect(result.totals.inference).toBeCloseTo(55, 9);
    expect(result.unit.inference_per_user).toBeCloseTo(0.1, 12);
    expect(result.unit.training_per_user).toBe(0.5);
    expect(result.milestones.users_for_training_below_cac).toBe(50);
    expect(result.unit.payback_day).toBeNull();
    expect(result.ladder.holds).toBe(true);
  });
});

describe("evaluateExpectations", () => {
  it("passes a max bound equal to the value: bounds are inclusive", () => {
    const outcome = check("  max: { unit.cac_blended: 10 }\n");
    expect(outcome).toEqual({
      passed: true,
      checks: [{ metric: "unit.cac_blended", kind: "max", bound: 10, value: 10, passed: true }],
      failures: [],
    });
  });

  it("fails a max bound just below the value, reporting value and bound", () => {
    const outcome = check("  max: { unit.cac_blended: 9.99 }\n");
    expect(outcome.passed).toBe(false);
    expect(outcome.failures).toEqual([{ metric: "unit.cac_blended", kind: "max", bound: 9.99, value: 10 }]);
  });

  it("passes a min bound equal to the value and fails one above it", () => {
    // users_for_training_below_cac = 500 / 10 = 50
    expect(check("  min: { milestones.users_for_training_below_cac: 50 }\n").passed).toBe(true);
    const outcome = check("  min: { milestones.users_for_training_below_cac: 51 }\n");
    expect(outcome.failures).toEqual([{ metric: "milestones.users_for_training_below_cac", kind: "min", bound: 51, value: 50 }]);
  });

  it("passes ladder: true when the ladder holds and fails ladder: false", () => {
    expect(check("  ladder: true\n")).toMatchObject({ passed: true, failures: [] });
    expect(check("  ladder: false\n").failures).toEqual([{ metric: "ladder.holds", kind: "ladder", bound: false, value: true }]);
  });

  it("fails a bound on a null metric, with the reason, whichever way the bound points", () => {
    // No revenue block: payback_day is null, so neither max nor min can be met.
    const outcome = check("  max: { unit.payback_day: 30 }\n  min: { unit.ltv: -1000 }\n");
    expect(outcome.failures).toEqual([
      { metric: "unit.payback_day", kind: "max", bound: 30, value: null, reason: NULL_REASON },
      { metric: "unit.ltv", kind: "min", bound: -1000, value: null, reason: NULL_REASON },
    ]);
  });

  it("converts money bounds like any other money: ¥20 at 0.5 USD per CNY is 10", () => {
    // cac_blended = 10: "¥20" -> 10 passes (inclusive), "¥19" -> 9.5 fails.
    expect(check('  max: { unit.cac_blended: "¥20" }\n').checks).toEqual([
      { metric: "unit.cac_blended", kind: "max", bound: 10, value: 10, passed: true },
    ]);
    expect(check('  max: { unit.cac_blended: "¥19" }\n').failures).toEqual([
      { metric: "unit.cac_blended", kind: "max", bound: 9.5, value: 10 },
    ]);
    expect(check('  max: { unit.cac_blended: "$10" }\n').passed).toBe(true);
  });

  it("lists the ladder first, then max and min in the order written", () => {
    const outcome = check(
      "  min: { unit.training_per_user: 0.5 }\n  max: { totals.inference: 56, unit.cac_blended: 10 }\n  ladder: true\n",
    );
    expect(outcome.checks.map((item) => `${item.kind} ${item.metric}`)).toEqual([
      "ladder ladder.holds",
      "max totals.inference",
      "max unit.cac_blended",
      "min unit.training_per_user",
    ]);
    expect(outcome.passed).toBe(true);
  });

  it("passes with nothing to check when there is no expect block", () => {
    const scenario = loadScenario({ file: "tiny.yaml", text: TINY });
    expect(evaluateExpectations(scenario.data.expect, evaluateScenario(scenario))).toEqual({ passed: true, checks: [], failures: [] });
  });
});

describe("validation of the expect block", () => {
  it("rejects an unknown metric at its key, with the closest paths", () => {
    const problems = problemsOf("  max:\n    unit.cac_blend: 10\n");
    // TINY has 14 lines; "expect:" is line 15, "max:" 16, the key at line 17, column 5.
    expect(problems).toEqual([
      {
        file: "tiny.yaml",
        line: 17,
        col: 5,
        path: "expect.max.unit.cac_blend",
        message: 'unknown metric "unit.cac_blend"',
        hint: 'did you mean "unit.cac_blended" or "unit.cac_paid"?',
      },
    ]);
  });

  it("finds a metric by its last part when the section is wrong or missing", () => {
    expect(problemsOf("  max: { totals.cac_blended: 10 }\n")[0]!.hint).toContain('"unit.cac_blended"');
    expect(problemsOf("  min: { ltv_to_cac: 1 }\n")[0]!.hint).toContain('"unit.ltv_to_cac"');
  });

  it("lists a section's metrics when nothing is close, and the sections when the section is unknown", () => {
    expect(problemsOf("  max: { milestones.when: 3 }\n")[0]!.hint).toBe(
      `metrics under milestones: ${METRIC_PATHS.filter((path) => path.startsWith("milestones.")).join(", ")}`,
    );
    expect(problemsOf("  max: { profit: 3 }\n")[0]!.hint).toMatch(/under totals, unit, ladder or milestones/);
  });

  it("points ladder.holds to expect.ladder", () => {
    const [problem] = problemsOf("  min: { ladder.holds: 1 }\n");
    expect(problem!.message).toMatch(/true or false/);
    expect(problem!.hint).toMatch(/ladder: true/);
  });

  it("rejects a money string on a metric that is not money, at the value", () => {
    const [problem] = problemsOf('  max:\n    unit.payback_day: "$30"\n');
    expect(problem).toMatchObject({ line: 17, col: 23, path: "expect.max.unit.payback_day" });
    expect(problem!.message).toBe("unit.payback_day is a day number, not money: give the bound as a plain number");
  });

  it("says what it found where a change limit is not a percentage (cli.md: what was expected and what was found)", () => {
    const [problem] = problemsOf('  max_increase:\n    unit.cac_blended: "1e300%"\n');
    expect(problem).toMatchObject({ path: "expect.max_increase.unit.cac_blended", line: 17, col: 23 });
    expect(problem!.message).toBe('expected a percentage such as "10%", or a number in the metric\'s unit, found "1e300%"');
  });

  it("reports an unknown metric together with a bound of the wrong type in the same block, not one run later", () => {
    // The bound `"yes"` fails the schema; the misspelt metrics beside it (in max and in
    // max_increase) are still named in the same run, each at its key (lines 17 and 19, column 5).
    const problems = problemsOf(
      '  max:\n    unit.cac_blend: 10\n  max_increase:\n    totals.totl: "5%"\n  min:\n    unit.ltv_to_cac: "yes"\n',
    );
    expect(problems.map((problem) => [problem.path, problem.line, problem.col, problem.message])).toEqual([
      ["expect.max.unit.cac_blend", 17, 5, 'unknown metric "unit.cac_blend"'],
      ["expect.max_increase.totals.totl", 19, 5, 'unknown metric "totals.totl"'],
      ["expect.min.unit.ltv_to_cac", 21, 22, expect.stringMatching(/^expected money/)],
    ]);
  });

  it("reports every bad metric of the block at once, and the rest of the scenario's value problems with them", () => {
    const problems = problemsOf(
      '  max: { unit.cac_blend: 10, totals.peak_dau: "5k" }\n  min: { unit.ltv_to_cacc: 1, unit.cac_paid: "5 EUR" }\n',
    );
    expect(problems.map((problem) => problem.path)).toEqual([
      "expect.max.unit.cac_blend",
      "expect.max.totals.peak_dau",
      "expect.min.unit.ltv_to_cacc",
      // EUR has no rate in fx: the money conversion's own problem, found in the same stage.
      "expect.min.unit.cac_paid",
    ]);
    expect(problems[3]!.message).toMatch(/no exchange rate from EUR/);
  });

  it("rejects a bound that is neither a number nor money", () => {
    expect(problemsOf("  max: { unit.cac_blended: [1] }\n")[0]!.path).toBe("expect.max.unit.cac_blended");
  });
});

describe("the metric list", () => {
  it("names a numeric (or null) figure of a real result for every path", () => {
    const result = evaluateScenario(loadScenario({ file: "tiny.yaml", text: TINY }));
    for (const path of METRIC_PATHS) {
      const value = valueAt(result, path);
      expect(value === null || typeof value === "number", path).toBe(true);
    }
  });

  it("includes the leaves of a group that may be null: unit.serving_price (one route: the day-0 prices per 1M)", () => {
    // TINY serves at input 10, output 0 per 1M; cached_input defaults to input, reasoning to output.
    const result = evaluateScenario(loadScenario({ file: "tiny.yaml", text: TINY }));
    expect(METRIC_PATHS.filter((path) => path.startsWith("unit.serving_price."))).toEqual([
      "unit.serving_price.input",
      "unit.serving_price.cached_input",
      "unit.serving_price.output",
      "unit.serving_price.reasoning",
    ]);
    expect(check("  max: { unit.serving_price.input: 9 }").failures.map((failure) => failure.value)).toEqual([10]);
    expect(valueAt(result, "unit.serving_price.cached_input")).toBe(10);
  });

  it("agrees with the kinds the report tables use", () => {
    for (const row of SECTIONS.flatMap((section) => section.rows)) {
      expect(METRIC_KINDS[row.path as keyof typeof METRIC_KINDS], row.path).toBe(row.kind);
    }
  });
});
