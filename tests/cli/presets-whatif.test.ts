import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Loose, ROOT, runInProcess } from "../helpers/cli.js";

/**
 * Every what-if command on every preset: a preset is what a first user runs, and an
 * internal error (exit 70) on one is a bug whatever its numbers. Presets that take a
 * model's price from the catalog once crashed `sensitivity` and `sweep`: a value set at
 * `inference.price.input`, which the file does not write, was patched into the file's
 * plain value through a parent it lacks.
 */
const PRESETS = readdirSync(`${ROOT}data/scenarios`)
  .filter((name) => name.endsWith(".yaml"))
  .sort()
  .map((name) => `data/scenarios/${name}`);

async function json(argv: string[]): Promise<Loose> {
  const run = await runInProcess([...argv, "--format", "json"]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

const hasRoutes = (file: string) => /^ {2}routes:/m.test(readFileSync(`${ROOT}${file}`, "utf8"));

describe.each(PRESETS)("%s", (file) => {
  it("sensitivity exits 0 with a tornado of inputs that move the metric", async () => {
    const report = await json(["sensitivity", file]);
    expect(report.inputs.length).toBeGreaterThan(0);
    expect(report.inputs.some((row: Loose) => typeof row.effect === "number" && row.effect > 0)).toBe(true);
  });

  it("sweep: inference per user doubles with the sessions a day", async () => {
    // Serving cost is sessions x cost per session (model.md), so it is linear in sessions_per_dau.
    const report = await json(["sweep", file, "--vary", "usage.sessions_per_dau=1,2"]);
    const [one, two] = report.points.map((point: Loose) => point["unit.inference_per_user"]);
    expect(one).toBeGreaterThan(0);
    expect(two / one).toBeCloseTo(2, 9);
  });

  it("sweep: serving per user rises with the serving price, written in the file or not", async () => {
    // Presets with routes price each route (a top-level price is refused); the first route's
    // GPU hour (v2) stands in. The others name a catalog model, so inference.price is not written.
    const path = hasRoutes(file) ? "inference.routes.0.self_hosted.gpu_hour_price" : "inference.price.input";
    const report = await json(["sweep", file, "--vary", `${path}=1,2`]);
    const [low, high] = report.points.map((point: Loose) => point["unit.inference_per_user"]);
    expect(high).toBeGreaterThan(low);
  });

  it("solve finds the sessions a day that double inference per user", async () => {
    const { unit } = await json(["run", file]);
    const target = 2 * unit.inference_per_user;
    const report = await json(["solve", file, "--for", "usage.sessions_per_dau", "--target", `unit.inference_per_user=${target}`]);
    // Linear, as above: twice the file's sessions a day.
    expect(report.solution.value / report.current.value).toBeCloseTo(2, 6);
  });

  it("run --samples 200 --seed 1: with no range, every percentile is the single run", async () => {
    const result = await json(["run", file, "--samples", "200", "--seed", "1"]);
    expect(result.samples.n).toBe(200);
    expect(result.samples.ranges).toEqual([]);
    for (const percentile of ["p10", "p50", "p90"])
      expect(result.samples[percentile].totals.total, percentile).toBeCloseTo(result.totals.total, 6);
    expect(result.samples.ladder_holds_probability).toBe(result.ladder.holds ? 1 : 0);
  });

  it("run --samples 200 --seed 1 with a range: percentiles in order and apart", async () => {
    const result = await json(["run", file, "--samples", "200", "--seed", "1", "--set", "usage.sessions_per_dau={ low: 1, high: 2 }"]);
    const [p10, p50, p90] = ["p10", "p50", "p90"].map((percentile) => result.samples[percentile].unit.inference_per_user as number);
    expect(p10).toBeLessThan(p50!);
    expect(p50).toBeLessThan(p90!);
  });
});
