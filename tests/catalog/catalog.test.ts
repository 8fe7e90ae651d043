import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/lib/errors.js";
import { findModel, findModelPrice, isIsoDate, isStale, mergeCatalogs, parseCatalog } from "../../src/catalog/catalog.js";
import type { Catalog } from "../../src/catalog/catalog.js";
import { editDistance } from "../../src/lib/suggest.js";
import { problemLines, userError } from "../helpers/user-error.js";

const SMALL = `
models:
  - id: deepseek-chat
    provider: deepseek
    prices:
      - { effective: 2025-02-09, currency: USD, input: 0.27, cached_input: 0.07, output: 1.10, official: true, source: "DeepSeek pricing page" }
      - { effective: 2025-09-05, currency: USD, input: 0.56, cached_input: 0.07, output: 1.68, official: true, source: "DeepSeek pricing page" }
  - id: hunyuan-lite
    provider: tencent
    prices:
      - { effective: 2024-01-01, currency: CNY, input: 8, output: 8, official: false, source: "press" }
      - { effective: 2024-05-22, currency: CNY, input: 0, output: 0, official: false, source: "press" }
`;

describe("parseCatalog", () => {
  it("reads snake_case prices into the catalog shape, leaving cachedInput out where unpublished", () => {
    const catalog = parseCatalog(SMALL, "small.yaml");
    expect(catalog.models.map((model) => model.id)).toEqual(["deepseek-chat", "hunyuan-lite"]);
    expect(catalog.models[0]?.prices[0]).toEqual({
      effective: "2025-02-09",
      currency: "USD",
      input: 0.27,
      cachedInput: 0.07,
      output: 1.1,
      official: true,
      source: "DeepSeek pricing page",
    });
    expect(catalog.models[1]?.prices[1]).not.toHaveProperty("cachedInput");
    // Free is a price of 0, not a missing price.
    expect(catalog.models[1]?.prices[1]?.input).toBe(0);
  });

  it("names the file, the field path and the problem, with a did-you-mean for a misspelt key", () => {
    const text = `models:
  - id: x
    provider: p
    prices:
      - { effective: 2024-01-01, currency: USD, input: 1, cached: 0.5, output: 2, official: true, source: s }
`;
    // Line 5, after "      - { effective: 2024-01-01, currency: USD, input: 1, ": 6 + 2 + 2 + 11 + 12
    // + 10 + 5 + 7 + 3 = 58 characters, so the key starts in column 59.
    expect(problemLines(() => parseCatalog(text, "models.yaml"))).toEqual([
      'models.yaml:5:59  models.0.prices.0.cached: unknown key "cached" (did you mean "cached_input"?)',
    ]);
  });

  it("reports every problem of the file at once, one per line", () => {
    const text = `models:
  - id: x
    provider: p
    prices:
      - { effective: 2024-02-30, currency: usd, input: -1, output: 2, official: yes, source: "" }
`;
    const { problems } = userError(() => parseCatalog(text, "m.yaml"));
    // 2024-02-30 is not a calendar date; "usd" is not upper case; -1 < 0; "yes" is a
    // string in YAML 1.2, not a boolean; the source is empty: five problems.
    expect(problems).toHaveLength(5);
    expect(problems.map((problem) => problem.path)).toEqual([
      "models.0.prices.0.effective",
      "models.0.prices.0.currency",
      "models.0.prices.0.input",
      "models.0.prices.0.official",
      "models.0.prices.0.source",
    ]);
    expect(problems.every((problem) => problem.file === "m.yaml" && problem.line === 5)).toBe(true);
  });

  it("rejects prices out of date order, duplicate ids and a cache price above the full price", () => {
    const text = `models:
  - id: x
    provider: p
    prices:
      - { effective: 2024-09-19, currency: CNY, input: 0.3, output: 0.6, official: false, source: s }
      - { effective: 2024-05-21, currency: CNY, input: 2, cached_input: 3, output: 6, official: false, source: s }
  - id: x
    provider: p
    prices:
      - { effective: 2024-01-01, currency: CNY, input: 1, output: 1, official: false, source: s }
`;
    const { problems } = userError(() => parseCatalog(text, "m.yaml"));
    expect(problems.map((problem) => problem.path)).toEqual([
      "models.0.prices.1.effective",
      "models.0.prices.1.cached_input",
      "models.1.id",
    ]);
    // Line 7 is "  - id: x": the second x, in column 9.
    expect(problems[2]).toMatchObject({ line: 7, col: 9 });
  });

  it("reports invalid YAML with its line", () => {
    const [line] = problemLines(() => parseCatalog("models:\n  - id: [x\n", "bad.yaml"));
    expect(line).toMatch(/^bad\.yaml:\d+:\d+ {2}invalid YAML: /);
  });

  it("rejects an empty catalog and a model without prices", () => {
    expect(problemLines(() => parseCatalog("models: []\n", "m.yaml"))).toEqual(["m.yaml:1:9  models: expected at least one model"]);
    expect(problemLines(() => parseCatalog("models:\n  - { id: x, provider: p, prices: [] }\n", "m.yaml"))).toEqual([
      "m.yaml:2:35  models.0.prices: expected at least one dated price",
    ]);
  });
});

describe("findModelPrice", () => {
  const catalog = parseCatalog(SMALL, "small.yaml");

  it("takes the newest price for a bare id", () => {
    expect(findModelPrice(catalog, "deepseek-chat")).toEqual({
      id: "deepseek-chat",
      provider: "deepseek",
      effective: "2025-09-05",
      currency: "USD",
      input: 0.56,
      cachedInput: 0.07,
      output: 1.68,
      official: true,
      source: "DeepSeek pricing page",
    });
  });

  it("takes the price in force on a date: the day before, the day of and after a change", () => {
    expect(findModelPrice(catalog, "deepseek-chat@2025-09-04").input).toBe(0.27);
    expect(findModelPrice(catalog, "deepseek-chat@2025-09-05").input).toBe(0.56);
    expect(findModelPrice(catalog, "deepseek-chat@2026-01-01").input).toBe(0.56);
    expect(findModelPrice(catalog, "deepseek-chat@2025-02-09").effective).toBe("2025-02-09");
    expect(findModelPrice(catalog, "hunyuan-lite@2024-05-21").output).toBe(8);
    expect(findModelPrice(catalog, "hunyuan-lite@2024-05-22").output).toBe(0);
  });

  it("refuses a date before the first price, naming that first date", () => {
    expect(() => findModelPrice(catalog, "deepseek-chat@2025-02-08")).toThrow(
      '"deepseek-chat@2025-02-08": the catalog has no price for deepseek-chat before 2025-02-09',
    );
  });

  it("refuses a malformed date", () => {
    expect(() => findModelPrice(catalog, "deepseek-chat@2025-9-5")).toThrow(/"2025-9-5" is not a date/);
  });

  it("lists the three closest ids for an unknown one", () => {
    const big: Catalog = {
      models: ["deepseek-chat", "deepseek-reasoner", "qwen-turbo", "qwen-plus", "gpt-4o"].map((id) => ({
        id,
        provider: "p",
        prices: [{ effective: "2024-01-01", currency: "USD", input: 1, output: 1, official: true, source: "s" }],
      })),
    };
    // Edits from "deepseek-chta": deepseek-chat 2 (a swap is 2 substitutions);
    // deepseek-reasoner 8 ("cht" -> "re" 3, keep "a", insert "soner" 5); gpt-4o 11
    // (keep "p" and "-": "dee"->"g" 3, "seek"->"t" 4, "chta"->"4o" 4); qwen-plus 11 too,
    // so the tie goes to gpt-4o alphabetically; qwen-turbo 12.
    expect(editDistance("deepseek-chta", "gpt-4o")).toBe(11);
    expect(editDistance("deepseek-chta", "qwen-plus")).toBe(11);
    const error = userError(() => findModelPrice(big, "deepseek-chta"));
    expect(error.message).toBe('unknown model "deepseek-chta"; closest ids: deepseek-chat, deepseek-reasoner, gpt-4o');
    expect(error.hint).toBe("`llm-cac models` lists every id in the catalog");
    // The models command looks a bare id up the same way.
    expect(() => findModel(big, "deepseek-chta")).toThrow(error.message);
    // A dated ref with an unknown id suggests ids for the id part.
    expect(() => findModelPrice(big, "gpt4o@2025-01-01")).toThrow(/^unknown model "gpt4o"; closest ids: gpt-4o,/);
  });

  it("keeps ids that contain '@' intact (LiteLLM's cloudflare/@cf/... ids)", () => {
    const withAt: Catalog = {
      models: [
        {
          id: "cloudflare/@cf/moonshotai/kimi-k2.6",
          provider: "cloudflare",
          prices: [{ effective: "2026-07-24", currency: "USD", input: 0.95, output: 4, official: false, source: "s" }],
        },
      ],
    };
    expect(findModelPrice(withAt, "cloudflare/@cf/moonshotai/kimi-k2.6").input).toBe(0.95);
    expect(findModelPrice(withAt, "cloudflare/@cf/moonshotai/kimi-k2.6@2026-07-24").output).toBe(4);
  });
});

describe("isStale", () => {
  it("is false at exactly 12 months and true one day later", () => {
    expect(isStale({ effective: "2024-07-24" }, "2025-07-24")).toBe(false);
    expect(isStale({ effective: "2024-07-23" }, "2025-07-24")).toBe(true);
    expect(isStale({ effective: "2025-07-24" }, "2025-07-24")).toBe(false);
  });

  it("takes 29 Feb back to 28 Feb of the year before", () => {
    expect(isStale({ effective: "2023-02-28" }, "2024-02-29")).toBe(false);
    expect(isStale({ effective: "2023-02-27" }, "2024-02-29")).toBe(true);
  });

  it("rejects a malformed today", () => {
    expect(() => isStale({ effective: "2024-01-01" }, "24-1-1")).toThrow(UserError);
  });
});

describe("isIsoDate", () => {
  it("accepts calendar dates only", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2024-13-01")).toBe(false);
    expect(isIsoDate("2024-1-01")).toBe(false);
  });
});

describe("mergeCatalogs", () => {
  it("adds new ids and merges the history of a shared id, the added price winning on the same date", () => {
    const base = parseCatalog(SMALL, "small.yaml");
    const merged = mergeCatalogs(base, [
      {
        id: "deepseek-chat",
        provider: "deepseek",
        prices: [
          {
            effective: "2026-07-24",
            currency: "USD",
            input: 0.28,
            cachedInput: 0.028,
            output: 0.42,
            official: false,
            source: "LiteLLM price map",
          },
          { effective: "2025-09-05", currency: "USD", input: 0.5, output: 1.5, official: false, source: "other" },
        ],
      },
      {
        id: "gpt-4o",
        provider: "openai",
        prices: [{ effective: "2026-07-24", currency: "USD", input: 2.5, output: 10, official: false, source: "LiteLLM price map" }],
      },
    ]);
    expect(merged.models.map((model) => model.id)).toEqual(["deepseek-chat", "hunyuan-lite", "gpt-4o"]);
    expect(merged.models[0]?.prices.map((price) => [price.effective, price.input])).toEqual([
      ["2025-02-09", 0.27],
      ["2025-09-05", 0.5],
      ["2026-07-24", 0.28],
    ]);
    expect(findModelPrice(merged, "deepseek-chat@2025-03-01").input).toBe(0.27);
  });
});

describe("data/models.yaml", () => {
  const file = new URL("../../data/models.yaml", import.meta.url);
  const catalog = parseCatalog(readFileSync(file, "utf8"), "data/models.yaml");

  it("has at least 25 models across the ten providers of the issue", () => {
    expect(catalog.models.length).toBeGreaterThanOrEqual(25);
    const providers = new Set(catalog.models.map((model) => model.provider));
    for (const provider of [
      "deepseek",
      "moonshot",
      "bytedance",
      "alibaba",
      "tencent",
      "zhipu",
      "minimax",
      "openai",
      "anthropic",
      "google",
    ]) {
      expect(providers, provider).toContain(provider);
    }
  });

  it("has every price non-negative, dated and sourced", () => {
    for (const model of catalog.models) {
      for (const price of model.prices) {
        const label = `${model.id}@${price.effective}`;
        expect(isIsoDate(price.effective), label).toBe(true);
        expect(price.source.trim().length, label).toBeGreaterThan(0);
        for (const value of [price.input, price.output, price.cachedInput ?? 0]) {
          expect(Number.isFinite(value) && value >= 0, label).toBe(true);
        }
      }
    }
  });

  it("shows the Sept 2024 Qwen cut: -85 % turbo, -80 % plus, -50 % max on input", () => {
    const cut = (id: string): number =>
      findModelPrice(catalog, `${id}@2024-09-19`).input / findModelPrice(catalog, `${id}@2024-09-18`).input;
    // 0.3 / 2 = 0.15, 0.8 / 4 = 0.2, 20 / 40 = 0.5 (market-facts: -85 %, -80 %, -50 %)
    expect(cut("qwen-turbo")).toBeCloseTo(0.15, 12);
    expect(cut("qwen-plus")).toBeCloseTo(0.2, 12);
    expect(cut("qwen-max")).toBeCloseTo(0.5, 12);
  });

  it("shows DeepSeek's 2025-09-05 change and the free models at 0", () => {
    expect(findModelPrice(catalog, "deepseek-chat@2025-09-04")).toMatchObject({ input: 0.27, cachedInput: 0.07, output: 1.1 });
    expect(findModelPrice(catalog, "deepseek-chat")).toMatchObject({ input: 0.56, cachedInput: 0.07, output: 1.68 });
    expect(findModelPrice(catalog, "deepseek-reasoner@2025-09-04")).toMatchObject({ input: 0.55, output: 2.19 });
    expect(findModelPrice(catalog, "hunyuan-lite")).toMatchObject({ input: 0, output: 0 });
    expect(findModelPrice(catalog, "hunyuan-lite@2024-05-21")).toMatchObject({ input: 8, output: 8 });
    expect(findModelPrice(catalog, "glm-4-flash")).toMatchObject({ input: 0, output: 0 });
  });

  it("has the Doubao price that started the war: ¥0.0008 per 1k input = ¥0.8 per 1M", () => {
    expect(findModelPrice(catalog, "doubao-pro-32k@2024-05-15")).toMatchObject({ currency: "CNY", input: 0.8, output: 2 });
  });
});

describe("catalog tiers and reasoning prices", () => {
  const withTiers = (tiers: string) => `models:
  - id: m
    provider: p
    prices:
      - effective: 2025-01-01
        currency: USD
        input: 1
        output: 2
        reasoning: 3
        tiers: ${tiers}
        official: false
        source: s
`;

  it("reads them, cached and reasoning prices only where given", () => {
    const catalog = parseCatalog(
      withTiers("[ { above: 32000, input: 1.5, output: 3 }, { above: 128000, input: 2, cached_input: 0.5, output: 4, reasoning: 5 } ]"),
      "c.yaml",
    );
    const price = catalog.models[0]!.prices[0]!;
    expect(price.reasoning).toBe(3);
    expect(price.tiers).toEqual([
      { above: 32_000, input: 1.5, output: 3 },
      { above: 128_000, input: 2, cachedInput: 0.5, output: 4, reasoning: 5 },
    ]);
  });

  it("rejects tiers out of order, at the tier's above", () => {
    expect(
      problemLines(() =>
        parseCatalog(withTiers("[ { above: 128000, input: 2, output: 4 }, { above: 32000, input: 1.5, output: 3 } ]"), "c.yaml"),
      ),
    ).toEqual([
      expect.stringMatching(
        /^c\.yaml:10:\d+ {2}models\.0\.prices\.0\.tiers\.1\.above: tiers go by prompt length, each above the one before: 32000 is not above 128000$/,
      ),
    ]);
  });
});
