import { Command } from "commander";
import { UserError } from "../../errors.js";
import { valueAt } from "../../value-at.js";
import type { Format } from "../../report/index.js";
import type { SensitivityReport } from "../../report/sensitivity.js";
import { scenarioSchema } from "../../scenario/schema.js";
import { numberLeafAt } from "../../scenario/schema-walk.js";
import type { Setting, VariedInput } from "../../scenario/variants.js";
import { checkMetric, LADDER_HOLDS, metricValue } from "../../whatif/metrics.js";
import {
  invalidSide,
  moveAssignments,
  movedValue,
  parseDelta,
  rankRows,
  type SensitivityRow,
  sensitivityInputs,
  sensitivityRow,
  type Side,
  type SkippedInput,
  validSide,
} from "../../whatif/sensitivity.js";
import { type CliIo, renderOptionsFor } from "../io.js";
import { formatOption, outputOptions, scenarioOptions, type ScenarioOptionValues } from "../options.js";
import { evaluateScenario, problemsOf } from "../scenarios.js";
import { loadVariants } from "../whatif.js";
import { emit } from "./run.js";

export interface SensitivityOptions extends ScenarioOptionValues {
  delta?: string;
  metric?: string;
  format: Format;
  output?: string;
  force: boolean;
  color: boolean;
}

const DEFAULT_DELTA = 0.2;
/**
 * The metric ranked when `--metric` is not given: the whole bill. It is the one figure
 * every kind of input feeds (acquisition, serving and training inputs all move it);
 * each per-user rung ignores the inputs of the other two. The ladder's verdict is
 * marked on every row whatever the metric.
 */
const DEFAULT_SENSITIVITY_METRIC = "totals.total";

/**
 * `llm-cac sensitivity FILE [--delta 0.2] [--metric PATH]`: every numeric input moved
 * down and up by delta on its own, the metric at each, ranked by the larger change (a
 * tornado). A move the format rejects (a rate above 1, retention rising) is reported
 * as an invalid side, not an error.
 */
export async function runSensitivity(file: string, options: SensitivityOptions, io: CliIo): Promise<number> {
  const delta = options.delta === undefined ? DEFAULT_DELTA : parseDelta(options.delta);
  if (delta === undefined) throw new UserError(`--delta ${options.delta}: expected a number between 0 and 1, e.g. 0.2 (or 20%) for ±20 %`);
  const metric = checkMetric(options.metric ?? DEFAULT_SENSITIVITY_METRIC, "--metric");
  if (metric === LADDER_HOLDS) {
    throw new UserError("--metric ladder.holds: sensitivity ranks inputs by how far they move a number; the verdict is marked on every row whatever the metric", {
      hint: `e.g. --metric unit.cac_blended (default ${DEFAULT_SENSITIVITY_METRIC})`,
    });
  }

  const variants = loadVariants(file, io, options);
  const base = variants.base;
  const baseResult = evaluateScenario(base);
  const baseMetric = metricValue(baseResult, metric);
  const { inputs, skipped } = sensitivityInputs(base.data, (path) => numberLeafAt(scenarioSchema, path));
  const skippedAll: SkippedInput[] = [...skipped];

  // Each evaluation sets its values in the one document; the next one sets them back first.
  const varied = new Map<string, VariedInput>();
  const variedAt = (path: (string | number)[]): VariedInput => {
    const key = path.join("\u0000");
    let found = varied.get(key);
    if (found === undefined) {
      found = variants.input({ segments: path.map(String), value: null, label: path.join(".") });
      varied.set(key, found);
    }
    return found;
  };
  let resets: Setting[] = [];
  const evaluateMove = (input: (typeof inputs)[number], factor: number): Side => {
    const value = movedValue(input.value, factor, input.integer);
    const move = moveAssignments(base.data, input, factor);
    if (!move.ok) return invalidSide(value, move.reason);
    let settings: Setting[];
    try {
      settings = move.assignments.map((assignment) => ({ input: variedAt(assignment.path), value: assignment.value, label: `${input.name}=${assignment.value}` }));
    } catch (error) {
      return invalidSide(value, reasonOf(error));
    }
    try {
      const result = evaluateScenario(variants.at([...resets, ...settings]));
      return validSide(value, metricValue(result, metric), result.ladder, baseMetric);
    } catch (error) {
      return invalidSide(value, reasonOf(error));
    } finally {
      resets = settings.map((setting) => ({ ...setting, value: valueAt(base.data, setting.input.path), label: setting.input.name }));
    }
  };

  const rows: SensitivityRow[] = [];
  for (const input of inputs) {
    let anchor: string | undefined;
    try {
      anchor = variants.sharedAnchor(variedAt(input.path));
    } catch (error) {
      // A value behind a YAML alias cannot be set on its own.
      skippedAll.push({ name: input.name, value: input.value, reason: reasonOf(error) });
      continue;
    }
    if (anchor !== undefined) {
      skippedAll.push({ name: input.name, value: input.value, reason: `shared through the YAML anchor &${anchor}: moving it alone would orphan its aliases` });
      continue;
    }
    rows.push(sensitivityRow(input, evaluateMove(input, 1 - delta), evaluateMove(input, 1 + delta)));
  }

  const report: SensitivityReport = {
    scenario: baseResult.scenario,
    metric,
    delta,
    base: { metric: typeof baseMetric === "number" ? baseMetric : null, ladder_holds: baseResult.ladder.holds, ladder_order: [...baseResult.ladder.order] },
    rows: rankRows(rows, baseMetric),
    skipped: skippedAll,
  };
  // Loaded on demand, like run's renderers: chalk and cli-table3 only when a table is drawn.
  const { renderSensitivity } = await import("../../report/sensitivity.js");
  emit(renderSensitivity(options.format, report, renderOptionsFor(io, options)), options, io);
  return 0;
}

/** A user error's messages on one line (the move it follows names the field); anything else is a bug and goes on up. */
function reasonOf(error: unknown): string {
  if (!(error instanceof UserError)) throw error;
  return problemsOf(error).map((problem) => problem.message).join("; ");
}

export function sensitivityCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command("sensitivity")
    .description("move each numeric input down and up by delta on its own and rank the inputs by their effect on a metric (a tornado)")
    .argument("<file>", "scenario file (YAML), - for stdin")
    .option("--delta <fraction>", `how far each input moves, as a fraction in (0, 1) or a percentage (default ${DEFAULT_DELTA}: x0.8 and x1.2)`)
    .option("--metric <path>", `the metric to rank by (default ${DEFAULT_SENSITIVITY_METRIC})`)
    .addOption(formatOption())
;
  outputOptions(scenarioOptions(command)).action(async (file: string, options: SensitivityOptions) => {
    exit(await runSensitivity(file, options, io));
  });
  return command;
}
