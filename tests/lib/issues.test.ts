import { describe, expect, it } from "vitest";
import { describeFound, type FieldProblem, problemsFromIssues } from "../../src/lib/issues.js";
import { scenarioSchema } from "../../src/scenario/schema.js";
import { BASE } from "../helpers/scenario-data.js";

describe("describeFound", () => {
  it("describes a value as the YAML showed it", () => {
    expect(describeFound(undefined)).toBe("nothing");
    expect(describeFound(null)).toBe("an empty value");
    expect(describeFound("abc")).toBe('"abc"');
    expect(describeFound(2.5)).toBe("2.5");
    expect(describeFound(Number.NaN)).toBe(".nan");
    expect(describeFound(Number.POSITIVE_INFINITY)).toBe(".inf");
    expect(describeFound(Number.NEGATIVE_INFINITY)).toBe("-.inf");
    expect(describeFound(false)).toBe("false");
    expect(describeFound([1])).toBe("a list");
    expect(describeFound({ a: 1 })).toBe("a mapping");
  });

  it("shortens long strings to 40 characters", () => {
    expect(describeFound("x".repeat(41))).toBe(`"${"x".repeat(40)}..."`);
    expect(describeFound("x".repeat(40))).toBe(`"${"x".repeat(40)}"`);
  });
});

function problems(value: Record<string, unknown>, prefix: PropertyKey[] = []): FieldProblem[] {
  const parsed = scenarioSchema().safeParse(value, { reportInput: true });
  if (parsed.success) throw new Error("expected the schema to reject the value");
  return problemsFromIssues(parsed.error.issues, scenarioSchema(), prefix);
}

describe("problemsFromIssues", () => {
  it("an unknown key: at the key, with a hint", () => {
    expect(problems({ ...BASE, tokens: { input: 1, output: 1, reasonning: 5 } })).toEqual([
      { path: ["tokens", "reasonning"], message: 'unknown key "reasonning"', hint: 'did you mean "reasoning"?', atKey: true },
    ]);
  });

  it("several unknown keys: one problem each", () => {
    const found = problems({ ...BASE, foo: 1, bar: 2 });
    expect(found.map((problem) => problem.path)).toEqual([["foo"], ["bar"]]);
    expect(found.every((problem) => problem.atKey === true)).toBe(true);
  });

  it("a missing required key says what it needs", () => {
    const { usage: _, ...rest } = BASE;
    expect(problems(rest)).toEqual([{ path: ["usage"], message: "required, expected a mapping" }]);
  });

  it("a number out of bounds says the bound and the value", () => {
    expect(problems({ ...BASE, horizon_days: 0 })).toEqual([{ path: ["horizon_days"], message: "expected a number >= 1, found 0" }]);
  });

  it("a wrong type in a rangeable field names both accepted forms", () => {
    expect(problems({ ...BASE, usage: { sessions_per_dau: [1], turns_per_session: 2 } })).toEqual([
      { path: ["usage", "sessions_per_dau"], message: "expected a number or a range { low, high }, found a list" },
    ]);
  });

  it("a wrong type in a money field names the money string form", () => {
    const [problem] = problems({ ...BASE, revenue: { arpdau: true } });
    expect(problem!.path).toEqual(["revenue", "arpdau"]);
    expect(problem!.message).toMatch(/^expected a number or a string.*, found true$/);
  });

  it("an enum value suggests the nearest one", () => {
    const [problem] = problems({ ...BASE, tokens: { input: 1, output: 1, history: "ful" } });
    expect(problem!.path).toEqual(["tokens", "history"]);
    expect(problem!.message).toContain('found "ful"');
    expect(problem!.hint).toBe('did you mean "full"?');
  });

  it("prefixes every path", () => {
    expect(problems({ ...BASE, horizon_days: 0 }, ["scenarios", 2])[0]!.path).toEqual(["scenarios", 2, "horizon_days"]);
  });
});
