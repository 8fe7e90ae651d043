import { parseByPlan, type SchemaPlan } from "../lib/schema-plan.js";
import plan from "./scenario-plan.json" with { type: "json" };
import { type ParsedScenario, PLAN_FUNCTIONS, scenarioSchema } from "./schema.js";

/**
 * The scenario schema's `safeParse` (with the input in its issues), by the schema's plan
 * first: a value the plan takes is the schema's value, and the schema (3-5 ms of a run to
 * load and build) is built only for a file with a problem to word.
 */
export function parseScenario(value: unknown): ReturnType<ReturnType<typeof scenarioSchema>["safeParse"]> {
  const planned = parseByPlan(plan as SchemaPlan, PLAN_FUNCTIONS, value);
  if (planned !== undefined) return { success: true, data: planned.value as ParsedScenario };
  return scenarioSchema().safeParse(value, { reportInput: true });
}
