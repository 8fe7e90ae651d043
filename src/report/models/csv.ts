import { csvTable } from "../shared/csv.js";
import type { ModelPriceRow, ModelsView } from "../../catalog/models-view.js";
import { priceFields } from "./fields.js";

type Cell = string | number | boolean | null;

/**
 * One row per model (the list) or per dated price (a history), each led by id and provider.
 * Tiers are a list of prices, not a cell: the JSON has them, the CSV only counts them.
 */
export function renderModelsCsv(view: ModelsView): string {
  const cells = (row: ModelPriceRow) => {
    const { tiers, ...fields } = priceFields(row);
    return { ...fields, tiers: tiers.length };
  };
  const rows =
    view.kind === "list"
      ? view.models.map((row) => ({ id: row.id, provider: row.provider, ...cells(row) }))
      : view.prices.map((row) => ({ id: view.id, provider: view.provider, ...cells(row) }));
  return csvTable(rows.map((row) => new Map<string, Cell>(Object.entries(row))));
}
