import type { MetricKind } from "../../result/metric-paths.js";
import { formatMetric } from "../shared/metric-cell.js";
import { countTick, dayTick, moneyTick } from "./charts/tick-format.js";

/** An axis label for a metric of this kind: money compact with its currency, days, counts. */
export function metricTick(kind: MetricKind | "verdict", currency: string): (value: number) => string {
  switch (kind) {
    case "money":
      return moneyTick(currency);
    case "day":
      return dayTick;
    case "times":
      return (value) => `x${countTick(value)}`;
    default:
      return countTick;
  }
}

/** A metric's value as the tables print it; true/false as the verdict words. */
export function metricText(value: unknown, kind: MetricKind | "verdict", currency: string): string {
  if (typeof value === "boolean") return value ? "holds" : "does not hold";
  return formatMetric(value, kind === "verdict" ? "count" : kind, currency);
}

/** The unit of a metric for an axis title. */
export function unitOf(kind: MetricKind | "verdict", currency: string): string {
  return kind === "money" ? ` (${currency})` : kind === "day" ? " (day)" : "";
}
