import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ModelListRow, ModelPriceRow } from "../../src/catalog/models-view.js";
import { ROOT, runBuilt, runInProcess } from "../helpers/cli.js";

// The JSON rows have the shape the renderers are given.
type ListRow = ModelListRow;

interface History {
  id: string;
  provider: string;
  note: string | null;
  prices: ModelPriceRow[];
}

/** Counted from data/models.yaml itself, so the test checks the command, not a copy of the number. */
const CATALOG_TEXT = readFileSync(`${ROOT}data/models.yaml`, "utf8");
const MODEL_COUNT = CATALOG_TEXT.match(/^ {2}- id: /gm)!.length;

async function list(argv: string[] = []): Promise<ListRow[]> {
  const run = await runInProcess(["models", "--format", "json", ...argv]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as ListRow[];
}

describe("llm-cac models", () => {
  it("lists every catalog model once, with its newest price", async () => {
    const rows = await list();
    expect(MODEL_COUNT).toBeGreaterThanOrEqual(25);
    expect(rows).toHaveLength(MODEL_COUNT);
    expect(new Set(rows.map((row) => row.id)).size).toBe(MODEL_COUNT);
    // deepseek-chat's newest price is the V3.1 one of 2025-09-05.
    expect(rows.find((row) => row.id === "deepseek-chat")).toEqual({
      id: "deepseek-chat",
      provider: "deepseek",
      effective: "2025-09-05",
      input: 0.56,
      cached_input: 0.07,
      output: 1.68,
      // no reasoning price of its own (reasoning bills as output), no prompt-length tiers
      reasoning: null,
      tiers: [],
      currency: "USD",
      official: true,
      source: "DeepSeek API docs, pricing page (V3.1)",
      // 2025-09-05 is more than 12 months before the tests' today, 2026-11-25.
      stale: true,
    });
    // No cache price published: null, not a number.
    expect(rows.find((row) => row.id === "moonshot-v1-128k")?.cached_input).toBeNull();
    expect(rows.every((row) => row.input >= 0 && row.output >= 0 && row.source !== "")).toBe(true);
  });

  it("filters by provider, case aside", async () => {
    const rows = await list(["--provider", "OpenAI"]);
    expect(rows.map((row) => row.id)).toEqual(["gpt-4o", "gpt-4o-mini", "o1"]);
    expect(rows.every((row) => row.provider === "openai")).toBe(true);
  });

  it("writes CSV with a header and one row per model", async () => {
    const run = await runInProcess(["models", "--provider", "deepseek", "--format", "csv"]);
    const lines = run.stdout.trimEnd().split("\r\n");
    // No DeepSeek price has prompt-length tiers, so no tier columns; an empty reasoning is "bills as output"
    expect(lines[0]).toBe("id,provider,effective,input,cached_input,output,reasoning,currency,official,source,stale");
    expect(lines.slice(1, 3)).toEqual([
      'deepseek-chat,deepseek,2025-09-05,0.56,0.07,1.68,,USD,TRUE,"DeepSeek API docs, pricing page (V3.1)",TRUE',
      'deepseek-reasoner,deepseek,2025-09-05,0.56,0.07,1.68,,USD,TRUE,"DeepSeek API docs, pricing page (V3.1)",TRUE',
    ]);
    // DeepSeek's serving cost, 2 / (3600 x 73,700 / 8) x 1e6 = 0.0603 and 2 / (3600 x 14,800 / 8) x 1e6 = 0.3003
    expect(lines[3]).toMatch(/^deepseek-v3-at-cost,deepseek,2025-02-27,0\.0603,,0\.3003,,USD,FALSE,"derived from DeepSeek, Day 6: /);
    expect(lines).toHaveLength(4);
  });

  it("writes a price's prompt-length tiers as tiers.N.* columns, empty where a price has fewer", async () => {
    // data/models.yaml: MiniMax-M1 (2025-06-16, CNY) bills 0.8 / 8, above 32,000 tokens 1.2 / 16, above 128,000 2.4 / 24;
    // its three one-band ids have no tiers, so their tier cells are empty.
    const tiers = [0, 1].flatMap((index) =>
      ["above", "input", "cached_input", "output", "reasoning"].map((field) => `tiers.${index}.${field}`),
    );
    const header = [
      "id",
      "provider",
      "effective",
      "input",
      "cached_input",
      "output",
      "reasoning",
      ...tiers,
      "currency",
      "official",
      "source",
      "stale",
    ];
    const history = (await runInProcess(["models", "MiniMax-M1", "--format", "csv"])).stdout.split("\r\n");
    expect(history[0]).toBe(header.join(","));
    expect(history[1]).toBe(
      'MiniMax-M1,minimax,2025-06-16,0.8,,8,,32000,1.2,,16,,128000,2.4,,24,,CNY,FALSE,"press or third-party configs, June 2025",TRUE',
    );
    const run = await runInProcess(["models", "--provider", "minimax", "--format", "csv"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\r\n");
    expect(lines[0]).toBe(header.join(","));
    const oneBand = lines.find((line) => line.startsWith("MiniMax-M1-32k,"))!.split(",");
    expect(oneBand.slice(header.indexOf("tiers.0.above"), header.indexOf("currency"))).toEqual(Array(10).fill(""));
    expect(lines.every((line) => line.split(",").length >= header.length)).toBe(true);
  });

  it("prints a table with a line per model and the count in its title", async () => {
    const run = await runInProcess(["models"], { columns: 200 });
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe(`${MODEL_COUNT} models, newest price of each, per 1M tokens`);
    expect(run.stdout).toMatch(/│ gpt-4o +│ openai +│ +2\.50 │ +1\.25 │ +10\.00 │ USD +│ 2024-10-01\* │ yes +│ OpenAI API pricing page +│/);
    expect(run.stderr).toBe("");
  });

  it("shows one model's price history, oldest first", async () => {
    const run = await runInProcess(["models", "qwen-turbo", "--format", "json"]);
    const history = JSON.parse(run.stdout) as History;
    expect(history.id).toBe("qwen-turbo");
    // Before and after the price war's Sept 2024 cut: ¥2 / ¥6 to ¥0.3 / ¥0.6.
    expect(history.prices.map(({ effective, input, output, currency }) => ({ effective, input, output, currency }))).toEqual([
      { effective: "2024-05-21", input: 2, output: 6, currency: "CNY" },
      { effective: "2024-09-19", input: 0.3, output: 0.6, currency: "CNY" },
    ]);
    const table = await runInProcess(["models", "qwen-turbo"]);
    expect(table.stdout.split("\n")[0]).toBe("qwen-turbo  (alibaba)");
    expect(table.stdout).toContain("`inference.model: qwen-turbo` takes the newest price (2024-09-19)");
  });

  it("exits 2 on an unknown id, with the closest ids", async () => {
    const run = await runInProcess(["models", "qwen-trubo"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n")[0]).toMatch(/^llm-cac: unknown model "qwen-trubo"; closest ids: qwen-turbo, /);
  });

  it("exits 2 on an unknown provider, listing the providers", async () => {
    const run = await runInProcess(["models", "--provider", "opnai"]);
    expect(run.code).toBe(2);
    const providers = [...new Set([...CATALOG_TEXT.matchAll(/^ {4}provider: (\S+)$/gm)].map((match) => match[1]))].sort();
    expect(providers).toHaveLength(10);
    expect(run.stderr).toBe(`llm-cac: unknown provider "opnai" (did you mean "openai"?); providers: ${providers.join(", ")}\n`);
  });

  it("exits 2 when the id's provider is not --provider", async () => {
    const run = await runInProcess(["models", "gpt-4o", "--provider", "deepseek"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("gpt-4o is from provider openai, not deepseek");
  });

  it("adds a LiteLLM map's chat models with --prices", async () => {
    // The fixture has 6 priced chat models; gpt-4o is in the catalog already, so 5 are new.
    const rows = await list(["--prices", "tests/fixtures/litellm-small.json"]);
    expect(rows).toHaveLength(MODEL_COUNT + 5);
    const run = await runInProcess(["models", "gpt-4o", "--prices", "tests/fixtures/litellm-small.json", "-f", "json"]);
    const history = JSON.parse(run.stdout) as History;
    // The catalog's 2024-10-01 price, then the map's, dated by its last_updated stamp.
    expect(history.prices.map((price) => [price.effective, price.input, price.cached_input, price.output, price.official])).toEqual([
      ["2024-10-01", 2.5, 1.25, 10, true],
      ["2026-07-24", 2.5, 1.25, 10, false],
    ]);
    expect(history.prices[1]?.stale).toBe(false);
  });

  it("exits 2 naming a --prices file that is not there", async () => {
    const run = await runInProcess(["models", "--prices", "no-such-map.json"]);
    expect(run).toEqual({ code: 2, stdout: "", stderr: "no-such-map.json: no such file\n" });
  });

  it("runs as the built binary", () => {
    const run = runBuilt(["models", "--format", "json"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect((JSON.parse(run.stdout) as ListRow[]).length).toBe(MODEL_COUNT);
  });

  it("shows a model's prompt-length tiers under its price history", async () => {
    const run = await runInProcess(["models", "MiniMax-M1"], { columns: 200 });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("2025-06-16: a turn whose prompt is above 32,000 tokens bills input 1.20, output 16.00 CNY per 1M.");
    expect(run.stdout).toContain("2025-06-16: a turn whose prompt is above 128,000 tokens bills input 2.40, output 24.00 CNY per 1M.");
    const json = await runInProcess(["models", "MiniMax-M1", "--format", "json"]);
    expect(JSON.parse(json.stdout).prices[0].tiers).toEqual([
      { above: 32_000, input: 1.2, cached_input: null, output: 16, reasoning: null },
      { above: 128_000, input: 2.4, cached_input: null, output: 24, reasoning: null },
    ]);
  });
});
