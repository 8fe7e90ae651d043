/**
 * LiteLLM's model_prices_and_context_window.json as a price source: many users keep
 * this file already. Pure: the caller reads and JSON-parses the file.
 */
import { UserError } from "../errors.js";
import { type CatalogModel, isIsoDate } from "./catalog.js";
import { MAX_MONEY } from "./money.js";

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A per-token price a scenario could use: a million tokens of it stays within money's bound. */
function isPrice(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value * 1e6 <= MAX_MONEY;
}

/** A chat model with both an input and an output price, converted; undefined for anything else. */
function toCatalogModel(id: string, entry: unknown, effective: string): CatalogModel | undefined {
  if (!isRecord(entry) || entry["mode"] !== "chat") return undefined;
  const inputPerToken = entry["input_cost_per_token"];
  const outputPerToken = entry["output_cost_per_token"];
  if (!isPrice(inputPerToken) || !isPrice(outputPerToken)) return undefined;
  const cachedPerToken = entry["cache_read_input_token_cost"];
  const provider = entry["litellm_provider"];
  return {
    id,
    provider: typeof provider === "string" && provider !== "" ? provider : "unknown",
    prices: [
      {
        effective,
        currency: "USD",
        input: pricePerMillion(inputPerToken),
        ...(isPrice(cachedPerToken) ? { cachedInput: pricePerMillion(cachedPerToken) } : {}),
        output: pricePerMillion(outputPerToken),
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
  const stamp = json["last_updated"];
  if (typeof stamp !== "string") return undefined;
  const date = stamp.slice(0, 10);
  return isIsoDate(date) ? date : undefined;
}
