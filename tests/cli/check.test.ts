import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NULL_REASON } from "../../src/scenario/expect.js";
import { runBuilt, runInProcess } from "../helpers/cli.js";
import { findAll, parseXml } from "../helpers/xml.js";

/**
 * Fixtures under tests/fixtures/check/, built on one tiny scenario worked out by hand
 * (see tests/scenario/expect.test.ts): cac_blended = 10,000 / 1,000 = 10,
 * totals.inference = 55, training_per_user = 0.5, users_for_training_below_cac = 50,
 * no revenue (payback_day null), ladder 0.1 < 0.5 < 10 holds; fx CNY 0.5.
 * - pass/tiny.yaml: 5 expectations, all met
 * - pass/nested/organic.yml: organic only, ladder: false and max cac_blended 0, both met
 * - pass/notes.txt and pass/.hidden/broken.yaml: not scenarios, skipped
 * - fail/tiny-fail.yaml: 5 expectations, 4 fail
 * - invalid/unknown-metric.yaml: expect.max.unit.cac_blend
 * - mixed/: a copy of each of the pass, the fail and a YAML syntax error
 */
const DIR = "tests/fixtures/check";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "llm-cac-check-"));
}

describe("check: exit codes and the per-file lines", () => {
  it("exits 0 when every expectation of every file holds, checking sub-folders and *.yml, skipping the rest", async () => {
    const { code, stdout, stderr } = await runInProcess(["check", `${DIR}/pass`]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        `PASS    ${DIR}/pass/nested/organic.yml  ladder does not hold: acquisition < training; 2 expectations met`,
        `PASS    ${DIR}/pass/tiny.yaml  ladder holds: inference < training < acquisition; 5 expectations met`,
        "2 files: 2 passed, 0 failed; 7 expectations, 0 failed",
        "",
      ].join("\n"),
    );
  });

  it("exits 1 when an expectation fails, each failure as `metric value vs bound`", async () => {
    const { code, stdout } = await runInProcess(["check", `${DIR}/fail`]);
    expect(code).toBe(1);
    const [line, summary] = stdout.trimEnd().split("\n");
    expect(line).toBe(
      `FAIL    ${DIR}/fail/tiny-fail.yaml  4 of 5 failed: ` +
        [
          "ladder.holds true vs expected false",
          // "¥19" at 0.5 USD per CNY is $9.50; cac_blended is $10
          "unit.cac_blended $10.00 vs max $9.50",
          `unit.payback_day n/a vs max day 30 (${NULL_REASON})`,
          "milestones.users_for_training_below_cac 50 vs min 51",
        ].join("; "),
    );
    expect(summary).toBe("1 file: 0 passed, 1 failed; 5 expectations, 4 failed");
  });

  it("exits 2 for an invalid file and lists its problems at file:line:col", async () => {
    const { code, stdout } = await runInProcess(["check", `${DIR}/invalid/unknown-metric.yaml`]);
    expect(code).toBe(2);
    expect(stdout).toContain(`INVALID ${DIR}/invalid/unknown-metric.yaml  1 problem\n`);
    expect(stdout).toContain(
      `    ${DIR}/invalid/unknown-metric.yaml:19:5  expect.max.unit.cac_blend: unknown metric "unit.cac_blend" (did you mean "unit.cac_blended" or "unit.cac_paid"?)\n`,
    );
    expect(stdout).toMatch(/1 file: 0 passed, 0 failed, 1 invalid; 0 expectations, 0 failed\n$/);
  });

  it("exits 2 for a mixed folder and still checks the valid files", async () => {
    const { code, stdout } = await runInProcess(["check", `${DIR}/mixed`]);
    expect(code).toBe(2);
    const lines = stdout.trimEnd().split("\n");
    expect(lines.map((line) => line.split(" ")[0])).toEqual(["PASS", "FAIL", "INVALID", "", "3"]);
    expect(lines[2]).toBe(`INVALID ${DIR}/mixed/c-invalid.yaml  1 problem`);
    expect(lines[3]).toMatch(new RegExp(`^    ${DIR}/mixed/c-invalid\\.yaml:3:1  invalid YAML: `));
    expect(lines[4]).toBe("3 files: 1 passed, 1 failed, 1 invalid; 10 expectations, 4 failed");
  });

  it("takes files and folders together, in the order given, each file once", async () => {
    const { code, stdout } = await runInProcess([
      "check",
      `${DIR}/fail/tiny-fail.yaml`,
      `${DIR}/pass`,
      `${DIR}/pass/tiny.yaml`,
      `${DIR}/fail`,
    ]);
    expect(code).toBe(1);
    expect(
      stdout
        .split("\n")
        .slice(0, 3)
        .map((line) => line.split(/\s+/)[1]),
    ).toEqual([`${DIR}/fail/tiny-fail.yaml`, `${DIR}/pass/nested/organic.yml`, `${DIR}/pass/tiny.yaml`]);
    expect(stdout).toContain("3 files: 2 passed, 1 failed;");
  });

  it("reads a scenario from stdin with -", async () => {
    const { code, stdout } = await runInProcess(["check", "-"], { stdin: readFileSync(`${DIR}/pass/tiny.yaml`, "utf8") });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^PASS {4}<stdin> {2}ladder holds/);
  });

  it("lists a missing file and an empty folder as invalid (exit 2), with the other files still checked", async () => {
    const empty = tempDir();
    writeFileSync(join(empty, "readme.md"), "no scenarios here\n");
    const { code, stdout } = await runInProcess(["check", "no/such/file.yaml", empty, `${DIR}/pass/tiny.yaml`]);
    expect(code).toBe(2);
    expect(stdout).toContain("INVALID no/such/file.yaml  1 problem\n    no/such/file.yaml: no such file\n");
    expect(stdout).toContain(`INVALID ${empty}  1 problem\n    ${empty}: no *.yaml or *.yml files in this folder\n`);
    expect(stdout).toContain("3 files: 1 passed, 0 failed, 2 invalid;");
  });

  it("is a usage error (exit 2) with no path", async () => {
    const { code, stdout, stderr } = await runInProcess(["check"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/missing required argument 'paths'/);
  });

  it("marks files with ✓ and ✗ on a colour terminal", async () => {
    const { stdout } = await runInProcess(["check", `${DIR}/mixed`], { tty: true });
    const marks = stdout
      .replace(/\u001b\[[0-9;]*m/g, "")
      .split("\n")
      .slice(0, 3)
      .map((line) => line.split(" ")[0]);
    expect(marks).toEqual(["✓", "✗", "✗"]);
  });
});

describe("run also rejects a bad expect block", () => {
  it("exits 2 on an unknown metric", async () => {
    const { code, stdout, stderr } = await runInProcess(["run", `${DIR}/invalid/unknown-metric.yaml`]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("unknown-metric.yaml:19:5  expect.max.unit.cac_blend: unknown metric");
  });
});

describe("check --format json", () => {
  it("gives { file, valid, passed, errors, failures, result } per file, the result with its expect outcome", async () => {
    const { code, stdout } = await runInProcess(["check", `${DIR}/mixed`, "--format", "json"]);
    expect(code).toBe(2);
    expect(stdout).not.toMatch(/NaN|Infinity/);
    const entries = JSON.parse(stdout) as Array<Record<string, any>>;
    expect(entries.map((entry) => Object.keys(entry))).toEqual(Array(3).fill(["file", "valid", "passed", "errors", "failures", "result"]));
    const [pass, fail, invalid] = entries;
    expect(pass).toMatchObject({ file: `${DIR}/mixed/a-pass.yaml`, valid: true, passed: true, errors: [], failures: [] });
    expect(pass!.result.unit.cac_blended).toBe(10);
    expect(pass!.result.expect).toEqual({ passed: true, failures: [] });
    expect(fail!.passed).toBe(false);
    expect(fail!.failures).toEqual([
      { metric: "ladder.holds", kind: "ladder", bound: false, value: true },
      { metric: "unit.cac_blended", kind: "max", bound: 9.5, value: 10 },
      { metric: "unit.payback_day", kind: "max", bound: 30, value: null, reason: NULL_REASON },
      { metric: "milestones.users_for_training_below_cac", kind: "min", bound: 51, value: 50 },
    ]);
    // Keys in a fixed order; `bound` is the threshold (a number, or the ladder verdict expected), never the rule's name.
    expect(fail!.failures.map((failure: Record<string, unknown>) => Object.keys(failure))).toEqual([
      ["metric", "kind", "bound", "value"],
      ["metric", "kind", "bound", "value"],
      ["metric", "kind", "bound", "value", "reason"],
      ["metric", "kind", "bound", "value"],
    ]);
    expect(stdout).toContain(
      [
        "      {",
        '        "metric": "unit.cac_blended",',
        '        "kind": "max",',
        '        "bound": 9.5,',
        '        "value": 10',
        "      },",
      ].join("\n"),
    );
    expect(fail!.result.expect).toEqual({ passed: false, failures: fail!.failures });
    expect(Object.keys(fail!.result).at(-1)).toBe("expect");
    expect(invalid).toMatchObject({ file: `${DIR}/mixed/c-invalid.yaml`, valid: false, passed: false, failures: [], result: null });
    expect(invalid!.errors).toEqual([
      { file: `${DIR}/mixed/c-invalid.yaml`, line: 3, col: 1, message: expect.stringMatching(/^invalid YAML/) },
    ]);
  });

  it("adds expect to the result of check only: run --format json of the same file has none", async () => {
    const run = await runInProcess(["run", `${DIR}/fail/tiny-fail.yaml`, "--format", "json"]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(result).not.toHaveProperty("expect");
    const [entry] = JSON.parse((await runInProcess(["check", `${DIR}/fail/tiny-fail.yaml`, "--format", "json"])).stdout) as Array<
      Record<string, any>
    >;
    const { expect: outcome, ...rest } = entry!.result;
    expect(rest).toEqual(result);
    expect(outcome).toEqual({ passed: false, failures: entry!.failures });
  });
});

describe("check --format junit", () => {
  it("is well-formed XML with a test case per expectation and the right counts", async () => {
    const { code, stdout } = await runInProcess(["check", `${DIR}/mixed`, "--format", "junit"]);
    expect(code).toBe(2);
    expect(stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const root = parseXml(stdout);
    expect(root.name).toBe("testsuites");
    // 5 + 5 expectations, plus one case for the invalid file; 4 failures; 1 error.
    expect(root.attributes).toMatchObject({ tests: "11", failures: "4", errors: "1" });
    expect(findAll(root, "testcase")).toHaveLength(11);
    expect(findAll(root, "failure")).toHaveLength(4);
    expect(findAll(root, "error")).toHaveLength(1);
    const suites = findAll(root, "testsuite");
    expect(
      suites.map((suite) => [suite.attributes.name, suite.attributes.tests, suite.attributes.failures, suite.attributes.errors]),
    ).toEqual([
      [`${DIR}/mixed/a-pass.yaml`, "5", "0", "0"],
      [`${DIR}/mixed/b-fail.yaml`, "5", "4", "0"],
      [`${DIR}/mixed/c-invalid.yaml`, "1", "0", "1"],
    ]);
    for (const suite of suites) expect(findAll(suite, "testcase")).toHaveLength(Number(suite.attributes.tests));
    const failing = findAll(suites[1]!, "testcase").filter((testcase) => testcase.children.length > 0);
    expect(failing.map((testcase) => testcase.attributes.name)).toEqual([
      "ladder does not hold",
      "max unit.cac_blended",
      "max unit.payback_day",
      "min milestones.users_for_training_below_cac",
    ]);
    expect(failing[1]!.children[0]!.attributes).toEqual({ message: "unit.cac_blended $10.00 vs max $9.50", type: "max" });
  });

  it("escapes what XML cannot hold raw: & < > quotes and control characters", async () => {
    const folder = tempDir();
    // File names are the suites' names and the cases' class names; a bell character cannot be in XML at all.
    const file = join(folder, `a&b<'">\u0007.yaml`);
    writeFileSync(file, readFileSync(`${DIR}/fail/tiny-fail.yaml`, "utf8"));
    const { stdout } = await runInProcess(["check", file, "--format", "junit"]);
    const root = parseXml(stdout);
    expect(findAll(root, "testsuite")[0]!.attributes.name).toBe(file.replace("\u0007", "\uFFFD"));
    expect(findAll(root, "failure")).toHaveLength(4);
    // A YAML error message quoting the bad text must not break the report either.
    writeFileSync(file, "name: x\n<&>: [\n");
    const invalid = await runInProcess(["check", file, "--format", "junit"]);
    expect(findAll(parseXml(invalid.stdout), "error")).toHaveLength(1);
  });

  it("relies on a reader that does reject malformed XML", () => {
    expect(() => parseXml('<a b="x & y"/>')).toThrow(/bare &/);
    expect(() => parseXml("<a><b></a></b>")).toThrow(/closes/);
    expect(() => parseXml("<a>1 < 2</a>")).toThrow();
    expect(() => parseXml("<a>\u0007</a>")).toThrow(/character/);
  });
});

describe("check --format md", () => {
  it("is a summary table with a row per file and the problems of invalid files", async () => {
    const { code, stdout } = await runInProcess(["check", `${DIR}/mixed`, "--format", "md"]);
    expect(code).toBe(2);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("## ❌ llm-cac check: 1 failed, 1 invalid of 3 files");
    expect(lines).toContain("| | file | scenario | ladder | expectations | result |");
    expect(lines).toContain(`| ✅ | \`${DIR}/mixed/a-pass.yaml\` | tiny, every expectation met | holds | 5 | passed |`);
    const failRow = lines.find((line) => line.startsWith("| ❌"));
    // Escaped for Markdown: `_` cannot start emphasis.
    expect(failRow).toContain("unit.cac\\_blended $10.00 vs max $9.50");
    // The header, the rule and a row per file.
    expect(lines.filter((line) => line.startsWith("| ")).length).toBe(5);
    expect(stdout).toContain("### Problems\n\n```text\n");
    expect(stdout).toMatch(/c-invalid\.yaml:3:1 {2}invalid YAML/);
  });

  it("says so when every file passed", async () => {
    const { stdout } = await runInProcess(["check", `${DIR}/pass`, "--format", "md"]);
    expect(stdout.split("\n")[0]).toBe("## ✅ llm-cac check: all 2 files passed");
    expect(stdout).not.toContain("### Problems");
  });
});

describe("check --output", () => {
  it("writes the report to a file, keeps the exit code, and never replaces a file without --force", async () => {
    const folder = tempDir();
    const out = join(folder, "report.xml");
    const first = await runInProcess(["check", `${DIR}/fail`, "--format", "junit", "--output", out]);
    expect(first.code).toBe(1);
    expect(first.stdout).toBe("");
    expect(findAll(parseXml(readFileSync(out, "utf8")), "failure")).toHaveLength(4);

    writeFileSync(out, "keep me");
    const second = await runInProcess(["check", `${DIR}/pass`, "--output", out]);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/already exists; add --force/);
    expect(readFileSync(out, "utf8")).toBe("keep me");

    const third = await runInProcess(["check", `${DIR}/pass`, "--output", out, "--force"]);
    expect(third.code).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^PASS/);
  });
});

describe("check, built binary", () => {
  it("prints the report and exits 2 on a mixed folder", () => {
    const { code, stdout, stderr } = runBuilt(["check", `${DIR}/mixed`]);
    expect(stderr).toBe("");
    expect(code).toBe(2);
    expect(stdout).toMatch(/^PASS {4}tests\/fixtures\/check\/mixed\/a-pass\.yaml/);
    expect(stdout).toMatch(/3 files: 1 passed, 1 failed, 1 invalid; 10 expectations, 4 failed\n$/);
  });

  it("exits 0 on passing files and 1 on a failing one", () => {
    expect(runBuilt(["check", `${DIR}/pass`]).code).toBe(0);
    expect(runBuilt(["check", `${DIR}/fail`, "--format", "json"]).code).toBe(1);
  });

  it("skips hidden folders: the broken file under .hidden is never read", () => {
    expect(existsSync(`${DIR}/pass/.hidden/broken.yaml`)).toBe(true);
    expect(runBuilt(["check", `${DIR}/pass/.hidden/broken.yaml`]).code).toBe(2);
  });
});

describe("check: the options it shares with run", () => {
  // gpt-4o's newest catalog price is dated 2024-10-01, over 12 months before the tests' today (2026-11-25).
  const STALE = "tests/fixtures/catalog/gpt-4o.yaml";

  it("warns on stderr of an old catalog price, and --quiet silences it", async () => {
    const loud = await runInProcess(["check", STALE]);
    expect(loud.code).toBe(0);
    expect(loud.stderr).toMatch(/^warning: tests\/fixtures\/catalog\/gpt-4o\.yaml:\d+:\d+ {2}inference\.model: /m);
    expect(loud.stdout).not.toContain("warning");
    const quiet = await runInProcess(["check", STALE, "--quiet"]);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe("");
    expect(quiet.stdout).toBe(loud.stdout);
  });

  it("takes --prices: a model only the price map has becomes valid", async () => {
    // nova-prices-file.yaml names a model found only in tests/fixtures/litellm-small.json, through prices_file;
    // with that key removed, the model is unknown unless --prices supplies the map.
    const text = readFileSync("tests/fixtures/catalog/nova-prices-file.yaml", "utf8").replace(/^\s*prices_file:.*$/m, "");
    const without = await runInProcess(["check", "-"], { stdin: text });
    expect(without.code).toBe(2);
    const withMap = await runInProcess(["check", "-", "--prices", "tests/fixtures/litellm-small.json"], { stdin: text });
    expect(withMap.code, withMap.stdout + withMap.stderr).toBe(0);
  });
});
