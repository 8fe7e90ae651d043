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
    expect(PRESETS).toEqual(["deepseek-2025.yaml", "default.yaml", "doubao-2024.yaml", "frontier-lab.yaml", "kb-chat.yaml", "kimi-2024.yaml"]);
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
    // (2,664,000 + 119,000 + 5,000) x 2 = 2,788,000 x 2 = 5,576,000; useful life = horizon = 365 days, all of it attributed.
    expect(result.scenario.currency).toBe("USD");
    expect(result.totals.training).toBe(5_576_000);
    // Organic only: nothing spent on acquisition.
    expect(result.totals.acquisition).toBe(0);
  });

  it("deepseek-2025: serves at deepseek-chat's Feb-Sep 2025 price from the catalog", async () => {
    const { result } = await runPreset("deepseek-2025.yaml");
    // 3 turns, full history, system 800, input 300, output 450, cache 0.563 of the prefix:
    //   prefix(k) = 800 + (k-1) x 750 -> 800, 1,550, 2,300 (sum 4,650)
    //   IN = 4,650 + 3 x 300 = 5,550; CACHED = 0.563 x 4,650 = 2,617.95; OUT = 3 x 450 = 1,350
    //   cost = ((5,550 - 2,617.95) x 0.27 + 2,617.95 x 0.07 + 1,350 x 1.10) / 1e6
    //        = (791.6535 + 183.2565 + 1,485) / 1e6 = 2,459.91 / 1e6
    expect(result.unit.tokens_per_session.input).toBe(5550);
    expect(result.unit.cost_per_session).toBeCloseTo(2459.91e-6, 12);
  });

  it("kimi-2024: paid installs a day = daily budget / blended CPA", async () => {
    const { result } = await runPreset("kimi-2024.yaml");
    // Channels: bilibili CPA ¥30 at 25 % of spend; feed CPM ¥12.5, CTR 0.025, CVR 0.05:
    //   feed CPA = 12.5 / 1000 / (0.025 x 0.05) = 0.0125 / 0.00125 = ¥10
    //   blended CPA = 1 / (0.25 / 30 + 0.75 / 10) = 1 / (1/120 + 9/120) = 120 / 10 = ¥12
    // Budget ¥200,000 a day for the whole horizon (no duration_days: 365 days), CPA flat:
    //   200,000 / 12 = 16,666.67 paid installs a day.
    expect(result.channels.map((channel) => channel.cpa)).toEqual([30, expect.closeTo(10, 12)]);
    expect(result.scenario.horizon_days).toBe(365);
    expect(result.totals.paid_installs! / 365).toBeCloseTo(200_000 / 12, 6);
    expect(result.totals.acquisition).toBeCloseTo(200_000 * 365, 4);
    // organic_ratio 0 and no organic installs: every install is paid.
    expect(result.totals.organic_installs).toBe(0);
  });

  it("kimi-2024: a session at moonshot-v1-128k's ¥60 in and out", async () => {
    const { result } = await runPreset("kimi-2024.yaml");
    // 4 turns, full history without context: per_turn = 150 + 450 = 600;
    //   in(k) = 1,500 + (k-1) x 600 + 30,000 + 150 -> 31,650, 32,250, 32,850, 33,450 (sum 130,200)
    //   OUT = 4 x 450 = 1,800; cost = (130,200 + 1,800) x 60 / 1e6 = 132,000 x 60 / 1e6 = ¥7.92
    expect(result.unit.tokens_per_session.input).toBe(130_200);
    expect(result.unit.cost_per_session).toBeCloseTo(7.92, 12);
  });
});
