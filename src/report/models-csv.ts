import { csvTable } from "./csv.js";
import { priceFields, type ModelsView } from "./models-view.js";

type Cell = string | number | boolean | null;

/** One row per model (the list) or per dated price (a history), each led by id and provider. */
export function renderModelsCsv(view: ModelsView): string {
  const rows =
    view.kind === "list"
      ? view.models.map((row) => ({ id: row.id, provider: row.provider, ...priceFields(row) }))
      : view.prices.map((row) => ({ id: view.id, provider: view.provider, ...priceFields(row) }));
  return csvTable(rows.map((row) => new Map<string, Cell>(Object.entries(row))));
}
