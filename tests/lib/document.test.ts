import { describe, expect, it } from "vitest";
import { documentValue, locate, parseYaml } from "../../src/lib/document.js";
import { problemsOf } from "../helpers/user-error.js";

const valueOf = (text: string) => documentValue(parseYaml(text, "s.yaml"));

describe("parseYaml", () => {
  it("reports invalid YAML at its line and column, naming the file", () => {
    const [problem, ...rest] = problemsOf(() => parseYaml("a: 1\nb: [1, 2\n", "s.yaml"));
    expect(rest).toEqual([]);
    expect(problem!.file).toBe("s.yaml");
    expect(problem!.line).toBeGreaterThanOrEqual(2);
    expect(problem!.message).toMatch(/^invalid YAML: /);
    expect(problem!.message).not.toContain("\n");
  });

  it("treats a duplicate key as an error, at the second key", () => {
    const [problem] = problemsOf(() => parseYaml("a: 1\nb: 2\na: 3\n", "s.yaml"));
    expect(problem).toMatchObject({ file: "s.yaml", line: 3, col: 1 });
    expect(problem!.message).toMatch(/^invalid YAML: .*unique/i);
  });

  it("treats a duplicate key in a nested mapping as an error", () => {
    const [problem] = problemsOf(() => parseYaml("a:\n  x: 1\n  x: 2\n", "s.yaml"));
    expect(problem).toMatchObject({ line: 3, col: 3 });
  });

  it("reads a valid document", () => {
    expect(valueOf("a: 1\nb: [x, y]\n")).toEqual({ a: 1, b: ["x", "y"] });
  });
});

describe("documentValue", () => {
  it("rejects an empty file, and one of comments only", () => {
    for (const text of ["", "\n\n", "# just a comment\n"]) {
      const [problem] = problemsOf(() => valueOf(text));
      expect(problem!.message).toMatch(/^the file is empty/);
    }
  });

  it("rejects a root that is not a mapping", () => {
    const [list] = problemsOf(() => valueOf("- a\n- b\n"));
    expect(list).toMatchObject({
      file: "s.yaml",
      line: 1,
      col: 1,
      message: "expected a mapping of scenario keys at the top level, found a list",
    });
    const [scalar] = problemsOf(() => valueOf("\n  hello\n"));
    expect(scalar).toMatchObject({
      line: 2,
      col: 3,
      message: "expected a mapping of scenario keys at the top level, found a single value",
    });
  });

  it("expands a few aliases but refuses an alias bomb", () => {
    expect(valueOf("a: &x [1, 2]\nb: *x\n")).toEqual({ a: [1, 2], b: [1, 2] });
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
    ].join("\n");
    const [problem] = problemsOf(() => valueOf(bomb));
    expect(problem!.message).toMatch(/^invalid YAML: .*alias/i);
  });
});

describe("locate", () => {
  const text = ["name: t", "acquisition:", "  daily_budget: 100", "  channels:", "    - name: a", "      cpa: 10", "empty:", ""].join("\n");
  const source = parseYaml(text, "s.yaml");

  it("points at a value", () => {
    // "  daily_budget: " is 16 characters
    expect(locate(source, ["acquisition", "daily_budget"])).toEqual({ line: 3, col: 17 });
    expect(locate(source, ["acquisition", "channels", 0, "cpa"])).toEqual({ line: 6, col: 12 });
  });

  it("points at a key with atKey", () => {
    expect(locate(source, ["acquisition", "daily_budget"], true)).toEqual({ line: 3, col: 3 });
  });

  it("points at a list item and at a mapping", () => {
    expect(locate(source, ["acquisition", "channels", 0])).toEqual({ line: 5, col: 7 });
    expect(locate(source, ["acquisition"])).toEqual({ line: 3, col: 3 });
  });

  it("points just after the key of an empty value, where the value would be", () => {
    // "empty:" is 6 characters: the empty value is at column 7
    expect(locate(source, ["empty"])).toEqual({ line: 7, col: 7 });
  });

  it("points at the deepest node on the way when the path leaves the document", () => {
    // no daily_installs: the acquisition mapping; no channel 3: the list
    expect(locate(source, ["acquisition", "daily_installs"])).toEqual({ line: 3, col: 3 });
    expect(locate(source, ["acquisition", "channels", 3, "cpa"])).toEqual({ line: 5, col: 5 });
    expect(locate(source, [])).toEqual({ line: 1, col: 1 });
  });

  it("follows aliases", () => {
    const aliased = parseYaml("base: &b\n  x: 1\n  y: 2\nother: *b\n", "s.yaml");
    // other -> the anchored mapping; its y is on line 3
    expect(locate(aliased, ["other", "y"])).toEqual({ line: 3, col: 6 });
  });
});
