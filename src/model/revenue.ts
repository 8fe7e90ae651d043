import type { Revenue } from "./types.js";

/** Revenue per active user per day; the paying form spreads a 30-day ARPPU over 30 days. */
export function arpdau(revenue: Revenue): number {
  return revenue.kind === "arpdau" ? revenue.arpdau : (revenue.payingShare * revenue.arppuMonthly) / 30;
}
