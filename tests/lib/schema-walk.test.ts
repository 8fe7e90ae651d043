import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { keysAt, kindsAt, numberLeafAt, pipeInputType } from "../../src/lib/schema-walk.js";

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
