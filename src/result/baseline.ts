import { type InputProblem, UserError } from "../lib/errors.js";
import { parseJsonText, withoutByteOrderMark } from "../lib/json-text.js";
import { isRecord } from "../lib/record.js";
import { type JsonResult, SCHEMA_VERSION } from "./json-result.js";

/**
 * A baseline: results saved by `llm-cac run --format json -o base.json` (one object for
 * one scenario, an array for several), read back so that `compare` and `check --baseline`
 * can set new numbers against them without the YAML that made them.
 */

/** The results of a saved `run --format json`; anything else is the user's error about `name`. */
export function parseBaseline(text: string, name: string): JsonResult[] {
  const value = parseJsonText(text, name, "save a baseline with: llm-cac run FILE --format json -o base.json");
  const command = otherReportOf(value);
  if (command !== undefined) {
    throw UserError.fromProblems([
      {
        file: name,
        message: `a report of \`llm-cac ${command}\`, not a run result; a baseline is the JSON of \`llm-cac run --format json\``,
        hint: "save a baseline with: llm-cac run FILE --format json -o base.json",
      },
    ]);
  }
  const items = Array.isArray(value) ? value : [value];
  const problems = items.flatMap((item, index) => resultProblems(item, Array.isArray(value) ? `${index}` : undefined, name));
  if (items.length === 0) problems.push({ file: name, message: "an empty list: a baseline holds at least one result" });
  if (problems.length > 0) throw UserError.fromProblems(problems);
  return items as JsonResult[];
}

/**
 * The other JSON reports the CLI writes, each told apart by top-level keys that no run
 * result has (cli.md), so that a file of the wrong command is named as such rather than
 * blamed for its `schema_version`. `compare`'s JSON is run results with deltas: a baseline.
 */
const OTHER_REPORTS: ReadonlyArray<readonly [command: string, keys: readonly string[]]> = [
  ["check", ["file", "valid"]],
  ["sweep", ["vary", "points"]],
  ["solve", ["for", "target"]],
  ["sensitivity", ["metric", "delta", "inputs"]],
  ["optimize", ["current", "best"]],
  ["models", ["id", "provider"]],
  ["schema", ["$schema", "properties"]],
];

/** The command whose JSON report `value` is (every entry of a list alike), if it is one of OTHER_REPORTS. */
function otherReportOf(value: unknown): string | undefined {
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) return undefined;
  const matches = (keys: readonly string[]) => items.every((item) => isRecord(item) && keys.every((key) => Object.hasOwn(item, key)));
  return OTHER_REPORTS.find(([, keys]) => matches(keys))?.[0];
}

/**
 * The top-level keys of a saved result besides `schema_version`; none is a scenario's key
 * (scenario/schema.ts is a strict object of name, currency, acquisition, ...).
 */
const RESULT_KEYS = ["scenario", "totals", "unit", "ladder", "milestones", "channels"] as const;

/**
 * Whether `text` is a saved result rather than a scenario, by its content: JSON (which is
 * YAML too, so a scenario may be written in it) whose top level, or an item of whose
 * top-level list, has `schema_version` and another of a result's keys. A scenario can
 * have neither, so such a document is read as a baseline and its problems are a
 * baseline's; any other text is left to be read as a scenario.
 */
export function looksLikeSavedResult(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(withoutByteOrderMark(text));
  } catch {
    return false;
  }
  const isResult = (item: unknown) =>
    isRecord(item) && Object.hasOwn(item, "schema_version") && RESULT_KEYS.some((key) => Object.hasOwn(item, key));
  return Array.isArray(value) ? value.some(isResult) : isResult(value);
}

/** What a saved result needs for a comparison: its version, its scenario header and the compared sections. */
function resultProblems(item: unknown, path: string | undefined, file: string): InputProblem[] {
  const at = (key?: string) => [path, key].filter((part) => part !== undefined).join(".") || undefined;
  const problem = (message: string, key?: string): InputProblem => {
    const where = at(key);
    return {
      file,
      ...(where === undefined ? {} : { path: where }),
      message,
      hint: "save a baseline with: llm-cac run FILE --format json -o base.json",
    };
  };
  if (!isRecord(item)) return [problem("expected a result of `llm-cac run --format json` (an object)")];
  if (item.schema_version !== SCHEMA_VERSION) {
    return [
      problem(
        `schema_version is ${JSON.stringify(item.schema_version)}; this llm-cac reads results of version ${SCHEMA_VERSION} (run the base again with this version)`,
        "schema_version",
      ),
    ];
  }
  const scenario = item.scenario;
  const headerIsValid =
    isRecord(scenario) &&
    typeof scenario.name === "string" &&
    typeof scenario.currency === "string" &&
    typeof scenario.file === "string" &&
    isFiniteNumber(scenario.horizon_days);
  if (!headerIsValid)
    return [problem("expected scenario.name, scenario.file and scenario.currency (text) and scenario.horizon_days (a number)", "scenario")];
  const missing = ["totals", "unit", "ladder", "milestones"].filter((section) => !isRecord(item[section]));
  if (missing.length > 0) return missing.map((section) => problem("missing: not a result of `llm-cac run --format json`", section));
  const ladder = item.ladder as Record<string, unknown>;
  const figures: Array<[string, unknown]> = [
    ...(["totals", "unit", "milestones"] as const).flatMap((section) =>
      Object.entries(item[section] as object).flatMap(([key, value]) => leaves(value, `${section}.${key}`)),
    ),
    ...(["inference", "training", "acquisition"] as const).map((rung): [string, unknown] => [`ladder.${rung}`, ladder[rung]]),
  ];
  // The renderers compute with these (a change, a percent, a bar): text or a missing rung would print NaN.
  const problems = figures
    .filter(([, value]) => value !== null && !isFiniteNumber(value))
    .map(([key, value]) => problem(`expected a number or null, found ${JSON.stringify(value) ?? "nothing"}`, key));
  if (typeof ladder.holds !== "boolean")
    problems.push(problem(`expected true or false, found ${JSON.stringify(ladder.holds) ?? "nothing"}`, "ladder.holds"));
  if (item.channels !== undefined && !Array.isArray(item.channels)) problems.push(problem("expected a list of channels", "channels"));
  return problems;
}

/** Every value under `value` that is not a plain object with keys (`{}` is one), with its dotted path. */
function leaves(value: unknown, path: string): Array<[string, unknown]> {
  if (!isRecord(value) || Object.keys(value).length === 0) return [[path, value]];
  return Object.entries(value).flatMap(([key, item]) => leaves(item, `${path}.${key}`));
}

const isFiniteNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/**
 * The baseline result a scenario is set against: the only one, or the one of the same
 * file, or else of the same name; undefined when none matches.
 */
export function baselineFor(baseline: readonly JsonResult[], scenario: { file: string; name: string }): JsonResult | undefined {
  if (baseline.length === 1) return baseline[0];
  return (
    baseline.find((result) => result.scenario.file === scenario.file) ?? baseline.find((result) => result.scenario.name === scenario.name)
  );
}
