import type { RenderOptions } from "./options.js";

/**
 * What `llm-cac models` shows, already worked out by the command: renderers only format.
 * Prices are money per 1M tokens in `currency`, as the catalog lists them.
 */
export interface ModelPriceRow {
  effective: string;
  input: number;
  /** null where the provider publishes no cache-hit price (cached tokens bill at `input`). */
  cached_input: number | null;
  output: number;
  currency: string;
  official: boolean;
  source: string;
  /** Took effect more than 12 months before `today`: it may have changed since. */
  stale: boolean;
}

/** A model and its newest price: one line of the list. */
export interface ModelListRow extends ModelPriceRow {
  id: string;
  provider: string;
}

export type ModelsView =
  | { kind: "list"; today: string; models: ModelListRow[] }
  | { kind: "history"; today: string; id: string; provider: string; note: string | null; prices: ModelPriceRow[] };

export const MODELS_FORMATS = ["table", "json", "csv"] as const;
export type ModelsFormat = (typeof MODELS_FORMATS)[number];

type ModelsRenderer = (view: ModelsView, options: RenderOptions) => string;

/** Loaded on demand, as the scenario renderers are. */
const RENDERERS: Record<ModelsFormat, () => Promise<ModelsRenderer>> = {
  table: async () => (await import("./models-table.js")).renderModelsTable,
  json: async () => (await import("./models-json.js")).renderModelsJson,
  csv: async () => (await import("./models-csv.js")).renderModelsCsv,
};

export async function renderModels(format: ModelsFormat, view: ModelsView, options: RenderOptions): Promise<string> {
  return (await RENDERERS[format]())(view, options);
}

/** The fields of a price in a fixed order, for JSON and CSV. */
export function priceFields(row: ModelPriceRow): ModelPriceRow {
  return {
    effective: row.effective,
    input: row.input,
    cached_input: row.cached_input,
    output: row.output,
    currency: row.currency,
    official: row.official,
    source: row.source,
    stale: row.stale,
  };
}
