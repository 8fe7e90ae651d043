import { formatProblem, isUserError } from "../errors.js";
import { type Catalog, type CatalogModel, type CatalogPrice, findModelPrice, isStale, mergeCatalogs } from "./catalog.js";
import type { FieldProblem } from "./issues.js";
import { convertMoney, MAX_MONEY, MoneyAmount } from "./money.js";
import type { ScenarioData } from "./schema.js";

/**
 * Where `inference.model` ids are looked up. The loader reads no files itself: the
 * caller hands in functions, and they are called only when a scenario names a model,
 * so a run with explicit prices never reads or parses a catalog.
 */
export interface PriceSources {
  /** The base catalog (the bundled data/models.yaml); called on first need only. */
  catalog: () => Catalog;
  /**
   * The models of a scenario's `inference.prices_file` (a LiteLLM price map), the path
   * as written, resolved by the caller against the scenario's folder. Throws a
   * UserError naming the file when it cannot be read or is not a price map.
   */
  pricesFile?: (path: string, scenarioFile: string) => readonly CatalogModel[];
  /** Models given on the command line (`--prices`): merged last, so on the same id and date they win. */
  extra?: readonly CatalogModel[];
}

/** Per 1M tokens in the scenario's currency; cached_input only where the catalog or the scenario gives one. */
export interface ResolvedPrice {
  input: number;
  cached_input?: number;
  output: number;
}

export interface ModelPriceOutcome {
  /** The price to use, undefined where the scenario names no model or the model could not be priced. */
  price?: ResolvedPrice;
  /** The catalog entry the price came from. */
  catalogPrice?: CatalogPrice;
  problems: FieldProblem[];
  warnings: FieldProblem[];
}

const MODEL_PATH = ["inference", "model"];
const PRICES_FILE_PATH = ["inference", "prices_file"];

/**
 * The price `inference.model` stands for: the catalog's newest price for `id`, or the
 * one in force on the date of `id@YYYY-MM-DD`, converted to the scenario's currency
 * through `fx`, with every field the scenario's own `inference.price` gives taking
 * precedence. `today` (YYYY-MM-DD) turns on the age check: an unpinned id whose newest
 * price is more than 12 months old gets a warning; a pinned date is a deliberate
 * choice of a past price and gets none.
 */
export function resolveModelPrice(data: ScenarioData, sources: PriceSources | undefined, scenarioFile: string, today?: string): ModelPriceOutcome {
  const { model: ref, prices_file: pricesFile } = data.inference;
  if (ref === undefined) {
    const warnings: FieldProblem[] =
      pricesFile === undefined ? [] : [{ path: PRICES_FILE_PATH, message: "not used: no inference.model names a model to look up in it", atKey: true }];
    return { problems: [], warnings };
  }
  if (sources === undefined) {
    return { problems: [{ path: MODEL_PATH, message: "no price catalog is available here: give inference.price (input and output per 1M tokens)" }], warnings: [] };
  }

  let catalog = sources.catalog();
  if (pricesFile !== undefined) {
    if (sources.pricesFile === undefined) {
      return { problems: [{ path: PRICES_FILE_PATH, message: "price maps cannot be read here" }], warnings: [] };
    }
    try {
      catalog = mergeCatalogs(catalog, sources.pricesFile(pricesFile, scenarioFile));
    } catch (error) {
      return { problems: [problemAt(PRICES_FILE_PATH, error)], warnings: [] };
    }
  }
  if (sources.extra !== undefined && sources.extra.length > 0) catalog = mergeCatalogs(catalog, sources.extra);

  let found: CatalogPrice;
  try {
    found = findModelPrice(catalog, ref);
  } catch (error) {
    return { problems: [problemAt(MODEL_PATH, error)], warnings: [] };
  }

  const rate = exchangeRate(found.currency, data.currency, data.fx ?? {});
  if (!rate.ok) return { problems: [{ path: MODEL_PATH, message: `${found.id} is priced in ${found.currency}: ${rate.reason}` }], warnings: [] };

  const explicit = data.inference.price ?? {};
  const cached = explicit.cached_input ?? (found.cachedInput === undefined ? undefined : found.cachedInput * rate.value);
  const price: ResolvedPrice = {
    input: explicit.input ?? found.input * rate.value,
    ...(cached === undefined ? {} : { cached_input: cached }),
    output: explicit.output ?? found.output * rate.value,
  };
  // A price from a map or after fx never met the schema's bound on typed prices; without it
  // an absurd map entry (1e300 per token) would overflow the model to Infinity.
  const outOfBounds = Object.entries(price).find(([, value]) => !(value <= MAX_MONEY));
  if (outOfBounds !== undefined) {
    const [field, value] = outOfBounds;
    return { problems: [{ path: MODEL_PATH, message: `${found.id}'s ${field} price comes to ${value} ${data.currency} per 1M tokens; prices may be at most ${MAX_MONEY.toExponential()}` }], warnings: [] };
  }

  const warnings: FieldProblem[] = [];
  const pinned = ref !== found.id;
  // Where the scenario overrides every price the catalog's would set, its age does not matter.
  const usesCatalog = explicit.input === undefined || explicit.output === undefined || (explicit.cached_input === undefined && found.cachedInput !== undefined);
  if (today !== undefined && !pinned && usesCatalog && isStale(found, today)) {
    warnings.push({
      path: MODEL_PATH,
      message: `the newest price the catalog has for ${found.id} dates from ${found.effective}, more than 12 months before today (${today}); it may have changed since`,
      hint: `pin the date you mean with ${found.id}@YYYY-MM-DD, set inference.price, or add a newer price map with --prices FILE`,
    });
  }
  return { price, catalogPrice: found, problems: [], warnings };
}

/** What 1 unit of `from` is worth in `to`, through the scenario's `fx`, as money strings convert. */
function exchangeRate(from: string, to: string, fx: Readonly<Record<string, number>>): { ok: true; value: number } | { ok: false; reason: string } {
  return convertMoney(new MoneyAmount(1, from), to, fx);
}

/** A catalog's or a price map's UserError as a problem at the scenario field that led to it; anything else is a bug. */
function problemAt(path: PropertyKey[], error: unknown): FieldProblem {
  if (!isUserError(error)) throw error;
  const message = error.problems.length > 0 ? error.problems.map(formatProblem).join("; ") : error.message;
  return { path, message, ...(error.hint ? { hint: error.hint } : {}) };
}

/** The scenario with the model's price written into `inference.price`, as if the user had typed it. */
export function withModelPrice(data: ScenarioData, price: ResolvedPrice): ScenarioData {
  return { ...data, inference: { ...data.inference, price } };
}
