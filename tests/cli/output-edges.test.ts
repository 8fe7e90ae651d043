import { readFileSync } from "node:fs";
import { join } from "node:path";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { terminalColumns } from "../../src/cli/io.js";
import { ROOT, runBuilt, runInProcess, runJson } from "../helpers/cli.js";

/**
 * Issue 13, "Output that reads right": output at the edges (a one-day horizon, figures
 * that are missing for different reasons). tests/fixtures/whatif/one-channel.yaml is
 * worked by hand in its comments: $10 CPA, ltv 1.55, training $3,000, inference $0.01 a
 * day per active user, 30 days.
 */
const ONE = "tests/fixtures/whatif/one-channel.yaml";
const oneText = readFileSync(join(ROOT, ONE), "utf8");
/** The same scenario without one top-level block (`revenue:`, `training:`). */
const without = (block: string) => oneText.replace(new RegExp(`^${block}:\\n(?:  .*\\n)+`, "m"), "");

/** The value cell of a table row by its label: `│ Payback │ never ... │`. */
function tableCell(stdout: string, label: string): string {
  const line = stdout.split("\n").find((text) => text.startsWith(`│ ${label} `));
  if (line === undefined) throw new Error(`no row ${label}`);
  return line.split("│")[2]!.trim();
}

/** The value cell of a Markdown table row by its label: `| Payback | never ... |`. */
function mdCell(stdout: string, label: string): string {
  const line = stdout.split("\n").find((text) => text.startsWith(`| ${label} |`));
  if (line === undefined) throw new Error(`no row ${label}`);
  return line.split("|")[2]!.trim();
}

describe("a missing figure says why (issue 13, 20)", () => {
  it("a milestone not reached within the horizon or lifetime reads never, in the table and in md", async () => {
    // Payback: the whole lifetime's margin is ltv = 1.55 < CAC 10, so it is never reached.
    // Inference: the most it could reach is 30 days x 1,550 DAU x $0.01 = $465 < training $3,000
    // and < acquisition $30,000, so neither crossing happens within the 30 days.
    for (const format of ["table", "md"] as const) {
      const { code, stdout } = await runInProcess(["run", ONE, "--format", format]);
      expect(code).toBe(0);
      const cell = format === "table" ? tableCell : mdCell;
      expect(cell(stdout, "Payback")).toBe("never (within lifetime)");
      expect(cell(stdout, "Inference passes training")).toBe("never (within 30 d)");
      expect(cell(stdout, "Inference passes acquisition")).toBe("never (within 30 d)");
    }
  });

  it("a figure without its data says which data, in the table and in md", async () => {
    for (const format of ["table", "md"] as const) {
      const cell = format === "table" ? tableCell : mdCell;
      const noRevenue = await runInProcess(["run", "-", "--format", format], { stdin: without("revenue") });
      expect(noRevenue.code).toBe(0);
      expect(cell(noRevenue.stdout, "Payback")).toBe("n/a (no revenue)");
      expect(cell(noRevenue.stdout, "LTV (revenue - serving)")).toBe("n/a (no revenue)");
      const noTraining = await runInProcess(["run", "-", "--format", format], { stdin: without("training") });
      expect(noTraining.code).toBe(0);
      expect(cell(noTraining.stdout, "Inference passes training")).toBe("n/a (no training)");
    }
  });

  it("JSON keeps null for both kinds of missing", async () => {
    const reached = await runJson(["run", ONE]);
    expect(reached.unit.payback_day).toBeNull();
    expect(reached.milestones.inference_overtakes_training_day).toBeNull();
    const run = await runInProcess(["run", "-", "--format", "json"], { stdin: without("revenue") });
    expect(JSON.parse(run.stdout).unit.payback_day).toBeNull();
  });
});

describe("a one-day horizon reads as one day (issue 13, 18)", () => {
  it("says 1 day, never 1 days, and its chart covers day 0 alone", async () => {
    const { code, stdout } = await runInProcess(["run", ONE, "--set", "horizon_days=1", "--timeline", "day"], { columns: 80 });
    expect(code).toBe(0);
    expect(stdout).toContain("(USD, 1 day, ");
    expect(stdout).not.toMatch(/\b1 days\b/);
    expect(stdout).toContain("Cumulative spend (USD), day 0\n");
    expect(stdout).not.toContain("day 1");
    expect(stdout).toMatch(/start of day 0 +end of day 0/);
  });

  it("says 1 day in every report's heading", async () => {
    const argv = (command: string[]) => [...command, "--set", "horizon_days=1"];
    for (const command of [["run", "--format", "md"], ["sensitivity"], ["sweep", "--vary", "tokens.output=1,2"], ["compare", ONE]]) {
      const [name, ...rest] = command;
      const { stdout } = await runInProcess(argv([name!, ONE, ...rest]));
      expect(stdout, command.join(" ")).toMatch(/\b1 day\b/);
      expect(stdout, command.join(" ")).not.toMatch(/\b1 days\b/);
    }
  });
});

describe("sensitivity shows an input as the file gives it (issue 13, 19)", () => {
  const DEFAULT = "data/scenarios/default.yaml";

  it("money written as text keeps its text, not the converted number", async () => {
    // default.yaml: gpu_hour_price: "$2" in a CNY scenario with fx USD 7.2, resolved to 2 x 7.2 = 14.4;
    // daily_budget: "20万" resolved to 200,000.
    const wide = await runInProcess(["sensitivity", DEFAULT], { columns: 160 });
    expect(wide.code).toBe(0);
    expect(wide.stdout).toMatch(/│ training\.runs\.pre-training\.gpu_hour_price +│ +\$2 │/);
    expect(wide.stdout).toMatch(/│ acquisition\.daily_budget +│ +20万 │/);
    expect(wide.stdout).not.toMatch(/gpu_hour_price +│ +14\.4 │/);
    const narrow = await runInProcess(["sensitivity", DEFAULT], { columns: 80 });
    expect(narrow.stdout).toContain("training.runs.pre-training.gpu_hour_price  (as given $2)");
    const md = await runInProcess(["sensitivity", DEFAULT, "--format", "md"]);
    // Markdown escapes the underscores of the name.
    expect(md.stdout).toMatch(/\| training\.runs\.pre-training\.gpu\\_hour\\_price \| \$2 \|/);
  });

  it("JSON keeps the resolved number", async () => {
    const report = await runJson(["sensitivity", "data/scenarios/default.yaml"]);
    const row = report.inputs.find((input: { input: string }) => input.input === "training.runs.pre-training.gpu_hour_price");
    expect(row.value).toBeCloseTo(14.4, 12);
  });

  it("a money input written as text shows as written beside the metric at each move", async () => {
    // one-channel.yaml's CPA written as "$10": cac_blended = CPA, so x0.8 is $8.00 and x1.2 is $12.00.
    const text = oneText.replace("cpa: 10", 'cpa: "$10"');
    const run = await runInProcess(["sensitivity", "-", "--metric", "unit.cac_blended"], { stdin: text, columns: 160 });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/│ acquisition\.channels\.ads\.cpa +│ +\$10 │ +\$8\.00 │ +\$12\.00 │/);
  });
});

describe("fits 80 columns (issue 13, 17)", () => {
  const presets = ["default", "deepseek-2025", "doubao-2024", "frontier-lab", "kb-chat", "kimi-2024"].map(
    (name) => `data/scenarios/${name}.yaml`,
  );
  const commands: string[][] = [
    ["models"],
    ["models", "deepseek-chat"],
    ["sensitivity", "data/scenarios/default.yaml"],
    ["sensitivity", "tests/fixtures/whatif/two-channels.yaml"],
    ["sweep", "data/scenarios/default.yaml", "--vary", "tokens.context=0..20000:5000"],
    ["sweep", "data/scenarios/default.yaml", "--vary", "tokens.context=0..20000:5000", "--vary", "acquisition.channels.0.cpa=10..30:5"],
    ["run", "--timeline", "month"],
    ["run", ...presets],
    ["run", ...presets, "--timeline", "month"],
    ["compare", "data/scenarios/default.yaml", "data/scenarios/kimi-2024.yaml", "data/scenarios/doubao-2024.yaml"],
    ["solve", "data/scenarios/default.yaml", "--for", "acquisition.channels.0.cpa", "--target", "unit.ltv_to_cac=3"],
    ["--help"],
    ...["run", "check", "init", "schema", "models", "compare", "sweep", "solve", "sensitivity"].map((command) => [command, "--help"]),
  ];

  it.each(commands.map((argv) => [argv.join(" "), argv] as const))("%s", async (_name, argv) => {
    const { code, stdout } = await runInProcess([...argv], { columns: 80 });
    expect(code).toBe(0);
    const tooWide = stdout.split("\n").filter((line) => stringWidth(line) > 80);
    expect(tooWide).toEqual([]);
  });

  it("several scenarios are columns #1, #2, ... named in their headings, as compare labels them", async () => {
    const { stdout } = await runInProcess(["run", ...presets], { columns: 80 });
    for (const [index, file] of presets.entries())
      expect(stdout).toMatch(new RegExp(`^#${index + 1} {2}.*${file.split("/").pop()!.replace(".", "\\.")}|^#${index + 1} {2}`, "m"));
    expect(stdout).toMatch(/│ Totals over the horizon +│ +#1 │/);
  });

  it("uses the width it is given: a wide terminal keeps one table", async () => {
    const narrow = await runInProcess(["run", "--timeline", "month"], { columns: 80 });
    const wide = await runInProcess(["run", "--timeline", "month"], { columns: 200 });
    const headers = (text: string) => text.split("\n").filter((line) => line.startsWith("│ Timeline ")).length;
    expect(headers(narrow.stdout)).toBeGreaterThan(1);
    expect(headers(wide.stdout)).toBe(1);
  });
});

describe("terminalColumns: COLUMNS when piped, the TTY's width on a terminal", () => {
  it.each([
    [undefined, undefined, 80],
    [undefined, "120", 120],
    [undefined, " 60 ", 60],
    [undefined, "0", 80],
    [undefined, "-5", 80],
    [undefined, "wide", 80],
    [132, "60", 132],
    [0, "60", 60],
  ] as const)("tty %s, COLUMNS %s -> %i", (tty, variable, expected) => {
    expect(terminalColumns(tty, variable)).toBe(expected);
  });
});

describe("the built binary honours COLUMNS when piped (issue 13, 17)", () => {
  it("lays a report out for COLUMNS, and for 80 columns without it", () => {
    const headers = (text: string) => text.split("\n").filter((line) => line.startsWith("│ Timeline ")).length;
    const narrow = runBuilt(["run", "--timeline", "month"], { env: { COLUMNS: "60" } });
    expect(narrow.code).toBe(0);
    expect(narrow.stdout.split("\n").filter((line) => stringWidth(line) > 60)).toEqual([]);
    const wide = runBuilt(["run", "--timeline", "month"], { env: { COLUMNS: "200" } });
    expect(headers(wide.stdout)).toBe(1);
    const unset = runBuilt(["run", "--timeline", "month"]);
    expect(unset.stdout.split("\n").filter((line) => stringWidth(line) > 80)).toEqual([]);
    expect(headers(unset.stdout)).toBeGreaterThan(1);
  });
});
