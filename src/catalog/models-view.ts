import { UserError } from "../lib/errors.js";
import { didYouMean } from "../lib/suggest.js";
import { type Catalog, type CatalogModel, findModel, isStale, type PricePoint } from "./catalog.js";

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
  /** null where the provider prices reasoning tokens as output. */
  reasoning: number | null;
  /** Context-length tiers (model-v2.md 2): the prices of a turn whose prompt is above `above` tokens. */
  tiers: ModelTierRow[];
  currency: string;
  official: boolean;
  source: string;
  /** Took effect more than 12 months before `today`: it may have changed since. */
  stale: boolean;
}

export interface ModelTierRow {
  above: number;
  input: number;
  /** null: the tier's input price. */
  cached_input: number | null;
  output: number;
  /** null: the tier's output price. */
  reasoning: number | null;
}

/** A model and its newest price: one line of the list. */
export interface ModelListRow extends ModelPriceRow {
  id: string;
  provider: string;
}

export type ModelsView =
  | { kind: "list"; today: string; models: ModelListRow[] }
  | { kind: "history"; today: string; id: string; provider: string; note: string | null; prices: ModelPriceRow[] };

function priceRow(price: PricePoint, today: string): ModelPriceRow {
  return {
    effective: price.effective,
    input: price.input,
    cached_input: price.cachedInput ?? null,
    output: price.output,
    reasoning: price.reasoning ?? null,
    tiers: (price.tiers ?? []).map((tier) => ({
      above: tier.above,
      input: tier.input,
      cached_input: tier.cachedInput ?? null,
      output: tier.output,
      reasoning: tier.reasoning ?? null,
    })),
    currency: price.currency,
    official: price.official,
    source: price.source,
    stale: isStale(price, today),
  };
}

function listView(catalog: Catalog, provider: string | undefined, today: string): ModelsView {
  const models =
    provider === undefined ? catalog.models : catalog.models.filter((model) => model.provider === knownProvider(catalog, provider));
  const rows = models.map(
    (model): ModelListRow => ({ id: model.id, provider: model.provider, ...priceRow(model.prices[model.prices.length - 1]!, today) }),
  );
  return { kind: "list", today, models: rows };
}

function historyView(catalog: Catalog, id: string, provider: string | undefined, today: string): ModelsView {
  const model = findModel(catalog, id);
  if (provider !== undefined && model.provider !== knownProvider(catalog, provider)) {
    throw new UserError(`${model.id} is from provider ${model.provider}, not ${provider}`, {
      hint: `leave out --provider, or use llm-cac models --provider ${provider}`,
    });
  }
  return {
    kind: "history",
    today,
    id: model.id,
    provider: model.provider,
    note: model.note ?? null,
    prices: model.prices.map((price) => priceRow(price, today)),
  };
}

/** The provider as the catalog spells it (case aside), or an error listing them all. */
function knownProvider(catalog: Catalog, provider: string): string {
  const providers = [...new Set(catalog.models.map((model: CatalogModel) => model.provider))].sort();
  const match = providers.find((name) => name.toLowerCase() === provider.toLowerCase());
  if (match !== undefined) return match;
  const guess = didYouMean(provider, providers);
  throw new UserError(`unknown provider "${provider}"${guess ? ` (${guess})` : ""}; providers: ${providers.join(", ")}`);
}

/** The catalog's newest prices (optionally of one provider), or with `id` that model's price history. */
export function modelsView(catalog: Catalog, id: string | undefined, provider: string | undefined, today: string): ModelsView {
  return id === undefined ? listView(catalog, provider, today) : historyView(catalog, id, provider, today);
}
