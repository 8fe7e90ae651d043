import type { FieldProblem } from "../../src/lib/issues.js";
import { resolveValues } from "../../src/scenario/resolve.js";
import { scenarioSchema, type ScenarioData } from "../../src/scenario/schema.js";

/** A small valid scenario as plain data, before the schema; tests spread their changes over it. */
export const BASE = {
  name: "t",
  retention: { d1: 0.5, d7: 0.2 },
  usage: { sessions_per_dau: 1, turns_per_session: 2 },
  tokens: { input: 10, output: 20 },
  inference: { price: { input: 1, output: 2 } },
};

/** Plain data through the schema and money / range resolution, as the loader does before the rules. */
export function scenarioData(value: Record<string, unknown>): ScenarioData {
  const parsed = scenarioSchema().safeParse(value);
  if (!parsed.success) throw new Error(`not a valid shape: ${JSON.stringify(parsed.error.issues)}`);
  const problems: FieldProblem[] = [];
  const data = resolveValues(parsed.data, { currency: parsed.data.currency, fx: parsed.data.fx ?? {} }, problems);
  if (problems.length > 0) throw new Error(`does not resolve: ${JSON.stringify(problems)}`);
  return data;
}
