import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/cli.js";

/**
 * The Markdown reports go into pull-request comments, so a scenario's name or file name
 * must show as written: no italics, no HTML, no extra table columns, no doubled backslashes.
 * The scenario is tests/fixtures/check/pass/tiny.yaml (every expectation met) renamed.
 */
const TINY = readFileSync("tests/fixtures/check/pass/tiny.yaml", "utf8");
const HOSTILE = 'a|b "q" `x` *y* <b>';
/** The name as Markdown: `| \ * < >` and backticks escaped with one backslash each; quotes need none. */
const ESCAPED = 'a\\|b "q" \\`x\\` \\*y\\* \\<b\\>';

function renamed(name: string): string {
  // A single-quoted YAML string: the name has no single quote to double.
  return TINY.replace(/^name: .*$/m, `name: '${name}'`);
}

describe("Markdown reports escape what a scenario names", () => {
  it("run --format md: the heading shows the name as written, the file in code", async () => {
    const { code, stdout, stderr } = await runInProcess(["run", "-", "--format", "md"], { stdin: renamed(HOSTILE) });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe(`## ${ESCAPED}`);
    expect(lines[2]).toBe("USD, 10 days, `<stdin>`");
    expect(lines[4]).toBe("**Cost ladder per acquired user holds: inference \\< training \\< acquisition**");
  });

  it("run --format md with two scenarios: the name is an escaped column head, not two columns", async () => {
    const { stdout } = await runInProcess(["run", "-", "tests/fixtures/check/pass/tiny.yaml", "--format", "md"], {
      stdin: renamed(HOSTILE),
    });
    expect(stdout).toContain(`| total | ${ESCAPED} | tiny, every expectation met |\n| --- | ---: | ---: |\n`);
    expect(stdout).toContain(`### Channels: ${ESCAPED}\n`);
  });

  it("check --format md: the name in its cell, escaped", async () => {
    const { code, stdout } = await runInProcess(["check", "-", "--format", "md"], { stdin: renamed(HOSTILE) });
    expect(code).toBe(0);
    expect(stdout.split("\n")).toContain(`| ✅ | \`<stdin>\` | ${ESCAPED} | holds | 5 | passed |`);
  });

  it("a file name keeps its backslashes in code, with a fence its backticks cannot close and | escaped in a cell", async () => {
    const folder = mkdtempSync(join(tmpdir(), "llm-cac-md-"));
    const file = join(folder, "C:\\x|`y`.yaml");
    writeFileSync(file, renamed("plain"));
    const check = await runInProcess(["check", file, "--format", "md"]);
    expect(check.code).toBe(0);
    expect(check.stdout.split("\n")).toContain(`| ✅ | \`\`${folder}/C:\\x\\|\`y\`.yaml\`\` | plain | holds | 5 | passed |`);
    const run = await runInProcess(["run", file, "--format", "md"]);
    // Outside a table, | needs no escape, and inside code an escape would show.
    expect(run.stdout.split("\n")[2]).toBe(`USD, 10 days, \`\`${folder}/C:\\x|\`y\`.yaml\`\``);
  });
});
