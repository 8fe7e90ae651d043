import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_STARTER_FILE, starterScenario } from "../../src/cli/commands/init.js";
import { packageVersion } from "../../src/lib/package-info.js";
import { scenarioSchema } from "../../src/scenario/schema.js";
import { keysAt } from "../../src/lib/schema-walk.js";
import { ROOT, runBuilt, runInProcess } from "../helpers/cli.js";

const TEMPLATE = join(ROOT, "data", "starter.yaml");

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "llm-cac-init-"));
}

describe("llm-cac init -", () => {
  it("prints the starter, pointing at the published schema of this version when not installed as a dependency", async () => {
    const { code, stdout, stderr } = await runInProcess(["init", "-"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const lines = stdout.split("\n");
    expect(lines[0]).toBe(`# yaml-language-server: $schema=https://unpkg.com/llm-cac@${packageVersion()}/schema/scenario.schema.json`);
    // Everything after that line is the template as written.
    expect(lines.slice(1)).toEqual(readFileSync(TEMPLATE, "utf8").split("\n").slice(1));
  });
});

describe("llm-cac init FILE", () => {
  it("writes the starter, says what to do next, and the file passes check", async () => {
    const file = join(tempDir(), "app.yaml");
    const { code, stderr } = await runInProcess(["init", file]);
    expect(code).toBe(0);
    expect(stderr).toBe(`wrote ${file}: a starter scenario; put in your own figures, then run: llm-cac check ${file}\n`);
    expect(readFileSync(file, "utf8")).toBe(starterScenario(join(file, "..")));
    const check = await runInProcess(["check", file]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain("ladder holds: inference < training < acquisition; 3 expectations met");
  });

  it("names a file whose name holds control characters with them shown, not sent to the terminal", async () => {
    // The name as typed carries ESC [31m (turn the terminal red) and BEL; the message shows
    // them as \x1b and \x07, as every other message naming a file does.
    const file = join(tempDir(), "a\x1b[31mb\x07.yaml");
    const { code, stderr } = await runInProcess(["init", file]);
    expect(code).toBe(0);
    expect(existsSync(file)).toBe(true);
    const shown = file.replace("\x1b", "\\x1b").replace("\x07", "\\x07");
    expect(stderr).toBe(`wrote ${shown}: a starter scenario; put in your own figures, then run: llm-cac check ${shown}\n`);
  });

  it("never replaces an existing file without --force, and leaves nothing else behind", async () => {
    const folder = tempDir();
    const file = join(folder, "mine.yaml");
    writeFileSync(file, "my own scenario\n");
    const { code, stdout, stderr } = await runInProcess(["init", file]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(`llm-cac: ${file}: already exists; add --force to replace it\n`);
    expect(readFileSync(file, "utf8")).toBe("my own scenario\n");
    expect(readdirSync(folder)).toEqual(["mine.yaml"]);

    const forced = await runInProcess(["init", file, "--force"]);
    expect(forced.code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(starterScenario(folder));
  });

  it("writes scenario.yaml in the working folder by default, and refuses the second time", () => {
    const folder = tempDir();
    expect(runBuilt(["init"], { cwd: folder }).code).toBe(0);
    const written = readFileSync(join(folder, DEFAULT_STARTER_FILE), "utf8");
    expect(DEFAULT_STARTER_FILE).toBe("scenario.yaml");
    writeFileSync(join(folder, DEFAULT_STARTER_FILE), "edited\n");
    const again = runBuilt(["init"], { cwd: folder });
    expect(again.code).toBe(2);
    expect(readFileSync(join(folder, DEFAULT_STARTER_FILE), "utf8")).toBe("edited\n");
    expect(written).toContain("name: My AI chat app");
  });

  it("refuses a folder or a device naming its FILE argument, which init has instead of --output", async () => {
    const folder = tempDir();
    const toFolder = await runInProcess(["init", folder]);
    expect(toFolder.code).toBe(2);
    expect(toFolder.stderr).toBe(`llm-cac: ${folder}: is a directory; give init a file name, such as ${folder}/scenario.yaml\n`);
    expect(readdirSync(folder)).toEqual([]);
    // Refused before any rename: even as root, /dev/null stays a device.
    const toDevice = await runInProcess(["init", "/dev/null", "--force"]);
    expect(toDevice.code).toBe(2);
    expect(toDevice.stderr).toBe(
      "llm-cac: /dev/null: not a regular file; init writes files only (init - prints the scenario, for a shell redirection to devices and pipes)\n",
    );
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it("says so when the folder does not exist, rather than creating it", async () => {
    const folder = tempDir();
    const { code, stderr } = await runInProcess(["init", join(folder, "missing", "app.yaml")]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/the folder .*missing does not exist/);
    expect(existsSync(join(folder, "missing"))).toBe(false);
  });
});

describe("the starter template", () => {
  const text = readFileSync(TEMPLATE, "utf8");
  const lines = text.split("\n");

  it("has a comment on every key it sets", () => {
    // A key line: optional indent and list dash, a key, a colon (the sources list holds strings, not keys).
    const keyLines = lines.filter((line) => /^\s*(- )?[a-z_][\w.]*:/.test(line));
    expect(keyLines.length).toBeGreaterThan(50);
    expect(keyLines.filter((line) => !/\s#\s/.test(line))).toEqual([]);
  });

  it("shows every key of the format, set or as a commented alternative", () => {
    const named = new Set([...text.matchAll(/^\s*#?\s*(?:- )?([a-z_][a-z0-9_]*):/gm)].map((match) => match[1]));
    const sections = keysAt(scenarioSchema(), []);
    const keys = new Set(sections);
    // keysAt looks through unions, so a rangeable leaf yields the range keys: those are checked below.
    const rangeKeys = ["low", "high", "dist", "mode"];
    for (const section of sections) for (const key of keysAt(scenarioSchema(), [section])) if (!rangeKeys.includes(key)) keys.add(key);
    for (const key of [
      ...keysAt(scenarioSchema(), ["acquisition", "channels", 0]),
      ...keysAt(scenarioSchema(), ["training", "runs", 0]),
      ...keysAt(scenarioSchema(), ["inference", "price"]),
    ])
      keys.add(key);
    // Range keys are shown in the header comment: { low, high, dist: triangular, mode }.
    for (const key of rangeKeys) expect(text).toMatch(new RegExp(`\\b${key}\\b`));
    expect([...keys].filter((key) => !named.has(key))).toEqual([]);
  });

  it("gives every figure a source [n], or marks it an estimate or the format's default", () => {
    const sources = (parse(text) as { sources: string[] }).sources.length;
    // Figures: keys set to a number or a money string; the expect block's bounds are the user's choice, not facts.
    const expectBlock = lines.findIndex((line) => line.startsWith("expect:"));
    expect(expectBlock).toBeGreaterThan(0);
    const figures = lines.slice(0, expectBlock).filter((line) => /^\s*(- )?[a-z_][\w.]*:\s*("[$¥€£]?[\d.,]+\w*"|[\d.-]+)\s/.test(line));
    expect(figures.length).toBeGreaterThan(25);
    expect(figures.filter((line) => !/#.*(\[\d+\]|estimate|default)/.test(line))).toEqual([]);
    for (const match of text.matchAll(/\[(\d+)\]/g)) expect(Number(match[1])).toBeLessThanOrEqual(sources);
  });
});
