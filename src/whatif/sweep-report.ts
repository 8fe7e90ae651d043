import { UserError } from "../lib/errors.js";
import { valueAt } from "../lib/value-at.js";
import type { JsonResult, ScenarioHeader } from "../result/json-result.js";
import { scenarioHeader } from "../scenario/evaluate.js";
import type { Scenario } from "../scenario/load.js";
import { splitAssignment } from "../scenario/overrides.js";
import { checkMetric, LADDER_HOLDS, type MetricValue, metricValue, parseMetricList } from "./metrics.js";
import { type AxisValues, gridSize, parseSpec } from "./spec.js";
import { type Flip, findFlips, gridPoints } from "./sweep.js";
import type { ScenarioVariants, Setting } from "./variants.js";

/** One `--vary`: its path as typed, its SPEC, and each value as written and as the scenario resolved it. */
export interface SweepAxis {
  path: string;
  spec: string;
  labels: string[];
  /** In the scenario's units: money in its currency, ranges at their central value. */
  values: unknown[];
}

export interface SweepPoint {
  /** The index into each axis. */
  indices: number[];
  metrics: Record<string, MetricValue>;
  holds: boolean;
}

/** What `sweep` found: the data of its report. */
export interface SweepReport {
  scenario: ScenarioHeader;
  axes: SweepAxis[];
  /** The metrics of every point (JSON, CSV, and the table of one axis). */
  metrics: string[];
  /** The metric of the matrix (two axes). */
  matrixMetric: string;
  points: SweepPoint[];
  flips: Flip[];
}

/** What `sweep` was asked, as typed: `--vary` (once or twice), `--metrics`, `--metric`. */
export interface SweepRequest {
  vary?: readonly string[];
  metrics?: string;
  metric?: string;
}

/** A request checked before any file is read: the axes and the metrics to compute. */
export interface SweepPlan {
  axes: { segments: string[]; label: string; spec: string; axis: AxisValues }[];
  columns: string[];
  matrixMetric: string;
}

/** The figures a sweep shows when `--metrics` is not given: the ladder's rungs, its verdict and the return on a user. */
export const DEFAULT_SWEEP_METRICS = [
  "unit.cac_blended",
  "unit.inference_per_user",
  "unit.training_per_user",
  "unit.ltv_to_cac",
  "totals.total",
  LADDER_HOLDS,
];
export const DEFAULT_MATRIX_METRIC = "unit.cac_blended";

export function planSweep(request: SweepRequest): SweepPlan {
  const vary = request.vary ?? [];
  if (vary.length === 0) throw new UserError("sweep needs --vary PATH=SPEC, e.g. --vary acquisition.channels.0.cpa=10..50:5");
  if (vary.length > 2) throw new UserError(`sweep varies one or two inputs; ${vary.length} --vary options were given`);
  const metrics = request.metrics === undefined ? undefined : parseMetricList(request.metrics, "--metrics");
  const matrixMetric = checkMetric(request.metric ?? DEFAULT_MATRIX_METRIC, "--metric");
  const chosen = metrics ?? (request.metric !== undefined && vary.length === 1 ? [matrixMetric] : DEFAULT_SWEEP_METRICS);
  const columns = vary.length === 2 && !chosen.includes(matrixMetric) ? [matrixMetric, ...chosen] : chosen;
  const axes = vary.map((text) => {
    const { segments, valueText: spec, label } = splitAssignment(text, "--vary", "SPEC");
    return { segments, label, spec, axis: parseSpec(spec, label) };
  });
  gridSize(
    axes.map((one) => one.axis),
    vary.map((text) => `--vary ${text}`).join(" "),
  );
  return { axes, columns, matrixMetric };
}

/** The scenario evaluated at every point of the plan's grid, row-major; a point that breaks a rule is the user's error. */
export function sweepReport(
  variants: ScenarioVariants,
  plan: SweepPlan,
  evaluate: (scenario: Scenario) => JsonResult,
  progress?: (done: number, total: number) => void,
): SweepReport {
  const inputs = plan.axes.map((one) => variants.input({ segments: one.segments, value: null, label: one.label }));
  const lengths = plan.axes.map((one) => one.axis.values.length);
  const resolved = plan.axes.map((one) => new Array<unknown>(one.axis.values.length));
  const grid = gridPoints(lengths);
  const points: SweepPoint[] = grid.map((indices, done) => {
    progress?.(done, grid.length);
    const settings: Setting[] = indices.map((index, axis) => ({
      input: inputs[axis]!,
      value: plan.axes[axis]!.axis.values[index],
      label: `--vary ${inputs[axis]!.name}=${plan.axes[axis]!.axis.labels[index]}`,
    }));
    const scenario = variants.at(settings);
    for (const [axis, index] of indices.entries()) resolved[axis]![index] ??= valueAt(scenario.data, inputs[axis]!.path);
    const result = evaluate(scenario);
    return {
      indices,
      metrics: Object.fromEntries(plan.columns.map((metric) => [metric, metricValue(result, metric)])),
      holds: result.ladder.holds,
    };
  });
  const axes: SweepAxis[] = plan.axes.map((one, axis) => ({
    path: inputs[axis]!.name,
    spec: one.spec,
    labels: one.axis.labels,
    values: resolved[axis]!,
  }));
  return {
    scenario: scenarioHeader(variants.base),
    axes,
    metrics: plan.columns,
    matrixMetric: plan.matrixMetric,
    points,
    flips: findFlips(
      lengths,
      points.map((point) => point.holds),
    ),
  };
}
