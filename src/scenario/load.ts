import type { InputProblem } from "../lib/errors.js";
import type { ModelInput } from "../model/index.js";
import { documentValue, locateProblem, parseYaml, problemsError, type ScenarioDocument } from "../lib/document.js";
import { expectKeyProblems, expectProblems } from "./expect.js";
import { type FieldProblem, problemsFromIssues } from "../lib/issues.js";
import { toModelInput } from "./model-input.js";
import { type PriceSources, resolveModelPrices } from "../catalog/model-price.js";
import { applyOverrides, attributeProblem, type Override } from "./overrides.js";
import type { ScenarioSource } from "../lib/read.js";
import { resolveValues } from "./resolve.js";
import { crossFieldProblems, RULE_SECTIONS, sectionProblems } from "./rules.js";
import { type ScenarioData, scenarioSchema } from "./schema.js";
import { parseScenario } from "./parse.js";

/** A valid scenario: its data as written (resolved) and the model's input. */
export interface Scenario {
  file: string;
  data: ScenarioData;
  input: ModelInput;
  /** Things worth knowing that do not stop the run (a catalog price over 12 months old), for stderr. */
  warnings?: InputProblem[];
}

export interface LoadOptions {
  /** `--set PATH=VALUE` changes, applied to the document before it is validated. */
  overrides?: readonly Override[];
  /** Where `inference.model` ids are looked up; read only when a scenario names a model. */
  priceSources?: PriceSources;
  /** Today as YYYY-MM-DD: a catalog price more than 12 months older gets a warning. */
  today?: string;
}

/**
 * YAML text to a valid scenario, in stages: YAML, `--set` overrides, the zod schema
 * (shapes and single values), money and ranges to plain numbers, then rules across
 * fields. Problems are reported all at once, each at its line and column; where the
 * schema fails, the later stages still check the sections it accepted.
 */
export function loadScenario(source: ScenarioSource, options: LoadOptions = {}): Scenario {
  const document = applyOverrides(parseYaml(source.text, source.file), options.overrides ?? []);
  return scenarioFromDocument(document, options);
}

/** A parsed (and possibly overridden) document to a valid scenario; `sweep` and `solve` call it once per point. */
export function scenarioFromDocument(document: ScenarioDocument, options: LoadOptions = {}): Scenario {
  return scenarioFromValue(document, documentValue(document), options);
}

/**
 * A plain value to a valid scenario, as scenarioFromDocument does with the document's own
 * value; its problems are located in `document` (whatif/patched-points.ts validates one
 * setting at a time on the file's value without copying the YAML).
 */
export function scenarioFromValue(document: ScenarioDocument, value: Record<string, unknown>, options: LoadOptions = {}): Scenario {
  const warnings: InputProblem[] = [];
  const data = validateScenario(document, value, { ...options, onWarning: (warning) => warnings.push(warning) });
  return { file: document.file, data, input: toModelInput(data), ...(warnings.length > 0 ? { warnings } : {}) };
}

/** Validates a scenario's plain value, located in `document` for its messages. */
function validateScenario(
  document: ScenarioDocument,
  value: unknown,
  options: LoadOptions & { onWarning?: (warning: InputProblem) => void } = {},
): ScenarioData {
  const parsed = parseScenario(value);
  if (!parsed.success) fail(document, [...problemsFromIssues(parsed.error.issues, scenarioSchema()), ...validSectionProblems(value)]);

  // The expect block's metric paths are checked here, while a bound still shows whether it was written as money.
  const resolveProblems: FieldProblem[] = expectProblems(parsed.data.expect);
  const { currency, fx = {} } = parsed.data;
  const data = resolveValues(parsed.data, { currency, fx }, resolveProblems);
  if (resolveProblems.length > 0) fail(document, resolveProblems);

  // The model's price last, with the rules' problems: it needs a valid currency and fx.
  const priced = resolveModelPrices(data, options.priceSources, document.file, options.today);
  const ruleProblems = [...crossFieldProblems(data), ...priced.problems];
  if (ruleProblems.length > 0) fail(document, ruleProblems);
  for (const warning of priced.warnings) options.onWarning?.(locateWithOverrides(document, warning));
  return priced.data;
}

/**
 * When the schema rejects a file, the later stages still run on the sections it accepted,
 * so that a user sees every problem of the file at once rather than one stage at a time.
 * Without a valid currency and fx no money can be converted, and they are skipped.
 */
function validSectionProblems(value: unknown): FieldProblem[] {
  const scenario = value as Record<string, unknown>;
  const { shape } = scenarioSchema();
  const currency = shape.currency.safeParse(scenario.currency);
  const fx = shape.fx.safeParse(scenario.fx);
  if (!currency.success || !fx.success) return [];
  const context = { currency: currency.data, fx: fx.data ?? {} };
  const expect = shape.expect.safeParse(scenario.expect);
  const problems = expect.success ? expectProblems(expect.data) : expectKeyProblems(scenario.expect);
  for (const section of RULE_SECTIONS) {
    const parsed = shape[section].safeParse(scenario[section]);
    if (!parsed.success) continue;
    const resolveProblems: FieldProblem[] = [];
    const resolved = resolveValues(parsed.data, context, resolveProblems);
    problems.push(...resolveProblems.map((problem) => ({ ...problem, path: [section, ...problem.path] })));
    // A section whose money did not convert holds NaN: its rules would only echo that.
    if (resolveProblems.length === 0) problems.push(...sectionProblems(section, resolved as never));
  }
  return problems;
}

function fail(document: ScenarioDocument, problems: FieldProblem[]): never {
  throw problemsError(document, problems, locateWithOverrides);
}

/** A problem at its line and column, or at the `--set` that put its value there. */
function locateWithOverrides(document: ScenarioDocument, problem: FieldProblem): InputProblem {
  const located = locateProblem(document, problem);
  return document.overrides === undefined ? located : attributeProblem(document, problem, located);
}
