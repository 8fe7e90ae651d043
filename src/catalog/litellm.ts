/**
 * LiteLLM's model_prices_and_context_window.json as a price source: many users keep
 * this file already. Pure: the caller reads and JSON-parses the file.
 */
import { UserError } from "../lib/errors.js";
import { isRecord } from "../lib/record.js";
import { type CatalogModel, isIsoDate, type PriceTierPoint } from "./catalog.js";
import { MAX_MONEY } from "../lib/money.js";

/** Significant digits kept when scaling per-token prices: LiteLLM's own figures carry at most ~7. */
const SIGNIFICANT_DIGITS = 12;

/**
 * Money per 1M tokens from money per token. Rounded to 12 significant digits because
 * the binary product carries float noise (2e-7 * 1e6 = 0.19999999999999998), and a
 * catalog shown to users must read 0.2.
 */
export function pricePerMillion(pricePerToken: number): number {
  if (pricePerToken === 0) return 0;
  return Number((pricePerToken * 1e6).toPrecision(SIGNIFICANT_DIGITS));
}

/** A per-token price a scenario could use: a million tokens of it stays within money's bound. */
function isPrice(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value * 1e6 <= MAX_MONEY;
}

/** The prices of one band of a LiteLLM entry (the entry itself, or a `tiered_pricing` range), per 1M. */
interface Band {
  input: number;
  cachedInput?: number;
  output: number;
  reasoning?: number;
}

function bandOf(entry: Record<string, unknown>, suffix = ""): Band | undefined {
  const input = entry[`input_cost_per_token${suffix}`];
  const output = entry[`output_cost_per_token${suffix}`];
  if (!isPrice(input) || !isPrice(output)) return undefined;
  const cached = entry[`cache_read_input_token_cost${suffix}`];
  const reasoning = entry[`output_cost_per_reasoning_token${suffix}`];
  return {
    input: pricePerMillion(input),
    ...(isPrice(cached) ? { cachedInput: pricePerMillion(cached) } : {}),
    output: pricePerMillion(output),
    ...(isPrice(reasoning) ? { reasoning: pricePerMillion(reasoning) } : {}),
  };
}

const ABOVE_KEY = /^(?:input_cost_per_token|output_cost_per_token|cache_read_input_token_cost)_above_(\d+)k_tokens$/;

/**
 * The entry's context-length tiers (model-v2.md 2): each `*_above_<N>k_tokens` price is a
 * tier above N * 1000 tokens, its missing kinds at the base price; each `tiered_pricing`
 * range that starts above 0 is a tier above its lower end.
 */
function tiersOf(entry: Record<string, unknown>, base: Band): PriceTierPoint[] {
  const tiers = new Map<number, PriceTierPoint>();
  for (const key of Object.keys(entry)) {
    const thousands = ABOVE_KEY.exec(key)?.[1];
    if (thousands === undefined || tiers.has(Number(thousands) * 1000)) continue;
    const suffix = `_above_${thousands}k_tokens`;
    const input = entry[`input_cost_per_token${suffix}`];
    const output = entry[`output_cost_per_token${suffix}`];
    const cached = entry[`cache_read_input_token_cost${suffix}`];
    const tierInput = isPrice(input) ? pricePerMillion(input) : base.input;
    tiers.set(Number(thousands) * 1000, {
      above: Number(thousands) * 1000,
      input: tierInput,
      // Without its own cache price the tier bills cached tokens at the base cache price, never above its input.
      ...(isPrice(cached)
        ? { cachedInput: pricePerMillion(cached) }
        : base.cachedInput !== undefined
          ? { cachedInput: Math.min(base.cachedInput, tierInput) }
          : {}),
      output: isPrice(output) ? pricePerMillion(output) : base.output,
      ...(base.reasoning !== undefined ? { reasoning: base.reasoning } : {}),
    });
  }
  for (const range of rangesOf(entry)) {
    if (range.from <= 0 || tiers.has(range.from)) continue;
    tiers.set(range.from, { above: range.from, ...range.band });
  }
  return [...tiers.values()].sort((a, b) => a.above - b.above);
}

/** `tiered_pricing`: prices by prompt length, each `{ ..._cost_per_token, range: [from, to] }`. */
function rangesOf(entry: Record<string, unknown>): { from: number; band: Band }[] {
  const ranges = entry["tiered_pricing"];
  if (!Array.isArray(ranges)) return [];
  return ranges.flatMap((range) => {
    if (!isRecord(range) || !Array.isArray(range["range"])) return [];
    const from = range["range"][0];
    const band = bandOf(range);
    return typeof from === "number" && Number.isInteger(from) && from >= 0 && band !== undefined ? [{ from, band }] : [];
  });
}

/** A chat model with both an input and an output price (its own, or its first `tiered_pricing` range), converted; undefined for anything else. */
function toCatalogModel(id: string, entry: unknown, effective: string): CatalogModel | undefined {
  if (!isRecord(entry) || entry["mode"] !== "chat") return undefined;
  const base = bandOf(entry) ?? rangesOf(entry).find((range) => range.from === 0)?.band;
  if (base === undefined) return undefined;
  const provider = entry["litellm_provider"];
  const tiers = tiersOf(entry, base);
  return {
    id,
    provider: typeof provider === "string" && provider !== "" ? provider : "unknown",
    prices: [
      {
        effective,
        currency: "USD",
        ...base,
        ...(tiers.length > 0 ? { tiers } : {}),
        official: false,
        source: "LiteLLM price map",
      },
    ],
  };
}

/**
 * Catalog entries from a parsed LiteLLM price map, dated `effective` (the day the
 * map was taken; see `litellmSnapshotDate`). Skips `sample_spec`, non-chat entries
 * and entries without both an input and an output price.
 */
export function parseLitellm(json: unknown, file: string, effective: string): CatalogModel[] {
  if (!isIsoDate(effective)) {
    throw UserError.inFile(file, `the price map's date "${effective}" is not written YYYY-MM-DD`);
  }
  if (!isRecord(json)) {
    throw UserError.inFile(file, "expected a JSON object keyed by model id (LiteLLM's model_prices_and_context_window.json)");
  }
  const models: CatalogModel[] = [];
  for (const [id, entry] of Object.entries(json)) {
    if (id === "sample_spec") continue;
    const model = toCatalogModel(id, entry, effective);
    if (model) models.push(model);
  }
  if (models.length === 0) {
    throw UserError.fromProblems([
      {
        file,
        message: "no chat model with both input_cost_per_token and output_cost_per_token",
        hint: "is this LiteLLM's model_prices_and_context_window.json?",
      },
    ]);
  }
  return models;
}

/**
 * The date of a LiteLLM map from its `last_updated` timestamp, when it has one
 * (the 2026-07-24 snapshot does), so callers need not guess the effective date.
 */
export function litellmSnapshotDate(json: unknown): string | undefined {
  if (!isRecord(json)) return undefined;
  const stamp = json.last_updated;
  if (typeof stamp !== "string") return undefined;
  const date = stamp.slice(0, 10);
  return isIsoDate(date) ? date : undefined;
}
