import type { JsonResult } from "../../result/json-result.js";
import { formatMoney, formatNumber, formatPercent } from "../shared/format.js";

/** The routes table's header after its first (title) column, shared by the table and Markdown reports. */
export const ROUTE_COLUMNS = ["share", "input", "cached", "output", "reasoning", "cost per session"] as const;

/** Each route's share of the sessions, its tokens and its day-0 cost per session (model-v2.md 4), as display cells. */
export function routeRows(result: JsonResult): string[][] {
  const currency = result.scenario.currency;
  return (result.routes ?? []).map((route) => {
    const tokens = route.tokens_per_session;
    return [
      route.name,
      formatPercent(route.share),
      formatNumber(tokens.input),
      formatNumber(tokens.cached_input),
      formatNumber(tokens.output),
      formatNumber(tokens.reasoning),
      formatMoney(route.cost_per_session, currency),
    ];
  });
}
