import { isoDay } from "../lib/date.js";
import { problemsOf, UserError } from "../lib/errors.js";
import { STDIN_NAME } from "../lib/read.js";
import type { FileCheck } from "../scenario/check.js";
import { evaluateScenario } from "../scenario/evaluate.js";
import { evaluateExpectations } from "../scenario/expect.js";
import { type LoadOptions, loadScenario } from "../scenario/load.js";
import { baselineFor } from "../result/baseline.js";
import type { JsonResult } from "../result/json-result.js";
import { readBaseline } from "./baseline.js";
import type { CliIo } from "./io.js";
import type { ScenarioOptionValues } from "./options.js";
import { expandScenarioPaths, type ScenarioPath } from "./scenario-files.js";
import { assertStdinOnce, printWarnings, readSources } from "./scenarios.js";
import { loadOptionsOf } from "./whatif.js";

/**
 * `check`'s work: every file under `paths` validated, evaluated and tested against its
 * `expect` block. An invalid file does not stop the others.
 */
export function checkFiles(paths: readonly string[], io: CliIo, options: ScenarioOptionValues & { baseline?: string }): FileCheck[] {
  // A file named twice is checked once (docs/ci.md), `-` too; but not as the price map or the
  // baseline as well. Asked before anything is read, so the baseline's JSON is not taken for YAML.
  assertStdinOnce([...new Set(paths)], options.prices, options.baseline);
  // The baseline first: a missing one is a usage error before any file is checked.
  const baseline = options.baseline === undefined ? undefined : readBaseline(options.baseline, io);
  const targets = expandScenarioPaths(paths);
  // One price catalog for all files, read only if one of them names a model.
  const loadOptions = loadOptionsOf(io, options);
  return targets.map((target) => timed(() => checkFile(target, io, loadOptions, options.quiet === true, baseline)));
}

/** A file's check with when it started and how long it took, for JUnit's `timestamp` and `time`. */
function timed(check: () => FileCheck): FileCheck {
  const started = new Date();
  const begin = performance.now();
  const result = check();
  return { ...result, timing: { started: isoDay(started, true), seconds: (performance.now() - begin) / 1000 } };
}

function checkFile(
  target: ScenarioPath,
  io: CliIo,
  loadOptions: LoadOptions,
  quiet: boolean,
  baseline: readonly JsonResult[] | undefined,
): FileCheck {
  if (target.problem !== undefined) return { file: target.file, valid: false, errors: [{ file: target.file, message: target.problem }] };
  try {
    const [source] = readSources([target.file], io);
    const scenario = loadScenario(source!, loadOptions);
    if (!quiet) printWarnings(scenario.warnings ?? [], io);
    const result = evaluateScenario(scenario);
    const base = baseline === undefined ? undefined : (baselineFor(baseline, result.scenario) ?? null);
    return { file: scenario.file, valid: true, result, outcome: evaluateExpectations(scenario.data.expect, result, base) };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { file: target.file === "-" ? STDIN_NAME : target.file, valid: false, errors: problemsOf(error) };
  }
}
