import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Loose, runBuilt, runInProcess, runJson } from "../helpers/cli.js";
import { parseCsv } from "../helpers/csv.js";

/**
 * `sensitivity` on the what-if fixtures, worked by hand (see their comments):
 * one-channel.yaml has cac = CPA = 10, N = 30,000 / CPA, inference per user
 * 0.01 × Σ_{a<30} R(a) = 0.01 × (1 + 29 × 0.5) = 0.155, training per user 3,000 / N.
 */
const ONE = "tests/fixtures/whatif/one-channel.yaml";
const TWO = "tests/fixtures/whatif/two-channels.yaml";

const rowOf = (report: Loose, input: string) => report.inputs.find((row: Loose) => row.input === input);

/** model.md: R(a) joined in log-log space between (1, d1) and (7, d7), the last segment extended. */
function retentionSum(d1: number, d7: number, lifetime: number): number {
  let sum = 1;
  for (let a = 1; a < lifetime; a++) sum += Math.exp(Math.log(d1) + ((Math.log(d7) - Math.log(d1)) * Math.log(a)) / Math.log(7));
  return sum;
}

describe("sensitivity: effects worked by hand", () => {
  it("moves cac_blended by exactly ±20 % through the CPA, and not at all through tokens", async () => {
    const report = await runJson(["sensitivity", ONE, "--metric", "unit.cac_blended"]);
    expect(report.metric).toBe("unit.cac_blended");
    expect(report.delta).toBe(0.2);
    expect(report.base).toEqual({ metric: 10, ladder_holds: true, ladder_order: ["inference", "training", "acquisition"] });
    const [top, ...rest] = report.inputs;
    expect(top.rank).toBe(1);
    expect(top.input).toBe("acquisition.channels.ads.cpa");
    expect(top.value).toBe(10);
    expect(top.low).toMatchObject({
      value: 8,
      metric: expect.closeTo(8, 12),
      change: expect.closeTo(-2, 12),
      change_pct: expect.closeTo(-20, 10),
      ladder_holds: true,
      invalid: null,
    });
    expect(top.high).toMatchObject({
      value: 12,
      metric: expect.closeTo(12, 12),
      change: expect.closeTo(2, 12),
      change_pct: expect.closeTo(20, 10),
    });
    expect(top.effect).toBeCloseTo(2, 12);
    const tokens = rowOf(report, "tokens.input");
    expect([tokens.low.change, tokens.high.change]).toEqual([0, 0]);
    // With one channel, no organic installs and no cost drift, nothing else moves the CAC.
    for (const row of rest) expect(row.effect ?? 0, row.input).toBeCloseTo(0, 12);
  });

  it("ranks inputs by the larger change of inference per user, each effect as worked out", async () => {
    const report = await runJson(["sensitivity", ONE, "--metric", "unit.inference_per_user"]);
    const base = 0.155;
    // Serving scales with sessions, input tokens and their price: ±20 % of 0.155 = 0.031.
    // The horizon is the lifetime: 24 days give 0.01 × (1 + 23 × 0.5) = 0.125, 36 give 0.185: 0.03.
    // d1 x0.8 = 0.4 < d7 and d7 x1.2 = 0.6 > d1 are invalid (retention would rise); the
    // other sides bend the log-log curve. Nothing else moves what serving a user costs.
    const expected: Record<string, number> = {
      "usage.sessions_per_dau": 0.031,
      "tokens.input": 0.031,
      "inference.price.input": 0.031,
      horizon_days: 0.03,
      "retention.d1": Math.abs(0.01 * retentionSum(0.6, 0.5, 30) - base),
      "retention.d7": Math.abs(0.01 * retentionSum(0.5, 0.4, 30) - base),
    };
    const effects = report.inputs.map((row: Loose) => row.effect);
    for (const row of report.inputs) expect(row.effect, row.input).toBeCloseTo(expected[row.input] ?? 0, 12);
    // Largest first, every input of the file that is not zero listed once.
    for (let i = 1; i < effects.length; i++) expect(effects[i - 1]).toBeGreaterThanOrEqual(effects[i]);
    expect(report.inputs.map((row: Loose) => row.input).sort()).toEqual(
      [
        "horizon_days",
        "acquisition.daily_budget",
        "acquisition.channels.ads.cpa",
        "retention.d1",
        "retention.d7",
        "usage.sessions_per_dau",
        "usage.turns_per_session",
        "tokens.input",
        "inference.price.input",
        "training.runs.base model.cost",
        "revenue.arpdau",
      ].sort(),
    );
    // d7 x0.8 costs more than 20 % of serving (≈ 0.0345), so it leads; the horizon is after the three at 0.031.
    expect(report.inputs[0].input).toBe("retention.d7");
    expect(report.inputs[4].input).toBe("horizon_days");
    // Ties at no effect keep the file's order.
    expect(report.inputs.slice(-5).map((row: Loose) => row.input)).toEqual([
      "acquisition.daily_budget",
      "acquisition.channels.ads.cpa",
      "usage.turns_per_session",
      "training.runs.base model.cost",
      "revenue.arpdau",
    ]);
  });

  it("reports a move that breaks a rule as an invalid side, and exits 0", async () => {
    const report = await runJson(["sensitivity", ONE]);
    const d1 = rowOf(report, "retention.d1");
    expect(d1.low).toMatchObject({ value: 0.4, metric: null, change: null, ladder_holds: null });
    expect(d1.low.invalid).toBe("retention never rises: d7 (0.5) is above d1 (0.4)");
    expect(d1.high.invalid).toBeNull();
    // A rate cannot pass 1.
    const capped = await runJson(["sensitivity", ONE, "--set", "retention.d1=1", "--metric", "unit.cac_blended"]);
    expect(rowOf(capped, "retention.d1").high.invalid).toMatch(/expected a number <= 1, found 1\.2/);
  });

  it("leaves out zeros, the expect block and a lone channel's share, saying why", async () => {
    const report = await runJson([
      "sensitivity",
      ONE,
      "--set",
      "acquisition.channels.0.share=1",
      "--set",
      "expect.max.unit.cac_blended=20",
    ]);
    const skipped = Object.fromEntries(report.skipped.map((input: Loose) => [input.input, input.reason]));
    expect(skipped["acquisition.channels.ads.share"]).toBe("a lone channel takes all the spend: its share is always 1");
    expect(skipped["tokens.output"]).toBe("0: a relative move leaves it at 0");
    expect(skipped["acquisition.organic_ratio"]).toBe("0: a relative move leaves it at 0");
    expect(report.inputs.some((row: Loose) => row.input.startsWith("expect."))).toBe(false);
    expect(report.skipped.some((input: Loose) => input.input.startsWith("expect."))).toBe(false);
  });

  it("does not move a value YAML aliases share, and moves an alias on its own", async () => {
    // d7: *r shares d1's 0.5; setting d1 alone would leave *r pointing at nothing.
    const text = readFileSync(ONE, "utf8").replace("  d1: 0.5", "  d1: &r 0.5").replace("  d7: 0.5", "  d7: *r");
    const run = await runInProcess(["sensitivity", "-", "--metric", "unit.inference_per_user", "-f", "json"], { stdin: text });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.skipped).toContainEqual({
      input: "retention.d1",
      value: 0.5,
      reason: "shared through the YAML anchor &r: moving it alone would orphan its aliases",
    });
    // d7 x0.8 = 0.4 as in the plain file, so every later move is still valid
    const plain = await runJson(["sensitivity", ONE, "--metric", "unit.inference_per_user"]);
    expect(rowOf(report, "retention.d7")).toEqual(rowOf(plain, "retention.d7"));
    expect(rowOf(report, "usage.sessions_per_dau")).toEqual(rowOf(plain, "usage.sessions_per_dau"));
  });

  it("moves a share with the other channels' shares scaled to keep the sum at 1", async () => {
    // CPA0 = 1 / (s / 10 + (1 - s) / 40): ads 0.4 (video 0.6) -> 1 / 0.055 = 18.18; ads 0.6 -> 1 / 0.07 = 14.29
    const report = await runJson(["sensitivity", TWO, "--metric", "unit.cac_blended"]);
    const ads = rowOf(report, "acquisition.channels.ads.share");
    expect(ads.low.value).toBeCloseTo(0.4, 15);
    expect(ads.low.metric).toBeCloseTo(1 / 0.055, 10);
    expect(ads.high.metric).toBeCloseTo(1 / 0.07, 10);
    const video = rowOf(report, "acquisition.channels.video.share");
    expect(video.low.metric).toBeCloseTo(1 / 0.07, 10);
    expect(video.high.metric).toBeCloseTo(1 / 0.055, 10);
    // CPA 10 -> 8: 1 / (0.0625 + 0.0125) = 13.33; -> 12: 1 / (0.5 / 12 + 0.0125) = 18.46
    const cpa = rowOf(report, "acquisition.channels.ads.cpa");
    expect(cpa.low.metric).toBeCloseTo(1 / 0.075, 10);
    expect(cpa.high.metric).toBeCloseTo(1 / (0.5 / 12 + 0.0125), 10);
  });

  it("sets each input back before moving the next: every side equals a run with that one --set", async () => {
    const report = await runJson(["sensitivity", ONE, "--metric", "unit.training_per_user"]);
    // training cost x1.2: 3,600 / 3,000 installs = 1.2 per user
    expect(rowOf(report, "training.runs.base model.cost").high.metric).toBeCloseTo(1.2, 12);
    const sides = report.inputs.flatMap((row: Loose) =>
      [row.low, row.high].filter((side) => side.invalid === null).map((side) => [row.input, side]),
    );
    expect(sides.length).toBeGreaterThan(15);
    for (const [input, side] of sides) {
      const alone = await runJson(["run", ONE, "--set", `${input}=${side.value}`]);
      expect(side.metric, `${input}=${side.value}`).toBe(alone.unit.training_per_user);
      expect(side.ladder_holds).toBe(alone.ladder.holds);
    }
  });
});

describe("sensitivity: the ladder's verdict", () => {
  // Training of 27,000 over 3,000 installs is 9 a user, just under the CAC of 10.
  const NEAR = ["sensitivity", ONE, "--set", "training.runs.0.cost=27000", "--metric", "unit.training_per_user"];

  it("marks the sides where it changes: training x1.2, budget x0.8 and horizon x0.8 put training above the CAC", async () => {
    const report = await runJson(NEAR);
    const flips = report.inputs.flatMap((row: Loose) =>
      [
        ["low", row.low],
        ["high", row.high],
      ]
        .filter(([, side]) => side.ladder_holds === false)
        .map(([name]) => `${row.input} ${name}`),
    );
    // cost 32,400 / 3,000 = 10.8 > 10; budget 800: 27,000 / 2,400 = 11.25; horizon 24 days: 2,400 installs, 11.25.
    // CPA 12 gives 10.8 too, but the CAC is then 12: it still holds.
    expect(flips.sort()).toEqual(["acquisition.daily_budget low", "horizon_days low", "training.runs.base model.cost high"]);
    const cost = rowOf(report, "training.runs.base model.cost");
    expect(cost.high.ladder_order).toEqual(["inference", "acquisition", "training"]);
  });

  it("shows them in the table with ! and a line each", async () => {
    // Wide enough that the note's line is not wrapped.
    const run = await runInProcess(NEAR, { columns: 120 });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("The ladder's verdict changes:");
    expect(run.stdout).toContain(
      "! training.runs.base model.cost x1.2 = 32,400: the ladder does not hold (inference < acquisition < training)",
    );
    expect(run.stdout).toMatch(/│ training\.runs\.base model\.cost +│ +27,000 │ +\$7\.20 │ +\$10\.80 ! │/);
  });
});

describe("sensitivity: formats", () => {
  it("table: the tornado sorted, with the bars and legend", async () => {
    const run = await runInProcess(["sensitivity", ONE, "--metric", "unit.cac_blended"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("Sensitivity of unit.cac_blended to each input moved ±20% (x0.8 and x1.2), largest effect first");
    expect(lines[2]).toBe("unit.cac_blended as given: $10.00; the ladder holds");
    expect(run.stdout).toContain("░ input x0.8, █ input x1.2");
    // The CPA row: the bar fills both halves (it has the largest effect).
    const cpa = lines.find((line) => line.includes("acquisition.channels.ads.cpa"))!;
    expect(cpa).toMatch(/│ +1 │ acquisition\.channels\.ads\.cpa +│ +10 │ +\$8\.00 │ +\$12\.00 │ ░+│█+ │/);
    const [left, right] = cpa
      .split("│")
      .slice(-3, -1)
      .map((cell) => cell.trim().length);
    expect(left).toBe(right);
    expect(run.stdout).toContain("The ladder's verdict is the same at every move.");
    expect(run.stdout).toContain("Not moved:");
  });

  it("CSV: one row per input in rank order, the same numbers as JSON", async () => {
    const [csv, report] = await Promise.all([runInProcess(["sensitivity", TWO, "-f", "csv"]), runJson(["sensitivity", TWO])]);
    const [header, ...rows] = parseCsv(csv.stdout);
    expect(header).toEqual([
      "rank",
      "input",
      "value",
      ...["low", "high"].flatMap((side) =>
        ["value", "metric", "change", "change_pct", "ladder_holds", "ladder_order", "invalid"].map((key) => `${side}.${key}`),
      ),
      "effect",
    ]);
    expect(rows.map((row) => row[1])).toEqual(report.inputs.map((row: Loose) => row.input));
    expect(Number(rows[0]![header!.indexOf("high.metric")])).toBe(report.inputs[0].high.metric);
    expect(rows[0]![header!.indexOf("low.ladder_order")]).toBe("inference < training < acquisition");
  });

  it("Markdown: a heading, the table with the bar in code, the notes", async () => {
    const run = await runInProcess(["sensitivity", ONE, "--delta", "10%", "-f", "md"]);
    expect(run.stdout).toMatch(/^## Sensitivity of totals\.total to each input moved ±10% \(x0\.9 and x1\.1\), largest effect first\n/);
    expect(run.stdout).toContain("| \\# | input | as given | at x0.9 | at x1.1 | tornado |");
    expect(run.stdout).toMatch(/\| 1 \| \S+ \| .* \| `[ ░█]+│[ ░█]+` \|/);
  });

  it("writes --output atomically and refuses to replace a file without --force", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "llm-cac-sensitivity-")), "tornado.json");
    expect((await runInProcess(["sensitivity", ONE, "-f", "json", "-o", out])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).metric).toBe("totals.total");
    writeFileSync(out, "keep");
    expect((await runInProcess(["sensitivity", ONE, "-o", out])).code).toBe(2);
    expect(readFileSync(out, "utf8")).toBe("keep");
    expect((await runInProcess(["sensitivity", ONE, "-o", out, "--force"])).code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("Sensitivity of totals.total");
  });
});

describe("sensitivity: bad usage exits 2", () => {
  const cases: [string[], RegExp][] = [
    [["--delta", "0"], /^llm-cac: --delta 0: expected a number between 0 and 1, e\.g\. 0\.2 \(or 20%\) for ±20 %\n$/],
    [["--delta", "1"], /--delta 1: expected a number between 0 and 1/],
    [["--delta", "20"], /--delta 20: expected a number between 0 and 1/],
    [["--delta", "-0.2"], /--delta -0\.2: expected a number between 0 and 1/],
    [["--delta", "lots"], /--delta lots: expected a number between 0 and 1/],
    [["--metric", "cac_blended"], /^llm-cac: --metric: unknown metric "cac_blended"\nhint: did you mean "unit\.cac_blended"\?\n$/],
    [["--metric", "ladder.holds"], /--metric ladder\.holds: sensitivity ranks inputs by how far they move a number/],
    // The hints offer only what sensitivity accepts: numbers, never the verdict it refuses.
    [
      ["--metric", "ladder.hold"],
      /^llm-cac: --metric: unknown metric "ladder\.hold"\nhint: metrics are dotted paths of `llm-cac run --format json`, e\.g\. unit\.cac_blended, totals\.inference\n$/,
    ],
    [
      ["--metric", "holds"],
      /^llm-cac: --metric: unknown metric "holds"\nhint: metrics are dotted paths of `llm-cac run --format json`, e\.g\. unit\.cac_blended, totals\.inference\n$/,
    ],
    [
      ["--metric", "qqqqqqqqqq"],
      /^llm-cac: --metric: unknown metric "qqqqqqqqqq"\nhint: metrics are dotted paths of `llm-cac run --format json`, e\.g\. unit\.cac_blended, totals\.inference\n$/,
    ],
    [["--set", "usage.turns=2"], /--set usage\.turns=2: unknown key "turns" in usage/],
  ];
  for (const [argv, message] of cases) {
    it(argv.join(" "), async () => {
      const run = await runInProcess(["sensitivity", ONE, ...argv]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(message);
    });
  }

  it("a missing file", async () => {
    const run = await runInProcess(["sensitivity", "no-such.yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^no-such\.yaml: /);
  });
});

describe("sensitivity, built", () => {
  it("prints the JSON tornado and exits 0; a bad --delta exits 2", () => {
    const run = runBuilt(["sensitivity", ONE, "--metric", "unit.cac_blended", "--format", "json"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout).inputs[0].input).toBe("acquisition.channels.ads.cpa");
    const bad = runBuilt(["sensitivity", ONE, "--delta", "2"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--delta 2: expected a number between 0 and 1");
  });
});
