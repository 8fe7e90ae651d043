import { formatProblem, isUserError } from "../lib/errors.js";
import { type Catalog, type CatalogModel, type CatalogPrice, findModelPrice, isStale, mergeCatalogs } from "./catalog.js";
import type { FieldProblem } from "../lib/issues.js";
import { convertMoney, MAX_MONEY, MoneyAmount } from "../lib/money.js";

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

/** A context-length tier, per 1M tokens in the scenario's currency (model-v2.md 2). */
export interface ResolvedTier {
  above: number;
  input: number;
  cached_input?: number;
  output: number;
  reasoning?: number;
}

/** Per 1M tokens in the scenario's currency; cached_input, reasoning and tiers only where the catalog or the scenario gives them. */
export interface ResolvedPrice {
  input: number;
  cached_input?: number;
  output: number;
  reasoning?: number;
  tiers?: ResolvedTier[];
}

/** A place a scenario may name a model: the inference block itself, or one of its routes. */
interface ModelRef {
  model?: string;
  price?: Partial<ResolvedPrice>;
}

/** The parts of a scenario its models' prices depend on (a scenario's data has them). */
export interface PricedScenario {
  currency: string;
  fx?: Readonly<Record<string, number>>;
  inference: ModelRef & { prices_file?: string; routes?: readonly ModelRef[] };
}

export interface ModelPriceOutcome<T extends PricedScenario> {
  /** The scenario with each named model's price written into its `price`, as if the user had typed it. */
  data: T;
  problems: FieldProblem[];
  warnings: FieldProblem[];
}

const PRICES_FILE_PATH = ["inference", "prices_file"];

/** Every place that names a model, with the path of its `model` key. */
function modelRefs(data: PricedScenario): { ref: ModelRef; at: PropertyKey[] }[] {
  const refs = [{ ref: data.inference as ModelRef, at: ["inference"] as PropertyKey[] }];
  for (const [index, route] of (data.inference.routes ?? []).entries()) refs.push({ ref: route, at: ["inference", "routes", index] });
  return refs.filter(({ ref }) => ref.model !== undefined);
}

/**
 * The prices `inference.model` and each route's `model` stand for: the catalog's newest
 * price for `id`, or the one in force on the date of `id@YYYY-MM-DD`, converted to the
 * scenario's currency through `fx`, with every field of the same block's own `price`
 * taking precedence (its `tiers` replace the model's whole). `today` (YYYY-MM-DD) turns
 * on the age check: an unpinned id whose newest price is more than 12 months old gets a
 * warning; a pinned date is a deliberate choice of a past price and gets none.
 */
export function resolveModelPrices<T extends PricedScenario>(
  data: T,
  sources: PriceSources | undefined,
  scenarioFile: string,
  today?: string,
): ModelPriceOutcome<T> {
  const refs = modelRefs(data);
  if (refs.length === 0) {
    const warnings: FieldProblem[] =
      data.inference.prices_file === undefined
        ? []
        : [{ path: PRICES_FILE_PATH, message: "not used: no inference.model names a model to look up in it", atKey: true }];
    return { data, problems: [], warnings };
  }
  if (sources === undefined) {
    return {
      data,
      problems: refs.map(({ at }) => ({
        path: [...at, "model"],
        message: "no price catalog is available here: give price (input and output per 1M tokens)",
      })),
      warnings: [],
    };
  }
  const catalog = catalogFor(data, sources, scenarioFile);
  if (!catalog.ok) return { data, problems: [catalog.problem], warnings: [] };

  const problems: FieldProblem[] = [];
  const warnings: FieldProblem[] = [];
  const priced = new Map<ModelRef, ResolvedPrice>();
  for (const { ref, at } of refs) {
    const outcome = modelPrice(data, catalog.value, ref, [...at, "model"], today);
    if ("problem" in outcome) problems.push(outcome.problem);
    else {
      priced.set(ref, outcome.price);
      warnings.push(...outcome.warnings);
    }
  }
  if (problems.length > 0) return { data, problems, warnings: [] };
  return { data: withModelPrices(data, priced), problems: [], warnings };
}

function catalogFor(
  data: PricedScenario,
  sources: PriceSources,
  scenarioFile: string,
): { ok: true; value: Catalog } | { ok: false; problem: FieldProblem } {
  let catalog = sources.catalog();
  const pricesFile = data.inference.prices_file;
  if (pricesFile !== undefined) {
    if (sources.pricesFile === undefined)
      return { ok: false, problem: { path: PRICES_FILE_PATH, message: "price maps cannot be read here" } };
    try {
      catalog = mergeCatalogs(catalog, sources.pricesFile(pricesFile, scenarioFile));
    } catch (error) {
      return { ok: false, problem: problemAt(PRICES_FILE_PATH, error) };
    }
  }
  if (sources.extra !== undefined && sources.extra.length > 0) catalog = mergeCatalogs(catalog, sources.extra);
  return { ok: true, value: catalog };
}

type PriceOutcome = { price: ResolvedPrice; warnings: FieldProblem[] } | { problem: FieldProblem };

/** One block's model priced in the scenario's currency, under the block's own price fields. */
function modelPrice(data: PricedScenario, catalog: Catalog, block: ModelRef, at: PropertyKey[], today: string | undefined): PriceOutcome {
  const ref = block.model!;
  let found: CatalogPrice;
  try {
    found = findModelPrice(catalog, ref);
  } catch (error) {
    return { problem: problemAt(at, error) };
  }

  const rate = exchangeRate(found.currency, data.currency, data.fx ?? {});
  if (!rate.ok)
    return {
      problem: {
        path: at,
        message: `${found.id} is priced in ${found.currency}: ${rate.reason}`,
        causes: [["currency"], ["fx", found.currency]],
      },
    };

  const explicit = block.price ?? {};
  const price = overlayPrice(convertedPrice(found, rate.value), explicit);
  // A price from a map or after fx never met the schema's bound on typed prices; without it
  // an absurd map entry (1e300 per token) would overflow the model to Infinity.
  const outOfBounds = priceFields(price).find(([, value]) => !(value <= MAX_MONEY));
  if (outOfBounds !== undefined) {
    const [field, value] = outOfBounds;
    return {
      problem: {
        path: at,
        message: `${found.id}'s ${field} price comes to ${value} ${data.currency} per 1M tokens; prices may be at most ${MAX_MONEY.toExponential()}`,
      },
    };
  }

  const warnings: FieldProblem[] = [];
  const pinned = ref !== found.id;
  // Where the scenario overrides every price the catalog's would set, its age does not matter.
  const usesCatalog =
    explicit.input === undefined ||
    explicit.output === undefined ||
    (explicit.cached_input === undefined && found.cachedInput !== undefined) ||
    (explicit.reasoning === undefined && found.reasoning !== undefined) ||
    (explicit.tiers === undefined && found.tiers !== undefined);
  if (today !== undefined && !pinned && usesCatalog && isStale(found, today)) {
    warnings.push({
      path: at,
      message: `the newest price the catalog has for ${found.id} dates from ${found.effective}, more than 12 months before today (${today}); it may have changed since`,
      hint: `pin the date you mean with ${found.id}@YYYY-MM-DD, set its price, or add a newer price map with --prices FILE`,
    });
  }
  return { price, warnings };
}

/** A catalog price times the exchange rate, in the scenario's field names. */
function convertedPrice(found: CatalogPrice, rate: number): ResolvedPrice {
  const times = (value: number | undefined) => (value === undefined ? undefined : value * rate);
  return withoutUndefined({
    input: found.input * rate,
    cached_input: times(found.cachedInput),
    output: found.output * rate,
    reasoning: times(found.reasoning),
    tiers: found.tiers?.map((tier) =>
      withoutUndefined({
        above: tier.above,
        input: tier.input * rate,
        cached_input: times(tier.cachedInput),
        output: tier.output * rate,
        reasoning: times(tier.reasoning),
      }),
    ),
  });
}

/** The catalog's price with every field the scenario gives in its place; given tiers replace the catalog's. */
export function overlayPrice(central: ResolvedPrice, own: Partial<ResolvedPrice>): ResolvedPrice {
  return withoutUndefined({
    input: own.input ?? central.input,
    cached_input: own.cached_input ?? central.cached_input,
    output: own.output ?? central.output,
    reasoning: own.reasoning ?? central.reasoning,
    tiers: own.tiers ?? central.tiers,
  });
}

function priceFields(price: ResolvedPrice): [string, number][] {
  const fields: [string, number | undefined][] = [
    ["input", price.input],
    ["cached_input", price.cached_input],
    ["output", price.output],
    ["reasoning", price.reasoning],
    ...(price.tiers ?? []).flatMap((tier): [string, number | undefined][] => [
      [`tier above ${tier.above} input`, tier.input],
      [`tier above ${tier.above} cached_input`, tier.cached_input],
      [`tier above ${tier.above} output`, tier.output],
      [`tier above ${tier.above} reasoning`, tier.reasoning],
    ]),
  ];
  return fields.filter((field): field is [string, number] => field[1] !== undefined);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

/** What 1 unit of `from` is worth in `to`, through the scenario's `fx`, as money strings convert. */
function exchangeRate(
  from: string,
  to: string,
  fx: Readonly<Record<string, number>>,
): { ok: true; value: number } | { ok: false; reason: string } {
  return convertMoney(new MoneyAmount(1, from), to, fx);
}

/** A catalog's or a price map's UserError as a problem at the scenario field that led to it; anything else is a bug. */
function problemAt(path: PropertyKey[], error: unknown): FieldProblem {
  if (!isUserError(error)) throw error;
  const message = error.problems.length > 0 ? error.problems.map(formatProblem).join("; ") : error.message;
  return { path, message, ...(error.hint ? { hint: error.hint } : {}) };
}

/** The scenario with each block's resolved price written into its `price`. */
function withModelPrices<T extends PricedScenario>(data: T, priced: ReadonlyMap<ModelRef, ResolvedPrice>): T {
  const top = priced.get(data.inference);
  const routes = data.inference.routes?.map((route) => {
    const price = priced.get(route);
    return price === undefined ? route : { ...route, price };
  });
  return {
    ...data,
    inference: { ...data.inference, ...(top === undefined ? {} : { price: top }), ...(routes === undefined ? {} : { routes }) },
  };
}
