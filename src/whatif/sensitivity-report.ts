import { problemsOf, UserError } from "../lib/errors.js";
import { scenarioNumberLeafAt } from "../scenario/parse.js";
import { valueAt } from "../lib/value-at.js";
import type { JsonResult, ScenarioHeader } from "../result/json-result.js";
import { METRIC_PATHS } from "../result/metric-paths.js";
import { scenarioHeader } from "../scenario/evaluate.js";
import type { Scenario } from "../scenario/load.js";
import { checkMetric, LADDER_HOLDS, metricValue } from "./metrics.js";
import {
  invalidSide,
  moveAssignments,
  movedValue,
  parseDelta,
  rankRows,
  type SensitivityInput,
  type SensitivityRow,
  type SensitivitySide,
  type SkippedInput,
  sensitivityInputs,
  sensitivityRow,
  validSide,
} from "./sensitivity.js";
import type { ScenarioVariants, Setting, VariedInput } from "./variants.js";

/** What `sensitivity` found: the data of its report. */
export interface SensitivityReport {
  scenario: ScenarioHeader;
  metric: string;
  delta: number;
  base: { metric: number | null; ladder_holds: boolean; ladder_order: string[] };
  /** Ranked: largest effect first. */
  rows: SensitivityRow[];
  /**
   * The inputs the file writes as text or as a range, as written (`$2`, `0.1..0.2`): a row's
   * `value` is resolved (money converted to the scenario's currency), which the table would
   * otherwise show without its currency. For display only, not in the JSON.
   */
  written: Readonly<Record<string, string>>;
  skipped: SkippedInput[];
}

/** What `sensitivity` was asked, as typed: `--delta`, `--metric`. */
export interface SensitivityRequest {
  delta?: string;
  metric?: string;
}

export interface SensitivityPlan {
  delta: number;
  metric: string;
}

export const DEFAULT_DELTA = 0.2;

/**
 * The metric ranked when `--metric` is not given: the whole bill. It is the one figure
 * every kind of input feeds (acquisition, serving and training inputs all move it);
 * each per-user rung ignores the inputs of the other two. The ladder's verdict is
 * marked on every row whatever the metric.
 */
export const DEFAULT_SENSITIVITY_METRIC = "totals.total";

export function planSensitivity(request: SensitivityRequest): SensitivityPlan {
  const delta = request.delta === undefined ? DEFAULT_DELTA : parseDelta(request.delta);
  if (delta === undefined) throw new UserError(`--delta ${request.delta}: expected a number between 0 and 1, e.g. 0.2 (or 20%) for ±20 %`);
  const requested = (request.metric ?? DEFAULT_SENSITIVITY_METRIC).trim();
  if (requested === LADDER_HOLDS) {
    throw new UserError(
      "--metric ladder.holds: sensitivity ranks inputs by how far they move a number; the verdict is marked on every row whatever the metric",
      {
        hint: `e.g. --metric unit.cac_blended (default ${DEFAULT_SENSITIVITY_METRIC})`,
      },
    );
  }
  // Only the numbers: a near miss of the verdict ("ladder.hold") is not offered it.
  const metric = checkMetric(requested, "--metric", METRIC_PATHS);
  return { delta, metric };
}

/**
 * Every numeric input moved down and up by delta on its own, the metric at each, ranked
 * by the larger change (a tornado). A move the format rejects (a rate above 1, retention
 * rising) is an invalid side, not an error.
 */
export function sensitivityReport(
  variants: ScenarioVariants,
  plan: SensitivityPlan,
  evaluate: (scenario: Scenario) => JsonResult,
  progress?: (done: number, total: number) => void,
): SensitivityReport {
  const { delta, metric } = plan;
  const base = variants.base;
  const baseResult = evaluate(base);
  const baseMetric = metricValue(baseResult, metric);
  const { inputs, skipped } = sensitivityInputs(base.data, scenarioNumberLeafAt);
  const skippedAll: SkippedInput[] = [...skipped];
  // Before any move: each one sets plain numbers into the document.
  const written = Object.fromEntries(
    inputs.flatMap((input) => {
      const text = variants.writtenAt(input.path);
      return text === undefined ? [] : [[input.name, text] as const];
    }),
  );
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
  const evaluateMove = (input: SensitivityInput, factor: number): SensitivitySide => {
    const value = movedValue(input.value, factor, input.integer);
    const move = moveAssignments(base.data, input, factor);
    if (!move.ok) return invalidSide(value, move.reason);
    let settings: Setting[];
    try {
      settings = move.assignments.map((assignment) => ({
        input: variedAt(assignment.path),
        value: assignment.value,
        label: `${input.name}=${assignment.value}`,
      }));
    } catch (error) {
      return invalidSide(value, reasonOf(error));
    }
    try {
      const result = evaluate(variants.at([...resets, ...settings]));
      return validSide(value, metricValue(result, metric), result.ladder, baseMetric);
    } catch (error) {
      return invalidSide(value, reasonOf(error));
    } finally {
      resets = settings.map((setting) => ({ ...setting, value: valueAt(base.data, setting.input.path), label: setting.input.name }));
    }
  };
  const rows: SensitivityRow[] = [];
  for (const [done, input] of inputs.entries()) {
    progress?.(done, inputs.length);
    let anchor: string | undefined;
    try {
      anchor = variants.sharedAnchor(variedAt(input.path));
    } catch (error) {
      // A value behind a YAML alias cannot be set on its own.
      skippedAll.push({ name: input.name, value: input.value, reason: reasonOf(error) });
      continue;
    }
    if (anchor !== undefined) {
      skippedAll.push({
        name: input.name,
        value: input.value,
        reason: `shared through the YAML anchor &${anchor}: moving it alone would orphan its aliases`,
      });
      continue;
    }
    rows.push(sensitivityRow(input, evaluateMove(input, 1 - delta), evaluateMove(input, 1 + delta)));
  }
  return {
    scenario: scenarioHeader(base),
    metric,
    delta,
    base: {
      metric: typeof baseMetric === "number" ? baseMetric : null,
      ladder_holds: baseResult.ladder.holds,
      ladder_order: [...baseResult.ladder.order],
    },
    rows: rankRows(rows, baseMetric),
    written,
    skipped: skippedAll,
  };
}

/** A user error's messages on one line (the move it follows names the field); anything else is a bug and goes on up. */
function reasonOf(error: unknown): string {
  if (!(error instanceof UserError)) throw error;
  return problemsOf(error)
    .map((problem) => problem.message)
    .join("; ");
}
