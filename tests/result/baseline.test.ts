import { describe, expect, it } from "vitest";
import { baselineFor, looksLikeSavedResult, parseBaseline } from "../../src/result/baseline.js";
import { SCHEMA_VERSION } from "../../src/result/json-result.js";
import { userError } from "../helpers/user-error.js";

const saved = (name: string, file: string) => ({
  schema_version: SCHEMA_VERSION,
  scenario: { name, file, currency: "CNY", horizon_days: 365 },
  totals: {},
  unit: {},
  ladder: { inference: 1, training: 2, acquisition: 3, order: ["inference", "training", "acquisition"], not_available: [], holds: true },
  milestones: {},
});

describe("baselines saved by run --format json", () => {
  it("tells a saved result from a scenario by its content: JSON with schema_version and a result's key", () => {
    expect(looksLikeSavedResult(JSON.stringify(saved("a", "a.yaml")))).toBe(true);
    expect(looksLikeSavedResult(`\uFEFF${JSON.stringify([saved("a", "a.yaml"), saved("b", "b.yaml")])}`)).toBe(true);
    // An old or broken result is still a result (its problems are a baseline's): a scenario has neither key.
    expect(looksLikeSavedResult('{"schema_version": 1, "totals": {}}')).toBe(true);
    // A scenario written in JSON (valid YAML) is a scenario, even with a stray schema_version.
    const scenario = { name: "a", retention: { d1: 0.3 }, usage: {}, tokens: {}, inference: {} };
    expect(looksLikeSavedResult(JSON.stringify(scenario))).toBe(false);
    expect(looksLikeSavedResult(JSON.stringify({ ...scenario, schema_version: 2 }))).toBe(false);
    expect(looksLikeSavedResult("name: a\nschema_version: 2\ntotals: {}\n")).toBe(false);
    expect(looksLikeSavedResult("[1, 2]")).toBe(false);
    expect(looksLikeSavedResult("")).toBe(false);
  });

  it("reads one result or a list of them", () => {
    expect(parseBaseline(JSON.stringify(saved("a", "a.yaml")), "base.json")).toHaveLength(1);
    expect(parseBaseline(JSON.stringify([saved("a", "a.yaml"), saved("b", "b.yaml")]), "base.json")).toHaveLength(2);
  });

  it("never shows the text of a file that is not JSON (a --baseline may name any file, a token too), only where it broke", () => {
    // The engine's own message quotes the text around the error: "secret-to"... is not valid JSON.
    const [problem] = userError(() => parseBaseline("secret-token-abc123 not json", "creds.txt")).problems;
    expect(JSON.stringify(problem)).not.toMatch(/secret|abc/);
    expect(problem).toMatchObject({ file: "creds.txt", message: expect.stringContaining("invalid JSON") });
    // Line 3, column 3: the engine reports a position there, and that is kept.
    const [placed] = userError(() => parseBaseline('{\n  "token": "hunter2",\n  oops\n}', "base.json")).problems;
    expect(JSON.stringify(placed)).not.toMatch(/hunter2|oops/);
    expect(placed).toMatchObject({ file: "base.json", line: 3, col: 3 });
  });

  it("refuses what is not a result, naming the file and the entry", () => {
    const { scenario: _scenario, ...headless } = saved("b", "b.yaml");
    const error = userError(() => parseBaseline(JSON.stringify([saved("a", "a.yaml"), headless]), "base.json"));
    expect(error.problems[0]).toMatchObject({ file: "base.json", path: "1.scenario" });
    expect(userError(() => parseBaseline("{ not json", "base.json")).problems[0]?.file).toBe("base.json");
    expect(
      userError(() => parseBaseline(JSON.stringify({ ...saved("a", "a.yaml"), schema_version: 1 }), "base.json")).problems[0]?.path,
    ).toBe("schema_version");
  });

  it("names the command of another llm-cac report, once, instead of blaming its schema_version", () => {
    // Top-level shapes as cli.md gives them; the values do not matter.
    const reports: Array<[string, unknown]> = [
      [
        "check",
        [
          { file: "a.yaml", valid: true, passed: true, errors: [], failures: [] },
          { file: "b.yaml", valid: false, errors: [] },
        ],
      ],
      ["sweep", { schema_version: SCHEMA_VERSION, scenario: {}, vary: [], metrics: [], points: [], flips: [] }],
      ["solve", { schema_version: SCHEMA_VERSION, scenario: {}, for: "x", target: {}, solution: null }],
      ["sensitivity", { schema_version: SCHEMA_VERSION, scenario: {}, metric: "totals.total", delta: 0.2, base: 1, inputs: [] }],
      ["optimize", { schema_version: SCHEMA_VERSION, scenario: {}, current: {}, best: {}, result: saved("a", "a.yaml") }],
      ["models", [{ id: "gpt-4o", provider: "openai" }]],
      ["models", { id: "gpt-4o", provider: "openai", prices: [] }],
      ["schema", { $schema: "http://json-schema.org/draft-07/schema#", properties: {} }],
    ];
    for (const [command, report] of reports) {
      const problems = userError(() => parseBaseline(JSON.stringify(report), "chk.json")).problems;
      expect(problems, command).toEqual([
        {
          file: "chk.json",
          message: `a report of \`llm-cac ${command}\`, not a run result; a baseline is the JSON of \`llm-cac run --format json\``,
          hint: "save a baseline with: llm-cac run FILE --format json -o base.json",
        },
      ]);
    }
    // A list of results with one stranger is not a report of another command: the stranger is blamed where it is.
    const mixed = [saved("a", "a.yaml"), { file: "b.yaml", valid: true }];
    expect(userError(() => parseBaseline(JSON.stringify(mixed), "base.json")).problems[0]).toMatchObject({ path: "1.schema_version" });
  });

  it("refuses a figure that is not a number or null, and a header field of the wrong type, at its path", () => {
    // A hand-edited or foreign file: compare would echo "30000" into its JSON and draw NaN in its charts.
    const withField = (section: string, key: string, value: unknown) => {
      const result: Record<string, unknown> = saved("a", "a.yaml");
      result[section] = { ...(result[section] as object), [key]: value };
      return JSON.stringify(result);
    };
    const pathOf = (text: string) => userError(() => parseBaseline(text, "base.json")).problems.map((problem) => problem.path);
    expect(pathOf(withField("totals", "acquisition", "30000"))).toEqual(["totals.acquisition"]);
    expect(pathOf(withField("unit", "tokens_per_session", { input: {} }))).toEqual(["unit.tokens_per_session.input"]);
    expect(pathOf(withField("milestones", "breakeven_turns", true))).toEqual(["milestones.breakeven_turns"]);
    expect(pathOf(withField("ladder", "training", "x"))).toEqual(["ladder.training"]);
    expect(pathOf(withField("ladder", "holds", "yes"))).toEqual(["ladder.holds"]);
    expect(pathOf(withField("scenario", "file", null))).toEqual(["scenario"]);
    expect(pathOf(withField("scenario", "horizon_days", "x"))).toEqual(["scenario"]);
    expect(pathOf(withField("channels", "0", 1).replace('"channels":{"0":1}', '"channels":"zz"'))).toEqual(["channels"]);
    // null is a figure's "not available", and a missing ladder rung is not the same as null.
    expect(parseBaseline(withField("totals", "revenue", null), "base.json")).toHaveLength(1);
    const { training: _training, ...twoRungs } = saved("a", "a.yaml").ladder;
    expect(pathOf(JSON.stringify({ ...saved("a", "a.yaml"), ladder: twoRungs }))).toEqual(["ladder.training"]);
  });

  it("matches a scenario by file, then by name; a single result matches every scenario", () => {
    const list = parseBaseline(JSON.stringify([saved("a", "scenarios/a.yaml"), saved("b", "scenarios/b.yaml")]), "base.json");
    expect(baselineFor(list, { file: "scenarios/b.yaml", name: "renamed" })?.scenario.name).toBe("b");
    expect(baselineFor(list, { file: "elsewhere.yaml", name: "a" })?.scenario.file).toBe("scenarios/a.yaml");
    expect(baselineFor(list, { file: "c.yaml", name: "c" })).toBeUndefined();
    expect(baselineFor(list.slice(0, 1), { file: "c.yaml", name: "c" })?.scenario.name).toBe("a");
  });
});
