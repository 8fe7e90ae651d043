/**
 * The model price catalog (data/models.yaml): dated, sourced token prices.
 *
 * Pure functions only: the caller reads the file and passes its text, and passes
 * "today" where staleness matters, so the same input always gives the same answer.
 * A file is read like a scenario (document.ts, issues.ts): a strict zod schema, then
 * rules across fields, every problem at once at its `file:line:col`.
 */
import * as z from "../lib/zod.js";
import { UserError } from "../lib/errors.js";
import { parseYaml, plainValue, problemsError } from "../lib/document.js";
import { type FieldProblem, problemsFromIssues } from "../lib/issues.js";
import { nearest } from "../lib/suggest.js";

/** One dated price of a model: money per 1M tokens, in `currency`. */
export interface PricePoint {
  /** ISO date (YYYY-MM-DD) from which this price applies. */
  effective: string;
  currency: string;
  input: number;
  /** Only where the provider publishes a cache-hit price. */
  cachedInput?: number;
  output: number;
  /** Reasoning tokens, where the provider prices them apart from output. */
  reasoning?: number;
  /** Prices of a turn whose whole prompt is longer than `above` tokens, `above` increasing. */
  tiers?: PriceTierPoint[];
  /** true when `source` is the provider's own page or paper. */
  official: boolean;
  source: string;
}

/** A context-length tier of a price: money per 1M tokens, in the price's currency. */
export interface PriceTierPoint {
  above: number;
  input: number;
  /** Default: the tier's input price. */
  cachedInput?: number;
  output: number;
  /** Default: the tier's output price. */
  reasoning?: number;
}

export interface CatalogModel {
  id: string;
  provider: string;
  note?: string;
  /** Oldest first, strictly increasing `effective` dates. */
  prices: PricePoint[];
}

export interface Catalog {
  models: CatalogModel[];
}

/** A single price resolved for one model: what `inference.model` stands for. */
export type CatalogPrice = PricePoint & { id: string; provider: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2024-02-30). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The file's schema, written with zod/mini like the scenario schema (no classic zod in the
 * bundle) and built on the first parse: a run that names no model never pays for it.
 * Types, bounds and unknown keys get the loader's messages (issues.ts); the checks below
 * carry their own, which say what a valid value looks like.
 */
function buildSchema() {
  const nonEmpty = <T extends { length: number }>(error: string) => z.refine<T>((value) => value.length > 0, { error });
  const perMillion = () => z.number().check(z.gte(0));
  const tier = z.strictObject({
    above: z.int().check(z.gt(0)),
    input: perMillion(),
    cached_input: z.optional(perMillion()),
    output: perMillion(),
    reasoning: z.optional(perMillion()),
  });
  const pricePoint = z.strictObject({
    effective: z.string().check(z.refine(isIsoDate, { error: "expected a calendar date written YYYY-MM-DD" })),
    currency: z.string().check(z.regex(/^[A-Z]{3}$/, { error: "expected a 3-letter ISO 4217 code such as USD or CNY" })),
    input: perMillion(),
    cached_input: z.optional(perMillion()),
    output: perMillion(),
    reasoning: z.optional(perMillion()),
    tiers: z.optional(z.array(tier).check(nonEmpty("expected at least one tier, or no tiers key"))),
    official: z.boolean(),
    source: z.string().check(z.trim(), nonEmpty("expected where the price was published")),
  });
  const model = z.strictObject({
    id: z.string().check(z.regex(/^\S+$/, { error: "expected a non-empty id without spaces" })),
    provider: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, { error: "expected a lowercase provider slug such as deepseek" })),
    note: z.optional(z.string()),
    prices: z.array(pricePoint).check(nonEmpty("expected at least one dated price")),
  });
  return z.strictObject({ models: z.array(model).check(nonEmpty("expected at least one model")) });
}

let schema: ReturnType<typeof buildSchema> | undefined;

type CatalogFile = z.infer<ReturnType<typeof buildSchema>>;

/** Rules across fields that the shape schema cannot express. */
function crossFieldProblems(data: CatalogFile): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const firstIndexOfId = new Map<string, number>();
  data.models.forEach((model, m) => {
    const seen = firstIndexOfId.get(model.id);
    if (seen !== undefined) {
      problems.push({
        path: ["models", m, "id"],
        message: `duplicate id "${model.id}" (first at models.${seen}); put all its prices in one list`,
      });
    } else {
      firstIndexOfId.set(model.id, m);
    }
    model.prices.forEach((price, p) => {
      const before = model.prices[p - 1];
      if (before && price.effective <= before.effective) {
        problems.push({
          path: ["models", m, "prices", p, "effective"],
          message: `${price.effective} is not after the previous price's ${before.effective}; list prices oldest first, one per date`,
        });
      }
      // A cache hit above the full price is a typo (likely a swapped column), not a tariff.
      if (price.cached_input !== undefined && price.cached_input > price.input) {
        problems.push({
          path: ["models", m, "prices", p, "cached_input"],
          message: `cached_input ${price.cached_input} is above input ${price.input}`,
        });
      }
      (price.tiers ?? []).forEach((tier, t) => {
        const lower = price.tiers![t - 1];
        if (lower !== undefined && tier.above <= lower.above) {
          problems.push({
            path: ["models", m, "prices", p, "tiers", t, "above"],
            message: `tiers go by prompt length, each above the one before: ${tier.above} is not above ${lower.above}`,
          });
        }
      });
    });
  });
  return problems;
}

function toPricePoint(price: CatalogFile["models"][number]["prices"][number]): PricePoint {
  return {
    effective: price.effective,
    currency: price.currency,
    input: price.input,
    ...(price.cached_input !== undefined ? { cachedInput: price.cached_input } : {}),
    output: price.output,
    ...(price.reasoning !== undefined ? { reasoning: price.reasoning } : {}),
    ...(price.tiers !== undefined ? { tiers: price.tiers.map(toTierPoint) } : {}),
    official: price.official,
    source: price.source,
  };
}

function toTierPoint(tier: NonNullable<CatalogFile["models"][number]["prices"][number]["tiers"]>[number]): PriceTierPoint {
  return {
    above: tier.above,
    input: tier.input,
    ...(tier.cached_input !== undefined ? { cachedInput: tier.cached_input } : {}),
    output: tier.output,
    ...(tier.reasoning !== undefined ? { reasoning: tier.reasoning } : {}),
  };
}

/**
 * Parse and validate the text of a catalog file. Every problem is reported at once in a
 * UserError, each at its line and column.
 */
export function parseCatalog(text: string, file: string): Catalog {
  const source = parseYaml(text, file);
  schema ??= buildSchema();
  const parsed = schema.safeParse(plainValue(source), { reportInput: true });
  if (!parsed.success) throw problemsError(source, problemsFromIssues(parsed.error.issues, schema));
  const problems = crossFieldProblems(parsed.data);
  if (problems.length > 0) throw problemsError(source, problems);
  return {
    models: parsed.data.models.map((model) => ({
      id: model.id,
      provider: model.provider,
      ...(model.note !== undefined ? { note: model.note } : {}),
      prices: model.prices.map(toPricePoint),
    })),
  };
}

/** The newest price with `effective <= date`, or undefined before the first one. */
function priceInForce(model: CatalogModel, date: string): PricePoint | undefined {
  let found: PricePoint | undefined;
  for (const price of model.prices) {
    if (price.effective <= date) found = price;
  }
  return found;
}

/** Split `id@YYYY-MM-DD` at its last "@" (LiteLLM ids such as "cloudflare/@cf/..." contain "@"). */
function splitRef(ref: string): { id: string; date: string } | undefined {
  const at = ref.lastIndexOf("@");
  if (at <= 0) return undefined;
  return { id: ref.slice(0, at), date: ref.slice(at + 1) };
}

/** The model with this id; an unknown id is an error naming the nearest ids. */
export function findModel(catalog: Catalog, id: string): CatalogModel {
  const model = catalog.models.find((candidate) => candidate.id === id);
  if (model !== undefined) return model;
  const near = nearest(
    id,
    catalog.models.map((candidate) => candidate.id),
    3,
  );
  throw new UserError(`unknown model "${id}"${near.length > 0 ? `; closest ids: ${near.join(", ")}` : ""}`, {
    hint: "`llm-cac models` lists every id in the catalog",
  });
}

/**
 * The price a model reference stands for: `id` is the newest price, `id@YYYY-MM-DD`
 * the price in force on that date (the newest with `effective <= date`).
 */
export function findModelPrice(catalog: Catalog, ref: string): CatalogPrice {
  // A whole id first: LiteLLM ids such as "cloudflare/@cf/..." contain "@" themselves.
  const parts = catalog.models.some((model) => model.id === ref) ? undefined : splitRef(ref);
  const model = findModel(catalog, parts?.id ?? ref);
  if (parts === undefined) return resolved(model, model.prices[model.prices.length - 1]!);
  if (!isIsoDate(parts.date)) throw new UserError(`"${ref}": "${parts.date}" is not a date; write ${parts.id}@YYYY-MM-DD`);
  const price = priceInForce(model, parts.date);
  if (price === undefined) {
    const first = model.prices[0]?.effective ?? "";
    throw new UserError(`"${ref}": the catalog has no price for ${model.id} before ${first}`, { hint: `use a date on or after ${first}` });
  }
  return resolved(model, price);
}

function resolved(model: CatalogModel, price: PricePoint): CatalogPrice {
  return { id: model.id, provider: model.provider, ...price };
}

/** The same calendar day twelve months earlier; 29 Feb falls back to 28 Feb. */
function twelveMonthsBefore(date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const lastDayOfMonth = new Date(Date.UTC(year - 1, month, 0)).getUTCDate();
  const dd = Math.min(day, lastDayOfMonth);
  return `${String(year - 1).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
}

/**
 * True when the price took effect more than 12 months before `today`: it may have
 * changed since (API prices fell about 10x a year in 2024-25). Exactly 12 months
 * old is not yet stale.
 */
export function isStale(price: Pick<PricePoint, "effective">, today: string): boolean {
  if (!isIsoDate(today)) throw new UserError(`"${today}" is not a date written YYYY-MM-DD`);
  return price.effective < twelveMonthsBefore(today);
}

/**
 * A catalog with more models added (e.g. from a LiteLLM price map). An id in both
 * keeps one merged price history; on the same date the added price wins, since the
 * user asked for that source explicitly.
 */
export function mergeCatalogs(base: Catalog, added: readonly CatalogModel[]): Catalog {
  const merged = new Map<string, CatalogModel>(base.models.map((model) => [model.id, model]));
  for (const model of added) {
    const existing = merged.get(model.id);
    if (!existing) {
      merged.set(model.id, model);
      continue;
    }
    const byDate = new Map(existing.prices.map((price) => [price.effective, price]));
    for (const price of model.prices) byDate.set(price.effective, price);
    const prices = [...byDate.values()].sort((a, b) => (a.effective < b.effective ? -1 : 1));
    merged.set(model.id, { ...existing, prices });
  }
  return { models: [...merged.values()] };
}
