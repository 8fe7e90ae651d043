import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runBuilt, runInProcess } from "../helpers/cli.js";
import { sharedDataFound } from "../helpers/shared-data.js";

const GPT_4O = "tests/fixtures/catalog/gpt-4o.yaml";
const NOVA = "tests/fixtures/catalog/nova-prices-file.yaml";
const LITELLM_FIXTURE = "tests/fixtures/litellm-small.json";
/** The LiteLLM snapshot of 2026-07-24 kept beside the project. */
const SNAPSHOT = resolve(ROOT, "../shared/data/litellm/model_prices_and_context_window.json");

function json(stdout: string): { unit: { cost_per_session: number }; totals: Record<string, number | null> } {
  return JSON.parse(stdout) as { unit: { cost_per_session: number }; totals: Record<string, number | null> };
}

describe("run with inference.model from the bundled catalog", () => {
  it("prices the session at gpt-4o's $2.50 / $1.25 / $10.00", async () => {
    const run = await runInProcess(["run", GPT_4O, "--format", "json"]);
    expect(run.code).toBe(0);
    // (200 x 2.5 + 100 x 1.25 + 400 x 10) / 1e6 = 4625 / 1e6 (the fixture's comment).
    expect(json(run.stdout).unit.cost_per_session).toBeCloseTo(0.004625, 15);
  });

  it("warns on stderr, never on stdout, that the price is over 12 months old", async () => {
    // The tests' today is 2026-11-25; the catalog's gpt-4o price is from 2024-10-01.
    const run = await runInProcess(["run", GPT_4O, "--format", "json"]);
    expect(run.stderr).toMatch(/^warning: tests\/fixtures\/catalog\/gpt-4o\.yaml:16:10 {2}inference\.model: .*2024-10-01.*\n$/);
    expect(run.stdout).not.toContain("warning");
    expect(() => json(run.stdout)).not.toThrow();
  });

  it("prints no warning with --quiet, and the same figures", async () => {
    const [loud, quiet] = await Promise.all([
      runInProcess(["run", GPT_4O, "-f", "json"]),
      runInProcess(["run", GPT_4O, "-f", "json", "--quiet"]),
    ]);
    expect(quiet).toEqual({ code: 0, stdout: loud.stdout, stderr: "" });
  });

  it("rejects an unknown id with exit 2, at its line and column, with the closest ids", async () => {
    const run = await runInProcess(["run", "tests/fixtures/catalog/unknown-model.yaml"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    // Line 11 is "  model: gpt-4-o"; gpt-4o is one edit away, glm-4-air and gpt-4o-mini five.
    expect(run.stderr).toBe(
      'tests/fixtures/catalog/unknown-model.yaml:11:10  inference.model: unknown model "gpt-4-o"; closest ids: gpt-4o, glm-4-air, gpt-4o-mini (`llm-cac models` lists every id in the catalog)\n',
    );
  });
});

describe("run --prices and inference.prices_file (LiteLLM price maps)", () => {
  it("makes a price map's models available as inference.model ids", async () => {
    // amazon.nova-pro-v1:0 is only in the fixture: without the map it is unknown.
    const without = await runInProcess(["run", GPT_4O, "--set", "inference.model=amazon.nova-pro-v1:0"]);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('inference.model=amazon.nova-pro-v1:0: unknown model "amazon.nova-pro-v1:0"');
    const viaOption = await runInProcess([
      "run",
      GPT_4O,
      "--prices",
      LITELLM_FIXTURE,
      "--set",
      "inference.model=amazon.nova-pro-v1:0",
      "-f",
      "json",
    ]);
    expect(viaOption.code).toBe(0);
    // (300 x 0.8 + 400 x 3.2) / 1e6 = (240 + 1280) / 1e6: no cache price, cached tokens at input.
    expect(json(viaOption.stdout).unit.cost_per_session).toBeCloseTo(0.00152, 15);
  });

  it("reads inference.prices_file relative to the scenario's folder, not the working folder", async () => {
    const run = await runInProcess(["run", resolve(ROOT, NOVA), "-f", "json"], { cwd: "/" });
    expect(run.code).toBe(0);
    expect(json(run.stdout).unit.cost_per_session).toBeCloseTo(0.00152, 15);
    // The fixture map is dated 2026-07-24 by its last_updated stamp: under 12 months before 2026-11-25.
    expect(run.stderr).toBe("");
  });

  it("lets a map's newer gpt-4o price replace the catalog's, without the age warning", async () => {
    const run = await runInProcess(["run", GPT_4O, "--prices", LITELLM_FIXTURE, "-f", "json"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(json(run.stdout).unit.cost_per_session).toBeCloseTo(0.004625, 15);
  });

  it.skipIf(!sharedDataFound(SNAPSHOT))("prices gpt-4o from the 2026-07-24 snapshot at $2.50 / $1.25 / $10.00", async () => {
    const run = await runInProcess(["run", GPT_4O, "--prices", SNAPSHOT, "-f", "json"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    // ((300 - 100) x 2.5 + 100 x 1.25 + 400 x 10) / 1e6 = (500 + 125 + 4000) / 1e6 = 0.004625
    expect(json(run.stdout).unit.cost_per_session).toBeCloseTo(0.004625, 15);
    // A model the catalog does not have: gpt-4o-mini-2024-07-18 at 1.5e-7 / 7.5e-8 / 6e-7 per token,
    // (200 x 0.15 + 100 x 0.075 + 400 x 0.6) / 1e6 = (30 + 7.5 + 240) / 1e6 = 277.5 / 1e6.
    const mini = await runInProcess(["run", GPT_4O, "--prices", SNAPSHOT, "--set", "inference.model=gpt-4o-mini-2024-07-18", "-f", "json"]);
    expect(mini.code).toBe(0);
    expect(json(mini.stdout).unit.cost_per_session).toBeCloseTo(277.5e-6, 15);
  });

  it("exits 2 naming the file when --prices is missing or not JSON", async () => {
    const missing = await runInProcess(["run", GPT_4O, "--prices", "tests/fixtures/catalog/nope.json"]);
    expect(missing).toEqual({ code: 2, stdout: "", stderr: "tests/fixtures/catalog/nope.json: no such file\n" });
    const bad = await runInProcess(["run", GPT_4O, "--prices", "tests/fixtures/catalog/bad.json"]);
    expect(bad.code).toBe(2);
    // The stray comma ends line 3; JSON.parse fails at the "}" that starts line 4, column 3.
    expect(bad.stderr).toMatch(/^tests\/fixtures\/catalog\/bad\.json:4:3 {2}invalid JSON: /);
    const notMap = await runInProcess(["run", GPT_4O, "--prices", "package.json"]);
    expect(notMap.code).toBe(2);
    expect(notMap.stderr).toContain("package.json: no chat model with both input_cost_per_token and output_cost_per_token");
  });

  it("exits 2 at inference.prices_file when the scenario's map is missing", async () => {
    const run = await runInProcess(["run", "tests/fixtures/catalog/missing-prices-file.yaml"]);
    expect(run.code).toBe(2);
    // Line 7 is "  prices_file: no-such-map.json"; the value starts in column 16.
    expect(run.stderr).toBe(
      "tests/fixtures/catalog/missing-prices-file.yaml:7:16  inference.prices_file: tests/fixtures/catalog/no-such-map.json: no such file\n",
    );
  });
});

describe("the built CLI", () => {
  it("keeps the age warning off stdout, so JSON pipes stay clean", () => {
    const run = runBuilt(["run", GPT_4O, "--format", "json"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^warning: .*inference\.model: /);
    expect(json(run.stdout).unit.cost_per_session).toBeCloseTo(0.004625, 15);
  });
});
