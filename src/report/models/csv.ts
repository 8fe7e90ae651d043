import { type Cell, csvTable } from "../shared/csv.js";
import type { ModelPriceRow, ModelsView } from "../../catalog/models-view.js";
import { priceFields } from "./fields.js";

/** A tier's prices, in the JSON's order: each is a column `tiers.N.<field>`. */
const TIER_FIELDS = ["above", "input", "cached_input", "output", "reasoning"] as const;

/**
 * One row per model (the list) or per dated price (a history), each led by id and provider.
 * The prompt-length tiers are columns in the JSON's place, `tiers.0.above`,
 * `tiers.0.input`, ... (dotted paths, as `run`'s CSV writes `channels.0.cac`), as many as
 * the price with the most tiers has; a price with fewer leaves the rest empty, so every
 * row has the same columns.
 */
export function renderModelsCsv(view: ModelsView): string {
  const prices = view.kind === "list" ? view.models : view.prices;
  const tierCount = Math.max(0, ...prices.map((row) => row.tiers.length));
  const cells = (row: ModelPriceRow): [string, Cell][] => {
    const { tiers, currency, official, source, stale, ...single } = priceFields(row);
    const tierCells = Array.from({ length: tierCount }, (_, index) =>
      TIER_FIELDS.map((field): [string, Cell] => [`tiers.${index}.${field}`, tiers[index]?.[field] ?? null]),
    ).flat();
    return [...Object.entries(single), ...tierCells, ...Object.entries({ currency, official, source, stale })];
  };
  const rows =
    view.kind === "list"
      ? view.models.map((row): [string, Cell][] => [["id", row.id], ["provider", row.provider], ...cells(row)])
      : view.prices.map((row): [string, Cell][] => [["id", view.id], ["provider", view.provider], ...cells(row)]);
  return csvTable(rows.map((row) => new Map<string, Cell>(row)));
}
