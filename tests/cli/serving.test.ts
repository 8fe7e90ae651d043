import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";
import { runInProcess, type Loose } from "../helpers/cli.js";
import { parseCsv } from "../helpers/csv.js";
import { problemLines } from "../helpers/user-error.js";

const FIXTURE = "tests/fixtures/scenarios/v2-serving.yaml";

async function runJson(argv: string[]): Promise<Loose> {
  const run = await runInProcess([...argv, "--format", "json"]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

/*
 * The fixture by hand. Geometric length, mean 2: q = 0.5, S(k) = 0.5^(k-1), E[n] = 2.
 * 1000 input tokens a turn, full history, no output: in(k) = 1000 k.
 *   E[IN] = 1000 Σ k 0.5^(k-1) = 1000 / (1 - 0.5)^2 = 4000
 * listed: turn 1 (1000 tokens) at the base 1 per 1M, every later turn (2000, 3000, ... > 1500)
 *   at the tier's 3: (1 x 1000 x 1 + 3 x Σ_{k>=2} 0.5^(k-1) 1000 k) / 1e6, and
 *   Σ_{k>=2} 0.5^(k-1) k = 4 - 1 = 3, so (1000 + 9000) / 1e6 = 0.01
 * own-gpus: 7.2 a GPU-hour over 1000 input tokens a second = 7.2e6 / 3.6e6 = 2 per 1M input,
 *   7.2e6 / (3600 x 500) = 4 per 1M output: 4000 x 2 / 1e6 = 0.008
 * mix: 0.5 x 0.01 + 0.5 x 0.008 = 0.009 a session; 1 session a day, so serve(0) = 0.009;
 * H = L = 1: inference per user = R(0) serve(0) = 0.009.
 */
describe("model-v2 serving through the CLI, on a file worked by hand", () => {
  it("prices every turn of the distribution at its tier and each route at its own prices", async () => {
    const result = await runJson(["run", FIXTURE]);
    expect(result.schema_version).toBe(2);
    expect(result.unit.mean_turns_per_session).toBe(2);
    expect(result.unit.tokens_per_session.input).toBeCloseTo(4000, 9);
    expect(result.routes).toEqual([
      {
        name: "listed",
        share: 0.5,
        tokens_per_session: { input: expect.closeTo(4000, 9), cached_input: 0, output: 0, reasoning: 0 },
        cost_per_session: expect.closeTo(0.01, 12),
      },
      {
        name: "own-gpus",
        share: 0.5,
        tokens_per_session: { input: expect.closeTo(4000, 9), cached_input: 0, output: 0, reasoning: 0 },
        cost_per_session: expect.closeTo(0.008, 12),
      },
    ]);
    expect(result.unit.cost_per_session).toBeCloseTo(0.009, 12);
    // cost per turn = 0.009 / E[n] = 0.0045
    expect(result.unit.cost_per_turn).toBeCloseTo(0.0045, 12);
    expect(result.unit.inference_per_user).toBeCloseTo(0.009, 12);
    expect(result.unit.serving_price).toBeNull();
    expect(Object.keys(result)).toEqual(["schema_version", "scenario", "totals", "unit", "ladder", "milestones", "channels", "routes"]);
  });

  it("moves every session to the GPUs with --set on the route shares", async () => {
    const result = await runJson([
      "run",
      FIXTURE,
      "--set",
      "inference.routes.own-gpus.share=1",
      "--set",
      "inference.routes.listed.share=0",
    ]);
    // all sessions on the GPUs: 0.008; two routes listed (one at share 0), so no single serving price
    expect(result.unit.cost_per_session).toBeCloseTo(0.008, 12);
    expect(result.unit.serving_price).toBeNull();
  });

  it("a lone self-hosted block reports its derived prices as serving_price", async () => {
    const text = [
      "name: t",
      "retention: { d1: 0.5, d7: 0.2 }",
      "usage: { sessions_per_dau: 1, turns_per_session: 1 }",
      "tokens: { input: 1000, output: 100 }",
      // DeepSeek: $2 a GPU-hour, 73.7k and 14.8k tokens a second per 8 GPUs
      "inference: { self_hosted: { gpu_hour_price: 2, input_tokens_per_gpu_second: 9212.5, output_tokens_per_gpu_second: 1850, utilization: 0.5 } }",
    ].join("\n");
    const run = await runInProcess(["run", "-", "--format", "json"], { stdin: text });
    expect(run.code, run.stderr).toBe(0);
    const { unit, routes } = JSON.parse(run.stdout);
    // at half utilization twice DeepSeek's: 2 x 0.0603045 = 0.120609 and 2 x 0.3003003 = 0.6006006; cached = input
    expect(unit.serving_price.input).toBeCloseTo(0.120609, 6);
    expect(unit.serving_price.cached_input).toBe(unit.serving_price.input);
    expect(unit.serving_price.output).toBeCloseTo(0.6006006, 7);
    expect(unit.serving_price.reasoning).toBe(unit.serving_price.output);
    // (1000 x 0.120609 + 100 x 0.6006006) / 1e6
    expect(unit.cost_per_session).toBeCloseTo(180.6691e-6, 10);
    expect(routes).toBeUndefined();
  });

  it("--set reaches into routes, tiers and the distribution", async () => {
    // mean 1: one turn, 1000 tokens: listed at base 1 -> 0.001, own-gpus 0.002; mix 0.0015
    const short = await runJson(["run", FIXTURE, "--set", "usage.turns_distribution.geometric.mean=1"]);
    expect(short.unit.cost_per_session).toBeCloseTo(0.0015, 12);
    // the tier from 5000 tokens on: turns 1-5 at 1 and the rest at 3.
    // E = 1000 (Σ_{k<=5} k 0.5^(k-1) + 3 Σ_{k>=6} k 0.5^(k-1)) / 1e6; Σ_{k<=5} = 1 + 1 + 0.75 + 0.5 + 0.3125 = 3.5625,
    // Σ_{k>=6} = 4 - 3.5625 = 0.4375: (3562.5 + 1312.5) / 1e6 = 0.004875; mix 0.5 x 0.004875 + 0.004 = 0.0064375
    const tier = await runJson(["run", FIXTURE, "--set", "inference.routes.listed.price.tiers.0.above=5000"]);
    expect(tier.routes[0].cost_per_session).toBeCloseTo(0.004875, 12);
    expect(tier.unit.cost_per_session).toBeCloseTo(0.0064375, 12);
    // a histogram: half one turn, half three: E[IN] = 0.5 x 1000 + 0.5 x 6000 = 3500
    const shares = await runJson(["run", FIXTURE, "--set", "usage.turns_distribution={ shares: { 1: 0.5, 3: 0.5 } }"]);
    expect(shares.unit.tokens_per_session.input).toBeCloseTo(3500, 9);
    expect(shares.unit.mean_turns_per_session).toBeCloseTo(2, 12);
  });

  it("draws ranges over the new leaves, renormalising drawn route shares", async () => {
    const run = await runInProcess([
      "run",
      FIXTURE,
      "--samples",
      "40",
      "--seed",
      "7",
      "--format",
      "json",
      "--set",
      "inference.routes.listed.share={ low: 0.2, high: 0.8 }",
      "--set",
      "inference.routes.own-gpus.self_hosted.utilization={ low: 0.5, high: 1 }",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout).samples;
    expect(summary.ranges).toEqual(["inference.routes.listed.share", "inference.routes.own-gpus.self_hosted.utilization"]);
    // every draw is a valid scenario: the shares, drawn apart, are divided by their sum
    expect(summary.rejected).toBe(0);
    // own-gpus at utilization u costs 0.008 / u, between 0.008 and 0.016; listed 0.01; so every mix lies in [0.008, 0.016]
    for (const p of ["p10", "p50", "p90"]) {
      expect(summary[p].unit.cost_per_session).toBeGreaterThanOrEqual(0.008 - 1e-12);
      expect(summary[p].unit.cost_per_session).toBeLessThanOrEqual(0.016 + 1e-12);
    }
  });
});

describe("model-v2 serving in the reports", () => {
  it("table and Markdown list the routes; CSV has a column per route figure", async () => {
    const table = await runInProcess(["run", FIXTURE], { columns: 120 });
    expect(table.stdout).toMatch(/│ Routes +│ share │ +input │ cached │ output │ reasoning │ cost per session │/);
    // listed: 50 %, 4,000 input tokens, $0.0100 a session; own-gpus $0.00800
    expect(table.stdout).toMatch(/│ listed +│ +50% │ +4,000 │ +0 │ +0 │ +0 │ +\$0\.0100 │/);
    expect(table.stdout).toMatch(/│ own-gpus +│ +50% │ +4,000 │ +0 │ +0 │ +0 │ +\$0\.00800 │/);
    expect(table.stdout).toContain("Turns per session (mean)");
    const md = await runInProcess(["run", FIXTURE, "--format", "md"]);
    expect(md.stdout).toContain("### Routes\n\n| route | share | input | cached | output | reasoning | cost per session |");
    expect(md.stdout).toContain("| listed | 50% | 4,000 | 0 | 0 | 0 | $0.0100 |");
    const csv = await runInProcess(["run", FIXTURE, "--format", "csv"]);
    const [header, row] = parseCsv(csv.stdout);
    const cells = Object.fromEntries(header!.map((name, i) => [name, row![i]]));
    expect(cells["routes.1.name"]).toBe("own-gpus");
    expect(Number(cells["routes.1.cost_per_session"])).toBeCloseTo(0.008, 12);
    expect(Number(cells["unit.mean_turns_per_session"])).toBe(2);
  });

  it("a single route's serving price is a table of its own", async () => {
    const run = await runInProcess(["run", "data/scenarios/default.yaml"], { columns: 120 });
    // default.yaml: ¥0.8 input (cached at the input price), ¥2 output, reasoning at the output price
    expect(run.stdout).toMatch(/│ day 0 +│ ¥0\.800 │ ¥0\.800 │ +¥2\.00 │ +¥2\.00 │/);
  });
});

describe("model-v2 serving errors: file, line, column, field and a hint", () => {
  const load = (text: string) => problemLines(() => loadScenario({ file: "s.yaml", text }));
  const base = (usage: string, inference: string) =>
    ["name: t", "retention: { d1: 0.5, d7: 0.2 }", usage, "tokens: { input: 10, output: 20 }", inference, ""].join("\n");
  /** The 1-based column where `marker` starts in `line`: where the loader points. */
  const col = (line: string, marker: string) => line.indexOf(marker) + 1;
  const PRICE = "inference: { price: { input: 1, output: 2 } }";

  it("two length forms, shares off 1, a mean below 1", () => {
    const both = "usage: { sessions_per_dau: 1, turns_per_session: 2, turns_distribution: { geometric: { mean: 2 } } }";
    expect(load(base(both, PRICE))).toEqual([
      `s.yaml:3:${col(both, "{ geometric")}  usage.turns_distribution: give turns_per_session or turns_distribution, not both (turns_per_session is a fixed length; turns_distribution a geometric mean or a shares histogram)`,
    ]);
    const off = "usage: { sessions_per_dau: 1, turns_distribution: { shares: { 1: 0.5, 2: 0.3 } } }";
    expect(load(base(off, PRICE))).toEqual([
      `s.yaml:3:${col(off, "{ 1:")}  usage.turns_distribution.shares: turn shares must sum to 1, found 0.8 (each share is P(n = k), the share of conversations with k turns)`,
    ]);
    const low = "usage: { sessions_per_dau: 1, turns_distribution: { geometric: { mean: 0.5 } } }";
    expect(load(base(low, PRICE))).toEqual([
      `s.yaml:3:${col(low, "0.5")}  usage.turns_distribution.geometric.mean: expected a number >= 1, found 0.5`,
    ]);
  });

  it("tiers out of order, a route with no price, a zero throughput, shares off 1", () => {
    const usage = "usage: { sessions_per_dau: 1, turns_per_session: 2 }";
    const tiers =
      "inference: { price: { input: 1, output: 2, tiers: [ { above: 9, input: 2, output: 3 }, { above: 8, input: 2, output: 3 } ] } }";
    expect(load(base(usage, tiers))).toEqual([
      `s.yaml:5:${col(tiers, "8,")}  inference.price.tiers.1.above: tiers go by prompt length, each above the one before: 8 is not above 9`,
    ]);
    const routes = [
      "inference:",
      "  routes:",
      "    - { name: a, share: 0.5, price: { input: 1, output: 2 } }",
      "    - { name: b, share: 0.4 }",
    ].join("\n");
    // the list starts on line 7, column 5; route b's mapping on line 8, column 7
    expect(load(base(usage, routes))).toEqual([
      "s.yaml:7:5  inference.routes: route shares must sum to 1, found 0.9 (a route's share is the share of conversations it serves)",
      "s.yaml:8:7  inference.routes.1.price: required: price.input (money per 1M tokens), or name a catalog model with model, or give self_hosted",
      "s.yaml:8:7  inference.routes.1.price: required: price.output (money per 1M tokens), or name a catalog model with model, or give self_hosted",
    ]);
    const zero = "inference: { self_hosted: { gpu_hour_price: 2, input_tokens_per_gpu_second: 0, output_tokens_per_gpu_second: 1 } }";
    expect(load(base(usage, zero))).toEqual([
      `s.yaml:5:${col(zero, "0,")}  inference.self_hosted.input_tokens_per_gpu_second: expected a number > 0, found 0`,
    ]);
  });
});
