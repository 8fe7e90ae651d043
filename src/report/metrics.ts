import type { JsonResult } from "../result/json-result.js";
import type { MetricKind } from "../result/metric-paths.js";
import type { MetricRow } from "../result/sections.js";
import { valueAt } from "../value-at.js";
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

export function metricCell(result: JsonResult, row: MetricRow): string {
  return formatMetric(valueAt(result, row.path), row.kind, result.scenario.currency);
}
