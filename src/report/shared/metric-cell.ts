import type { JsonResult } from "../../result/json-result.js";
import type { MetricKind } from "../../result/metric-paths.js";
import type { MetricRow } from "../../result/sections.js";
import { valueAt } from "../../lib/value-at.js";
import { formatDay, formatMoney, formatNumber, formatTimes, NOT_AVAILABLE } from "./format.js";

export function formatMetric(value: unknown, kind: MetricKind, currency: string): string {
  if (typeof value !== "number") return NOT_AVAILABLE;
  switch (kind) {
    case "money":
      return formatMoney(value, currency);
    case "count":
      return formatNumber(value);
    case "day":
      return formatDay(value);
    case "times":
      return formatTimes(value);
  }
}

/** A figure of a result as a report shows it; a missing one says why (`missingText`). */
export function metricCell(result: JsonResult, row: MetricRow): string {
  const value = valueAt(result, row.path);
  return typeof value === "number" ? formatMetric(value, row.kind, result.scenario.currency) : missingText(result, row.path);
}

/**
 * Why a figure is null, in the words a reader needs: a milestone never reached within
 * the horizon (or the user's lifetime) is `never (within 365 d)`, a figure without the
 * data it needs is `n/a (no revenue)`, and anything else plain `n/a` (docs/cli.md).
 */
function missingText(result: JsonResult, path: string): string {
  const { totals, unit } = result;
  const noData = (what: string) => `${NOT_AVAILABLE} (${what})`;
  const never = (within: string) => `never (within ${within})`;
  const horizon = never(`${result.scenario.horizon_days} d`);
  switch (path) {
    case "totals.revenue":
    case "unit.ltv":
    case "unit.ltv_to_cac":
      return totals.revenue === null ? noData("no revenue") : NOT_AVAILABLE;
    case "unit.payback_day":
      if (totals.revenue === null) return noData("no revenue");
      return unit.cac_blended === null ? noData("no installs") : never("lifetime");
    case "milestones.inference_overtakes_training_day":
      return totals.training > 0 ? horizon : noData("no training");
    case "milestones.inference_overtakes_acquisition_day":
      return totals.acquisition > 0 ? horizon : noData("no paid spend");
    default:
      return totals.installs === 0 ? noData("no installs") : NOT_AVAILABLE;
  }
}
