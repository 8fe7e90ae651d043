import {
  type NumberLeaf,
  parseByPlan,
  planFieldAt,
  planKeysAt,
  planKindsAt,
  planNumberLeafAt,
  type SchemaPlan,
} from "../lib/schema-plan.js";
import { fieldSchemaAt } from "../lib/schema-walk.js";
import { safeParse } from "../lib/zod.js";
import plan from "./scenario-plan.json" with { type: "json" };
import { type ParsedScenario, PLAN_FUNCTIONS, scenarioSchema } from "./schema.js";

const SCENARIO_PLAN = plan as SchemaPlan;

/**
 * The scenario schema's `safeParse` (with the input in its issues), by the schema's plan
 * first: a value the plan takes is the schema's value, and the schema (3-5 ms of a run to
 * load and build) is built only for a file with a problem to word.
 */
export function parseScenario(value: unknown): ReturnType<ReturnType<typeof scenarioSchema>["safeParse"]> {
  const planned = parseByPlan(SCENARIO_PLAN, PLAN_FUNCTIONS, value);
  if (planned !== undefined) return { success: true, data: planned.value as ParsedScenario };
  return scenarioSchema().safeParse(value, { reportInput: true });
}

/** The kinds of value the scenario takes at a path (schema-walk.ts's `kindsAt`), read from the plan. */
export function scenarioKindsAt(path: readonly PropertyKey[]): Set<"object" | "record" | "array" | "leaf"> {
  return planKindsAt(SCENARIO_PLAN, path);
}

/** The keys a mapping of the scenario may have at a path (schema-walk.ts's `keysAt`), read from the plan. */
export function scenarioKeysAt(path: readonly PropertyKey[]): string[] {
  return planKeysAt(SCENARIO_PLAN, path);
}

/** The number the scenario takes at a path, its bounds and whether whole (schema-walk.ts's `numberLeafAt`), read from the plan. */
export function scenarioNumberLeafAt(path: readonly PropertyKey[]): NumberLeaf | undefined {
  return planNumberLeafAt(SCENARIO_PLAN, path);
}

/**
 * A value parsed by the scenario's field at `path` as its parent parses it (schema-walk.ts's
 * `fieldSchemaAt`): by the plan, or the field's schema where the plan cannot say; undefined
 * where the path has no such field (it passes a union, a record, a pipe).
 */
export function parseFieldAt(
  path: readonly PropertyKey[],
  value: unknown,
): { success: true; data: unknown } | { success: false } | undefined {
  const node = planFieldAt(SCENARIO_PLAN, path);
  if (node === undefined) return undefined;
  const planned = parseByPlan(SCENARIO_PLAN, PLAN_FUNCTIONS, value, node);
  if (planned !== undefined) return { success: true, data: planned.value };
  const field = fieldSchemaAt(scenarioSchema(), path);
  if (field === undefined) return { success: false };
  const parsed = safeParse(field, value);
  return parsed.success ? { success: true, data: parsed.data } : { success: false };
}
