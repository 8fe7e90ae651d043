import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../helpers/csv.js";
import { BIN, ROOT, runBuilt, runInProcess } from "../helpers/cli.js";

/**
 * Issue 13, "Trust at the edges": hostile input a scenario or a command line can carry,
 * and failures that must not look like success. Each case failed before its fix.
 */
const ONE_CHANNEL = join(ROOT, "tests/fixtures/run/one-channel.yaml");
const scenario = readFileSync(ONE_CHANNEL, "utf8");
const SMALL_MAP = readFileSync(join(ROOT, "tests/fixtures/litellm-small.json"), "utf8");

/** The built binary under `sh -c`, for redirections a spawn cannot express (`> /dev/full`, `< folder`). */
function shell(args: string): { code: number; stderr: string } {
  const result = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" ${args}`], { cwd: ROOT, encoding: "utf8", timeout: 20_000 });
  return { code: result.status ?? -1, stderr: result.stderr };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "llm-cac-edges-"));
}

/** The scenario with its explicit price replaced by `lines` under `inference:`. */
function withInference(lines: string): string {
  return scenario.replace(/inference:\n {2}price: \{ input: 1, output: 1 \}/, `inference:\n${lines}`);
}

async function rejected(argv: string[], options: { stdin?: string | Uint8Array; cwd?: string } = {}): Promise<string> {
  const run = await runInProcess(argv, options);
  expect(run.stdout).toBe("");
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(run.code, run.stderr).toBe(2);
  return run.stderr;
}

/** A model id of tests/fixtures/litellm-small.json. */
const MAP_MODEL = Object.keys(JSON.parse(SMALL_MAP) as Record<string, unknown>).find((id) => id !== "sample_spec")!;

describe("inference.prices_file stays in the scenario's folder and never echoes a file", () => {
  it("a price map that is not JSON is reported without any of its text", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "prices.json"), "secret-token-abc123 not json");
    writeFileSync(join(dir, "app.yaml"), withInference("  model: x\n  prices_file: prices.json"));
    const stderr = await rejected(["run", join(dir, "app.yaml")]);
    expect(stderr).toContain("invalid JSON: a syntax error");
    expect(stderr).not.toContain("secret");
    expect(stderr).not.toContain("abc");
  });

  it("a JSON syntax error keeps its line and column but not the text around it", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "prices.json"), '{\n  "token": "hunter2",\n  oops\n}');
    writeFileSync(join(dir, "app.yaml"), withInference("  model: x\n  prices_file: prices.json"));
    const stderr = await rejected(["run", join(dir, "app.yaml")]);
    expect(stderr).not.toContain("hunter2");
    expect(stderr).not.toContain("oops");
  });

  it("is read relative to the scenario's folder, not the working folder", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub", "prices.json"), SMALL_MAP);
    writeFileSync(join(dir, "sub", "app.yaml"), withInference(`  model: ${MAP_MODEL}\n  prices_file: prices.json`));
    const run = await runInProcess(["run", join(dir, "sub", "app.yaml"), "--format", "json"], { cwd: tmpdir() });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it.each([
    ["an absolute path", "/etc/passwd"],
    ["a path up and out", "../outside.json"],
  ])("refuses %s outside the scenario's folder", async (_kind, path) => {
    const dir = tempDir();
    mkdirSync(join(dir, "scenarios"));
    writeFileSync(join(dir, "outside.json"), SMALL_MAP);
    writeFileSync(join(dir, "scenarios", "app.yaml"), withInference(`  model: ${MAP_MODEL}\n  prices_file: ${path}`));
    const stderr = await rejected(["run", join(dir, "scenarios", "app.yaml")]);
    expect(stderr).toMatch(/inference\.prices_file: .*outside the scenario's folder/);
    expect(stderr).toContain("--prices");
    expect(stderr).not.toContain("root:");
  });

  it("refuses a symbolic link that leads out of the folder", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "scenarios"));
    writeFileSync(join(dir, "outside.json"), SMALL_MAP);
    symlinkSync(join(dir, "outside.json"), join(dir, "scenarios", "prices.json"));
    writeFileSync(join(dir, "scenarios", "app.yaml"), withInference(`  model: ${MAP_MODEL}\n  prices_file: prices.json`));
    expect(await rejected(["run", join(dir, "scenarios", "app.yaml")])).toContain("outside the scenario's folder");
  });

  it("a map outside the folder is used when the command line names it with --prices", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "scenarios"));
    writeFileSync(join(dir, "outside.json"), SMALL_MAP);
    writeFileSync(join(dir, "scenarios", "app.yaml"), withInference(`  model: ${MAP_MODEL}\n  prices_file: ../outside.json`));
    const run = await runInProcess(["run", join(dir, "scenarios", "app.yaml"), "--prices", join(dir, "outside.json"), "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("--prices - reads the price map from stdin", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "app.yaml"), withInference(`  model: ${MAP_MODEL}`));
    const run = await runInProcess(["run", join(dir, "app.yaml"), "--prices", "-", "--format", "json"], { stdin: SMALL_MAP });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(await rejected(["run", "-", "--prices", "-"], { stdin: SMALL_MAP })).toContain("stdin (-) can be read only once");
    // A scenario on stdin (the usual case) is not parsed as the price map first: the same error,
    // for run and for check (which still reads a `-` named twice once).
    const yaml = readFileSync(join(ROOT, "data/scenarios/default.yaml"), "utf8");
    expect(await rejected(["run", "-", "--prices", "-"], { stdin: yaml })).toBe("llm-cac: stdin (-) can be read only once\n");
    expect(await rejected(["check", "-", "--prices", "-"], { stdin: yaml })).toBe("llm-cac: stdin (-) can be read only once\n");
    const twice = await runInProcess(["check", "-", "-"], { stdin: yaml });
    expect(twice.code).toBe(0);
    // With no FILE, a piped stdin is the scenario, unless --prices - claims it: then the default runs.
    // (The built binary: only a real pipe tells run that stdin has something in it.)
    const defaultRun = runBuilt(["run", "--prices", "-", "--format", "json"], { stdin: SMALL_MAP });
    expect(defaultRun.stderr).toBe("");
    expect(defaultRun.code).toBe(0);
    expect(JSON.parse(defaultRun.stdout).scenario.name).toBe("Chinese AI chat app, paid push (default)");
  });
});

describe("CSV cells cannot become spreadsheet formulas", () => {
  it.each(['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])(
    "a name starting %j is prefixed with a quote",
    async (name) => {
      const text = scenario.replace(/^name: .*$/m, `name: ${JSON.stringify(name)}`);
      const run = await runInProcess(["run", "-", "--format", "csv"], { stdin: text });
      expect(run.code, run.stderr).toBe(0);
      const [header, row] = parseCsv(run.stdout);
      const cell = row![header!.indexOf("scenario.name")];
      // Tab and CR are then written out, as every control character in a CSV text cell is.
      expect(cell).toBe(`'${name.replace("\t", "\\t").replace("\r", "\\r")}`);
    },
  );

  it("a control character in a text cell is written out, never raw", async () => {
    const text = scenario.replace(/^name: .*$/m, 'name: "a\\e[31mred"');
    const run = await runInProcess(["run", "-", "--format", "csv"], { stdin: text });
    expect(run.stdout).not.toContain("\u001b");
    expect(run.stdout).toContain("a\\x1b[31mred");
  });

  it("numbers, negative ones included, are never prefixed", async () => {
    const run = await runInProcess(["run", ONE_CHANNEL, "--format", "csv"]);
    const [header, row] = parseCsv(run.stdout);
    // total cost 2,325 (README of the fixture): a number, written as one.
    expect(row![header!.indexOf("totals.total")]).toBe("2325");
    expect(row!.every((cell) => !cell.startsWith("'"))).toBe(true);
  });
});

describe("control characters never reach the terminal raw", () => {
  const ESC_NAME = '"\\e[2K\\rPASS \\x07"';

  it("a name with ESC, CR and BEL shows them escaped in the table", async () => {
    const run = await runInProcess(["run", "-"], { stdin: scenario.replace(/^name: .*$/m, `name: ${ESC_NAME}`) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(run.stdout).toContain("\\x1b[2K\\rPASS \\x07");
  });

  it("a channel name in an error message is escaped", async () => {
    const text = scenario.replace("- { name: ads, cpa: 10 }", '- { name: "a\\x1bb", cpa: 10 }\n    - { name: "a\\x1bb", cpa: 10 }');
    const stderr = await rejected(["run", "-"], { stdin: text });
    expect(stderr).not.toContain("\u001b");
    expect(stderr).toContain("a\\x1bb");
  });

  it("a file name with a newline cannot forge a check line", async () => {
    const dir = tempDir();
    const file = join(dir, "x\n✔ forged.yaml");
    writeFileSync(file, readFileSync(join(ROOT, "tests/fixtures/check/pass/tiny.yaml")));
    const run = await runInProcess(["check", file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("x\\n✔ forged.yaml");
    expect(run.stdout.split("\n").filter((line) => line.includes("forged"))).toHaveLength(1);
  });

  it.each([
    ["NUL", "\u0000", "NUL"],
    ["ESC", "\u001b", "ESC"],
    ["BS", "\b", "BS"],
  ])("a raw %s in a scenario file is an error at its line and column", async (_name, char, named) => {
    const text = scenario.replace("name: One channel, by hand", `name: One${char}channel`);
    // "name: One" is 9 characters: the control character is column 10 of line 2.
    expect(await rejected(["run", "-"], { stdin: text })).toBe(
      `<stdin>:2:10  invalid YAML: ${named} (${char === "\b" ? "\\x08" : `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`}) is not allowed raw in YAML; write it as an escape in a double-quoted string ("\\x1b") or remove it\n`,
    );
  });
});

describe("@mentions in Markdown do not ping anyone", () => {
  it("an @name in a scenario name is broken with a zero-width space", async () => {
    const text = scenario.replace(/^name: .*$/m, "name: ask @octocat and @org/team");
    const run = await runInProcess(["run", "-", "--format", "md"], { stdin: text });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/@[A-Za-z]/);
    expect(run.stdout).toContain("@&#8203;octocat");
  });
});

describe("write failures are failures", () => {
  it.skipIf(!existsSync("/dev/full"))("stdout on a full disk exits non-zero with a message (built binary)", () => {
    const result = shell(`run ${ONE_CHANNEL} --format json > /dev/full`);
    expect(result.stderr).toBe("llm-cac: cannot write to stdout: no space left on the device (ENOSPC)\n");
    expect(result.code).toBe(2);
  });

  it("-o '' is an empty file name, said so", async () => {
    expect(await rejected(["run", ONE_CHANNEL, "-o", ""])).toBe("llm-cac: --output needs a file name (or - for stdout)\n");
  });

  it("--force keeps the mode of the file it replaces", async () => {
    const dir = tempDir();
    const out = join(dir, "report.json");
    writeFileSync(out, "old");
    chmodSync(out, 0o600);
    const run = await runInProcess(["run", ONE_CHANNEL, "--format", "json", "-o", out, "--force"]);
    expect(run.code, run.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });
});

describe("clear errors for odd inputs", () => {
  it("stdin that is a directory exits 2 with a message", () => {
    // The built binary, so that stdin really is a folder.
    const result = shell(`run - < ${tmpdir()}`);
    expect(result.stderr).toBe("<stdin>: is a directory, not a file\n");
    expect(result.code).toBe(2);
  });

  it("a second YAML document is explained", async () => {
    const stderr = await rejected(["run", "-"], { stdin: `${scenario}---\nname: two\n` });
    expect(stderr).toContain("a scenario file holds one YAML document");
    expect(stderr).not.toContain("parseAllDocuments");
  });

  it("5,000-deep nesting is refused without a stack overflow", async () => {
    const stderr = await rejected(["run", "-"], { stdin: `a: ${"[".repeat(5000)}${"]".repeat(5000)}\n` });
    expect(stderr).not.toContain("call stack");
    expect(stderr).toContain("nested too deeply");
  });

  it.each(["!!js/function 10", "!money 10", "!<tag:yaml.org,2002:js/undefined> 10"])(
    "a custom tag (%s) is an error at its place",
    async (value) => {
      const stderr = await rejected(["run", "-"], { stdin: scenario.replace("cpa: 10", `cpa: ${value}`) });
      expect(stderr).toMatch(/^<stdin>:8:\d+ {2}/);
      expect(stderr).toContain("YAML tag");
    },
  );

  it("a __proto__ key is refused, not silently dropped", async () => {
    const stderr = await rejected(["run", "-"], { stdin: scenario.replace("currency: USD", "currency: USD\nfx: { __proto__: 7 }") });
    expect(stderr).toMatch(/^<stdin>:4:7 {2}fx\.__proto__: /);
  });

  it("a merge key gets a hint", async () => {
    const text = `base: &b { d1: 0.5, d7: 0.5 }\n${scenario.replace("retention: { d1: 0.5, d7: 0.5 }", "retention: { <<: *b }")}`;
    expect(await rejected(["run", "-"], { stdin: text })).toContain("merge keys (<<) are not supported");
  });
});

describe("values accepted in silence before", () => {
  it("a rate for the scenario's own currency is an error at its key", async () => {
    const stderr = await rejected(["run", "-"], { stdin: scenario.replace("currency: USD", "currency: USD\nfx: { USD: 2 }") });
    expect(stderr).toMatch(/^<stdin>:4:7 {2}fx\.USD: USD is the scenario's own currency: it takes no exchange rate/);
  });

  it.each([
    ["the scenario's name", /^name: .*$/m, 'name: "   "', "<stdin>:2:7  name: "],
    ["a channel's name", "name: ads", 'name: " "', "<stdin>:8:15  acquisition.channels.0.name: "],
  ])("%s of white space only is refused", async (_what, from, to, where) => {
    expect(await rejected(["run", "-"], { stdin: scenario.replace(from, to) })).toBe(
      `${where}expected text with a visible character, found only white space\n`,
    );
  });

  it('"1000 usd" is refused as `currency: usd` is: codes are written in capitals', async () => {
    const stderr = await rejected(["run", "-"], { stdin: scenario.replace("cost: 1000", 'cost: "1000 usd"') });
    expect(stderr).toContain('write the currency code in capitals: "1000 USD", not "1000 usd"');
  });

  it("a daily budget of 1e-320 is refused: numbers are 0 or at least 0.000001", async () => {
    const stderr = await rejected(["run", "-"], { stdin: scenario.replace("daily_budget: 100", "daily_budget: 1e-320") });
    expect(stderr).toBe("<stdin>:6:17  acquisition.daily_budget: expected 0 or a number of at least 0.000001 in size, found 1e-320\n");
  });

  it("a range's midpoint is the decimal one: { low: 0.1, high: 0.2 } under 0.15 is valid", async () => {
    // (0.1 + 0.2) / 2 is 0.15000000000000002 in binary; the rule must see 0.15.
    const text = scenario.replace("retention: { d1: 0.5, d7: 0.5 }", "retention: { d1: 0.15, d7: 0.15, d14: { low: 0.1, high: 0.2 } }");
    const run = await runInProcess(["run", "-", "--format", "json"], { stdin: text });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("an fx range says why it is refused", async () => {
    const stderr = await rejected(["run", "-"], {
      stdin: scenario.replace("currency: USD", "currency: USD\nfx: { CNY: { low: 0.13, high: 0.15 } }"),
    });
    expect(stderr).toContain("an exchange rate is a plain number, never a range");
  });
});

describe("a rule broken by --set or --vary names it", () => {
  it("--set retention.d1 below d7 blames the --set, not the file's d7", async () => {
    expect(await rejected(["run", ONE_CHANNEL, "--set", "retention.d1=0.05"])).toBe(
      `${ONE_CHANNEL}: --set retention.d1=0.05: retention never rises: d7 (0.5) is above d1 (0.05)\n`,
    );
  });

  it("--vary does the same", async () => {
    expect(await rejected(["sweep", ONE_CHANNEL, "--vary", "retention.d1=0.05,0.9"])).toContain(
      "--vary retention.d1=0.05: retention never rises: d7 (0.5) is above d1 (0.05)",
    );
  });
});

describe("--set values are held to the file's rules", () => {
  it("a tag in a --set value is refused", async () => {
    expect(await rejected(["run", ONE_CHANNEL, "--set", "acquisition.channels.0.cpa=!money 10"])).toBe(
      "llm-cac: --set acquisition.channels.0.cpa=!money 10: unknown YAML tag in the value; a value is plain YAML (remove the tag)\n",
    );
  });
});

describe("more hostile inputs, found while fuzzing and reading", () => {
  it("--set cannot slip a __proto__ key past the schema, by path or by value", async () => {
    expect(await rejected(["run", ONE_CHANNEL, "--set", "fx.__proto__=7"])).toBe(
      "llm-cac: --set fx.__proto__=7: the key __proto__ is not allowed (JavaScript would drop it in silence)\n",
    );
    expect(await rejected(["run", ONE_CHANNEL, "--set", "fx={ __proto__: { CNY: 7 } }"])).toContain("the key __proto__ is not allowed");
  });

  it("commander's own messages show a typed control character escaped", async () => {
    const run = await runInProcess(["run", ONE_CHANNEL, "--format", "\u001b[2Kjson"]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain("\u001b");
    expect(run.stderr).toContain("\\x1b[2Kjson");
  });
});
