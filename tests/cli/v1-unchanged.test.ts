import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { type Loose, ROOT, runInProcess } from "../helpers/cli.js";
import { near, numbersIn } from "../helpers/model-input.js";

/*
 * model-v2.md: a v1 scenario gives the same figures as before, except the fields marked
 * CHANGED (section 9: the average acquired user). tests/fixtures/v1 holds the presets and
 * test fixtures as they were before v2, and results.json what the v1 program (commit
 * 381e93c) printed for each, without schema_version and the scenario header.
 */
const V1: Record<string, Record<string, unknown>> = JSON.parse(readFileSync(`${ROOT}tests/fixtures/v1/results.json`, "utf8"));

/** The figures section 9 changes: the inference rung and what is computed from it. */
const CHANGED = new Set([
  "unit.inference_per_user",
  "unit.ltv",
  "unit.ltv_to_cac",
  "unit.payback_day",
  "ladder.inference",
  "ladder.order",
  "ladder.holds",
]);

/** The run's JSON; a catalog price's age warning on stderr (gpt-4o's fixture) does not matter here. */
async function run(file: string): Promise<Loose> {
  const { code, stdout, stderr } = await runInProcess(["run", file, "--format", "json"]);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout);
}

const annualPriceChange = (file: string): number => {
  const scenario = parse(readFileSync(`${ROOT}${file}`, "utf8")) as {
    inference: { annual_price_change?: number | { low: number; high: number } };
  };
  const change = scenario.inference.annual_price_change ?? 0;
  return typeof change === "number" ? change : (change.low + change.high) / 2;
};

describe.each(Object.keys(V1))("%s as v1 computed it", (file) => {
  const before = V1[file]!;

  it("every figure v1 had is unchanged, except the CHANGED ones", async () => {
    const after = await run(file);
    const changed = (path: string) => [...CHANGED].some((prefix) => path === prefix || path.startsWith(`${prefix}.`));
    const differ = numbersIn(before)
      .filter(([path]) => !changed(path))
      .filter(([path, value]) => {
        const now = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], after);
        return !(typeof now === "number" && near(now, value, 1e-9));
      })
      .map(([path]) => path);
    expect(differ).toEqual([]);
    // Figures that may be null (ratios, days) are null exactly where they were.
    for (const key of ["cac_paid", "cac_blended", "training_per_user"]) {
      expect(after.unit[key] === null, key).toBe((before.unit as Record<string, unknown>)[key] === null);
    }
  });

  it("inference_per_user_day0 keeps v1's inference_per_user; the cohort-weighted figure equals it without price drift, and is below it with falling prices", async () => {
    const after = await run(file);
    const v1Inference = (before.unit as { inference_per_user: number }).inference_per_user;
    expect(after.unit.inference_per_user_day0).toBeNear(v1Inference, 1e-9);
    expect(after.ladder.inference).toBe(after.unit.inference_per_user);
    const change = annualPriceChange(file);
    if (change === 0) {
      expect(after.unit.inference_per_user).toBeNear(v1Inference, 1e-9);
      expect(after.ladder.order).toEqual((before.ladder as { order: string[] }).order);
      expect(after.ladder.holds).toBe((before.ladder as { holds: boolean }).holds);
      const ltv = (before.unit as { ltv: number | null }).ltv;
      expect(ltv === null ? after.unit.ltv === null : near(after.unit.ltv, ltv, 1e-9)).toBe(true);
    } else if (change < 0) {
      expect(after.unit.inference_per_user).toBeLessThanOrEqual(v1Inference);
    }
  });
});
