import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse as parseWithYaml } from "yaml";
import { parseByPlan, planFieldAt, planKeysAt, planKindsAt, planNumberLeafAt, type SchemaPlan } from "../../src/lib/schema-plan.js";
import { fieldSchemaAt, keysAt, kindsAt, numberLeafAt, schemaPlan } from "../../src/lib/schema-walk.js";
import { safeParse } from "../../src/lib/zod.js";
import committedPlan from "../../src/scenario/scenario-plan.json" with { type: "json" };
import { PLAN_FUNCTIONS, scenarioSchema } from "../../src/scenario/schema.js";

// The plan (src/scenario/scenario-plan.json) stands in for the zod schema on every valid
// file: it must be the schema's, and parse as the schema does, or decline.

const ROOT = join(import.meta.dirname, "..", "..");
const plan = committedPlan as SchemaPlan;

function byPlan(value: unknown): { value: unknown } | undefined {
  return parseByPlan(plan, PLAN_FUNCTIONS, value);
}

/** What the plan did with `value` against what the schema does: equal data, or the plan declined. */
function agreement(value: unknown): "same" | "plan declined a valid value" | "both failed" {
  const planned = byPlan(value);
  const parsed = scenarioSchema().safeParse(value);
  if (!parsed.success) {
    expect(planned, "the plan took a value the schema rejects").toBeUndefined();
    return "both failed";
  }
  if (planned === undefined) return "plan declined a valid value";
  // Node's strict equality (prototypes, undefined values), with vitest's diff where it fails; not vitest's
  // own, which compares `constructor` properties as classes, and a record may hold a key "constructor".
  if (!isDeepStrictEqual(planned.value, parsed.data)) expect(planned.value).toStrictEqual(parsed.data);
  // Neither looks at the order of keys, which a report or a JSON result would show.
  expect(keyOrder(planned.value)).toEqual(keyOrder(parsed.data));
  return "same";
}

/** The keys of `value` and of everything in it, in their order. */
function keyOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrder);
  if (value === null || typeof value !== "object") return null;
  return Object.entries(value).map(([key, item]) => [key, keyOrder(item)]);
}

function yamlFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === "yaml-test-suite" ? [] : yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

describe("the scenario schema's plan", () => {
  it("is the committed src/scenario/scenario-plan.json (run `npm run plan` after changing schema.ts)", () => {
    expect(schemaPlan(scenarioSchema(), PLAN_FUNCTIONS)).toEqual(committedPlan);
  });

  it("parses every scenario file of the repository as the schema does, and takes every valid one", () => {
    const files = [...yamlFiles(join(ROOT, "data")), ...yamlFiles(join(ROOT, "tests", "fixtures"))];
    const outcomes = { same: 0, "both failed": 0, "plan declined a valid value": 0 };
    for (const file of files) {
      let value: unknown;
      try {
        value = parseWithYaml(readFileSync(file, "utf8"));
      } catch {
        continue;
      }
      outcomes[agreement(value)] += 1;
    }
    // The presets, the fixtures of every command: the plan must serve them, not only not contradict the schema.
    expect(outcomes.same).toBeGreaterThan(40);
    expect(outcomes["plan declined a valid value"]).toBe(0);
  });

  it("agrees with the schema on 3,000 generated documents with hostile values put in", () => {
    const outcomes = { same: 0, "both failed": 0, "plan declined a valid value": 0 };
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const random = mulberry32(seed);
        const document = generated(0, random) as Record<string, unknown>;
        const mutations = Math.floor(random() * 4);
        for (let i = 0; i < mutations; i++) mutate(document, random);
        outcomes[agreement(document)] += 1;
      }),
      { numRuns: 3000, seed: 20261130 },
    );
    // Both sides of the comparison must be exercised for it to mean anything.
    expect(outcomes.same).toBeGreaterThan(300);
    expect(outcomes["both failed"]).toBeGreaterThan(300);
    expect(outcomes["plan declined a valid value"]).toBe(0);
  });

  it("agrees with the schema at every field of a document with every key, on each bound of the field's numbers and on hostile values", () => {
    const random = mulberry32(11);
    const document = generated(0, random, true) as Record<string, unknown>;
    expect(agreement(document)).toBe("same");
    const outcomes = { same: 0, "both failed": 0, "plan declined a valid value": 0 };
    const fields = fieldsOf(0, document, []);
    expect(fields.length).toBeGreaterThan(140);
    for (const { path, node } of fields) {
      for (const value of [...boundsNear(node), ...HOSTILE]) {
        const changed = structuredClone(document);
        setAt(changed, path, value);
        outcomes[agreement(changed)] += 1;
      }
    }
    // Every mapping and record of it, with each added key: records of turns and currencies take some, mappings none.
    const containers = new Set(fields.map(({ path }) => JSON.stringify(path.slice(0, -1))));
    for (const container of containers) {
      const path = JSON.parse(container) as PropertyKey[];
      for (const key of ADDED_KEYS) {
        for (const value of [0.5, 1, "¥1"]) {
          const changed = structuredClone(document);
          setAt(changed, [...path, key], value);
          outcomes[agreement(changed)] += 1;
        }
      }
    }
    expect(outcomes.same).toBeGreaterThan(1000);
    expect(outcomes["both failed"]).toBeGreaterThan(1000);
    expect(outcomes["plan declined a valid value"]).toBe(0);
  });

  it("declines what it does not model, for the schema to decide: a class instance, a symbol key, a __proto__ key", () => {
    const valid = parseWithYaml(readFileSync(join(ROOT, "data", "scenarios", "default.yaml"), "utf8")) as Record<string, unknown>;
    expect(byPlan(valid)).toBeDefined();
    expect(byPlan({ ...valid, retention: Object.assign(Object.create({ inherited: 1 }), valid.retention) })).toBeUndefined();
    expect(byPlan({ ...valid, fx: { USD: 7.2, [Symbol("x")]: 1 } })).toBeUndefined();
    expect(byPlan({ ...valid, fx: JSON.parse('{ "USD": 7.2, "__proto__": 1 }') })).toBeUndefined();
  });
});

describe("the plan's walkers", () => {
  // --set, sweep, solve and sensitivity read the schema's shape from the plan: it must say what schema-walk.ts says of the schema.
  const paths = schemaPaths();

  it("find the kinds, keys, number and field at every path of the schema as schema-walk.ts finds them in it", () => {
    expect(paths.length).toBeGreaterThan(400);
    let fields = 0;
    for (const path of paths) {
      expect(planKindsAt(plan, path), path.join(".")).toEqual(kindsAt(scenarioSchema(), path));
      expect(planKeysAt(plan, path), path.join(".")).toEqual(keysAt(scenarioSchema(), path));
      expect(planNumberLeafAt(plan, path), path.join(".")).toEqual(numberLeafAt(scenarioSchema(), path));
      const field = planFieldAt(plan, path);
      expect(field === undefined, path.join(".")).toBe(fieldSchemaAt(scenarioSchema(), path) === undefined);
      if (field !== undefined) fields++;
    }
    // Most paths have a field alone (sweep validates a value there by itself), some pass a union or a record.
    expect(fields).toBeGreaterThan(100);
    expect(fields).toBeLessThan(paths.length);
  });

  it("parse a value at every field as the field's schema does, or decline", () => {
    const outcomes = { same: 0, "both failed": 0, declined: 0 };
    for (const path of paths) {
      const node = planFieldAt(plan, path);
      if (node === undefined) continue;
      const schema = fieldSchemaAt(scenarioSchema(), path)!;
      for (const value of [...boundsNear(node), ...HOSTILE, ...MONEY_TEXTS]) {
        const planned = parseByPlan(plan, PLAN_FUNCTIONS, value, node);
        const parsed = safeParse(schema, value);
        if (!parsed.success) {
          expect(planned, `${path.join(".")} took ${String(value)}`).toBeUndefined();
          outcomes["both failed"]++;
        } else if (planned === undefined) outcomes.declined++;
        else {
          if (!isDeepStrictEqual(planned.value, parsed.data)) expect(planned.value).toStrictEqual(parsed.data);
          outcomes.same++;
        }
      }
    }
    expect(outcomes.same).toBeGreaterThan(1000);
    expect(outcomes["both failed"]).toBeGreaterThan(1000);
    expect(outcomes.declined).toBe(0);
  });
});

/**
 * Every path of the schema, through each option of a union, the first item of a list and a
 * key of a record, with a wrong key, a list index and a name after each: as --set may write them.
 */
function schemaPaths(): PropertyKey[][] {
  const paths = new Map<string, PropertyKey[]>();
  const add = (path: PropertyKey[]) => paths.set(JSON.stringify(path), path);
  const unwrap = (index: number): number[] => {
    const node = plan.nodes[index]!;
    if (node.type === "optional" || node.type === "default") return unwrap(node.inner);
    if (node.type === "pipe") return unwrap(node.in);
    if (node.type === "union") return node.options.flatMap(unwrap);
    return [index];
  };
  const walk = (index: number, path: PropertyKey[]) => {
    if (paths.has(JSON.stringify(path)) || path.length > 8) return;
    add(path);
    for (const extra of ["bogus", 1, "name"]) add([...path, extra]);
    for (const found of unwrap(index)) {
      const node = plan.nodes[found]!;
      if (node.type === "object") for (const [key, field] of Object.entries(node.shape)) walk(field, [...path, key]);
      if (node.type === "array") walk(node.element, [...path, 0]);
      if (node.type === "record") walk(node.value, [...path, "USD"]);
    }
  };
  walk(0, []);
  return [...paths.values()];
}

/** A small seeded generator (mulberry32), so that a failing case can be replayed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;

const MONEY_TEXTS = ["¥30", "$2", "20万", "1.5亿元", "0.3 CNY", "12", "78M USD"];

/** A value for plan node `index`, valid more often than not, so that most documents are; with `every`, every optional key is there. */
function generated(index: number, random: () => number, every = false): unknown {
  const node = plan.nodes[index]!;
  switch (node.type) {
    case "number": {
      const low = node.checks.find((check) => check.check === "greater_than");
      const high = node.checks.find((check) => check.check === "less_than");
      const min = low?.check === "greater_than" ? low.value : -10;
      const max = high?.check === "less_than" ? Math.min(high.value, min + 1000) : min + 1000;
      const whole = node.checks.some((check) => check.check === "safeint");
      const value = min + random() * (max - min);
      const top = high?.check === "less_than" && !high.inclusive ? value : max;
      return whole ? Math.ceil(pick(random, [value, min + 1e-9])) : pick(random, [value, top]);
    }
    case "string": {
      const custom = node.checks.find((check) => check.check === "custom");
      const name = custom?.check === "custom" ? custom.name : undefined;
      if (name === "isCurrencyCode") return pick(random, ["USD", "CNY", "EUR"]);
      if (name === "isTurnCountInRange") return pick(random, ["1", "2", "12"]);
      if (node.checks.some((check) => check.check === "regex")) return pick(random, ["10%", "5 %", "0.5%"]);
      return pick(random, ["a name", "feed", "x"]);
    }
    case "boolean":
      return random() < 0.5;
    case "enum":
      return pick(random, node.values);
    case "optional":
    case "default":
      return generated(node.inner, random, every);
    case "object": {
      const object: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(node.shape)) {
        const optional = plan.nodes[field]!.type === "optional" || plan.nodes[field]!.type === "default";
        if (!optional || every || random() < 0.5) object[key] = generated(field, random, every);
      }
      return object;
    }
    case "array":
      return Array.from({ length: 1 + Math.floor(random() * 2) }, () => generated(node.element, random, every));
    case "record": {
      const record: Record<string, unknown> = {};
      for (let i = 0; i < 1 + Math.floor(random() * 2); i++)
        record[generated(node.key, random) as string] = generated(node.value, random, every);
      return record;
    }
    case "union":
      return generated(pick(random, node.options), random, every);
    case "pipe": {
      const out = plan.nodes[node.out]!;
      if (out.type === "transform" && /Money/.test(out.name)) return pick(random, MONEY_TEXTS);
      return generated(node.in, random, every);
    }
    case "transform":
      return undefined;
  }
}

/** Values of every kind, the bounds of the schema's numbers among them (1 is above a share, 10,000 turns the most). */
const HOSTILE: readonly unknown[] = [
  undefined,
  1,
  1e-6,
  100,
  101,
  1e6,
  1e8,
  10_000,
  10_001,
  36_500,
  1e12,
  1e12 + 1,
  -1,
  0,
  1e-7,
  1e-320,
  0.5,
  1.5,
  2,
  3650,
  1e13,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "",
  " ",
  "x",
  "¥-1",
  "10%",
  "USD",
  true,
  null,
  [],
  {},
  { low: 0.1, high: 0.2 },
  { low: 1, high: 2, dist: "triangular", mode: 1.5 },
  { low: "¥1", high: "¥2" },
  { low: 1 },
  { low: 1, high: 2, extra: 3 },
  ["a"],
  [{ name: "x", cpa: 1 }],
  "0",
  "¥0.0000001",
  "abc",
  "-5",
  "1e400",
  "¥1e-7",
];

/** Every field of `value` (parsed by plan node `index`) that holds no object or list of its own: its path and node. */
function fieldsOf(index: number, value: unknown, path: PropertyKey[]): Array<{ path: PropertyKey[]; node: number }> {
  const node = plan.nodes[index]!;
  if (node.type === "optional" || node.type === "default") return fieldsOf(node.inner, value, path);
  if (node.type === "object")
    return Object.entries(node.shape).flatMap(([key, field]) =>
      key in (value as object) ? fieldsOf(field, (value as Record<string, unknown>)[key], [...path, key]) : [],
    );
  if (node.type === "array") return (value as unknown[]).flatMap((item, i) => fieldsOf(node.element, item, [...path, i]));
  if (node.type === "record") return Object.entries(value as object).flatMap(([key, item]) => fieldsOf(node.value, item, [...path, key]));
  return [{ path, node: index }];
}

/** The bounds of every number node `index` can be (through unions, pipes, defaults), each with a value just inside and outside. */
function boundsNear(index: number): number[] {
  const node = plan.nodes[index]!;
  if (node.type === "union") return node.options.flatMap(boundsNear);
  if (node.type === "pipe") return boundsNear(node.in);
  if (node.type === "optional" || node.type === "default") return boundsNear(node.inner);
  if (node.type !== "number") return [];
  return node.checks.flatMap((check) => {
    if (check.check !== "greater_than" && check.check !== "less_than") return [];
    const step = Math.max(Math.abs(check.value) * 1e-9, 1e-9);
    return [check.value, check.value - step, check.value + step, check.value + 0.5];
  });
}

function setAt(document: Record<string, unknown>, path: readonly PropertyKey[], value: unknown): void {
  let container = document as Record<PropertyKey, unknown>;
  for (const key of path.slice(0, -1)) container = container[key] as Record<PropertyKey, unknown>;
  container[path.at(-1)!] = value;
}

/** Keys put into mappings and records: unknown ones, inherited names, and numbers as a record of turns would not take them. */
const ADDED_KEYS = [
  "unknown",
  "constructor",
  "toString",
  "hasOwnProperty",
  "01",
  "1.0",
  "1e1",
  "10001",
  "0",
  "-1",
  "1",
  "12",
  "usd",
  "USD",
  "EUR",
];

/** `document` with one value replaced, a key deleted or an unknown key added, somewhere in it. */
function mutate(document: Record<string, unknown>, random: () => number): void {
  let container: Record<string, unknown> | unknown[] = document;
  for (;;) {
    const keys = Object.keys(container);
    if (keys.length === 0) break;
    const key = pick(random, keys);
    const child = (container as Record<string, unknown>)[key];
    if (child !== null && typeof child === "object" && random() < 0.6) {
      container = child as Record<string, unknown>;
      continue;
    }
    const roll = random();
    if (roll < 0.7) (container as Record<string, unknown>)[key] = pick(random, HOSTILE);
    else if (roll < 0.85 && !Array.isArray(container)) delete container[key];
    else if (!Array.isArray(container)) container[pick(random, ADDED_KEYS)] = pick(random, [1, 0.5, "¥1", "x"]);
    return;
  }
}
