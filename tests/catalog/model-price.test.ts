import { describe, expect, it } from "vitest";
import { formatProblem, UserError } from "../../src/lib/errors.js";
import { evaluateScenario } from "../../src/scenario/evaluate.js";
import { parseCatalog, type CatalogModel } from "../../src/catalog/catalog.js";
import { type LoadOptions, loadScenario, type Scenario } from "../../src/scenario/load.js";
import type { PriceSources } from "../../src/catalog/model-price.js";
import { userError } from "../helpers/user-error.js";

/** A catalog of its own, so that these tests do not move when data/models.yaml does. */
const CATALOG = parseCatalog(
  `models:
  - id: deepseek-chat
    provider: deepseek
    prices:
      - { effective: 2025-02-09, currency: USD, input: 0.27, cached_input: 0.07, output: 1.10, official: true, source: s }
      - { effective: 2025-09-05, currency: USD, input: 0.56, cached_input: 0.07, output: 1.68, official: true, source: s }
  - id: moonshot-v1-8k
    provider: moonshot
    prices:
      - { effective: 2024-01-01, currency: CNY, input: 12, output: 12, official: false, source: s }
  - id: gpt-4o
    provider: openai
    prices:
      - { effective: 2024-10-01, currency: USD, input: 2.50, cached_input: 1.25, output: 10.00, official: true, source: s }
`,
  "test-catalog.yaml",
);

const sources: PriceSources = { catalog: () => CATALOG };

/**
 * Two turns without history: each turn sends system 100 + input 50 = 150 tokens, 50 of
 * them (half the 100-token prefix) at the cached price, and gets 200 back. A session:
 * IN = 300, CACHED = 100, OUT = 400.
 */
function scenario(inference: string, head = "currency: USD"): string {
  return `name: t
${head}
horizon_days: 30
retention: { d1: 0.5, d30: 0.1 }
usage: { sessions_per_dau: 1, turns_per_session: 2 }
tokens: { system: 100, input: 50, output: 200, history: none, cache_hit_rate: 0.5 }
inference:
${inference}
`;
}

function load(text: string, options: LoadOptions = { priceSources: sources }): Scenario {
  return loadScenario({ file: "s.yaml", text }, options);
}

function loadError(text: string, options: LoadOptions = { priceSources: sources }): UserError {
  return userError(() => load(text, options));
}

/** The base prices of the scenario's one route, reasoning left out (tested on its own). */
function price(loaded: Scenario) {
  const serving = loaded.input.inference.routes[0]!.serving;
  if (serving.kind !== "price") throw new Error("expected a priced route");
  const { reasoning: _reasoning, ...prices } = serving.price.base;
  return prices;
}

describe("inference.model: which catalog price", () => {
  it("takes the newest price for a bare id", () => {
    expect(price(load(scenario("  model: deepseek-chat")))).toEqual({ input: 0.56, cachedInput: 0.07, output: 1.68 });
  });

  it("takes the price in force on the date of id@date: at, before and after a change", () => {
    // deepseek-chat changed on 2025-09-05: the day before is the old price, the day itself the new.
    expect(price(load(scenario("  model: deepseek-chat@2025-09-04")))).toEqual({ input: 0.27, cachedInput: 0.07, output: 1.1 });
    expect(price(load(scenario("  model: deepseek-chat@2025-09-05")))).toEqual({ input: 0.56, cachedInput: 0.07, output: 1.68 });
    expect(price(load(scenario("  model: deepseek-chat@2026-01-01")))).toEqual({ input: 0.56, cachedInput: 0.07, output: 1.68 });
    // The first price applies from its own date, and nothing before it.
    expect(price(load(scenario("  model: deepseek-chat@2025-02-09"))).input).toBe(0.27);
    const error = loadError(scenario("  model: deepseek-chat@2025-02-08"));
    expect(error.problems).toEqual([
      expect.objectContaining({ path: "inference.model", line: 8, col: 10, hint: "use a date on or after 2025-02-09" }),
    ]);
  });

  it("prices a session at the model's price: (200 x 0.56 + 100 x 0.07 + 400 x 1.68) / 1e6", () => {
    // (112 + 7 + 672) / 1e6 = 791 / 1e6
    const result = evaluateScenario(load(scenario("  model: deepseek-chat")));
    expect(result.unit.cost_per_session).toBeCloseTo(791e-6, 15);
  });

  it("rejects an unknown id at inference.model, with the closest ids", () => {
    const error = loadError(scenario("  model: deepseek-chta"));
    expect(error.problems).toHaveLength(1);
    // Line 8 is "  model: deepseek-chta"; the value starts after "  model: ", in column 10.
    expect(formatProblem(error.problems[0]!)).toBe(
      's.yaml:8:10  inference.model: unknown model "deepseek-chta"; closest ids: deepseek-chat, gpt-4o, moonshot-v1-8k (`llm-cac models` lists every id in the catalog)',
    );
  });

  it("reports a bad model with the scenario's other problems, all at once", () => {
    const text = scenario("  model: nope").replace("turns_per_session: 2 }", "turns_per_session: 2 }\nacquisition: { daily_budget: 10 }");
    const paths = loadError(text).problems.map((problem) => problem.path);
    expect(paths).toEqual(["acquisition.daily_budget", "inference.model"]);
  });
});

describe("inference.price with a model", () => {
  it("overrides single prices and keeps the model's others", () => {
    const loaded = load(scenario("  model: deepseek-chat\n  price: { output: 2 }"));
    expect(price(loaded)).toEqual({ input: 0.56, cachedInput: 0.07, output: 2 });
  });

  it("bills cached tokens at input where the catalog has no cache price, overridden input included", () => {
    // moonshot-v1-8k: ¥12 in and out, no cache price; the scenario is in CNY, no conversion.
    expect(price(load(scenario("  model: moonshot-v1-8k", "currency: CNY")))).toEqual({ input: 12, cachedInput: 12, output: 12 });
    expect(price(load(scenario("  model: moonshot-v1-8k\n  price: { input: 5 }", "currency: CNY")))).toEqual({
      input: 5,
      cachedInput: 5,
      output: 12,
    });
  });

  it("needs no prices at all when a model is named, and both when none is", () => {
    expect(() => load(scenario("  annual_price_change: 0"))).toThrow(UserError);
    expect(load(scenario("  model: gpt-4o")).data.inference.price).toEqual({ input: 2.5, cached_input: 1.25, output: 10 });
  });
});

describe("a catalog price in another currency", () => {
  it("converts through fx, as money strings do", () => {
    // gpt-4o in a CNY scenario at 7.2 CNY per USD: 2.5 x 7.2 = 18, 1.25 x 7.2 = 9, 10 x 7.2 = 72.
    const loaded = load(scenario("  model: gpt-4o", "currency: CNY\nfx: { USD: 7.2 }"));
    expect(price(loaded).input).toBeCloseTo(18, 12);
    expect(price(loaded).cachedInput).toBeCloseTo(9, 12);
    expect(price(loaded).output).toBeCloseTo(72, 12);
  });

  it("converts only the catalog's prices: an explicit price is already in the scenario's currency", () => {
    const loaded = load(scenario("  model: gpt-4o\n  price: { output: 50 }", "currency: CNY\nfx: { USD: 7.2 }"));
    expect(price(loaded).output).toBe(50);
    expect(price(loaded).input).toBeCloseTo(18, 12);
  });

  it("names both currencies when the rate is missing, at inference.model", () => {
    const error = loadError(scenario("  model: moonshot-v1-8k"));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ path: "inference.model", line: 8, col: 10 });
    expect(error.problems[0]!.message).toContain("no exchange rate from CNY to USD");
    expect(error.problems[0]!.message).toContain("fx: { CNY:");
  });
});

describe("the age of a catalog price", () => {
  const at = (today: string) => load(scenario("  model: deepseek-chat"), { priceSources: sources, today });

  it("warns when the newest price is more than 12 months old, not at exactly 12 months", () => {
    // The newest deepseek-chat price took effect on 2025-09-05.
    expect(at("2026-09-05").warnings).toBeUndefined();
    const warnings = at("2026-09-06").warnings ?? [];
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ file: "s.yaml", line: 8, col: 10, path: "inference.model" });
    expect(warnings[0]!.message).toContain("2025-09-05");
  });

  it("does not warn about a pinned date: a past price is what it asks for", () => {
    const loaded = load(scenario("  model: deepseek-chat@2025-03-01"), { priceSources: sources, today: "2030-01-01" });
    expect(loaded.warnings).toBeUndefined();
  });

  it("does not warn when the scenario overrides every price the model would set", () => {
    const options = { priceSources: sources, today: "2030-01-01" };
    // moonshot-v1-8k has no cache price: input and output replace all of it.
    expect(load(scenario("  model: moonshot-v1-8k\n  price: { input: 1, output: 2 }", "currency: CNY"), options).warnings).toBeUndefined();
    // deepseek-chat has one: with input and output only, its cached price is still used.
    expect(load(scenario("  model: deepseek-chat\n  price: { input: 1, output: 2 }"), options).warnings).toHaveLength(1);
    expect(load(scenario("  model: deepseek-chat\n  price: { input: 1, cached_input: 0.5, output: 2 }"), options).warnings).toBeUndefined();
  });

  it("does not check the age without today", () => {
    expect(load(scenario("  model: moonshot-v1-8k", "currency: CNY")).warnings).toBeUndefined();
  });
});

describe("where the catalog comes from", () => {
  it("is not read at all when the scenario names no model", () => {
    let reads = 0;
    const counting: PriceSources = {
      catalog: () => {
        reads += 1;
        return CATALOG;
      },
    };
    load(scenario("  price: { input: 1, output: 2 }"), { priceSources: counting });
    expect(reads).toBe(0);
    load(scenario("  model: gpt-4o"), { priceSources: counting });
    expect(reads).toBe(1);
  });

  it("adds the models of a scenario's prices_file, resolved by the caller against the scenario", () => {
    const added: CatalogModel[] = [
      {
        id: "my-model",
        provider: "me",
        prices: [{ effective: "2026-01-01", currency: "USD", input: 1, output: 4, official: false, source: "map" }],
      },
    ];
    const asked: [string, string][] = [];
    const withMap: PriceSources = {
      catalog: () => CATALOG,
      pricesFile: (path, file) => {
        asked.push([path, file]);
        return added;
      },
    };
    const loaded = load(scenario("  model: my-model\n  prices_file: maps/prices.json"), { priceSources: withMap });
    expect(price(loaded)).toEqual({ input: 1, cachedInput: 1, output: 4 });
    expect(asked).toEqual([["maps/prices.json", "s.yaml"]]);
  });

  it("lets --prices models win over the catalog on the same date, and the newest date win for a bare id", () => {
    const extra: CatalogModel[] = [
      {
        id: "gpt-4o",
        provider: "openai",
        prices: [{ effective: "2024-10-01", currency: "USD", input: 3, output: 12, official: false, source: "map" }],
      },
    ];
    expect(price(load(scenario("  model: gpt-4o"), { priceSources: { ...sources, extra } }))).toEqual({
      input: 3,
      cachedInput: 3,
      output: 12,
    });
  });

  it("reports a prices_file that cannot be read at inference.prices_file", () => {
    const failing: PriceSources = {
      catalog: () => CATALOG,
      pricesFile: () => {
        throw UserError.inFile("maps/prices.json", "no such file");
      },
    };
    const error = loadError(scenario("  model: gpt-4o\n  prices_file: maps/prices.json"), { priceSources: failing });
    // Line 9 is "  prices_file: maps/prices.json": the value starts in column 16.
    expect(formatProblem(error.problems[0]!)).toBe("s.yaml:9:16  inference.prices_file: maps/prices.json: no such file");
  });

  it("warns that a prices_file without a model does nothing", () => {
    const loaded = load(scenario("  prices_file: p.json\n  price: { input: 1, output: 2 }"));
    // Line 8 is "  prices_file: p.json": the warning points at the key, in column 3.
    expect(loaded.warnings).toEqual([expect.objectContaining({ path: "inference.prices_file", line: 8, col: 3 })]);
  });

  it("says so when no catalog was given to the loader", () => {
    const error = loadError(scenario("  model: gpt-4o"), {});
    expect(error.problems[0]).toMatchObject({ path: "inference.model" });
    expect(error.problems[0]!.message).toContain("no price catalog");
  });
});

describe("catalog reasoning prices and tiers (model-v2.md 2), and models in routes (4)", () => {
  const TIERED = parseCatalog(
    `models:
  - id: thinker
    provider: p
    prices:
      - effective: 2025-01-01
        currency: USD
        input: 1
        output: 4
        reasoning: 6
        tiers: [ { above: 200, input: 2, output: 8 } ]
        official: false
        source: s
  - id: plain
    provider: p
    prices:
      - { effective: 2025-01-01, currency: CNY, input: 7.2, output: 14.4, official: false, source: s }
`,
    "tiered.yaml",
  );
  const tiered: LoadOptions = { priceSources: { catalog: () => TIERED } };
  const routePrice = (loaded: Scenario, index = 0) => {
    const serving = loaded.input.inference.routes[index]!.serving;
    if (serving.kind !== "price") throw new Error("expected a priced route");
    return serving.price;
  };

  it("a model brings its reasoning price and tiers, each tier's cached price defaulting to its input", () => {
    const price = routePrice(load(scenario("  model: thinker"), tiered));
    expect(price.base).toEqual({ input: 1, cachedInput: 1, output: 4, reasoning: 6 });
    expect(price.tiers).toEqual([{ above: 200, prices: { input: 2, cachedInput: 2, output: 8, reasoning: 8 } }]);
  });

  it("the scenario's price fields win; its tiers replace the model's list", () => {
    const price = routePrice(
      load(scenario("  model: thinker\n  price: { reasoning: 5, tiers: [ { above: 1000, input: 3, output: 9 } ] }"), tiered),
    );
    expect(price.base.reasoning).toBe(5);
    expect(price.tiers).toEqual([{ above: 1000, prices: { input: 3, cachedInput: 3, output: 9, reasoning: 9 } }]);
  });

  it("each route's model is looked up and converted on its own", () => {
    const loaded = load(
      scenario(
        "  routes:\n    - { name: a, share: 0.5, model: thinker }\n    - { name: b, share: 0.5, model: plain, price: { output: 1 } }",
        "currency: USD\nfx: { CNY: 0.125 }",
      ),
      tiered,
    );
    expect(routePrice(loaded, 0).base).toEqual({ input: 1, cachedInput: 1, output: 4, reasoning: 6 });
    // plain is ¥7.2 / ¥14.4 at 0.125 USD per CNY: $0.9 input; the route's own output price, $1, wins (and reasoning follows it)
    expect(routePrice(loaded, 1).base).toEqual({ input: 0.9, cachedInput: 0.9, output: 1, reasoning: 1 });
  });

  it("an unknown model in a route is reported at that route's model key", () => {
    const error = userError(() => load(scenario("  routes:\n    - { name: a, share: 1, model: thinkr }"), tiered));
    expect(error.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^s\.yaml:9:\d+ {2}inference\.routes\.0\.model: unknown model "thinkr"; closest ids: thinker/),
    ]);
  });
});
