import { UserError } from "../lib/errors.js";
import { METRIC_KINDS, METRIC_PATHS, type MetricKind, nearestMetrics } from "../result/metric-paths.js";
import { valueAt } from "../lib/value-at.js";

/** The verdict is a metric too, where true/false makes sense (sweep columns, solve targets). */
export const LADDER_HOLDS = "ladder.holds";

/** Metrics `sweep` and `solve` accept: the numeric figures of the JSON result, and ladder.holds. */
export const WHATIF_METRICS: readonly string[] = [...METRIC_PATHS, LADDER_HOLDS];

export type MetricValue = number | boolean | null;

export function metricKind(metric: string): MetricKind | "verdict" {
  return metric === LADDER_HOLDS ? "verdict" : ((METRIC_KINDS as Record<string, MetricKind>)[metric] ?? "count");
}

/**
 * A metric path as given, checked against the metrics the command `accepts`; unknown ones
 * are an input error naming the closest of those, so a hint never offers one the command refuses.
 */
export function checkMetric(metric: string, label: string, accepts: readonly string[] = WHATIF_METRICS): string {
  const name = metric.trim();
  if (accepts.includes(name)) return name;
  throw new UserError(`${label}: unknown metric "${name}"`, { hint: nearestHint(name, accepts) });
}

/** The metrics a hint shows when no accepted metric is near what was typed. */
const EXAMPLE_METRICS = ["unit.cac_blended", LADDER_HOLDS, "totals.inference"];

function nearestHint(name: string, accepts: readonly string[]): string {
  const near = nearestMetrics(name, accepts);
  if (near.length > 0) return `did you mean ${near.map((path) => `"${path}"`).join(" or ")}?`;
  const examples = EXAMPLE_METRICS.filter((metric) => accepts.includes(metric));
  return `metrics are dotted paths of \`llm-cac run --format json\`, e.g. ${examples.join(", ")}`;
}

/** A metric's value in a result: a number, true/false, or null (`metric` dotted, or split at its dots). */
export function metricValue(result: unknown, metric: string | readonly string[]): MetricValue {
  const value = valueAt(result, metric);
  return typeof value === "number" || typeof value === "boolean" ? value : null;
}

/** A comma-separated list of metrics, each checked, without repeats. */
export function parseMetricList(text: string, label: string): string[] {
  const names = text
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  if (names.length === 0) throw new UserError(`${label}: no metrics given; e.g. --metrics unit.cac_blended,ladder.holds`);
  return [...new Set(names.map((name) => checkMetric(name, label)))];
}
