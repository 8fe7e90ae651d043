import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { parseByPlan } from "../../src/lib/schema-plan.js";
import { keysAt, kindsAt, numberLeafAt, pipeInputType, schemaPlan } from "../../src/lib/schema-walk.js";

// src/lib/schema-walk.ts reads zod's internals (`_zod.def`); these tests pin what it reads on
// a schema built here, so a zod upgrade that moves them fails here, not in a user's --set.
const schema = z.object({
  name: z.string(),
  money: z.pipe(
    z.string(),
    z.transform((text: string) => Number(text)),
  ),
  channels: z.array(z.object({ cpa: z.number().check(z.gte(0)), note: z.optional(z.string()) })),
  count: z.optional(z.int().check(z.gte(1), z.lte(10))),
  fx: z.record(z.string(), z.number()),
  either: z.union([z.number(), z.object({ low: z.number(), high: z.number() })]),
});

describe("schema-walk on zod's internals", () => {
  it("lists the keys of an object, through arrays and unions", () => {
    expect(keysAt(schema, [])).toEqual(["name", "money", "channels", "count", "fx", "either"]);
    expect(keysAt(schema, ["channels", 0])).toEqual(["cpa", "note"]);
    expect(keysAt(schema, ["either"])).toEqual(["low", "high"]);
  });

  it("tells objects, records, arrays and leaves apart", () => {
    expect(kindsAt(schema, ["channels"])).toEqual(new Set(["array"]));
    expect(kindsAt(schema, ["fx"])).toEqual(new Set(["record"]));
    expect(kindsAt(schema, ["either"])).toEqual(new Set(["leaf", "object"]));
  });

  it("reads a number's integer format and bounds", () => {
    expect(numberLeafAt(schema, ["count"])).toEqual({
      integer: true,
      min: { value: 1, inclusive: true },
      max: { value: 10, inclusive: true },
    });
    expect(numberLeafAt(schema, ["channels", 0, "cpa"])).toEqual({ integer: false, min: { value: 0, inclusive: true } });
    expect(numberLeafAt(schema, ["name"])).toBeUndefined();
  });

  it("sees what a pipe takes in", () => {
    expect(pipeInputType(schema.shape.money)).toBe("string");
    expect(pipeInputType(schema.shape.name)).toBeUndefined();
  });
});

describe("schemaPlan and parseByPlan", () => {
  const isEven = (value: number) => value % 2 === 0;
  const toHalf = (value: number) => value / 2;
  const functions = { checks: { isEven }, transforms: { toHalf } };
  const leaf = z.number().check(z.gt(0), z.lte(10), z.refine(isEven));
  const planned = z.strictObject({
    first: leaf,
    second: leaf,
    size: z._default(z.int().check(z.gte(1)), 3),
    note: z.optional(z.string().check(z.minLength(2))),
    half: z.optional(z.pipe(z.number(), z.transform(toHalf))),
    either: z.optional(z.union([z.enum(["all"]), leaf])),
    list: z.optional(z.array(leaf).check(z.minLength(1))),
    byName: z.optional(z.record(z.string().check(z.regex(/^[a-z]+$/)), leaf)),
  });
  const plan = schemaPlan(planned, functions);

  it("writes a schema used in two places as one node", () => {
    const root = plan.nodes[0] as { shape: Record<string, number> };
    expect(root.shape.first).toBe(root.shape.second);
  });

  it("parses as the schema: an absent default put in, an absent optional left out, fields in the schema's order, a transform run", () => {
    // size absent: its default 3; note absent: no key; half 8 -> 8 / 2 = 4; keys as the shape lists them, not as written.
    const value = { half: 8, second: 4, first: 2 };
    expect(parseByPlan(plan, functions, value)).toEqual({ value: { first: 2, second: 4, size: 3, half: 4 } });
    expect(Object.keys(parseByPlan(plan, functions, value)!.value as object)).toEqual(["first", "second", "size", "half"]);
    expect(planned.safeParse(value)).toEqual({ success: true, data: { first: 2, second: 4, size: 3, half: 4 } });
  });

  it("counts a string's length in characters, as zod: two emoji are two, however many UTF-16 units", () => {
    const value = { first: 2, second: 4, note: "\u{1F600}\u{1F680}" };
    expect(planned.safeParse(value).success).toBe(true);
    expect(parseByPlan(plan, functions, value)).toEqual({ value: { first: 2, second: 4, size: 3, note: "\u{1F600}\u{1F680}" } });
  });

  it("fails where the schema fails: a bound, a refinement, a whole number, a length, a key pattern, an unknown key", () => {
    const base = { first: 2, second: 4 };
    for (const value of [
      { ...base, first: 0 }, // gt(0)
      { ...base, first: 12 }, // lte(10)
      { ...base, first: 3 }, // not even
      { ...base, size: 1.5 }, // not whole
      { ...base, note: "a" }, // minLength(2)
      { ...base, note: "\u{1F600}" }, // one character in two UTF-16 units: zod counts characters
      { ...base, list: [] }, // minLength(1)
      { ...base, byName: { Ab: 2 } }, // key pattern
      { ...base, either: "some" }, // neither option
      { ...base, extra: 1 }, // strict
      { second: 4 }, // first required
    ]) {
      expect(planned.safeParse(value).success).toBe(false);
      expect(parseByPlan(plan, functions, value)).toBeUndefined();
    }
  });

  it("has no plan for what it cannot follow: an object that is not strict, an unnamed refinement or transform, an optional outside an object", () => {
    expect(() => schemaPlan(z.object({ a: z.number() }), functions)).toThrow(/not strict/);
    expect(() => schemaPlan(z.strictObject({ a: z.number().check(z.refine((value) => value > 1)) }), functions)).toThrow(/does not name/);
    expect(() =>
      schemaPlan(
        z.pipe(
          z.number(),
          z.transform((value: number) => value + 1),
        ),
        functions,
      ),
    ).toThrow(/does not name/);
    expect(() => schemaPlan(z.array(z.optional(z.number())), functions)).toThrow(/outside an object/);
    expect(() => schemaPlan(z.strictObject({ a: z.date() }), functions)).toThrow(/no plan for a date/);
    // A codec transforms on its way through; an exact optional refuses an undefined written out: both look like what the plan knows.
    const upper = z.codec(z.string(), z.string(), { decode: (text: string) => text.toUpperCase(), encode: (text: string) => text });
    expect(() => schemaPlan(z.strictObject({ a: upper }), functions)).toThrow(/codec/);
    expect(() => schemaPlan(z.strictObject({ a: z.exactOptional(z.number()) }), functions)).toThrow(/exact optional/);
    // A format schema is a check of its own, which the plan would otherwise drop: z.email() takes "x" no more than z.int32() takes 2 ** 40.
    for (const format of [z.email(), z.uuid(), z.iso.date(), z.int32(), z.uint32(), z.float32()]) {
      expect(() => schemaPlan(z.strictObject({ a: format }), functions)).toThrow(/no plan for a (string|number) of format/);
    }
  });
});
