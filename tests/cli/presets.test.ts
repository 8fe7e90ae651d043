import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { JsonResult } from "../../src/result/json-result.js";
import { ROOT, runInProcess } from "../helpers/cli.js";

const PRESETS = readdirSync(`${ROOT}data/scenarios`)
  .filter((name) => name.endsWith(".yaml"))
  .sort();

async function runPreset(name: string): Promise<{ result: JsonResult; stderr: string }> {
  const run = await runInProcess(["run", `data/scenarios/${name}`, "--format", "json"]);
  expect(run.code, run.stderr).toBe(0);
  return { result: JSON.parse(run.stdout) as JsonResult, stderr: run.stderr };
}

/** Figures every scenario has: a null or a non-finite number here is a bug, whatever the inputs. */
const REQUIRED = [
  "totals.acquisition",
  "totals.inference",
  "totals.training",
  "totals.total",
  "totals.installs",
  "totals.paid_installs",
  "totals.organic_installs",
  "totals.peak_dau",
  "totals.avg_dau",
  "unit.cac_blended",
  "unit.inference_per_user",
  "unit.training_per_user",
  "unit.cost_per_turn",
  "unit.cost_per_session",
  "unit.serve_per_dau_day",
  "unit.tokens_per_session.input",
  "unit.tokens_per_session.cached_input",
  "unit.tokens_per_session.output",
  "ladder.inference",
  "ladder.training",
  "ladder.acquisition",
] as const;

function at(result: JsonResult, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], result);
}

describe("the presets in data/scenarios", () => {
  it("are the six the docs describe", () => {
    expect(PRESETS).toEqual([
      "deepseek-2025.yaml",
      "default.yaml",
      "doubao-2024.yaml",
      "frontier-lab.yaml",
      "kb-chat.yaml",
      "kimi-2024.yaml",
    ]);
  });

  it.each(PRESETS)("%s loads, runs and gives finite figures, with no warning", async (name) => {
    const { result, stderr } = await runPreset(name);
    // Presets pin their catalog prices to a date (id@date), so no age warning, ever.
    expect(stderr).toBe("");
    for (const path of REQUIRED) {
      const value = at(result, path);
      expect(typeof value === "number" && Number.isFinite(value) && value >= 0, `${name}: ${path} = ${String(value)}`).toBe(true);
    }
    // total = acquisition + inference + training (cli.md), to rounding.
    const { acquisition, inference, training, total } = result.totals;
    // The sum of three doubles, so equal to rounding: within a part in 1e12 of the total.
    const parts = acquisition! + inference! + training!;
    expect(Math.abs(total! - parts)).toBeLessThanOrEqual(1e-12 * Math.abs(parts));
    // A preset with a revenue block has revenue; one without has null, never NaN.
    const text = readFileSync(`${ROOT}data/scenarios/${name}`, "utf8");
    if (/^revenue:/m.test(text)) expect(Number.isFinite(result.totals.revenue)).toBe(true);
    else expect(result.totals.revenue).toBeNull();
    // Each preset says where its figures come from.
    expect(text).toMatch(/^sources:/m);
  });

  it("all pass `check`", async () => {
    const run = await runInProcess(["check", "data/scenarios"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n").filter((line) => line.startsWith("PASS"))).toHaveLength(PRESETS.length);
  });

  it("each states what it shows as expectations, and the ladder's verdict is one of them", async () => {
    // docs/presets.md: default and doubao hold; deepseek, frontier-lab, kb-chat and kimi do not.
    const holds: Record<string, boolean> = {
      "default.yaml": true,
      "doubao-2024.yaml": true,
      "deepseek-2025.yaml": false,
      "frontier-lab.yaml": false,
      "kb-chat.yaml": false,
      "kimi-2024.yaml": false,
    };
    for (const name of PRESETS) {
      const text = readFileSync(`${ROOT}data/scenarios/${name}`, "utf8");
      expect(text, name).toMatch(new RegExp(`^expect:\\n  ladder: ${holds[name]}$`, "m"));
    }
    const run = await runInProcess(["check", "data/scenarios", "--format", "json"]);
    const files = JSON.parse(run.stdout) as Array<{ passed: boolean; result: JsonResult }>;
    for (const file of files) expect(file.result.ladder.holds).toBe(holds[file.result.scenario.file.split("/").pop()!]);
  });

  it("deepseek-2025: training is the V3 paper's 2,788,000 H800 GPU-hours at $2 = $5,576,000", async () => {
    const { result } = await runPreset("deepseek-2025.yaml");
    // (2,664,000 + 119,000 + 5,000) x 2 = 2,788,000 x 2 = 5,576,000, used up over a useful
    // life of 365 days; the 54-day horizon is charged 54/365 of it: 5,576,000 x 54 / 365 = 824,942.47.
    expect(result.scenario.currency).toBe("USD");
    expect(result.totals.training).toBeCloseTo((5_576_000 * 54) / 365, 6);
    // Organic only: nothing spent on acquisition.
    expect(result.totals.acquisition).toBe(0);
  });

  it("deepseek-2025: serves at GPU cost, 30 % of sessions with R1 reasoning; the list prices ride along at share 0", async () => {
    const { result } = await runPreset("deepseek-2025.yaml");
    // 3 turns, full history, system 800, input 300, output 450, cache 0.563 of the prefix:
    //   prefix(k) = 800 + (k-1) x 750 -> 800, 1,550, 2,300 (sum 4,650)
    //   IN = 4,650 + 3 x 300 = 5,550; CACHED = 0.563 x 4,650 = 2,617.95; OUT = 3 x 450 = 1,350
    // At cost ($2 a GPU-hour; 9,212.5 input and 1,850 output tokens a GPU-second; cached = input):
    //   chat:  2 / 3600 x (5,550 / 9,212.5 + 1,350 / 1,850) = 5.5556e-4 x 1.3321721 = 7.40096e-4
    //   think: OUT = 3 x (450 + 1,000) = 4,350: 5.5556e-4 x (0.6024423 + 2.3513514) = 1.640997e-3
    //   mix: 0.7 x 7.40096e-4 + 0.3 x 1.640997e-3 = 5.18067e-4 + 4.92299e-4 = 1.010366e-3
    const gpu = (input: number, output: number) => (2 / 3600) * (input / 9212.5 + output / 1850);
    const [chat, think, chatList, thinkList] = result.routes!;
    expect(result.unit.tokens_per_session.input).toBe(5550);
    expect(chat!.cost_per_session).toBeCloseTo(gpu(5550, 1350), 15);
    expect(think!.cost_per_session).toBeCloseTo(gpu(5550, 4350), 15);
    expect(result.unit.cost_per_session).toBeCloseTo(1.010366e-3, 9);
    // the list prices (deepseek-chat and -reasoner, Feb-Sep 2025):
    //   chat:  ((5,550 - 2,617.95) x 0.27 + 2,617.95 x 0.07 + 1,350 x 1.10) / 1e6 = 2,459.91 / 1e6
    //   think: ((5,550 - 2,617.95) x 0.55 + 2,617.95 x 0.14 + 4,350 x 2.19) / 1e6
    //        = (1,612.6275 + 366.513 + 9,526.5) / 1e6 = 11,505.6405 / 1e6
    expect(chatList).toMatchObject({ share: 0, cost_per_session: expect.closeTo(2459.91e-6, 12) });
    expect(thinkList).toMatchObject({ share: 0, cost_per_session: expect.closeTo(11505.6405e-6, 12) });
  });

  it("kimi-2024: saturating channels at March's spend, and the schedule's spend", async () => {
    const { result } = await runPreset("kimi-2024.yaml");
    // Day 0 spends ¥484,000 (48.4万): bilibili 0.25 x 484,000 = 121,000 a day, feed 363,000.
    //   bilibili: 17.94 x (1 + 121,000 / 10,000) ** 0.2 = 17.94 x 13.1 ** 0.2 = 17.94 x 1.67276 = ¥30.009
    //   feed CPM: 1.39 x (1 + 36.3) ** 0.354 = 1.39 x 3.59693 = 4.99973; CPA = 4.99973 / 1000 / (0.013 x 0.05) = ¥7.6919
    //   marginal CPA (x = s / S): cpa (1 + x) / (1 + (1 - e) x); bilibili 30.009 x 13.1 / (1 + 0.8 x 12.1) = 30.009 x 1.22983 = ¥36.906
    const [bilibili, feed] = result.channels;
    expect(bilibili!.cpa).toBeCloseTo(17.94 * 13.1 ** 0.2, 9);
    expect(bilibili!.marginal_cpa).toBeCloseTo((17.94 * 13.1 ** 0.2 * 13.1) / (1 + 0.8 * 12.1), 9);
    expect(feed!.cpa).toBeCloseTo((1.39 * 37.3 ** 0.354) / 1000 / (0.013 * 0.05), 9);
    // Spend: 31 x 484,000 + 30 x 667,000 + 31 x 806,000 + 30 x 1,000,000 + 62 x 1,613,000
    //   + 30 x 1,000,000 + 31 x 7,097,000 + 30 x 6,667,000 + 31 x 4,839,000 + 31 x 3,226,000 + 32 x 2,143,000
    //   = 958,614,000
    expect(result.scenario.horizon_days).toBe(369);
    expect(result.totals.acquisition).toBeCloseTo(958_614_000, 3);
    // 41,400 organic installs a day, organic_ratio 0: 41,400 x 369 = 15,276,600
    expect(result.totals.organic_installs).toBeCloseTo(15_276_600, 6);
  });

  it("kimi-2024: a session at GPU cost, and at moonshot-v1-128k's ¥60 on the share-0 route", async () => {
    const { result } = await runPreset("kimi-2024.yaml");
    // 4 turns, full history without context: per_turn = 150 + 450 = 600;
    //   in(k) = 1,500 + (k-1) x 600 + 30,000 + 150 -> 31,650, 32,250, 32,850, 33,450 (sum 130,200)
    //   OUT = 4 x 450 = 1,800
    // at cost, $2 x 7.2 = ¥14.4 a GPU-hour: 14.4 / 3600 x (130,200 / 9,212.5 + 1,800 / 1,850)
    //   = 0.004 x (14.132972 + 0.972973) = 0.004 x 15.105945 = ¥0.0604238
    // at list price: (130,200 + 1,800) x 60 / 1e6 = 132,000 x 60 / 1e6 = ¥7.92
    expect(result.unit.tokens_per_session.input).toBe(130_200);
    expect(result.unit.cost_per_session).toBeCloseTo(0.0604238, 7);
    expect(result.routes!.map((route) => route.name)).toEqual(["at-cost", "list-price"]);
    expect(result.routes![1]!.cost_per_session).toBeCloseTo(7.92, 12);
    // serving_price is reported for a single route only; two are listed here (one at share 0)
    expect(result.unit.serving_price).toBeNull();
  });

  it("kb-chat: WildChat-like lengths cost 2.3x a session of the mean length", async () => {
    const { result } = await runPreset("kb-chat.yaml");
    // A session of n turns: IN = 9,600 n + 8,600 n (n-1) / 2, OUT = 500 n, at ¥0.5 / ¥2 per 1M:
    //   n = 1: 0.0048 + 0.001 = 0.0058        n = 2: 0.0139 + 0.002 = 0.0159
    //   n = 3: 0.0273 + 0.003 = 0.0303        n = 5: 0.067 + 0.005 = 0.072
    //   n = 8: 0.1588 + 0.008 = 0.1668        n = 20: 0.913 + 0.02 = 0.933
    // E = 0.59 x 0.0058 + 0.2 x 0.0159 + 0.08 x 0.0303 + 0.059 x 0.072 + 0.034 x 0.1668 + 0.037 x 0.933
    //   = 0.003422 + 0.00318 + 0.002424 + 0.004248 + 0.0056712 + 0.034521 = 0.0534662
    expect(result.unit.cost_per_session).toBeCloseTo(0.0534662, 10);
    // E[n] = 2.537; a 2.537-turn session would cost 0.5 x (2.537 x 9,600 + 8,600 x 2.537 x 1.537 / 2) / 1e6 + 2.537 x 0.001
    expect(result.unit.mean_turns_per_session).toBeCloseTo(2.537, 12);
    const atMean = (0.5 * (2.537 * 9600 + (8600 * 2.537 * 1.537) / 2)) / 1e6 + 2.537 * 0.001;
    expect(result.unit.cost_per_session / atMean).toBeCloseTo(2.31, 2);
  });
});
