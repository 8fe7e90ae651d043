import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Loose, runBuilt, runInProcess, runJson } from "../helpers/cli.js";
import { parseCsv } from "../helpers/csv.js";

/**
 * `run --samples N --seed S` on scenarios whose sampled figures are known in closed form
 * (each fixture's comment works them out): a uniform CPA on [10, 30] with one channel and
 * no organic installs makes cac_blended the drawn CPA itself.
 */
const CPA = "tests/fixtures/uncertainty/cpa-range.yaml";
const SHARES = "tests/fixtures/uncertainty/shares-range.yaml";
const OVERLAP = "tests/fixtures/uncertainty/retention-overlap.yaml";
const HOPELESS = "tests/fixtures/uncertainty/retention-hopeless.yaml";
const ONE = "tests/fixtures/whatif/one-channel.yaml";
const GPT4O = "tests/fixtures/catalog/gpt-4o.yaml";

/** Every percentile figure, walked in parallel: p10 <= p50 <= p90 wherever all three are numbers. */
function percentileTriples(samples: Loose): [string, number, number, number][] {
  const out: [string, number, number, number][] = [];
  const walk = (a: Loose, b: Loose, c: Loose, path: string) => {
    if (typeof a === "number" && typeof b === "number" && typeof c === "number") out.push([path, a, b, c]);
    else if (a !== null && typeof a === "object") for (const key of Object.keys(a)) walk(a[key], b[key], c[key], `${path}.${key}`);
  };
  walk(samples.p10, samples.p50, samples.p90, "");
  return out;
}

describe("run --samples: percentiles", () => {
  it("of a uniform CPA on [10, 30]: P10, P50, P90 of cac_blended near 12, 20 and 28 over 2,000 samples", async () => {
    const result = await runJson(["run", CPA, "--samples", "2000", "--seed", "11"]);
    const { samples } = result;
    expect(samples.n).toBe(2000);
    expect(samples.seed).toBe(11);
    expect(samples.ranges).toEqual(["acquisition.channels.ads.cpa"]);
    expect(samples.rejected).toBe(0);
    // The single run is still there, at the central CPA of 20.
    expect(result.unit.cac_blended).toBe(20);
    const [p10, p50, p90] = [samples.p10, samples.p50, samples.p90].map((tree: Loose) => tree.unit.cac_blended);
    // Standard errors of the sample P10/P90 and P50 (density 1/20): 20 sqrt(0.09 / 2000) = 0.13
    // and 20 sqrt(0.25 / 2000) = 0.22; the tolerances are over 4 of them.
    expect(Math.abs(p10 - 12)).toBeLessThan(0.6);
    expect(Math.abs(p50 - 20)).toBeLessThan(1);
    expect(Math.abs(p90 - 28)).toBeLessThan(0.6);
    // Every sample lies in the range.
    expect(p10).toBeGreaterThanOrEqual(10);
    expect(p90).toBeLessThanOrEqual(30);
  });

  it("of figures that follow the CPA monotonically are those figures at the CPA's percentiles", async () => {
    // 999 samples: the P10 rank (100th smallest) is the 900th largest, the P90 rank, so a
    // figure falling with the CPA has its P10 at the CPA's P90 sample (with 1,000, one rank off).
    const { samples } = await runJson(["run", CPA, "--samples", "999"]);
    for (const key of ["p10", "p50", "p90"]) {
      const tree = samples[key];
      // cac_blended = CPA, training per user = CPA / 10, N = 30,000 / CPA: the same sample at each rank.
      expect(tree.ladder.acquisition).toBe(tree.unit.cac_blended);
      expect(tree.unit.training_per_user).toBeCloseTo(tree.unit.cac_blended / 10, 12);
      // Nothing the serving cost depends on is drawn.
      expect(tree.unit.inference_per_user).toBeCloseTo(0.155, 12);
      expect(tree.totals.acquisition).toBe(30_000);
      expect(tree.channels[0].name).toBe("ads");
      expect(tree.channels[0].cpa).toBeCloseTo(tree.unit.cac_blended, 9);
    }
    // installs fall as the CPA rises: P10 of installs is 30,000 / P90 of the CPA
    expect(samples.p10.totals.installs).toBeCloseTo(30_000 / samples.p90.unit.cac_blended, 9);
    expect(samples.p90.totals.installs).toBeCloseTo(30_000 / samples.p10.unit.cac_blended, 9);
    for (const [path, a, b, c] of percentileTriples(samples)) {
      expect(a, path).toBeLessThanOrEqual(b);
      expect(b, path).toBeLessThanOrEqual(c);
    }
  });

  it("of a triangular range: near the quantiles worked from its CDF", async () => {
    // triangular(10, 30, mode 10): F(x) = 1 - ((30 - x) / 20)², so P50 = 30 - 20 √0.5 = 15.86, P90 = 30 - 20 √0.1 = 23.68
    const { samples } = await runJson([
      "run",
      ONE,
      "--set",
      "acquisition.channels.0.cpa={ low: 10, high: 30, dist: triangular, mode: 10 }",
      "--samples",
      "2000",
    ]);
    expect(Math.abs(samples.p50.unit.cac_blended - (30 - 20 * Math.sqrt(0.5)))).toBeLessThan(0.8);
    expect(Math.abs(samples.p90.unit.cac_blended - (30 - 20 * Math.sqrt(0.1)))).toBeLessThan(0.8);
  });

  it("of a loguniform range: near low · (high / low)^P", async () => {
    // loguniform(10, 40): P10 = 10 · 4^0.1 = 11.49, P50 = 20, P90 = 10 · 4^0.9 = 34.82
    const { samples } = await runJson([
      "run",
      ONE,
      "--set",
      "acquisition.channels.0.cpa={ low: 10, high: 40, dist: loguniform }",
      "--samples",
      "2000",
    ]);
    expect(Math.abs(samples.p10.unit.cac_blended - 10 * 4 ** 0.1)).toBeLessThan(0.5);
    expect(Math.abs(samples.p50.unit.cac_blended - 20)).toBeLessThan(1);
    expect(Math.abs(samples.p90.unit.cac_blended - 10 * 4 ** 0.9)).toBeLessThan(1.2);
  });

  it("rounds whole-number fields: turns_per_session on [1, 3] is 1, 2 or 3 with odds 1/4, 1/2, 1/4", async () => {
    // 100 output tokens a turn, so output tokens per session = 100 × turns.
    const { samples } = await runJson([
      "run",
      ONE,
      "--set",
      "usage.turns_per_session={ low: 1, high: 3 }",
      "--set",
      "tokens.output=100",
      "--samples",
      "2000",
    ]);
    expect([samples.p10, samples.p50, samples.p90].map((tree: Loose) => tree.unit.tokens_per_session.output)).toEqual([100, 200, 300]);
  });

  it("uses the catalog's price for the fields the scenario leaves out, the drawn one for the rest", async () => {
    // gpt-4o.yaml: session = (200 × input + 100 × 1.25 + 400 × 10) / 1e6 with input ~ U(2, 3):
    // from 0.004525 to 0.004725, median near 0.004625 (the catalog's cached 1.25 and output 10 kept).
    const { samples } = await runJson(["run", GPT4O, "--set", "inference.price.input={ low: 2, high: 3 }", "--samples", "1000", "--quiet"]);
    expect(samples.p10.unit.cost_per_session).toBeGreaterThanOrEqual(0.004525 - 1e-15);
    expect(samples.p90.unit.cost_per_session).toBeLessThanOrEqual(0.004725 + 1e-15);
    expect(Math.abs(samples.p50.unit.cost_per_session - 0.004625)).toBeLessThan(0.00001);
  });
});

describe("run --samples: the probability that the ladder holds", () => {
  it("is 1 where every draw keeps 0.155 < CPA / 10 < CPA, and 0 where none does", async () => {
    expect((await runJson(["run", CPA, "--samples", "300"])).samples.ladder_holds_probability).toBe(1);
    // CPA in [0.5, 1.5]: training per user CPA / 10 <= 0.15 < 0.155, inference above training.
    const none = await runJson(["run", ONE, "--set", "acquisition.channels.0.cpa={ low: 0.5, high: 1.5 }", "--samples", "300"]);
    expect(none.samples.ladder_holds_probability).toBe(0);
  });

  it("is the share of a uniform range past the threshold: CPA on [1, 2] holds above 1.55, 45 %", async () => {
    const { samples } = await runJson([
      "run",
      ONE,
      "--set",
      "acquisition.channels.0.cpa={ low: 1, high: 2 }",
      "--samples",
      "2000",
      "--seed",
      "3",
    ]);
    // standard error sqrt(0.45 × 0.55 / 2000) = 0.011
    expect(Math.abs(samples.ladder_holds_probability - 0.45)).toBeLessThan(0.05);
  });
});

describe("run --samples: seeds", () => {
  it("gives the same output for the same seed, in every format, and another for another seed", async () => {
    for (const format of ["json", "csv", "table", "md"]) {
      const [a, b] = await Promise.all(
        [1, 1].map(() => runInProcess(["run", CPA, "--samples", "200", "--seed", "42", "--format", format])),
      );
      expect(a!.stdout).toBe(b!.stdout);
    }
    const [a, c] = await Promise.all(
      [42, 43].map((seed) => runInProcess(["run", CPA, "--samples", "200", "--seed", String(seed), "--format", "json"])),
    );
    expect(JSON.parse(a!.stdout).samples.p50).not.toEqual(JSON.parse(c!.stdout).samples.p50);
  });

  it("defaults to seed 1", async () => {
    const [plain, one] = await Promise.all(
      [
        ["run", CPA, "--samples", "200"],
        ["run", CPA, "--samples", "200", "--seed", "1"],
      ].map((argv) => runInProcess(argv)),
    );
    expect(plain!.stdout).toBe(one!.stdout);
    expect(JSON.parse((await runInProcess(["run", CPA, "--samples", "5", "-f", "json"])).stdout).samples.seed).toBe(1);
  });

  it("samples each file from the seed, so a file gives the same percentiles alone or beside another", async () => {
    const [alone, both] = await Promise.all([
      runJson(["run", CPA, "--samples", "300"]),
      runJson(["run", ONE, CPA, "--samples", "300", "--quiet"]),
    ]);
    expect(both[1].samples).toEqual(alone.samples);
  });
});

describe("run --samples: rules across fields", () => {
  it("divides drawn shares by their sum: no draw is rejected, the median share is near a half", async () => {
    const { samples } = await runJson(["run", SHARES, "--samples", "1000"]);
    expect(samples.rejected).toBe(0);
    const shares = [samples.p10, samples.p50, samples.p90].map((tree: Loose) => tree.channels[0].share);
    // s / (s + t) for s, t in [0.2, 0.8] lies in [0.2, 0.8] and is symmetric about 0.5.
    expect(shares[0]).toBeGreaterThanOrEqual(0.2);
    expect(shares[2]).toBeLessThanOrEqual(0.8);
    expect(Math.abs(shares[1] - 0.5)).toBeLessThan(0.03);
  });

  it("draws again where retention would rise, about 2/9 of draws here, and says so on stderr", async () => {
    const run = await runInProcess(["run", OVERLAP, "--samples", "2000", "--format", "json"]);
    expect(run.code).toBe(0);
    const { samples } = JSON.parse(run.stdout);
    expect(samples.n).toBe(2000);
    const share = samples.rejected / (samples.rejected + samples.n);
    // 2/9 of about 2,570 draws: standard error 0.008
    expect(Math.abs(share - 2 / 9)).toBeLessThan(0.035);
    expect(run.stderr).toMatch(
      new RegExp(
        `^warning: ${OVERLAP}: ${samples.rejected} of ${samples.rejected + 2000} draws broke a rule and were drawn again .*most at retention\\.d7: retention never rises`,
      ),
    );
    // --quiet keeps stderr clean
    expect((await runInProcess(["run", OVERLAP, "--samples", "200", "--quiet", "-f", "json"])).stderr).toBe("");
  });

  it("gives up with exit 2 when ranges almost never make a valid scenario", async () => {
    const run = await runInProcess(["run", HOPELESS, "--samples", "100"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/the ranges rarely give a valid scenario: \d+ of \d+ draws \(\d+\.\d %\) met every rule/);
    expect(run.stderr).toContain("retention never rises");
  });
});

describe("run --samples: without ranges", () => {
  it("shows control characters in the file name of its warning instead of sending them to the terminal", async () => {
    // A file named with ESC [31m (turn the terminal red): the warning shows it as \x1b.
    const file = join(mkdtempSync(join(tmpdir(), "llm-cac-samples-")), "red\x1b[31m.yaml");
    writeFileSync(file, readFileSync(ONE, "utf8"));
    const run = await runInProcess(["run", file, "--samples", "5", "--format", "json"]);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("\x1b");
    expect(run.stderr).toContain(`${file.replace("\x1b", "\\x1b")}: no value is a range`);
  });

  it("is the single run n times: every percentile is the run's figure, with a warning", async () => {
    const run = await runInProcess(["run", ONE, "--samples", "50", "--format", "json"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `warning: ${ONE}: no value is a range, so every sample is the single run (write a value as { low: 10, high: 15 } to sample it)\n`,
    );
    const result = JSON.parse(run.stdout);
    expect(result.samples.n).toBe(50);
    expect(result.samples.ranges).toEqual([]);
    for (const key of ["p10", "p50", "p90"]) {
      expect(result.samples[key].unit).toEqual(result.unit);
      expect(result.samples[key].totals).toEqual(result.totals);
    }
    expect(result.samples.ladder_holds_probability).toBe(result.ladder.holds ? 1 : 0);
  });
});

describe("run --samples: formats", () => {
  it("JSON: the run's object with samples last, keys in a fixed order, nulls for figures never reached", async () => {
    const result = await runJson(["run", CPA, "--samples", "100"]);
    expect(Object.keys(result)).toEqual(["schema_version", "scenario", "totals", "unit", "ladder", "milestones", "channels", "samples"]);
    expect(Object.keys(result.samples)).toEqual(["n", "seed", "ranges", "rejected", "ladder_holds_probability", "p10", "p50", "p90"]);
    expect(Object.keys(result.samples.p50)).toEqual(["totals", "unit", "ladder", "milestones", "channels"]);
    expect(Object.keys(result.samples.p50.ladder)).toEqual(["inference", "training", "acquisition"]);
    // 30 days of acquisition at $1,000 a day is never overtaken by $0.155 of inference a user
    expect(result.samples.p90.milestones.inference_overtakes_acquisition_day).toBeNull();
  });

  it("CSV: one row per scenario, the run's columns then samples.*, the same numbers as JSON", async () => {
    const [csv, data] = await Promise.all([
      runInProcess(["run", CPA, "--samples", "100", "-f", "csv"]),
      runJson(["run", CPA, "--samples", "100"]),
    ]);
    const [header, ...rows] = parseCsv(csv.stdout);
    expect(rows).toHaveLength(1);
    const cell = (name: string) => rows[0]![header!.indexOf(name)];
    expect(header!.indexOf("unit.cac_blended")).toBeLessThan(header!.indexOf("samples.n"));
    expect(cell("samples.n")).toBe("100");
    expect(cell("samples.ranges")).toBe("acquisition.channels.ads.cpa");
    expect(Number(cell("samples.p50.unit.cac_blended"))).toBe(data.samples.p50.unit.cac_blended);
    expect(Number(cell("samples.ladder_holds_probability"))).toBe(1);
    expect(cell("samples.p90.channels.0.name")).toBe("ads");
  });

  it("table and Markdown: the usual report, then the ladder's odds and P10 / P50 / P90 of the key figures", async () => {
    const table = await runInProcess(["run", ONE, "--set", "acquisition.channels.0.cpa={ low: 1, high: 2 }", "--samples", "1000"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("Ladder does not hold"); // the single run: CPA 1.5, training 0.15 < inference 0.155
    expect(table.stdout).toContain("Uncertainty over 1,000 samples (seed 1): one channel, closed form");
    expect(table.stdout).toMatch(/Ladder holds in 4\d(\.\d)?% of samples \(the central run: does not hold\)/);
    expect(table.stdout).toMatch(/│ Cost ladder per user │ central │ +P10 │ +P50 │ +P90 │/);
    expect(table.stdout).toMatch(/│ CAC, all installs +│ +\$1\.50 │/);
    const md = await runInProcess(["run", CPA, "--samples", "100", "-f", "md"]);
    expect(md.stdout).toContain("## Uncertainty over 100 samples (seed 1): CPA uniform 10..30");
    expect(md.stdout).toContain("| rung | central | P10 | P50 | P90 |");
    expect(md.stdout).toContain("**Ladder holds in 100% of samples (the central run: holds)**");
  });

  it("writes --output atomically and refuses to replace a file without --force", async () => {
    const dir = mkdtempSync(join(tmpdir(), "llm-cac-samples-"));
    const out = join(dir, "samples.json");
    expect((await runInProcess(["run", CPA, "--samples", "50", "-f", "json", "-o", out])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).samples.n).toBe(50);
    writeFileSync(out, "keep");
    const refused = await runInProcess(["run", CPA, "--samples", "50", "-o", out]);
    expect(refused.code).toBe(2);
    expect(readFileSync(out, "utf8")).toBe("keep");
  });
});

describe("run --samples: bad usage exits 2", () => {
  const cases: [string[], RegExp][] = [
    [["--samples", "0"], /^llm-cac: --samples 0: expected a whole number from 1 to 100,000\nhint: e\.g\. --samples 1000\n$/],
    [["--samples", "100001"], /--samples 100001: expected a whole number from 1 to 100,000/],
    [["--samples", "1.5"], /--samples 1\.5: expected a whole number/],
    [["--samples", "1e3"], /--samples 1e3: expected a whole number/],
    [["--samples", "ten"], /--samples ten: expected a whole number/],
    [["--samples", "10", "--seed", "-1"], /--seed -1: expected a whole number from 0 to 4294967295/],
    [["--samples", "10", "--seed", "4294967296"], /--seed 4294967296: expected a whole number from 0 to 4294967295/],
    [["--samples", "10", "--seed", "x"], /--seed x: expected a whole number/],
    [["--seed", "3"], /--seed 3: a seed needs --samples N/],
    [["--samples", "10", "--timeline", "month"], /--timeline and --samples do not combine/],
  ];
  for (const [argv, message] of cases) {
    it(argv.join(" "), async () => {
      const run = await runInProcess(["run", CPA, ...argv]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(message);
    });
  }
});

describe("run --samples, built", () => {
  it("gives the same JSON in two processes for the same seed, and exits 2 on a bad N", () => {
    const argv = ["run", CPA, "--samples", "500", "--seed", "9", "--format", "json"];
    const [a, b] = [runBuilt(argv), runBuilt(argv)];
    expect(a.code).toBe(0);
    expect(a.stderr).toBe("");
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).samples.seed).toBe(9);
    const bad = runBuilt(["run", CPA, "--samples", "-5"]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
  });
});
