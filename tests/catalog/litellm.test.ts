import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/lib/errors.js";
import { findModelPrice } from "../../src/catalog/catalog.js";
import { litellmSnapshotDate, parseLitellm, pricePerMillion } from "../../src/catalog/litellm.js";
import { sharedDataFound } from "../helpers/shared-data.js";
import { problemLines } from "../helpers/user-error.js";

function readJson(url: URL): unknown {
  return JSON.parse(readFileSync(url, "utf8")) as unknown;
}

const fixture = readJson(new URL("../fixtures/litellm-small.json", import.meta.url));

describe("pricePerMillion", () => {
  it("scales per-token prices exactly, without float noise", () => {
    // Plain float products: 2e-7 * 1e6 = 0.19999999999999998, 8e-7 * 1e6 = 0.7999999999999999,
    // 3.2e-6 * 1e6 = 3.1999999999999997. Per million they must read 0.2, 0.8 and 3.2.
    expect(2e-7 * 1e6).not.toBe(0.2);
    expect(pricePerMillion(2e-7)).toBe(0.2);
    expect(pricePerMillion(8e-7)).toBe(0.8);
    expect(pricePerMillion(3.2e-6)).toBe(3.2);
    expect(pricePerMillion(2.5e-6)).toBe(2.5);
    expect(pricePerMillion(1.25e-6)).toBe(1.25);
    expect(pricePerMillion(1e-5)).toBe(10);
    expect(pricePerMillion(2.8e-8)).toBe(0.028);
    expect(pricePerMillion(0)).toBe(0);
  });

  it("keeps prices that really have many digits", () => {
    // 2.99999e-6 per token is 2.99999 per million, not 3.
    expect(pricePerMillion(2.99999e-6)).toBe(2.99999);
    expect(pricePerMillion(1.500002e-5)).toBe(15.00002);
  });
});

describe("parseLitellm on the small fixture", () => {
  const models = parseLitellm(fixture, "litellm-small.json", "2026-07-24");

  it("keeps priced chat models only, in file order", () => {
    // Skipped: sample_spec, the embedding model, the entry without mode, the chat entry
    // without prices, the input-only entry, the negative price and the last_updated string.
    expect(models.map((model) => model.id)).toEqual([
      "gpt-4o",
      "amazon.nova-pro-v1:0",
      "databricks/databricks-claude-sonnet-4",
      "cloudflare/@cf/moonshotai/kimi-k2.6",
      "fireworks-ai-default",
      "no-provider-chat",
    ]);
  });

  it("converts gpt-4o to $2.50 / $1.25 cached / $10.00 per million, dated and marked unofficial", () => {
    expect(models[0]).toEqual({
      id: "gpt-4o",
      provider: "openai",
      prices: [
        {
          effective: "2026-07-24",
          currency: "USD",
          input: 2.5,
          cachedInput: 1.25,
          output: 10,
          official: false,
          source: "LiteLLM price map",
        },
      ],
    });
  });

  it("converts the float-noisy entries exactly and leaves out an unpublished cache price", () => {
    // amazon.nova-pro: 8e-7 and 3.2e-6 per token -> 0.8 and 3.2 per million.
    expect(models[1]?.prices[0]).toMatchObject({ input: 0.8, output: 3.2 });
    expect(models[1]?.prices[0]).not.toHaveProperty("cachedInput");
    // kimi-k2.6 on Cloudflare: 9.5e-7, 1.6e-7, 4e-6 -> 0.95, 0.16, 4.
    expect(models[3]?.prices[0]).toMatchObject({ input: 0.95, cachedInput: 0.16, output: 4 });
  });

  it("keeps a free model at 0 and names an unknown provider", () => {
    expect(models[4]?.prices[0]).toMatchObject({ input: 0, output: 0 });
    expect(models[5]?.provider).toBe("unknown");
  });

  it("reads the snapshot date from last_updated", () => {
    expect(litellmSnapshotDate(fixture)).toBe("2026-07-24");
    expect(litellmSnapshotDate({})).toBeUndefined();
  });

  it("gives ids usable with findModelPrice, '@' ids included", () => {
    const catalog = { models };
    expect(findModelPrice(catalog, "cloudflare/@cf/moonshotai/kimi-k2.6@2026-07-24").output).toBe(4);
  });
});

describe("parseLitellm errors", () => {
  it("rejects a file that is not an object of models", () => {
    expect(problemLines(() => parseLitellm([], "x.json", "2026-07-24"))).toEqual([
      "x.json: expected a JSON object keyed by model id (LiteLLM's model_prices_and_context_window.json)",
    ]);
    expect(() => parseLitellm({ name: "a scenario" }, "x.json", "2026-07-24")).toThrow(UserError);
    expect(problemLines(() => parseLitellm(fixture, "x.json", "July 2026"))).toEqual([
      'x.json: the price map\'s date "July 2026" is not written YYYY-MM-DD',
    ]);
  });

  it("names the file and asks whether it is LiteLLM's map when it has no priced chat model", () => {
    expect(problemLines(() => parseLitellm({ name: "a scenario" }, "x.json", "2026-07-24"))).toEqual([
      "x.json: no chat model with both input_cost_per_token and output_cost_per_token (is this LiteLLM's model_prices_and_context_window.json?)",
    ]);
  });
});

const SNAPSHOT = new URL("../../../shared/data/litellm/model_prices_and_context_window.json", import.meta.url);

// The snapshot lives in shared/, beside the clone; without it these tests are skipped (in CI
// they fail), and the describe body below must not read it either (vitest runs it to collect the tests).
const snapshotFound = sharedDataFound(SNAPSHOT);

describe.skipIf(!snapshotFound)("parseLitellm on the LiteLLM snapshot of 2026-07-24", () => {
  const json = snapshotFound ? readJson(SNAPSHOT) : {};
  const models = snapshotFound ? parseLitellm(json, "model_prices_and_context_window.json", litellmSnapshotDate(json) ?? "") : [];

  it("gives gpt-4o at $2.50 input, $1.25 cached, $10.00 output per million", () => {
    expect(findModelPrice({ models }, "gpt-4o")).toMatchObject({
      effective: "2026-07-24",
      currency: "USD",
      input: 2.5,
      cachedInput: 1.25,
      output: 10,
    });
  });

  it("agrees with the catalog on models it cross-checks", () => {
    // gpt-4o-mini 1.5e-7 / 7.5e-8 / 6e-7 per token; gemini-2.0-flash 1e-7 / 2.5e-8 / 4e-7.
    expect(findModelPrice({ models }, "gpt-4o-mini")).toMatchObject({ input: 0.15, cachedInput: 0.075, output: 0.6 });
    expect(findModelPrice({ models }, "gemini/gemini-2.0-flash")).toMatchObject({ input: 0.1, cachedInput: 0.025, output: 0.4 });
    expect(findModelPrice({ models }, "claude-sonnet-4-20250514")).toMatchObject({ input: 3, cachedInput: 0.3, output: 15 });
  });

  it("gives every priced chat model with a 200k field or tiered_pricing its tiers", () => {
    const entries = Object.entries(json as Record<string, Record<string, unknown>>);
    const kept = new Set(models.map((model) => model.id));
    const with200k = entries.filter(
      ([id, entry]) => kept.has(id) && Object.keys(entry).some((key) => /^(input|output)_cost_per_token_above_200k_tokens$/.test(key)),
    );
    const tiered = entries.filter(([id, entry]) => kept.has(id) && Array.isArray(entry["tiered_pricing"]));
    expect(with200k.length).toBeGreaterThan(0);
    expect(tiered.length).toBeGreaterThan(0);
    for (const [id] of with200k)
      expect(
        findModelPrice({ models }, id).tiers?.some((tier) => tier.above === 200_000),
        id,
      ).toBe(true);
    for (const [id] of tiered) expect(findModelPrice({ models }, id).tiers?.length, id).toBeGreaterThan(0);
    // Gemini 2.5 Pro: $1.25 / $10 per 1M, $2.50 / $15 above 200k tokens.
    expect(findModelPrice({ models }, "gemini/gemini-2.5-pro").tiers).toEqual([
      { above: 200_000, input: 2.5, cachedInput: 0.25, output: 15 },
    ]);
  });

  it("keeps only priced chat models, with no float noise anywhere", () => {
    expect(models.some((model) => model.id === "sample_spec")).toBe(false);
    // gemini/gemini-1.5-flash is listed with mode "embedding" in this snapshot.
    expect(models.some((model) => model.id === "gemini/gemini-1.5-flash")).toBe(false);
    expect(models.length).toBeGreaterThan(1000);
    for (const model of models) {
      for (const price of model.prices) {
        for (const value of [price.input, price.output, price.cachedInput ?? 0]) {
          // 12 significant digits at most: no ...9999999 tails.
          expect(Number(value.toPrecision(12)), model.id).toBe(value);
        }
      }
    }
  });
});

describe("LiteLLM tiers and reasoning prices (model-v2.md 2)", () => {
  // Per-token prices as LiteLLM writes them; per 1M they read 1.25, 2.5, 10, 15, 0.125, 0.25.
  const map = {
    "gemini-2.5-pro": {
      mode: "chat",
      litellm_provider: "vertex_ai",
      input_cost_per_token: 1.25e-6,
      input_cost_per_token_above_200k_tokens: 2.5e-6,
      output_cost_per_token: 1e-5,
      output_cost_per_token_above_200k_tokens: 1.5e-5,
      cache_read_input_token_cost: 1.25e-7,
      cache_read_input_token_cost_above_200k_tokens: 2.5e-7,
      input_cost_per_token_above_200k_tokens_priority: 9e-6,
    },
    "qwen-flash": {
      mode: "chat",
      litellm_provider: "dashscope",
      tiered_pricing: [
        { input_cost_per_token: 5e-8, output_cost_per_token: 4e-7, range: [0, 256000] },
        { input_cost_per_token: 2.5e-7, output_cost_per_token: 2e-6, output_cost_per_reasoning_token: 4e-6, range: [256000, 1000000] },
      ],
    },
    "qwen-turbo": { mode: "chat", input_cost_per_token: 5e-8, output_cost_per_token: 2e-7, output_cost_per_reasoning_token: 5e-7 },
  };
  const models = parseLitellm(map, "map.json", "2026-07-24");
  const price = (id: string) => models.find((model) => model.id === id)!.prices[0]!;

  it("*_above_<N>k_tokens fields become a tier above N * 1000 tokens; priority prices are not tiers", () => {
    expect(price("gemini-2.5-pro")).toMatchObject({ input: 1.25, cachedInput: 0.125, output: 10 });
    expect(price("gemini-2.5-pro").tiers).toEqual([{ above: 200_000, input: 2.5, cachedInput: 0.25, output: 15 }]);
  });

  it("tiered_pricing: the range from 0 is the base price, each later range a tier above its lower end", () => {
    expect(price("qwen-flash")).toMatchObject({ input: 0.05, output: 0.4 });
    expect(price("qwen-flash").tiers).toEqual([{ above: 256_000, input: 0.25, output: 2, reasoning: 4 }]);
  });

  it("output_cost_per_reasoning_token becomes the reasoning price", () => {
    expect(price("qwen-turbo")).toMatchObject({ input: 0.05, output: 0.2, reasoning: 0.5 });
    expect(price("qwen-turbo").tiers).toBeUndefined();
  });
});
