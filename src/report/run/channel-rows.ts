import type { JsonResult } from "../../result/json-result.js";
import { formatMoney, formatNumber, formatPercent } from "../shared/format.js";

/** The channels table's header after its first (title) column, shared by the table and Markdown reports. */
export const CHANNEL_COLUMNS = ["share", "CPA", "marginal CPA", "spend", "installs"] as const;

/** Each channel's share of the spend, its day-0 and marginal CPA, its spend and the installs it bought, as display cells. */
export function channelRows(result: JsonResult): string[][] {
  const currency = result.scenario.currency;
  return result.channels.map((channel) => [
    channel.name,
    formatPercent(channel.share),
    formatMoney(channel.cpa, currency),
    formatMoney(channel.marginal_cpa, currency),
    formatMoney(channel.spend, currency),
    formatNumber(channel.installs),
  ]);
}
