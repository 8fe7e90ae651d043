/**
 * llm-cac as a library: the public entry of `import … from "llm-cac"` (ESM) and
 * `require("llm-cac")` (CommonJS). Its three steps are the CLI's own: the same loader
 * (so the same problems, at the same places), the same model and the same renderers as
 * `llm-cac run`. docs/api.md documents it with a runnable example.
 */
import { dirname, resolve } from "node:path";
import type { Catalog, CatalogModel } from "./catalog/catalog.js";
import { readBundledCatalog, readPriceMap } from "./catalog/files.js";
import type { PriceSources } from "./catalog/model-price.js";
import { isoDay } from "./lib/date.js";
import { type InputProblem, UserError } from "./lib/errors.js";
import { packageVersion } from "./lib/package-info.js";
import type { TimelinePeriod } from "./model/index.js";
import type { ModelInput } from "./model/types.js";
import { runRegistry } from "./report/run/index.js";
import { type Format, formatsOf, render as renderWith } from "./report/shared/render.js";
import type { JsonResult } from "./result/json-result.js";
import { evaluateScenario } from "./scenario/evaluate.js";
import { type Scenario as LoadedScenario, loadScenario as loadSource } from "./scenario/load.js";
import { parseOverride } from "./scenario/overrides.js";

export { formatProblem, type InputProblem, isUserError, UserError } from "./lib/errors.js";
export type { ModelInput } from "./model/types.js";
export type { TimelinePeriod, TimelineRow } from "./model/index.js";
export type { JsonResult, ScenarioHeader } from "./result/json-result.js";
export type { Format } from "./report/shared/render.js";

/** How a scenario is read: where its problems point and what changes it. */
export interface LoadScenarioOptions {
  /** The name problems are reported under, and the folder `inference.prices_file` is relative to; default `<string>` or `<object>`. */
  file?: string;
  /** `--set` changes, as the CLI takes them: `["acquisition.channels.0.cpa=50"]`. */
  set?: readonly string[];
  /** Extra LiteLLM price maps (`--prices`), as paths; read now. */
  prices?: readonly string[];
  /** The folder relative paths start from; default `process.cwd()`. */
  cwd?: string;
  /** Today as YYYY-MM-DD, for the warning on catalog prices over 12 months old; default the clock's UTC day. */
  today?: string;
}

/**
 * A valid scenario, ready to evaluate. What the loader resolved stays inside the library
 * (its types are the schema's, which the package does not ship); `input` is the model's plain input.
 */
export interface Scenario {
  /** The name problems and reports use for it. */
  readonly file: string;
  /** The scenario's `name`. */
  readonly name: string;
  /** ISO 4217 code every money figure is in. */
  readonly currency: string;
  /** Things worth knowing that do not stop a run (a catalog price over 12 months old); the CLI prints them as warnings. */
  readonly warnings: readonly InputProblem[];
  /** The model's input: every figure resolved to a plain number in the scenario currency. */
  readonly input: ModelInput;
}

/** The loader's scenario behind each public one: evaluate() needs its data, which is not public. */
const loadedScenarios = new WeakMap<Scenario, LoadedScenario>();

/**
 * `value` with every object in it frozen: the model takes its input as never changing once
 * made (its fast path keeps the days bought by the last input whose acquisition it shares),
 * so a caller changes a figure by loading again with `set`, not by writing into `input`.
 */
function deepFrozen<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFrozen(item);
  }
  return value;
}

function publicScenario(loaded: LoadedScenario): Scenario {
  const scenario: Scenario = Object.freeze({
    file: loaded.file,
    name: loaded.data.name,
    currency: loaded.data.currency,
    warnings: loaded.warnings ?? [],
    input: deepFrozen(loaded.input),
  });
  loadedScenarios.set(scenario, loaded);
  return scenario;
}

/**
 * A scenario from YAML (or JSON) text, or from a plain object of scenario keys. Throws a
 * UserError whose `problems` are those `llm-cac check` prints: each with `file`, `path`,
 * `message` and, for text, `line` and `col` (an object has no lines to point at).
 */
export function loadScenario(source: string | object, options: LoadScenarioOptions = {}): Scenario {
  const fromText = typeof source === "string";
  const file = options.file ?? (fromText ? "<string>" : "<object>");
  const cwd = options.cwd ?? process.cwd();
  const text = fromText ? source : objectText(source);
  try {
    const loaded = loadSource(
      { file, text },
      {
        overrides: (options.set ?? []).map((change) => parseOverride(change, "set")),
        priceSources: libraryPriceSources(cwd, options.prices ?? []),
        today: options.today ?? isoDay(new Date()),
      },
    );
    return publicScenario(loaded);
  } catch (error) {
    throw fromText || !(error instanceof UserError) ? error : withoutPositions(error);
  }
}

/** An object as JSON text, which YAML reads as it is; anything JSON cannot hold is the caller's error. */
function objectText(source: object): string {
  if (source === null || Array.isArray(source))
    throw new UserError("loadScenario: expected a mapping of scenario keys (a plain object), or YAML text");
  return JSON.stringify(source, null, 2);
}

/** Lines and columns of the JSON text made from an object point nowhere the caller wrote. */
function withoutPositions(error: UserError): UserError {
  if (error.problems.length === 0) return error;
  return UserError.fromProblems(error.problems.map(({ line: _line, col: _col, ...problem }) => problem));
}

/** The bundled catalog (read on first need), `prices` maps, and `inference.prices_file` beside the scenario. */
function libraryPriceSources(cwd: string, prices: readonly string[]): PriceSources {
  const extra: CatalogModel[] = prices.flatMap((path) => readPriceMap(resolve(cwd, path), path));
  let bundled: Catalog | undefined;
  return {
    catalog: () => (bundled ??= readBundledCatalog({ cwd })),
    pricesFile: (path, scenarioFile) => {
      const folder = scenarioFile.startsWith("<") ? cwd : resolve(cwd, dirname(scenarioFile));
      return readPriceMap(resolve(folder, path), path);
    },
    ...(extra.length > 0 ? { extra } : {}),
  };
}

/** How evaluate() runs a scenario. */
export interface EvaluateOptions {
  /** Add the calendar (`timeline`), one row per day or per 30-day month. */
  timeline?: TimelinePeriod;
}

/** The scenario through the model: the result `llm-cac run --format json` prints, as an object. */
export function evaluate(scenario: Scenario, options: EvaluateOptions = {}): JsonResult {
  const loaded = loadedScenarios.get(scenario);
  if (loaded === undefined) throw new TypeError("evaluate: expected a scenario returned by loadScenario");
  return evaluateScenario(loaded, options.timeline);
}

/** The formats render() draws: those of `llm-cac run --format`. */
export const FORMATS: readonly Format[] = formatsOf(runRegistry);

/** How render() draws. */
export interface RenderOptions {
  /** ANSI colour in `table`; default false. */
  color?: boolean;
  /** Columns the `table` may use; default 80. */
  width?: number;
  /** The day shown in the HTML report's footer, YYYY-MM-DD; default the clock's UTC day. */
  date?: string;
}

/**
 * One result or several (side by side) drawn as `llm-cac run --format FORMAT` draws them.
 * Async because each format's renderer loads on first use.
 */
export function render(results: JsonResult | readonly JsonResult[], format: Format, options: RenderOptions = {}): Promise<string> {
  const list = Array.isArray(results) ? (results as readonly JsonResult[]) : [results as JsonResult];
  return renderWith(runRegistry, format, list, {
    color: options.color ?? false,
    width: options.width ?? 80,
    version: packageVersion(),
    date: options.date ?? isoDay(new Date()),
  });
}

/** The version of llm-cac, as `llm-cac --version` prints it. */
export const version: string = packageVersion();
