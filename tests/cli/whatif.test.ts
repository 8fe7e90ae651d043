import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Loose, runBuilt, runInProcess, runJson } from "../helpers/cli.js";
import { parseCsv } from "../helpers/csv.js";

/**
 * The what-if commands on scenarios worked out by hand (see the fixtures' comments):
 * one-channel.yaml has cac = CPA, N = 30,000 / CPA, inference per user 0.155,
 * training per user 3,000 / N = CPA / 10, ltv 1.55 whatever the CPA.
 */
const ONE = "tests/fixtures/whatif/one-channel.yaml";
const TWO = "tests/fixtures/whatif/two-channels.yaml";

describe("run --set", () => {
  it("evaluates the scenario with the value changed", async () => {
    const result = await runJson(["run", ONE, "--set", "acquisition.channels.ads.cpa=20", "--set", "usage.max_turns_per_day=0.5"], null);
    expect(result.unit.cac_blended).toBe(20);
    // 15.5 * 0.5 sessions * $0.01
    expect(result.unit.inference_per_user).toBeCloseTo(0.0775, 12);
  });

  it("exits 2 on a bad path, listing the keys valid there", async () => {
    const run = await runInProcess(["run", ONE, "--set", "usage.turns=2"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `${ONE}: --set usage.turns=2: unknown key "turns" in usage; valid keys: sessions_per_dau, turns_per_session, turns_distribution, max_turns_per_day, lifetime_days\n`,
    );
  });

  it("exits 2 on a value that makes the file invalid, naming the --set", async () => {
    const run = await runInProcess(["run", ONE, "--set", "acquisition.channels.0.cpa=-3"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^tests\/fixtures\/whatif\/one-channel\.yaml: --set acquisition\.channels\.0\.cpa=-3: expected a number .*found -3\n$/,
    );
  });

  it("applies to every file of a run", async () => {
    const results = await runJson(["run", ONE, TWO, "--set", "training.runs.0.cost=6000"], null);
    // Training per user doubles in both: 6,000 / 3,000 = 2 and 6,000 / 1,875 = 3.2.
    expect(results.map((result: Loose) => result.unit.training_per_user)).toEqual([2, 3.2]);
  });
});

describe("check --set", () => {
  const EXPECT = "tests/fixtures/whatif/with-expect.yaml";

  it("tests the expectations of the changed scenario", async () => {
    expect((await runInProcess(["check", EXPECT])).code).toBe(0);
    // cac = CPA = 20 > max 15
    const failed = await runInProcess(["check", EXPECT, "--set", "acquisition.channels.0.cpa=20"]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("unit.cac_blended $20.00 vs max $15.00");
  });

  it("reports a bad path as an invalid file, exit 2", async () => {
    const run = await runInProcess(["check", EXPECT, "--set", "acquisition.channels.0.cpx=20"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(
      `${EXPECT}: --set acquisition.channels.0.cpx=20: unknown key "cpx" in acquisition.channels.0; valid keys: name, share, cpa, cpm, ctr, cvr, cpc`,
    );
  });
});

describe("compare", () => {
  it("gives the change of every key figure against BASE, worked out by hand", async () => {
    const [base, other] = await runJson(["compare", ONE, TWO], null);
    expect(base.delta.unit.cac_blended).toBe(0);
    // cac 10 -> 16: +6, +60 %; installs 3,000 -> 1,875: -1,125, -37.5 %
    expect(other.unit.cac_blended).toBe(16);
    expect(other.delta.unit.cac_blended).toBe(6);
    expect(other.delta_pct.unit.cac_blended).toBeCloseTo(60, 12);
    expect(other.delta.totals.installs).toBe(-1125);
    expect(other.delta_pct.totals.installs).toBeCloseTo(-37.5, 12);
    // training per user 1 -> 3,000 / 1,875 = 1.6: +0.6, +60 %
    expect(other.delta.unit.training_per_user).toBeCloseTo(0.6, 12);
    // spend is the same $30,000: no change, 0 %
    expect(other.delta.totals.acquisition).toBe(0);
    expect(other.delta_pct.totals.acquisition).toBe(0);
    // organic installs are 0 in both: a change of 0 and no percentage
    expect(other.delta.totals.organic_installs).toBe(0);
    expect(other.delta_pct.totals.organic_installs).toBeNull();
    expect(other.delta.ladder).not.toHaveProperty("holds");
  });

  it("compares BASE with its own variant under --set, labelled by the --set", async () => {
    const [base, variant] = await runJson(["compare", ONE, "--set", "acquisition.channels.0.cpa=20"], null);
    expect(base.scenario.name).toBe("one channel, closed form");
    expect(variant.scenario.name).toBe("one channel, closed form [--set acquisition.channels.0.cpa=20]");
    // cac 10 -> 20: +10, +100 %; training per user 1 -> 2
    expect(variant.delta.unit.cac_blended).toBe(10);
    expect(variant.delta_pct.unit.cac_blended).toBe(100);
    expect(variant.delta.unit.training_per_user).toBe(1);
  });

  it("marks the line where the verdict changes", async () => {
    // CPA 1: training per user 0.1 < inference 0.155, so the ladder breaks.
    const run = await runInProcess(["compare", ONE, "--set", "acquisition.channels.0.cpa=1"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("! #1 changes the verdict: holds -> does not hold: training < inference\n");
    expect(run.stdout).toMatch(/│ verdict\s+│\s+holds │ ! does not hold │ changed │/);
    const same = await runInProcess(["compare", ONE, "--set", "acquisition.channels.0.cpa=20"]);
    expect(same.stdout).not.toContain("changes the verdict");
    expect(same.stdout).toContain("The verdict is the same in every scenario.");
  });

  it("writes one CSV row per scenario, with the deltas as columns", async () => {
    const run = await runInProcess(["compare", ONE, TWO, "--format", "csv"]);
    const [header, ...rows] = parseCsv(run.stdout);
    expect(rows).toHaveLength(2);
    const column = (name: string) => header!.indexOf(name);
    expect(rows.map((row) => row[column("delta.unit.cac_blended")])).toEqual(["0", "6"]);
    expect(rows.map((row) => row[column("delta_pct.totals.installs")])).toEqual(["0", "-37.5"]);
  });

  it("shows deltas in Markdown too", async () => {
    const run = await runInProcess(["compare", ONE, TWO, "--format", "md"]);
    expect(run.stdout).toContain("| CAC, all installs | $10.00 | $16.00 | +$6.00 | +60% |");
  });

  it("needs OTHER files or --set, and one currency", async () => {
    const alone = await runInProcess(["compare", ONE]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("compare needs a scenario to set against BASE");
    const cny = readFileSync(ONE, "utf8").replace("currency: USD", "currency: CNY");
    const mixed = await runInProcess(["compare", ONE, "-"], { stdin: cny });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain("<stdin>: currency: is CNY but BASE (tests/fixtures/whatif/one-channel.yaml) is USD");
  });
});

describe("sweep", () => {
  it("refuses two axes on one input, by name or by index", async () => {
    const twice = await runInProcess([
      "sweep",
      ONE,
      "--vary",
      "acquisition.channels.ads.cpa=10,20",
      "--vary",
      "acquisition.channels.0.cpa=30,40",
    ]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("--vary acquisition.channels.0.cpa is given twice");
    expect(twice.stdout).toBe("");
  });

  // doubao-2024.yaml's bilibili channel saturates, so an elasticity alone is a valid field of
  // it; under an axis value that replaces the channel with one without saturation, the
  // elasticity makes a saturation lacking reference_daily_spend, as the same two --set say.
  // (Block YAML: a --vary value's commas separate values.)
  it("validates in full a value set inside another axis's value", async () => {
    const channel = "acquisition.channels.2=name: bilibili\nshare: 0.1\ncpa: 20";
    const elasticity = "acquisition.channels.2.saturation.elasticity";
    const sweep = await runInProcess(["sweep", "data/scenarios/doubao-2024.yaml", "--vary", channel, "--vary", `${elasticity}=0.1,0.3`]);
    const run = await runInProcess(["run", "data/scenarios/doubao-2024.yaml", "--set", channel, "--set", `${elasticity}=0.1`]);
    // The field is missing from the saturation that elasticity's option created, not from the channel's value.
    const missing = "acquisition.channels.2.saturation.reference_daily_spend: required";
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--set ${elasticity}=0.1: ${missing}`);
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toContain(`--vary ${elasticity}=0.1: ${missing}`);
  });

  it("reports a point whose axis lies inside the other's single value, as the same two --set do (it was an internal error)", async () => {
    const sweep = await runInProcess(["sweep", "data/scenarios/default.yaml", "--vary", "fx=1,2", "--vary", "fx.EUR=1.1,1.2"]);
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toBe(
      "data/scenarios/default.yaml: --vary fx.EUR=1.1: fx is a single value (1) after --vary fx=1, not a mapping\n",
    );
    const run = await runInProcess(["run", "data/scenarios/default.yaml", "--set", "fx=1", "--set", "fx.EUR=1.1"]);
    expect(run.stderr).toBe("data/scenarios/default.yaml: --set fx.EUR=1.1: fx is a single value (1) after --set fx=1, not a mapping\n");
    // A list the first emptied: no item to write into (it said "the index is 0..-1").
    const empty = await runInProcess(["sweep", ONE, "--vary", "acquisition.channels=[]", "--vary", "acquisition.channels.ads.cpa=5,6"]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(
      "--vary acquisition.channels.ads.cpa=5: acquisition.channels is an empty list; --set changes list items but does not create them",
    );
  });

  it("names the --vary of a field that created a mapping, and of a currency that leaves money without a rate", async () => {
    // default.yaml's bilibili channel has no saturation: elasticity alone creates one lacking reference_daily_spend.
    const elasticity = "acquisition.channels.bilibili.saturation.elasticity";
    const created = await runInProcess(["sweep", "data/scenarios/default.yaml", "--vary", `${elasticity}=0.1,0.2`]);
    expect(created.code).toBe(2);
    expect(created.stderr.split("\n")[0]).toBe(
      `data/scenarios/default.yaml: --vary ${elasticity}=0.1: acquisition.channels.0.saturation.reference_daily_spend: required, expected a number or a string or a range { low, high }`,
    );
    // The file is in CNY with fx { USD: 7.2 }: in USD its "¥30" CPA has no rate, which the --vary of the currency caused.
    const currency = await runInProcess(["sweep", "data/scenarios/default.yaml", "--vary", "currency=USD,CNY"]);
    expect(currency.code).toBe(2);
    expect(currency.stderr.split("\n")[0]).toBe(
      "data/scenarios/default.yaml: --vary currency=USD: acquisition.channels.0.cpa: no exchange rate from CNY to USD: add fx: { CNY: <USD per 1 CNY> }",
    );
  });

  it("one --vary: a row per value, and the points where the ladder flips", async () => {
    const report = await runJson(["sweep", ONE, "--vary", "acquisition.channels.0.cpa=1..2:0.5"], null);
    expect(report.points.map((point: Loose) => point["acquisition.channels.0.cpa"])).toEqual([1, 1.5, 2]);
    expect(report.points.map((point: Loose) => point["unit.cac_blended"])).toEqual([1, 1.5, 2]);
    // training per user = CPA / 10 against inference 0.155: holds only from CPA 1.55 up
    expect(report.points.map((point: Loose) => point["ladder.holds"])).toEqual([false, false, true]);
    expect(report.flips).toEqual([
      { from: { "acquisition.channels.0.cpa": 1.5 }, to: { "acquisition.channels.0.cpa": 2 }, ladder_holds: [false, true] },
    ]);
  });

  it("prints the flips under the table", async () => {
    const run = await runInProcess([
      "sweep",
      ONE,
      "--vary",
      "acquisition.channels.ads.cpa=1..2:0.5",
      "--metrics",
      "unit.training_per_user,ladder.holds",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("The ladder flips between 1 pair of neighbouring points:\n  cpa=1.5 -> cpa=2: does not hold -> holds\n");
    // Money below 1 shows three significant digits, trailing zeros kept (docs/cli.md, Rounding).
    expect(run.stdout).toMatch(/│ 1\.5\s+│\s+\$0\.150 │\s+no │/);
  });

  it("two --vary: a matrix of one metric, the cells where the ladder holds marked", async () => {
    const argv = ["sweep", ONE, "--vary", "acquisition.channels.0.cpa=1,2", "--vary", "training.runs.0.cost=3000,1000"];
    // training per user = cost * CPA / 30,000 > 0.155 only at CPA 2, cost 3,000 (0.2)
    const table = await runInProcess(argv);
    expect(table.stdout.match(/✓/g)).toHaveLength(2); // the cell, and the caption
    expect(table.stdout).toMatch(/│ 2\s+│\s+\$2\.00 ✓ │\s+\$2\.00 {3}│/);
    const report = await runJson(argv, null);
    expect(report.points).toHaveLength(4);
    expect(report.flips).toHaveLength(2);
  });

  it("writes CSV in long format: one row per point, every chosen metric", async () => {
    const run = await runInProcess([
      "sweep",
      ONE,
      "--vary",
      "acquisition.channels.0.cpa=10,20",
      "--vary",
      "tokens.input=1000000,2000000",
      "--metrics",
      "unit.cac_blended,unit.inference_per_user",
      "--format",
      "csv",
    ]);
    const [header, ...rows] = parseCsv(run.stdout);
    expect(header).toEqual(["acquisition.channels.0.cpa", "tokens.input", "unit.cac_blended", "unit.inference_per_user"]);
    expect(rows).toHaveLength(4);
    // Doubling the input tokens doubles serving: 0.155 -> 0.31
    expect(rows.map((row) => [row[0], row[1], row[2], Number(row[3]).toFixed(6)])).toEqual([
      ["10", "1000000", "10", "0.155000"],
      ["10", "2000000", "10", "0.310000"],
      ["20", "1000000", "20", "0.155000"],
      ["20", "2000000", "20", "0.310000"],
    ]);
  });

  it("accepts money strings and --set with --vary", async () => {
    const report = await runJson(
      ["sweep", ONE, "--vary", "acquisition.channels.0.cpa=$10..$20:$5", "--set", "revenue.arpdau=0.21", "--metrics", "unit.ltv"],
      null,
    );
    expect(report.vary[0].labels).toEqual(["$10", "$15", "$20"]);
    expect(report.points.map((point: Loose) => point["acquisition.channels.0.cpa"])).toEqual([10, 15, 20]);
    // ltv = 15.5 * (0.21 - 0.01) = 3.1 at every CPA
    for (const point of report.points) expect(point["unit.ltv"]).toBeCloseTo(3.1, 12);
  });

  it("evaluates exactly 10,000 points and refuses 10,001", async () => {
    const ok = await runInProcess([
      "sweep",
      ONE,
      "--vary",
      "acquisition.channels.0.cpa=1..100/100",
      "--vary",
      "training.runs.0.cost=100..10000:100",
      "--format",
      "csv",
      "--metrics",
      "ladder.holds",
    ]);
    expect(ok.code).toBe(0);
    expect(parseCsv(ok.stdout)).toHaveLength(10_001);
    const tooMany = await runInProcess([
      "sweep",
      ONE,
      "--vary",
      "acquisition.channels.0.cpa=1..101/101",
      "--vary",
      "training.runs.0.cost=100..10000:100",
    ]);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toContain("101 x 100 = 10,100 points; a sweep evaluates at most 10,000");
  });

  it("exits 2 on an unknown metric, with the closest names", async () => {
    const run = await runInProcess(["sweep", ONE, "--vary", "acquisition.channels.0.cpa=1,2", "--metrics", "unit.cac_blnded,cac_paid"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^llm-cac: --metrics: unknown metric "unit\.cac_blnded"\nhint: did you mean "unit\.cac_blended"/);
    const leaf = await runInProcess(["sweep", ONE, "--vary", "acquisition.channels.0.cpa=1,2", "--metric", "ltv_to_cac"]);
    expect(leaf.stderr).toContain('did you mean "unit.ltv_to_cac"?');
    // sweep takes the verdict as a metric, so its hints offer it (sensitivity's do not).
    const verdict = await runInProcess(["sweep", ONE, "--vary", "acquisition.channels.0.cpa=1,2", "--metrics", "ladder.hold"]);
    expect(verdict.stderr).toBe('llm-cac: --metrics: unknown metric "ladder.hold"\nhint: did you mean "ladder.holds"?\n');
  });

  it("exits 2 on a bad --vary path or a value the scenario rejects, naming the point", async () => {
    const path = await runInProcess(["sweep", ONE, "--vary", "usage.turns=1,2"]);
    expect(path.code).toBe(2);
    expect(path.stderr).toContain('--vary usage.turns=1,2: unknown key "turns" in usage; valid keys:');
    const point = await runInProcess(["sweep", ONE, "--vary", "usage.turns_per_session=0..2:1"]);
    expect(point.code).toBe(2);
    expect(point.stderr).toMatch(/--vary usage\.turns_per_session=0: expected a number >= 1, found 0/);
    const none = await runInProcess(["sweep", ONE]);
    expect(none.stderr).toContain("sweep needs --vary PATH=SPEC");
  });
});

describe("solve", () => {
  it("finds the highest CPA for a target LTV/CAC: ltv / target, to 1e-6", async () => {
    for (const target of [3, 0.1]) {
      const report = await runJson(["solve", ONE, "--for", "acquisition.channels.0.cpa", "--target", `unit.ltv_to_cac=${target}`], null);
      // One channel, no organic installs: cac = CPA, ltv = 1.55, so CPA = 1.55 / target.
      expect(Math.abs(report.solution.value - 1.55 / target)).toBeLessThan(1e-6);
      expect(report.solution.metric).toBeCloseTo(target, 9);
      // The default range: the current CPA 10 / 100 .. x 100
      expect(report.range).toEqual({ low: 0.1, high: 1000, from: "default: the current value 10 / 100 .. x 100" });
      expect(report.current).toEqual({ value: 10, metric: expect.closeTo(0.155, 12), target });
    }
  });

  it("says honestly when there is no solution in the range: a negative answer, exit 0", async () => {
    // ltv / CPA over CPA 1..100 runs from 1.55 down to 0.0155: never 5.
    const argv = ["solve", ONE, "--for", "acquisition.channels.0.cpa", "--target", "unit.ltv_to_cac=5", "--range", "1..100"];
    const run = await runInProcess(argv);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("no solution in [1, 100]: unit.ltv_to_cac runs from 0.0155 to 1.55 there, never 5");
    const report = await runJson(argv);
    expect(report.solution).toBeNull();
    expect(report.solutions).toEqual([]);
  });

  it("a day metric: the highest CPA that pays back by day 20", async () => {
    // The margin is 0.1 on day 0 and 0.05 a day after: paid back by day a when 0.1 + 0.05 a >= CPA,
    // so payback_day <= 20 exactly when CPA <= 1.1.
    const report = await runJson(
      ["solve", ONE, "--for", "acquisition.channels.0.cpa", "--target", "unit.payback_day=20", "--range", "0.5..5"],
      null,
    );
    expect(report.rule).toBe("at_most");
    expect(report.solution.value).toBeCloseTo(1.1, 6);
    expect(report.solution.metric).toBeLessThanOrEqual(20);
    expect(report.solution.edge).toBe("highest");
  });

  it("a metric equal to another: the CPA at which training per user (CPA / 10) reaches inference (0.155)", async () => {
    const report = await runJson(
      ["solve", ONE, "--for", "acquisition.channels.0.cpa", "--target", "ladder.inference=ladder.training"],
      null,
    );
    expect(report.target).toEqual({ metric: "ladder.inference", equals_metric: "ladder.training" });
    expect(Math.abs(report.solution.value - 1.55)).toBeLessThan(1e-6);
  });

  it("ladder.holds: the lowest CPA at which the ladder holds", async () => {
    const report = await runJson(["solve", ONE, "--for", "acquisition.channels.0.cpa", "--target", "ladder.holds=true"], null);
    expect(report.solution.value).toBeGreaterThan(1.55);
    expect(report.solution.value).toBeCloseTo(1.55, 6);
    expect(report.solution.edge).toBe("lowest");
  });

  it("exits 2 for an input that is not a number, an unknown metric or no range to search", async () => {
    const name = await runInProcess(["solve", ONE, "--for", "name", "--target", "unit.ltv=1"]);
    expect(name.code).toBe(2);
    expect(name.stderr).toContain("--for name: not a numeric input");
    const metric = await runInProcess(["solve", ONE, "--for", "acquisition.channels.0.cpa", "--target", "unit.ltv_to_cca=3"]);
    expect(metric.stderr).toContain('unknown metric "unit.ltv_to_cca"');
    const zero = await runInProcess(["solve", ONE, "--for", "acquisition.organic_installs_per_day", "--target", "unit.cac_blended=5"]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain(
      "--for acquisition.organic_installs_per_day: is 0, so there is no default range around it; give --range lo..hi",
    );
  });

  it("exits 2 on a number too large to be finite, in --range, --target or a sweep spec", async () => {
    const cases: [string[], string][] = [
      [
        ["solve", ONE, "--for", "acquisition.channels.0.cpa", "--target", "unit.ltv_to_cac=3", "--range", "1..1e999"],
        '--range 1..1e999: "1e999" is too large: not a finite number',
      ],
      [
        ["solve", ONE, "--for", "acquisition.channels.0.cpa", "--target", "unit.ltv_to_cac=1e999"],
        '--target unit.ltv_to_cac=1e999: "1e999" is too large: not a finite number',
      ],
      // Both bounds overflow to Infinity; the first is named, not "lo must be below hi".
      [
        ["solve", ONE, "--for", "acquisition.channels.0.cpa", "--target", "unit.ltv_to_cac=3", "--range", "1e400..1e401"],
        '--range 1e400..1e401: "1e400" is too large: not a finite number',
      ],
      [
        ["sweep", ONE, "--vary", "acquisition.channels.0.cpa=1..1e999:1"],
        '--vary acquisition.channels.0.cpa=1..1e999:1: "1e999" is too large: not a finite number',
      ],
    ];
    for (const [argv, message] of cases) {
      const run = await runInProcess([...argv, "--format", "json"]);
      expect(run.code, argv.join(" ")).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(`llm-cac: ${message}\n`);
    }
  });

  it("prints the solution in a table", async () => {
    const run = await runInProcess(["solve", ONE, "--for", "acquisition.channels.ads.cpa", "--target", "unit.ltv_to_cac=0.1"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Solve for acquisition.channels.ads.cpa: unit.ltv_to_cac = 0.1\n");
    expect(run.stdout).toContain("  solution  acquisition.channels.ads.cpa = 15.5  ->  unit.ltv_to_cac = 0.1\n");
  });
});

describe("run --timeline month: the chart", () => {
  it("draws cumulative spend under the table, in the terminal's width, labelled", async () => {
    const run = await runInProcess(["run", ONE, "--timeline", "month"], { columns: 90 });
    const chart = run.stdout.slice(run.stdout.indexOf("Cumulative spend (USD)"));
    expect(chart.startsWith("Cumulative spend (USD), day 0 to day 29\n")).toBe(true);
    const lines = chart.trimEnd().split("\n");
    expect(Math.max(...lines.map((line) => line.length))).toBe(90);
    // Over 30 days: acquisition $30,000, inference 247.5, training $3,000 (totals of the fixture).
    expect(lines.at(-1)!.trim()).toBe("* inference $248   # acquisition $30K   + training $3K");
    expect(run.stdout).not.toContain("\u001b[");
  });

  it("colours the lines on a terminal only, and draws no chart in JSON", async () => {
    const tty = await runInProcess(["run", ONE, "--timeline", "month"], { tty: true });
    expect(tty.stdout).toContain("\u001b[");
    const jsonRun = await runInProcess(["run", ONE, "--timeline", "month", "--format", "json"]);
    expect(jsonRun.stdout).not.toContain("Cumulative spend");
  });
});

describe("end to end, the built CLI", () => {
  it("compare BASE --set", () => {
    const run = runBuilt(["compare", ONE, "--set", "acquisition.channels.0.cpa=20", "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)[1].delta.unit.cac_blended).toBe(10);
  });

  it("sweep --format csv", () => {
    const run = runBuilt([
      "sweep",
      ONE,
      "--vary",
      "acquisition.channels.0.cpa=10..30:10",
      "--metrics",
      "unit.cac_blended",
      "--format",
      "csv",
    ]);
    expect(run.code).toBe(0);
    const [header, ...rows] = parseCsv(run.stdout);
    expect(header).toEqual(["acquisition.channels.0.cpa", "unit.cac_blended"]);
    // cac = CPA (30,000 / (30 days * 1,000 / CPA) up to rounding)
    expect(rows.map(([cpa, cac]) => [Number(cpa), Number(Number(cac).toFixed(9))])).toEqual([
      [10, 10],
      [20, 20],
      [30, 30],
    ]);
  });

  it("solve, and its exit code 0 when there is no solution", () => {
    const found = runBuilt(["solve", ONE, "--for", "acquisition.channels.0.cpa", "--target", "unit.ltv_to_cac=0.1", "--format", "json"]);
    expect(found.code).toBe(0);
    expect(JSON.parse(found.stdout).solution.value).toBeCloseTo(15.5, 6);
    const none = runBuilt(["solve", ONE, "--for", "acquisition.channels.0.cpa", "--target", "unit.ltv_to_cac=5", "--range", "1..100"]);
    expect(none.code).toBe(0);
    expect(none.stderr).toBe("");
    expect(none.stdout).toContain("no solution in [1, 100]");
  });
});

describe("the scenario line when the horizon is what varies", () => {
  // one-channel.yaml's horizon is 30 days: its header says so, unless the report moves the horizon.
  const LINE_30 = "one channel, closed form  (USD, 30 days, tests/fixtures/whatif/one-channel.yaml)";
  const LINE_VARIED = "one channel, closed form  (USD, horizon varied, tests/fixtures/whatif/one-channel.yaml)";
  // The table wraps the line at the terminal's width: read it, and what it should say, as one line.
  const oneLine = (text: string) => text.replace(/\s+/g, " ");

  it("sweep over horizon_days: table and Markdown say the horizon varies; JSON keeps the file's 30 and the axis", async () => {
    const argv = ["sweep", ONE, "--vary", "horizon_days=30,60", "--metrics", "unit.cac_blended"];
    for (const format of ["table", "md"]) {
      const run = await runInProcess([...argv, "--format", format]);
      expect(run.code).toBe(0);
      expect(oneLine(run.stdout)).toContain(oneLine(LINE_VARIED));
      expect(run.stdout).not.toContain("30 days");
    }
    const report = await runJson(argv, null);
    // The shape stays the contract's: `scenario` is the file as given, each point carries its own horizon.
    expect(report.scenario).toEqual({ name: "one channel, closed form", file: ONE, currency: "USD", horizon_days: 30 });
    expect(report.vary[0].path).toBe("horizon_days");
    expect(report.points.map((point: Loose) => point.horizon_days)).toEqual([30, 60]);
  });

  it("a sweep of two axes, one the horizon, says so too; a sweep over anything else keeps the file's horizon", async () => {
    const both = await runInProcess([
      "sweep",
      ONE,
      "--vary",
      "acquisition.channels.0.cpa=10,20",
      "--vary",
      "horizon_days=30,60",
      "--format",
      "md",
    ]);
    expect(both.stdout).toContain(LINE_VARIED);
    const other = await runInProcess(["sweep", ONE, "--vary", "acquisition.channels.0.cpa=10,20", "--format", "md"]);
    expect(other.stdout).toContain(LINE_30);
  });

  it("solve --for horizon_days: the horizon is the unknown, so no horizon in the line", async () => {
    // $1,000 a day at CPA 10 buys 100 installs every day of the horizon H: training per user = 3,000 / (100 H) = 0.5 at H = 60.
    const argv = ["solve", ONE, "--for", "horizon_days", "--target", "unit.training_per_user=0.5", "--range", "30..90"];
    for (const format of ["table", "md"]) {
      const run = await runInProcess([...argv, "--format", format]);
      expect(run.code).toBe(0);
      expect(oneLine(run.stdout)).toContain(oneLine(LINE_VARIED));
    }
    const report = await runJson(argv, null);
    expect(report.solution.value).toBe(60);
    expect(report.scenario.horizon_days).toBe(30);
    const other = await runInProcess([
      "solve",
      ONE,
      "--for",
      "acquisition.channels.0.cpa",
      "--target",
      "unit.ltv_to_cac=0.1",
      "--format",
      "md",
    ]);
    expect(other.stdout).toContain(LINE_30);
  });
});

describe("one share swept or solved for alone", () => {
  // two-channels.yaml: ads 0.5 and video 0.5. Any other ads share, video's kept, breaks the sum of 1.
  const HINT =
    "a channel's share moves only with the other channels', since their shares sum to 1: with the others as given, acquisition.channels.ads.share can only be 0.5; set every channel's share with --set, one run per split, or see sensitivity, which moves a share with the others in proportion, and optimize, which finds the best split";

  it("sweep stops at the first point with the rule, the value and what to do", async () => {
    const run = await runInProcess(["sweep", TWO, "--vary", "acquisition.channels.ads.share=0.2,0.5"]);
    expect(run.code).toBe(2);
    // 0.2 + 0.5 = 0.7; the list's first item is at line 9, column 5 of the file
    expect(run.stderr).toBe(
      `${TWO}:9:5  acquisition.channels: channel shares must sum to 1, found 0.7 (after --vary acquisition.channels.ads.share=0.2; ${HINT})\n`,
    );
  });

  it("solve says every value breaks the sum, instead of trying another range", async () => {
    const argv = ["solve", TWO, "--for", "acquisition.channels.ads.share", "--target", "unit.cac_blended=12"];
    const run = await runInProcess([...argv, "--format", "md"]);
    expect(run.code).toBe(0);
    // the default range: 0.5 / 100 .. x 100, within (0, 1]
    expect(run.stdout).toContain("- no solution in \\[0.005, 1\\]: every value breaks the rule that channel shares sum to 1\n");
    expect(run.stdout).toContain(`- ${HINT}\n`);
    expect(run.stdout).not.toContain("try another --range");
    expect((await runJson(argv, null)).solution).toBeNull();
  });

  it("a range the format rejects keeps its own message", async () => {
    const argv = ["solve", TWO, "--for", "acquisition.channels.ads.share", "--target", "unit.cac_blended=12", "--range", "2..3"];
    const run = await runInProcess([...argv, "--format", "md"]);
    expect(run.stdout).toContain("no value in the range gives a valid scenario\n- try another --range lo..hi\n");
  });
});
