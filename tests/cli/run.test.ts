import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runBuilt, runInProcess } from "../helpers/cli.js";
import { parseCsv } from "../helpers/csv.js";

const ONE_CHANNEL = "tests/fixtures/run/one-channel.yaml";
const CNY = "tests/fixtures/run/cny-money.yaml";

/** Every number in a JSON text, to check none is NaN or Infinity (which JSON cannot hold). */
function assertPlainJson(text: string): unknown {
  expect(text).not.toMatch(/NaN|Infinity/);
  return JSON.parse(text);
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "llm-cac-test-"));
}

describe("run --format json", () => {
  it("gives the figures of a scenario worked out by hand", async () => {
    const { code, stdout, stderr } = await runInProcess(["run", ONE_CHANNEL, "--format", "json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = assertPlainJson(stdout) as Record<string, any>;
    // 10 days at $100 a day, CPA $10: 10 paid installs a day, 100 in all, no organic.
    expect(result.totals.acquisition).toBe(1000);
    expect(result.totals.installs).toBeCloseTo(100, 9);
    expect(result.unit.cac_blended).toBeCloseTo(10, 9);
    expect(result.unit.cac_paid).toBeCloseTo(10, 9);
    // One turn of 1M input tokens at $1 per million, no history: $1 a session, one a day.
    expect(result.unit.cost_per_session).toBe(1);
    expect(result.unit.serve_per_dau_day).toBe(1);
    // Retention is flat at 0.5 from d1 to d7 and beyond (a flat log-log line), R(0) = 1,
    // so a user costs 1 + 0.5 * 9 = $5.5 over the 10-day lifetime.
    expect(result.unit.inference_per_user).toBeCloseTo(5.5, 9);
    // Training $1,000 over 100 installs, useful life = horizon: $10 a user.
    expect(result.unit.training_per_user).toBeCloseTo(10, 9);
    // DAU(t) = 10 (today's installs) + 0.5 * 10 * t (earlier cohorts); Σ_{t<10} = 100 + 5 * 45 = 325.
    expect(result.totals.inference).toBeCloseTo(325, 9);
    expect(result.totals.total).toBeCloseTo(1000 + 325 + 1000, 9);
    // 5.5 < 10 = 10: training equals acquisition, so the strict ladder does not hold.
    expect(result.ladder.holds).toBe(false);
    expect(result.ladder.order).toEqual(["inference", "training", "acquisition"]);
    expect(result.totals.revenue).toBeNull();
    expect(result.unit.ltv).toBeNull();
    expect(result.schema_version).toBe(2);
    expect(result.scenario).toEqual({ name: "One channel, by hand", file: ONE_CHANNEL, currency: "USD", horizon_days: 10 });
    expect(Object.keys(result)).toEqual(["schema_version", "scenario", "totals", "unit", "ladder", "milestones", "channels"]);
  });

  it("converts money strings in Chinese units and other currencies", async () => {
    const { code, stdout } = await runInProcess(["run", CNY, "--format", "json"]);
    expect(code).toBe(0);
    const result = assertPlainJson(stdout) as Record<string, any>;
    // "1万元" = ¥10,000 a day for 30 days; "$10k" at 7.2 = ¥72,000 of training.
    expect(result.totals.acquisition).toBe(300_000);
    expect(result.totals.training).toBeCloseTo(72_000, 6);
    expect(result.channels[0].cpa).toBe(30);
    // Turn k of 5 resends k-1 turns of 400 tokens after the 500-token system prompt:
    // IN = 5 * (500 + 100) + 400 * (0+1+2+3+4) = 3,000 + 4,000 = 7,000; OUT = 5 * 300 = 1,500.
    // Cost = (7,000 * 0.8 + 1,500 * 0.5 * 7.2) / 1e6 = (5,600 + 5,400) / 1e6 = ¥0.011.
    expect(result.unit.tokens_per_session).toEqual({ input: 7000, cached_input: 0, output: 1500, reasoning: 0 });
    expect(result.unit.cost_per_session).toBeCloseTo(0.011, 12);
  });

  it("prints an array for several files, in the order given", async () => {
    const { code, stdout } = await runInProcess(["run", ONE_CHANNEL, CNY, "--format", "json"]);
    expect(code).toBe(0);
    const results = assertPlainJson(stdout) as Array<Record<string, any>>;
    expect(results.map((result) => result.scenario.file)).toEqual([ONE_CHANNEL, CNY]);
  });

  it("adds a timeline whose periods add up to the totals", async () => {
    const { stdout } = await runInProcess(["run", CNY, "--format", "json", "--timeline", "day"]);
    const result = assertPlainJson(stdout) as Record<string, any>;
    expect(result.timeline).toHaveLength(30);
    const sum = (key: string) => result.timeline.reduce((total: number, row: Record<string, number>) => total + row[key]!, 0);
    expect(sum("acquisition")).toBeCloseTo(result.totals.acquisition, 6);
    expect(sum("inference")).toBeCloseTo(result.totals.inference, 6);
    expect(sum("installs")).toBeCloseTo(result.totals.installs, 6);
    const months = assertPlainJson((await runInProcess(["run", CNY, "--format", "json", "--timeline", "month"])).stdout) as Record<
      string,
      any
    >;
    // 30 days make exactly one month.
    expect(months.timeline).toHaveLength(1);
    expect(months.timeline[0].cumulative_total).toBeCloseTo(result.totals.total, 6);
  });

  it("runs the bundled default scenario without a file, with every figure finite", async () => {
    const { code, stdout } = await runInProcess(["run", "--format", "json"]);
    expect(code).toBe(0);
    const result = assertPlainJson(stdout) as Record<string, any>;
    expect(result.scenario.file).toBe("data/scenarios/default.yaml");
    expect(result.totals.total).toBeCloseTo(result.totals.acquisition + result.totals.inference + result.totals.training, 6);
    // The default puts the three rungs in the order the README describes.
    expect(result.ladder.holds).toBe(true);
  });

  it("reads a scenario from stdin with -", async () => {
    const text = readFileSync(join(ROOT, ONE_CHANNEL), "utf8");
    const { code, stdout } = await runInProcess(["run", "-", "--format", "json"], { stdin: text });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as Record<string, any>).scenario.file).toBe("<stdin>");
  });
});

describe("run --format csv", () => {
  it("has a header of dotted paths and one RFC 4180 row per scenario", async () => {
    const { code, stdout } = await runInProcess(["run", ONE_CHANNEL, CNY, "--format", "csv"]);
    expect(code).toBe(0);
    expect(stdout.endsWith("\r\n")).toBe(true);
    const [columns, ...rows] = parseCsv(stdout) as [string[], ...string[][]];
    expect(columns.slice(0, 3)).toEqual(["schema_version", "scenario.name", "scenario.file"]);
    expect(columns).toContain("unit.cac_blended");
    expect(columns).toContain("ladder.holds");
    expect(rows).toHaveLength(2);
    const acquisition = columns.indexOf("totals.acquisition");
    expect(rows[0]![acquisition]).toBe("1000");
    expect(rows[0]![1]).toBe("One channel, by hand");
    expect(rows.every((row) => row.length === columns.length)).toBe(true);
    // null figures are empty cells, not "null" or "n/a".
    const revenue = columns.indexOf("totals.revenue");
    expect(rows[0]![revenue]).toBe("");
  });

  it("gives unit.serving_price its four columns whether a scenario has one route or several", async () => {
    // default.yaml prices one route (serving_price: the day-0 prices); deepseek-2025 routes its
    // sessions (serving_price null). The metric paths are the leaves either way (cli.md: CSV
    // headers are the dotted metric paths), so a script finds unit.serving_price.input in both.
    const presets = ["data/scenarios/default.yaml", "data/scenarios/deepseek-2025.yaml"];
    for (const files of [presets, [...presets].reverse()]) {
      const { code, stdout } = await runInProcess(["run", ...files, "--format", "csv"]);
      expect(code).toBe(0);
      const [columns, ...rows] = parseCsv(stdout) as [string[], ...string[][]];
      expect(columns.filter((column) => column.startsWith("unit.serving_price"))).toEqual([
        "unit.serving_price.input",
        "unit.serving_price.cached_input",
        "unit.serving_price.output",
        "unit.serving_price.reasoning",
      ]);
      const input = columns.indexOf("unit.serving_price.input");
      // default.yaml's input price is ¥0.8 per 1M; the routed preset's cell is empty (null).
      const byFile = new Map(rows.map((row) => [row[columns.indexOf("scenario.file")]!, row[input]]));
      expect(byFile.get(presets[0]!)).toBe("0.8");
      expect(byFile.get(presets[1]!)).toBe("");
    }
  });

  it("quotes a field with a comma or a quote", async () => {
    const text = readFileSync(join(ROOT, ONE_CHANNEL), "utf8").replace("name: One channel, by hand", "name: 'Say \"hi\", then buy'");
    const { stdout } = await runInProcess(["run", "-", "--format", "csv"], { stdin: text });
    expect(stdout.split("\r\n")[1]).toContain('"Say ""hi"", then buy"');
    expect(parseCsv(stdout)[1]![1]).toBe('Say "hi", then buy');
  });

  it("gives one row per period with --timeline", async () => {
    const { stdout } = await runInProcess(["run", CNY, "--format", "csv", "--timeline", "day"]);
    const lines = stdout.trimEnd().split("\r\n");
    // A header and 30 days.
    expect(lines).toHaveLength(31);
    expect(lines[0]!.startsWith("scenario.name,scenario.file,scenario.currency,period,start_day,end_day")).toBe(true);
  });
});

describe("run --format table and md", () => {
  it("shows the ladder first, then totals, with currency, separators and n/a", async () => {
    const { code, stdout } = await runInProcess(["run", CNY]);
    expect(code).toBe(0);
    const ladderAt = stdout.indexOf("Cost ladder");
    expect(ladderAt).toBeGreaterThan(-1);
    expect(ladderAt).toBeLessThan(stdout.indexOf("Totals"));
    expect(stdout).toContain("¥300,000");
    expect(stdout).toContain("n/a");
    // Not a terminal: no ANSI colour.
    expect(stdout).not.toMatch(/\u001b\[/);
  });

  it("colours only on a terminal, and never under NO_COLOR or --no-color", async () => {
    expect((await runInProcess(["run", CNY], { tty: true })).stdout).toMatch(/\u001b\[/);
    expect((await runInProcess(["run", CNY], { tty: true, env: { NO_COLOR: "1" } })).stdout).not.toMatch(/\u001b\[/);
    expect((await runInProcess(["run", CNY, "--no-color"], { tty: true })).stdout).not.toMatch(/\u001b\[/);
    expect((await runInProcess(["run", CNY], { env: { FORCE_COLOR: "1" } })).stdout).toMatch(/\u001b\[/);
  });

  it("names the rung out of order", async () => {
    // One channel: training ($10) = acquisition ($10), so the ladder breaks there.
    const { stdout } = await runInProcess(["run", ONE_CHANNEL]);
    expect(stdout).toContain("does not hold: acquisition = training");
  });

  it("puts several scenarios side by side", async () => {
    const { stdout } = await runInProcess(["run", ONE_CHANNEL, CNY]);
    // Columns #1, #2 (issue 13, 17), each named by its ladder's heading.
    const totalsHeader = stdout.split("\n").find((line) => line.includes("Totals over the horizon"))!;
    expect(totalsHeader).toMatch(/│ +#1 │ +#2 │$/);
    expect(stdout).toMatch(/^#1 {2}One channel, by hand/m);
    expect(stdout).toMatch(/^#2 {2}人民币 money strings/m);
  });

  it("renders Markdown tables for a pull-request comment", async () => {
    const { code, stdout } = await runInProcess(["run", ONE_CHANNEL, "--format", "md"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^## One channel, by hand/);
    expect(stdout).toContain("| rung | per user | times the rung below |");
    expect(stdout).toContain("| Acquisition spend | $1,000 |");
  });
});

describe("run --output", () => {
  it("writes the report to a new file and leaves no temporary file", async () => {
    const dir = tempDir();
    const target = join(dir, "report.json");
    const { code, stdout } = await runInProcess(["run", ONE_CHANNEL, "--format", "json", "-o", target]);
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect((JSON.parse(readFileSync(target, "utf8")) as Record<string, any>).totals.acquisition).toBe(1000);
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });

  it("refuses to replace a file without --force, and replaces it with --force", async () => {
    const dir = tempDir();
    const target = join(dir, "report.csv");
    writeFileSync(target, "keep me");
    const refused = await runInProcess(["run", ONE_CHANNEL, "--format", "csv", "-o", target]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("already exists");
    expect(readFileSync(target, "utf8")).toBe("keep me");
    const forced = await runInProcess(["run", ONE_CHANNEL, "--format", "csv", "-o", target, "--force"]);
    expect(forced.code).toBe(0);
    // A *.csv file starts with the byte-order mark spreadsheets need (docs/cli.md).
    expect(readFileSync(target, "utf8")).toMatch(/^\uFEFFschema_version,/);
    expect(readdirSync(dir)).toEqual(["report.csv"]);
  });

  it("writes nothing when the scenario is invalid, and nothing into a folder it cannot write", async () => {
    const dir = tempDir();
    const target = join(dir, "report.json");
    const invalid = await runInProcess(["run", "-", "-o", target], { stdin: "name: x\n" });
    expect(invalid.code).toBe(2);
    expect(existsSync(target)).toBe(false);
    const locked = join(dir, "locked");
    writeFileSync(join(dir, "placeholder"), "");
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const denied = await runInProcess(["run", ONE_CHANNEL, "-o", join(locked, "r.txt")]);
    chmodSync(locked, 0o700);
    // Root may write anywhere; where it may not, the error is a clean exit 2.
    if (denied.code !== 0) {
      expect(denied.code).toBe(2);
      expect(denied.stderr).toContain("cannot write");
    }
    expect(readdirSync(locked).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses to replace anything but a regular file, even with --force", async () => {
    // A pipe stands in for a device: renaming over /dev/null as root would replace it with a file.
    const dir = tempDir();
    const fifo = join(dir, "pipe");
    spawnSync("mkfifo", [fifo]);
    const { code, stderr } = await runInProcess(["run", ONE_CHANNEL, "-o", fifo, "--force"]);
    expect(code).toBe(2);
    expect(stderr).toContain("not a regular file");
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(["pipe"]);
  });

  it("refuses a folder as the output file", async () => {
    const dir = tempDir();
    const { code, stderr } = await runInProcess(["run", ONE_CHANNEL, "-o", dir]);
    expect(code).toBe(2);
    expect(stderr).toContain("is a directory");
  });
});

describe("run: bad input exits 2 with a located message and no stack", () => {
  const cases: Array<[string, { argv: string[]; stdin?: string | Uint8Array }, RegExp]> = [
    ["a missing file", { argv: ["run", "no/such/file.yaml"] }, /^no\/such\/file\.yaml: no such file$/m],
    ["a directory", { argv: ["run", "tests"] }, /^tests: is a directory/m],
    [
      "invalid UTF-8",
      { argv: ["run", "-"], stdin: new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0xfe]) },
      /<stdin>: not valid UTF-8/,
    ],
    ["invalid YAML", { argv: ["run", "-"], stdin: "name: [unclosed\n" }, /^<stdin>:\d+:\d+  invalid YAML: /m],
    ["an empty file", { argv: ["run", "-"], stdin: "" }, /<stdin>: the file is empty/],
    ["a comment-only file", { argv: ["run", "-"], stdin: "# nothing here\n" }, /<stdin>: the file is empty/],
    ["a list at the root", { argv: ["run", "-"], stdin: "- a\n- b\n" }, /^<stdin>:1:1  expected a mapping/m],
    ["a scalar at the root", { argv: ["run", "-"], stdin: "42\n" }, /^<stdin>:1:1  expected a mapping/m],
    ["a duplicate key", { argv: ["run", "-"], stdin: "name: a\nname: b\n" }, /^<stdin>:2:1  invalid YAML: Map keys must be unique/m],
    [
      "an alias bomb",
      {
        argv: ["run", "-"],
        stdin:
          "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n",
      },
      /<stdin>: invalid YAML: Excessive alias count/,
    ],
    ["an unknown option", { argv: ["run", "--frobnicate"] }, /unknown option '--frobnicate'/],
    ["an unknown format", { argv: ["run", "--format", "xml"] }, /argument 'xml' is invalid/],
    ["an unknown command", { argv: ["frobnicate"] }, /unknown command 'frobnicate'/],
  ];

  it.each(cases)("%s", async (_name, { argv, stdin }, message) => {
    const { code, stdout, stderr } = await runInProcess(argv, stdin === undefined ? {} : { stdin });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  const scenario = readFileSync(join(ROOT, ONE_CHANNEL), "utf8");
  const fieldCases: Array<[string, string, RegExp]> = [
    [
      "a schema violation",
      scenario.replace("turns_per_session: 1", "turns_per_session: 0"),
      /^<stdin>:10:50  usage\.turns_per_session: expected a number >= 1, found 0$/m,
    ],
    [
      "an unknown key with a hint",
      scenario.replace("usage:", "usgae:"),
      /^<stdin>:10:1  usgae: unknown key "usgae" \(did you mean "usage"\?\)$/m,
    ],
    [
      "a bad money string",
      scenario.replace("daily_budget: 100", 'daily_budget: "100 dollars"'),
      /^<stdin>:6:17  acquisition\.daily_budget: expected money/m,
    ],
    [
      "an unknown currency",
      scenario.replace("daily_budget: 100", 'daily_budget: "100 XYZ"'),
      /acquisition\.daily_budget: unknown currency "XYZ"/,
    ],
    [
      "a money unit with no fx rate",
      scenario.replace("daily_budget: 100", 'daily_budget: "¥100"'),
      /^<stdin>:6:17  acquisition\.daily_budget: no exchange rate from CNY to USD/m,
    ],
    [".nan", scenario.replace("cpa: 10", "cpa: .nan"), /acquisition\.channels\.0\.cpa: expected .*found \.nan/],
    [".inf", scenario.replace("cpa: 10", "cpa: .inf"), /acquisition\.channels\.0\.cpa: expected .*found \.inf/],
    ["a huge number", scenario.replace("cpa: 10", "cpa: 1e400"), /acquisition\.channels\.0\.cpa: expected .*found \.inf/],
    // 1e-306 is positive, but $100 / 1e-306 installs a day would overflow the model to Infinity.
    [
      "a vanishing CPA",
      scenario.replace("cpa: 10", "cpa: 1e-306"),
      /acquisition\.channels\.0\.cpa: expected a number >= 0\.000001, found 1e-306/,
    ],
    [
      "a merely enormous number",
      scenario.replace("daily_budget: 100", "daily_budget: 1e300"),
      /acquisition\.daily_budget: expected a number <= 1000000000000000, found 1e\+300/,
    ],
  ];

  it.each(fieldCases)("%s", async (_name, text, message) => {
    const { code, stdout, stderr } = await runInProcess(["run", "-"], { stdin: text });
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
    expect(stdout).toBe("");
  });

  it("reports schema problems and the rules of the valid sections together", async () => {
    // usage is broken (a schema problem); retention rises and the shares miss 1 (rule problems).
    const text = scenario
      .replace("turns_per_session: 1", "turns_per_session: 1.5")
      .replace("retention: { d1: 0.5, d7: 0.5 }", "retention: { d1: 0.5, d7: 0.6 }")
      .replace("- { name: ads, cpa: 10 }", "- { name: ads, cpa: 10, share: 0.5 }");
    const { code, stderr } = await runInProcess(["run", "-"], { stdin: text });
    expect(code).toBe(2);
    const lines = stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^<stdin>:8:36  acquisition\.channels\.0\.share: a lone channel takes all the spend/);
    expect(lines[1]).toMatch(/^<stdin>:9:27  retention\.d7: retention never rises: d7 \(0\.6\) is above d1 \(0\.5\)$/);
    expect(lines[2]).toMatch(/^<stdin>:10:50  usage\.turns_per_session: expected a whole number/);
  });

  it("reports every problem of every file at once", async () => {
    const text = scenario.replace("usage:", "usgae:").replace("cpa: 10", "cpa: -1");
    const { code, stderr } = await runInProcess(["run", "-", "no/such.yaml"], { stdin: text });
    expect(code).toBe(2);
    const lines = stderr.trimEnd().split("\n");
    // The renamed key is unknown, and usage is then missing: two problems, plus the CPA and the missing file.
    expect(lines).toHaveLength(4);
    expect(lines).toContain("<stdin>:2:1  usage: required, expected a mapping");
    expect(lines.some((line) => line.includes("channels.0.cpa"))).toBe(true);
    expect(lines.some((line) => line.includes('unknown key "usgae"'))).toBe(true);
    expect(lines.some((line) => line.startsWith("no/such.yaml: no such file"))).toBe(true);
  });
});

describe("the built binary", () => {
  it("prints its version and help with examples", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(runBuilt(["--version"]).stdout.trim()).toBe(manifest.version);
    const help = runBuilt(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Examples:");
    expect(runBuilt(["run", "--help"]).stdout).toContain("--format <format>");
  });

  it.each(["table", "json", "csv", "md"])("runs the default scenario as %s", (format) => {
    const { code, stdout, stderr } = runBuilt(["run", "--format", format]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout.length).toBeGreaterThan(200);
    expect(stdout).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("exits 2 on a missing file, without a stack trace", () => {
    const { code, stdout, stderr } = runBuilt(["run", "/nonexistent/scenario.yaml"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe("/nonexistent/scenario.yaml: no such file\n");
  });

  it("reads stdin", () => {
    const { code, stdout } = runBuilt(["run", "-", "--format", "json"], { stdin: readFileSync(join(ROOT, ONE_CHANNEL)) });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as Record<string, any>).totals.acquisition).toBe(1000);
  });

  it("ends quietly when the reader closes the pipe (| head -1)", () => {
    const result = spawnSync("bash", ["-c", `set -o pipefail; node bin/llm-cac.js run --timeline day | head -1`], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(result.stdout.split("\n").filter(Boolean)).toHaveLength(1);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
