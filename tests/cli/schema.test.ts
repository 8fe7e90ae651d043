import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { METRIC_PATHS } from "../../src/result/metric-paths.js";
import { KEY_DESCRIPTIONS, SCHEMA_ID, scenarioJsonSchema } from "../../src/scenario/json-schema.js";
import { ROOT, runBuilt, runInProcess } from "../helpers/cli.js";

const COMMITTED = join(ROOT, "schema", "scenario.schema.json");
const PRESETS = join(ROOT, "data", "scenarios");

/** The committed schema compiled by an independent validator, as editors would use it. */
function validator() {
  const ajv = new Ajv({ allErrors: true, strict: true });
  return ajv.compile(JSON.parse(readFileSync(COMMITTED, "utf8")) as object);
}

function yamlFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.ya?ml$/.test(name) && !name.split("/").some((part) => part.startsWith(".")))
    .map((name) => join(folder, name));
}

describe("llm-cac schema", () => {
  it("prints exactly the committed schema/scenario.schema.json (run `npm run schema` after changing the format)", async () => {
    const { code, stdout, stderr } = await runInProcess(["schema"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe(readFileSync(COMMITTED, "utf8"));
  });

  it("is a draft-07 schema with an id, a title and a description", () => {
    const schema = scenarioJsonSchema();
    expect(Object.keys(schema).slice(0, 4)).toEqual(["$schema", "$id", "title", "description"]);
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.$id).toBe(SCHEMA_ID);
  });

  it("prints the same from the built binary", () => {
    const { code, stdout } = runBuilt(["schema"]);
    expect(code).toBe(0);
    expect(stdout).toBe(readFileSync(COMMITTED, "utf8"));
  });
});

describe("the JSON Schema checks files as the loader does", () => {
  const validate = validator();

  it("accepts every preset, the starter and the valid check fixtures", () => {
    const files = [
      ...yamlFiles(PRESETS),
      join(ROOT, "data", "starter.yaml"),
      ...yamlFiles(join(ROOT, "tests/fixtures/check/pass")),
      join(ROOT, "tests/fixtures/check/fail/tiny-fail.yaml"),
    ];
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const valid = validate(parse(readFileSync(file, "utf8")));
      expect(valid ? [] : validate.errors, file).toEqual([]);
    }
  });

  const base = parse(readFileSync(join(PRESETS, "default.yaml"), "utf8")) as Record<string, any>;
  const variants: Array<[string, (scenario: Record<string, any>) => void]> = [
    ["an unknown key", (scenario) => void (scenario.tokenz = {})],
    ["an unknown key in a channel", (scenario) => void (scenario.acquisition.channels[0].cpi = 3)],
    ["a missing required key", (scenario) => void delete scenario.usage],
    ["a lowercase currency", (scenario) => void (scenario.currency = "cny")],
    ["a money string that does not parse", (scenario) => void (scenario.acquisition.daily_budget = "twenty")],
    ["a rate above 1", (scenario) => void (scenario.retention.d1 = 1.5)],
    ["a fractional whole number", (scenario) => void (scenario.usage.turns_per_session = 2.5)],
    ["a range with an unknown key", (scenario) => void (scenario.tokens.input = { low: 1, high: 2, middle: 1.5 })],
    ["a range bound that is not the leaf's type", (scenario) => void (scenario.retention.d1 = { low: 0.2, high: 2 })],
    ["an unknown metric in expect", (scenario) => void (scenario.expect = { max: { "unit.cac_blend": 10 } })],
    ["a money string on a metric that is not money", (scenario) => void (scenario.expect = { max: { "unit.payback_day": "$30" } })],
    // The loader takes "10%" or a plain number for a change rule, never money (docs/ci.md).
    ["a money string as a change limit", (scenario) => void (scenario.expect = { max_increase: { "unit.cac_blended": "$5" } })],
  ];
  for (const [what, change] of variants) {
    it(`rejects ${what}`, () => {
      const scenario = structuredClone(base);
      change(scenario);
      expect(validate(scenario)).toBe(false);
    });
  }

  it("accepts what the loader accepts around those: ranges, money strings with spaces, money bounds on money metrics", () => {
    const scenario = structuredClone(base);
    scenario.tokens.input = { low: 200, high: 400, dist: "triangular", mode: 300 };
    scenario.acquisition.daily_budget = { low: "15万", high: " 25万 " };
    scenario.expect = {
      ladder: true,
      max: { "unit.cac_blended": "¥15", "milestones.inference_overtakes_training_day": 300 },
      min: { "unit.ltv_to_cac": -1 },
      // docs/ci.md's change rules: a percentage of the baseline, or a number in the metric's unit.
      max_increase: { "unit.cac_blended": "10%", "totals.inference": 5000, "unit.payback_day": " 2.5 % " },
      max_decrease: { "unit.ltv_to_cac": "10%" },
    };
    expect(validate(scenario) ? [] : validate.errors).toEqual([]);
  });
});

describe("what the schema says to an editor", () => {
  const schema = scenarioJsonSchema();

  /** Every key path of the schema: properties, and `*` for list items. */
  function keyPaths(node: Record<string, any>, path: string[] = []): string[] {
    const here = path.length > 0 ? [path.join(".")] : [];
    const properties = Object.entries((node.properties ?? {}) as Record<string, Record<string, any>>).flatMap(([key, child]) =>
      keyPaths(child, [...path, key]),
    );
    const items = node.items && typeof node.items === "object" && node.items.properties ? keyPaths(node.items, [...path, "*"]) : [];
    return [...here, ...properties, ...items];
  }

  it("describes every key, and describes no key that does not exist", () => {
    const paths = keyPaths(schema).filter((path) => !/^expect\.(max|min|max_increase|max_decrease)\./.test(path));
    expect(paths.filter((path) => KEY_DESCRIPTIONS[path] === undefined)).toEqual([]);
    expect(Object.keys(KEY_DESCRIPTIONS).filter((path) => !paths.includes(path))).toEqual([]);
  });

  it("points each range's bounds at the plain value beside it, in the same union, whichever field the range is of", () => {
    /** Every `{ low, high }` range object with its JSON Pointer. */
    function ranges(node: unknown, path: string[]): Array<[string[], Record<string, any>]> {
      if (typeof node !== "object" || node === null) return [];
      const here: Array<[string[], Record<string, any>]> =
        (node as Record<string, any>).properties?.low?.$ref !== undefined ? [[path, node as Record<string, any>]] : [];
      return [...here, ...Object.entries(node).flatMap(([key, child]) => ranges(child, [...path, key]))];
    }
    const found = ranges(schema, []);
    // Sixty-odd fields take a range: a handful of pointers would mean they were shared out of place.
    expect(found.length).toBeGreaterThan(50);
    for (const [path, range] of found) {
      expect(path.slice(-2)).toEqual(["anyOf", "1"]);
      const beside = `#/${[...path.slice(0, -1), "0"].join("/")}`;
      for (const bound of ["low", "high", "mode"]) expect(range.properties[bound].$ref, path.join("/")).toBe(beside);
    }
  });

  it("lists every metric under expect.max, min, max_increase and max_decrease, and nothing else", () => {
    const expectBlock = (schema.properties as Record<string, any>).expect;
    for (const kind of ["max", "min", "max_increase", "max_decrease"]) {
      expect(Object.keys(expectBlock.properties[kind].properties)).toEqual([...METRIC_PATHS]);
      expect(expectBlock.properties[kind].additionalProperties).toBe(false);
    }
  });
});

describe("presets point editors at the schema", () => {
  for (const file of readdirSync(PRESETS).filter((name) => name.endsWith(".yaml"))) {
    it(`${file} starts with a yaml-language-server line that resolves to the schema`, () => {
      const first = readFileSync(join(PRESETS, file), "utf8").split("\n")[0]!;
      const match = /^# yaml-language-server: \$schema=(.+)$/.exec(first);
      expect(match, first).not.toBeNull();
      expect(resolve(dirname(join(PRESETS, file)), match![1]!)).toBe(COMMITTED);
      expect(existsSync(COMMITTED)).toBe(true);
    });
  }
});
