import { closest } from "../lib/suggest.js";
import type { JsonResult } from "./json-result.js";

/** What a metric measures, which decides how it is formatted and what a target of it means. */
export type MetricKind = "money" | "count" | "day" | "times";

/**
 * The dotted paths of the numeric leaves of `T` (numbers or null); lists and booleans are
 * not metrics. A group that may be null (`unit.serving_price`) still has its leaves as metrics.
 */
type NumericLeaves<T, Prefix extends string> = {
  [K in keyof T & string]: T[K] extends number | null
    ? `${Prefix}${K}`
    : NonNullable<T[K]> extends readonly unknown[]
      ? never
      : NonNullable<T[K]> extends object
        ? NumericLeaves<NonNullable<T[K]>, `${Prefix}${K}.`>
        : never;
}[keyof T & string];

/** The sections of the JSON result whose figures are metrics (cli.md); `scenario` and `channels` are not. */
type MetricSections = Pick<JsonResult, "totals" | "unit" | "ladder" | "milestones">;

/** A metric: the dotted path of a figure of the JSON result, as `expect`, `sweep` and CSV headers name it. */
export type MetricPath = NumericLeaves<MetricSections, "">;

/**
 * Every metric with its kind, in the order of the JSON result. The type demands exactly
 * one entry per numeric figure of the result, so this list cannot drift from the shape:
 * add a figure to ModelResult and the compiler asks for it here.
 */
export const METRIC_KINDS: { readonly [Path in MetricPath]: MetricKind } = {
  "totals.acquisition": "money",
  "totals.inference": "money",
  "totals.training": "money",
  "totals.total": "money",
  "totals.revenue": "money",
  "totals.installs": "count",
  "totals.paid_installs": "count",
  "totals.organic_installs": "count",
  "totals.peak_dau": "count",
  "totals.avg_dau": "count",
  "unit.cac_paid": "money",
  "unit.cac_blended": "money",
  "unit.cac_incremental": "money",
  "unit.inference_per_user": "money",
  "unit.inference_per_user_day0": "money",
  "unit.training_per_user": "money",
  "unit.cost_per_turn": "money",
  "unit.cost_per_session": "money",
  "unit.mean_turns_per_session": "count",
  "unit.serve_per_dau_day": "money",
  "unit.serving_price.input": "money",
  "unit.serving_price.cached_input": "money",
  "unit.serving_price.output": "money",
  "unit.serving_price.reasoning": "money",
  "unit.tokens_per_session.input": "count",
  "unit.tokens_per_session.cached_input": "count",
  "unit.tokens_per_session.output": "count",
  "unit.tokens_per_session.reasoning": "count",
  "unit.ltv": "money",
  "unit.ltv_to_cac": "times",
  "unit.payback_day": "day",
  "ladder.inference": "money",
  "ladder.training": "money",
  "ladder.acquisition": "money",
  "milestones.breakeven_turns": "count",
  "milestones.users_for_training_below_cac": "count",
  "milestones.inference_overtakes_training_day": "day",
  "milestones.inference_overtakes_acquisition_day": "day",
};

export const METRIC_PATHS = Object.keys(METRIC_KINDS) as readonly MetricPath[];

export function isMetricPath(path: string): path is MetricPath {
  return Object.hasOwn(METRIC_KINDS, path);
}

/**
 * The metrics nearest a mistyped path: by the whole path, and by its last part alone,
 * so that `cac_blended` or `totals.cac_blended` still finds `unit.cac_blended`.
 */
export function nearestMetrics(metric: string, metrics: readonly string[] = METRIC_PATHS): string[] {
  const leaf = metric.split(".").at(-1)!;
  const byLeaf = closest(
    leaf,
    metrics.map((path) => path.split(".").at(-1)!),
  ).flatMap((name) => metrics.filter((path) => path.endsWith(`.${name}`)));
  return [...new Set([...closest(metric, metrics), ...byLeaf])].slice(0, 3);
}
