import { type InputProblem, UserError } from "../errors.js";
import type { ModelInput } from "../model/index.js";
import { documentValue, locate, parseYaml, type ScenarioDocument } from "./document.js";
import { type FieldProblem, problemsFromIssues } from "./issues.js";
import { toModelInput } from "./model-input.js";
import type { ScenarioSource } from "./read.js";
import { resolveValues } from "./resolve.js";
import { crossFieldProblems } from "./rules.js";
import { type ScenarioData, scenarioSchema } from "./schema.js";

/** A valid scenario: its data as written (resolved) and the model's input. */
export interface Scenario {
  file: string;
  data: ScenarioData;
  input: ModelInput;
}

/**
 * YAML text to a valid scenario, in stages: YAML, the zod schema (shapes and single
 * values), money and ranges to plain numbers, then rules across fields. A stage's
 * problems are all reported at once, each at its line and column.
 */
export function loadScenario(source: ScenarioSource): Scenario {
  const document = parseYaml(source.text, source.file);
  const data = validateScenario(document, documentValue(document));
  return { file: source.file, data, input: toModelInput(data) };
}

/** Validates a scenario's plain value, located in `document` for its messages. */
export function validateScenario(document: ScenarioDocument, value: unknown): ScenarioData {
  const parsed = scenarioSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) fail(document, problemsFromIssues(parsed.error.issues, scenarioSchema));

  const resolveProblems: FieldProblem[] = [];
  const { currency, fx = {} } = parsed.data;
  const data = resolveValues(parsed.data, { currency, fx }, resolveProblems);
  if (resolveProblems.length > 0) fail(document, resolveProblems);

  const ruleProblems = crossFieldProblems(data);
  if (ruleProblems.length > 0) fail(document, ruleProblems);
  return data;
}

function fail(document: ScenarioDocument, problems: FieldProblem[]): never {
  throw UserError.fromProblems(problems.map((problem) => locateProblem(document, problem)).sort(byPosition));
}

function locateProblem(document: ScenarioDocument, problem: FieldProblem): InputProblem {
  return {
    file: document.file,
    ...locate(document, problem.path, problem.atKey),
    path: problem.path.map(String).join(".") || "(top level)",
    message: problem.message,
    ...(problem.hint ? { hint: problem.hint } : {}),
  };
}

function byPosition(a: InputProblem, b: InputProblem): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0);
}
