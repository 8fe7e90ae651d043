import { jsonText } from "../shared/json.js";
import type { ModelsView } from "../../catalog/models-view.js";
import { priceFields } from "./fields.js";

/**
 * The list as an array of models (id, provider, then the newest price's fields); one
 * model's history as `{ id, provider, note, prices: [...] }`, oldest price first.
 */
export function renderModelsJson(view: ModelsView): string {
  const value =
    view.kind === "list"
      ? view.models.map((row) => ({ id: row.id, provider: row.provider, ...priceFields(row) }))
      : { id: view.id, provider: view.provider, note: view.note, prices: view.prices.map(priceFields) };
  return jsonText(value);
}
