import { describe, expect, it } from "vitest";
import { type Loose, runBuilt, runInProcess, runJson } from "../helpers/cli.js";
import { parseCsv } from "../helpers/csv.js";

/** The fixtures' comments work their figures out by hand. */
const TWO = "tests/fixtures/optimize/two-saturating.yaml";
const LINEAR = "tests/fixtures/optimize/linear.yaml";

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

describe("optimize", () => {
  it("splits the budget where the marginal CACs meet: 3000 / 4000 of 7000, 375 installs a day", async () => {
    const report: Loose = await runJson(["optimize", TWO]);
    expect(Object.keys(report)).toEqual(["schema_version", "scenario", "current", "best", "result"]);
    expect(report.current).toEqual({
      daily_budget: 7000,
      shares: { ads: 0.5, feed: 0.5 },
      paid_installs_per_day: expect.closeTo(373.809, 3),
      average_cpa: expect.closeTo(7000 / 373.809, 3),
    });
    expect(relative(report.best.shares.ads, 3 / 7)).toBeLessThan(1e-10);
    expect(relative(report.best.shares.feed, 4 / 7)).toBeLessThan(1e-10);
    expect(report.best.daily_budget).toBe(7000);
    expect(report.best.paid_installs_per_day).toBeCloseTo(375, 8);
    expect(report.best.average_cpa).toBeCloseTo(7000 / 375, 8);
    expect(report.best.marginal_cpa).toBeCloseTo(32, 8);
    expect(report.best.unbounded).toBe(false);
    // The ladder at the best split: the run at those shares, 375 paid installs a day for 30 days
    expect(report.result.totals.paid_installs).toBeCloseTo(375 * 30, 6);
    expect(report.result.channels.map((channel: Loose) => channel.marginal_cpa)).toEqual([expect.closeTo(32, 8), expect.closeTo(32, 8)]);
  });

  it("--marginal-cac finds the budget where the next install costs that much", async () => {
    const report: Loose = await runJson(["optimize", TWO, "--marginal-cac", "32"]);
    expect(relative(report.best.daily_budget, 7000)).toBeLessThan(1e-10);
    expect(report.best.marginal_cpa).toBe(32);
    expect(report.result.totals.acquisition).toBeCloseTo(7000 * 30, 4);
  });

  it("--marginal-cac ltv uses the scenario's LTV; without revenue it is an error", async () => {
    const withLtv: Loose = await runJson(["optimize", TWO, "--marginal-cac", "ltv"]);
    const ltv = (await runJson(["run", TWO])).unit.ltv;
    expect(withLtv.best.marginal_cpa).toBe(ltv);
    const run = await runInProcess(["optimize", LINEAR, "--marginal-cac", "ltv"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--marginal-cac ltv needs a positive LTV, found none/);
  });

  it("says plainly when the optimum is a corner, and why", async () => {
    const report: Loose = await runJson(["optimize", LINEAR]);
    expect(report.best.shares).toEqual({ dear: 0, cheap: 1 });
    expect(report.current.paid_installs_per_day).toBeCloseTo(87.5, 12);
    expect(report.best.paid_installs_per_day).toBeCloseTo(125, 12);
    const table = await runInProcess(["optimize", LINEAR]);
    // the note is wrapped to the terminal's width: read it as one line
    expect(table.stdout.replace(/\s+/g, " ")).toMatch(/No channel saturates.*corner, all of the budget to the cheapest channel/);
  });

  it("reports an unbounded budget with nulls, not an error", async () => {
    // the cheap channel's CPA of 8 is below a target of 10 at any spend
    const report: Loose = await runJson(["optimize", LINEAR, "--marginal-cac", "10"]);
    expect(report.best).toEqual({
      daily_budget: null,
      shares: null,
      paid_installs_per_day: null,
      average_cpa: null,
      marginal_cpa: 10,
      unbounded: true,
    });
    expect(report.result).toBeNull();
    const csv = parseCsv((await runInProcess(["optimize", LINEAR, "--marginal-cac", "10", "--format", "csv"])).stdout);
    expect(csv[0]).toContain("best.shares.cheap");
  });

  it("--budget splits another budget; --set applies first", async () => {
    const report: Loose = await runJson(["optimize", LINEAR, "--budget", "2000", "--set", "acquisition.channels.dear.cpa=5"]);
    expect(report.best.shares).toEqual({ dear: 1, cheap: 0 });
    expect(report.best.paid_installs_per_day).toBe(400);
  });

  it("refuses a schedule, and --budget with --marginal-cac", async () => {
    const schedule = await runInProcess(["optimize", "tests/fixtures/optimize/schedule.yaml"]);
    expect(schedule.code).toBe(2);
    expect(schedule.stderr).toMatch(/optimize needs acquisition.daily_budget or daily_installs, not a schedule/);
    const both = await runInProcess(["optimize", LINEAR, "--budget", "5", "--marginal-cac", "5"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give --budget or --marginal-cac, not both/);
  });

  it("renders Markdown with the split and the ladder at it", async () => {
    const run = await runInProcess(["optimize", TWO, "--format", "md"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^## Optimize the paid split: two saturating channels/);
    expect(run.stdout).toMatch(/\| share: ads \| 50% \| 42\.9%/);
    expect(run.stdout).toMatch(/### At the best split/);
  });

  it("runs from the built binary", () => {
    const run = runBuilt(["optimize", TWO, "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).best.marginal_cpa).toBeCloseTo(32, 8);
  });
});
