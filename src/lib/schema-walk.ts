import type { z } from "zod";
import type { NumberLeaf, PlanCheck, PlanFunctions, PlanNode, SchemaPlan } from "./schema-plan.js";

// The one file that reads zod's internals (`_zod.def`): zod has no public API to walk a
// schema. tests/lib/schema-walk.test.ts fails if a zod upgrade changes what is read here.

function typeOf(schema: z.core.$ZodType): string {
  return (schema._zod.def as { type: string }).type;
}

/** The object schemas a schema can stand for, looking through optional, default, pipe and union. */
function objectsOf(schema: z.core.$ZodType): z.core.$ZodObject[] {
  return unwrapped(schema).filter((found): found is z.core.$ZodObject => typeOf(found) === "object");
}

function elementsOf(schema: z.core.$ZodType): z.core.$ZodType[] {
  return unwrapped(schema).flatMap((found) => (typeOf(found) === "array" ? [(found as z.core.$ZodArray)._zod.def.element] : []));
}

/** The schemas found at a path (numbers index lists), or [] where the path leads nowhere. */
function schemasAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType[] {
  let current: z.core.$ZodType[] = [schema];
  for (const segment of path) {
    current =
      typeof segment === "number"
        ? current.flatMap(elementsOf)
        : current.flatMap(objectsOf).flatMap((object) => {
            const field = object._zod.def.shape[String(segment)];
            return field === undefined ? [] : [field];
          });
  }
  return current;
}

/** The keys a mapping may have at a path of the schema. */
export function keysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const keys = schemasAt(schema, path)
    .flatMap(objectsOf)
    .flatMap((object) => Object.keys(object._zod.def.shape));
  return [...new Set(keys)];
}

function unwrapped(schema: z.core.$ZodType): z.core.$ZodType[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case "optional":
    case "default":
    case "nullable":
    case "prefault":
    case "readonly":
      return unwrapped(def.innerType as z.core.$ZodType);
    case "pipe":
      return unwrapped(def.in as z.core.$ZodType);
    case "union":
      return (def.options as z.core.$ZodType[]).flatMap(unwrapped);
    default:
      return [schema];
  }
}

/** The kinds of value the schema takes at a path: a mapping of known keys, a record (free keys), a list, or a single value. */
export function kindsAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): Set<"object" | "record" | "array" | "leaf"> {
  const kinds = new Set<"object" | "record" | "array" | "leaf">();
  for (const found of schemasAt(schema, path).flatMap(unwrapped)) {
    const type = typeOf(found);
    kinds.add(type === "object" || type === "record" || type === "array" ? type : "leaf");
  }
  return kinds;
}

/** The number the schema takes at a path (not the range form), or undefined where it takes none. */
export function numberLeafAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): NumberLeaf | undefined {
  const number = schemasAt(schema, path)
    .flatMap(unwrapped)
    .find((found) => typeOf(found) === "number");
  if (number === undefined) return undefined;
  // zod/mini's z.int() keeps its format on the schema itself; classic .int() adds it as a check.
  const leaf: NumberLeaf = { integer: String((number._zod.def as { format?: string }).format ?? "").includes("int") };
  const checks = ((number._zod.def as { checks?: z.core.$ZodCheck[] }).checks ?? []).map(
    (check) => check._zod.def as unknown as { check: string; format?: string; value?: number; inclusive?: boolean },
  );
  for (const check of checks) {
    if (check.check === "number_format" && check.format?.includes("int")) leaf.integer = true;
    if (check.check === "greater_than" && typeof check.value === "number")
      leaf.min = { value: check.value, inclusive: check.inclusive === true };
    if (check.check === "less_than" && typeof check.value === "number")
      leaf.max = { value: check.value, inclusive: check.inclusive === true };
  }
  return leaf;
}

/** The kind of input a pipe (a transform) takes, e.g. "string" for money strings; undefined where the schema is no pipe. */
export function pipeInputType(schema: unknown): string | undefined {
  const def = (schema as z.core.$ZodType)._zod.def as unknown as { type: string; in?: z.core.$ZodType };
  return def.type === "pipe" && def.in !== undefined ? typeOf(def.in) : undefined;
}

/** Checks on a list that only count its items: changing one item cannot break them. */
const LENGTH_CHECKS: ReadonlySet<string> = new Set(["min_length", "max_length", "length_equals"]);

/**
 * The schema of the field at a path, as its parent parses it, where each container on the
 * way is an object or a list (through optional and default) with no check of its own but a
 * list's length: in a document whose containers on the path exist and which the schema took,
 * a value set at the path is taken just when this schema takes it, and gives what it gives.
 * Undefined where the path passes anything else (a union, a record, a pipe, a refinement).
 */
export function fieldSchemaAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  let field = schema;
  for (const segment of path) {
    let container = field;
    for (;;) {
      const def = container._zod.def as unknown as { type: string; innerType?: z.core.$ZodType; checks?: z.core.$ZodCheck[] };
      const checks = def.checks ?? [];
      if (!checks.every((check) => def.type === "array" && LENGTH_CHECKS.has((check._zod.def as { check: string }).check)))
        return undefined;
      if ((def.type !== "optional" && def.type !== "default") || def.innerType === undefined) break;
      container = def.innerType;
    }
    const type = typeOf(container);
    const next =
      typeof segment === "number"
        ? type === "array"
          ? (container as z.core.$ZodArray)._zod.def.element
          : undefined
        : type === "object" && Object.hasOwn((container as z.core.$ZodObject)._zod.def.shape, String(segment))
          ? (container as z.core.$ZodObject)._zod.def.shape[String(segment)]
          : undefined;
    if (next === undefined) return undefined;
    field = next;
  }
  return field;
}

/** A zod definition as schemaPlan reads it: every field it may look at, all optional. */
interface AnyDef {
  type: string;
  check?: string;
  checks?: z.core.$ZodCheck[];
  coerce?: boolean;
  format?: string;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
  pattern?: RegExp;
  fn?: unknown;
  when?: unknown;
  entries?: Record<string, unknown>;
  innerType?: z.core.$ZodType;
  defaultValue?: unknown;
  shape?: Record<string, z.core.$ZodType>;
  catchall?: z.core.$ZodType;
  element?: z.core.$ZodType;
  keyType?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
  options?: z.core.$ZodType[];
  in?: z.core.$ZodType;
  out?: z.core.$ZodType;
  transform?: unknown;
}

const defOf = (schema: z.core.$ZodType | z.core.$ZodCheck): AnyDef => schema._zod.def as unknown as AnyDef;

/** The name `functions` has for `fn`; a function it lacks is a schema the plan cannot follow. */
function nameIn(functions: Readonly<Record<string, unknown>>, fn: unknown, what: string): string {
  const name = Object.keys(functions).find((key) => functions[key] === fn);
  if (name === undefined) throw new Error(`schemaPlan: a ${what} that PlanFunctions does not name`);
  return name;
}

/**
 * The plan of a schema (lib/schema-plan.ts), for `parseByPlan` to parse as the schema does.
 * It throws on anything it does not know how zod parses (another type, check or transform,
 * an optional outside an object), so that a schema the plan would misread has no plan.
 */
export function schemaPlan(schema: z.core.$ZodType, functions: PlanFunctions): SchemaPlan {
  const nodes: PlanNode[] = [];
  const indexes = new Map<z.core.$ZodType, number>();

  const checksOf = (def: AnyDef): PlanCheck[] => {
    const checks: PlanCheck[] = def.format === "safeint" && def.check === "number_format" ? [{ check: "safeint" }] : [];
    for (const check of (def.checks ?? []).map(defOf)) checks.push(planCheck(check));
    return checks;
  };
  const planCheck = (check: AnyDef): PlanCheck => {
    if (check.check === "greater_than" || check.check === "less_than")
      return { check: check.check, value: check.value!, inclusive: check.inclusive === true };
    if (check.check === "min_length") return { check: "min_length", minimum: check.minimum! };
    if (check.check === "string_format" && check.format === "regex")
      return { check: "regex", source: check.pattern!.source, flags: check.pattern!.flags };
    if (check.check === "number_format" && check.format === "safeint") return { check: "safeint" };
    // A refinement that runs only `when` something holds would pass values its function fails.
    if (check.check === "custom" && check.when === undefined) return { check: "custom", name: nameIn(functions.checks, check.fn, "check") };
    throw new Error(`schemaPlan: no plan for a ${check.check} check`);
  };
  const withoutChecks = (def: AnyDef): AnyDef => {
    if ((def.checks ?? []).length > 0 || (def.check !== undefined && def.type !== "number"))
      throw new Error(`schemaPlan: no plan for checks on a ${def.type}`);
    return def;
  };

  const visit = (current: z.core.$ZodType, inObject = false): number => {
    const known = indexes.get(current);
    if (known !== undefined) return known;
    const index = nodes.length;
    indexes.set(current, index);
    nodes.push({ type: "boolean" });
    nodes[index] = planNode(current, inObject);
    return index;
  };
  const planNode = (current: z.core.$ZodType, inObject: boolean): PlanNode => {
    const def = defOf(current);
    if (def.coerce === true) throw new Error("schemaPlan: no plan for coercion");
    switch (def.type) {
      case "number":
      case "string":
        // A format schema (z.email(), z.int32(), ...) is its own check; only z.int()'s is in the plan.
        if (def.check !== undefined && !(def.check === "number_format" && def.format === "safeint"))
          throw new Error(`schemaPlan: no plan for a ${def.type} of format ${def.format}`);
        return { type: def.type, checks: checksOf(def) };
      case "boolean":
        withoutChecks(def);
        return { type: "boolean" };
      case "enum": {
        const values = Object.values(withoutChecks(def).entries ?? {});
        if (!values.every((value) => typeof value === "string")) throw new Error("schemaPlan: no plan for an enum of other than strings");
        return { type: "enum", values: values as string[] };
      }
      case "optional":
      case "default": {
        // In an object only: elsewhere zod's optional and default depend on what wraps them.
        if (!inObject) throw new Error(`schemaPlan: no plan for a ${def.type} outside an object`);
        // An exact optional has an optional's definition, but takes no undefined written out.
        if (current._zod.traits.has("$ZodExactOptional")) throw new Error("schemaPlan: no plan for an exact optional");
        const inner = visit(withoutChecks(def).innerType!);
        if (def.type === "optional") return { type: "optional", inner };
        const value = def.defaultValue;
        if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
          throw new Error("schemaPlan: no plan for a default of other than a string, number or boolean");
        return { type: "default", inner, value };
      }
      case "object": {
        const { catchall } = withoutChecks(def);
        if (catchall === undefined || defOf(catchall).type !== "never")
          throw new Error("schemaPlan: no plan for an object that is not strict");
        const shape: Record<string, number> = {};
        for (const [key, field] of Object.entries(def.shape ?? {})) shape[key] = visit(field, true);
        return { type: "object", shape };
      }
      case "array":
        return { type: "array", element: visit(def.element!), checks: checksOf(def) };
      case "record": {
        const key = withoutChecks(def).keyType!;
        if (defOf(key).type !== "string") throw new Error("schemaPlan: no plan for a record whose keys are not strings");
        return { type: "record", key: visit(key), value: visit(def.valueType!) };
      }
      case "union":
        if ((def as { inclusive?: boolean }).inclusive === false) throw new Error("schemaPlan: no plan for an exclusive union");
        return { type: "union", options: withoutChecks(def).options!.map((option) => visit(option)) };
      case "pipe":
        // A codec is a pipe whose definition carries the transforms between its ends.
        if (def.transform !== undefined) throw new Error("schemaPlan: no plan for a codec");
        return { type: "pipe", in: visit(withoutChecks(def).in!), out: visit(def.out!) };
      case "transform":
        return { type: "transform", name: nameIn(functions.transforms, withoutChecks(def).transform, "transform") };
      default:
        throw new Error(`schemaPlan: no plan for a ${def.type}`);
    }
  };
  visit(schema);
  return { nodes };
}
