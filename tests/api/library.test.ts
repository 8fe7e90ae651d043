import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate, FORMATS, isUserError, loadScenario, render, type Scenario, UserError } from "../../src/index.js";
import { ROOT, runInProcess } from "../helpers/cli.js";
import { userError } from "../helpers/user-error.js";

const DEFAULT_FILE = join(ROOT, "data", "scenarios", "default.yaml");
const defaultText = readFileSync(DEFAULT_FILE, "utf8");

/** The 1-based line of the first line of `text` that starts with `prefix`, found without the program. */
function lineOf(text: string, prefix: string): number {
  return text.split("\n").findIndex((line) => line.startsWith(prefix)) + 1;
}

describe("the library API (src/index.ts)", () => {
  it("leaves its host's zod as it was: zod's configuration is shared by every copy in a process", () => {
    // Loading the built library and validating a file with a problem (which builds the schema) must not set jitless.
    const script = [
      'const z = require("zod");',
      `const library = require(${JSON.stringify(join(ROOT, "dist", "index.cjs"))});`,
      'try { library.loadScenario("name: x\\nhorizon_days: -5\\n"); } catch {}',
      "process.stdout.write(String(z.config().jitless));",
    ].join("\n");
    expect(spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" }).stdout).toBe("undefined");
  });

  it("evaluates a scenario text to the result `run --format json` prints for the same file", async () => {
    const scenario = loadScenario(defaultText, { file: "data/scenarios/default.yaml", today: "2026-11-25" });
    const cli = await runInProcess(["run", "data/scenarios/default.yaml", "--format", "json"]);
    expect(cli.code).toBe(0);
    expect(evaluate(scenario)).toEqual(JSON.parse(cli.stdout));
  });

  it("reports a bad value at its line, column and path, as the CLI does", () => {
    const text = defaultText.replace(/^horizon_days: 365/m, "horizon_days: -5");
    const error = userError(() => loadScenario(text, { file: "mine.yaml" }));
    expect(isUserError(error)).toBe(true);
    const problem = error.problems.find((candidate) => candidate.path === "horizon_days");
    // "horizon_days: " is 14 characters, so the value starts in column 15.
    expect(problem).toMatchObject({ file: "mine.yaml", line: lineOf(defaultText, "horizon_days:"), col: 15 });
  });

  it("reads a plain object, whose problems carry paths but no lines", () => {
    const error = userError(() => loadScenario({ name: "x", currency: "CNY" }));
    expect(error.problems.length).toBeGreaterThan(0);
    expect(error.problems.map((problem) => problem.path)).toContain("usage");
    for (const problem of error.problems) {
      expect(problem.file).toBe("<object>");
      expect(problem.line).toBeUndefined();
    }
  });

  it("applies `set` changes as --set does", () => {
    const result = evaluate(loadScenario(defaultText, { set: ["horizon_days=30"] }));
    expect(result.scenario.horizon_days).toBe(30);
  });

  it("refuses a mistyped `set` path with a user error", () => {
    expect(() => loadScenario(defaultText, { set: ["horizon_dayz=30"] })).toThrow(UserError);
  });

  it("evaluates only scenarios it loaded", () => {
    const forged = { file: "x", name: "x", currency: "CNY", warnings: [], input: {} } as unknown as Scenario;
    expect(() => evaluate(forged)).toThrow(TypeError);
  });

  it("renders JSON that reads back as the result, and every format of run", async () => {
    const result = evaluate(loadScenario(defaultText));
    expect(JSON.parse(await render(result, "json"))).toEqual(result);
    expect(FORMATS).toEqual(expect.arrayContaining(["table", "json", "csv", "md"]));
    for (const format of FORMATS) expect((await render([result, result], format)).length).toBeGreaterThan(0);
  });

  it("refuses a format run lacks", async () => {
    const result = evaluate(loadScenario(defaultText));
    await expect(render(result, "junit")).rejects.toThrow(UserError);
  });
});
