import { formatProblem, type InputProblem, problemsOf, UserError } from "../lib/errors.js";
import { type LoadOptions, loadScenario, type Scenario } from "../scenario/load.js";
import { decodeScenario, readScenarioFile, type ScenarioSource, STDIN_NAME } from "../lib/read.js";
import type { CliIo } from "./io.js";
import { defaultScenarioPath } from "../lib/package-info.js";
import { displayPath } from "../lib/paths.js";
import { priceSources } from "./prices.js";

/**
 * The sources named on the command line: files, `-` for stdin; none: stdin when it is a
 * pipe or a file with something in it, else the bundled default.
 */
export function readSources(files: readonly string[], io: CliIo): ScenarioSource[] {
  if (files.length === 0) {
    const piped = io.stdinHasData?.() === true ? io.readStdin() : undefined;
    // An empty pipe (a CI step's stdin, `spawn` with input "") is no scenario: the default runs.
    if (piped !== undefined && piped.length > 0) return [decodeScenario(piped, STDIN_NAME)];
    const source = readScenarioFile(defaultScenarioPath());
    return [{ ...source, file: displayPath(source.file, io.cwd) }];
  }
  assertStdinOnce(files);
  return files.map((file) => (file === "-" ? decodeScenario(io.readStdin(), STDIN_NAME) : readScenarioFile(file)));
}

/**
 * `-` at most once among the files and the options that read a file (`--prices`,
 * `--baseline`); checked before any is read, so that `run - --prices -` says so rather
 * than parsing the scenario's YAML as a price map.
 */
export function assertStdinOnce(files: readonly string[], ...fileOptions: ReadonlyArray<string | undefined>): void {
  const named = [...files, ...fileOptions.filter((file) => file !== undefined)];
  if (named.filter((file) => file === "-").length > 1) throw new UserError("stdin (-) can be read only once");
}

/** What the command line adds to the loader's options. */
export interface CliLoadOptions extends LoadOptions {
  /** `--prices FILE`: a LiteLLM price map whose models scenarios may name. */
  prices?: string;
  /** `--quiet`: no warnings on stderr. */
  quiet?: boolean;
}

/**
 * Reads and validates every scenario before any is evaluated, so that one run reports
 * the problems of all files at once. The price catalog is read only if a scenario names
 * a model; warnings (an old catalog price) go to stderr unless `quiet`.
 */
export function loadScenarios(files: readonly string[], io: CliIo, options: CliLoadOptions = {}): Scenario[] {
  return loadEach(files, io, options, loadScenario, (scenario) => scenario);
}

/**
 * As loadScenarios, with another loader of a source (`run --samples` keeps the parsed
 * document to draw from); `scenarioOf` gives the validated scenario, for its warnings.
 */
export function loadEach<T>(
  files: readonly string[],
  io: CliIo,
  options: CliLoadOptions,
  load: (source: ScenarioSource, options: LoadOptions) => T,
  scenarioOf: (loaded: T) => Scenario,
): T[] {
  assertStdinOnce(files, options.prices);
  const problems: InputProblem[] = [];
  const loaded: T[] = [];
  const loadOptions: LoadOptions = {
    ...options,
    priceSources: options.priceSources ?? priceSources(io, options.prices),
    today: options.today ?? io.today,
  };
  // `run --prices -` with no FILE: stdin is the price map, so the default scenario runs.
  const sources = readEach(files, options.prices === "-" ? { ...io, stdinHasData: () => false } : io, problems);
  for (const source of sources) {
    try {
      loaded.push(load(source, loadOptions));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push(...problemsOf(error));
    }
  }
  if (problems.length > 0) throw UserError.fromProblems(problems);
  if (!options.quiet)
    printWarnings(
      loaded.flatMap((item) => scenarioOf(item).warnings ?? []),
      io,
    );
  return loaded;
}

/** `warning: file:line:col  path: message (hint)`, on stderr so that stdout stays clean for pipes. */
export function printWarnings(warnings: readonly InputProblem[], io: CliIo): void {
  if (warnings.length > 0) io.stderr(`${warnings.map((warning) => `warning: ${formatProblem(warning)}`).join("\n")}\n`);
}

function readEach(files: readonly string[], io: CliIo, problems: InputProblem[]): ScenarioSource[] {
  assertStdinOnce(files);
  if (files.length <= 1) return readSources(files, io);
  return files.flatMap((file) => {
    try {
      return readSources([file], io);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push(...problemsOf(error));
      return [];
    }
  });
}
