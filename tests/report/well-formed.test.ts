import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROOT, runInProcess } from "../helpers/cli.js";
import { parseCsv } from "../helpers/csv.js";
import { parseXml, type XmlElement } from "../helpers/xml.js";

/**
 * Issue 13, fuzzing: whatever a scenario's strings hold (quotes, commas, line breaks,
 * Markdown and XML punctuation), every renderer's output stays well formed: CSV parses
 * with one width, JUnit parses as XML and carries the string intact, Markdown escapes it.
 */

/** Characters that mean something to CSV, XML, Markdown or YAML, plus plain and wide ones. */
const PIECES = [
  "a",
  "Z",
  "7",
  " ",
  ",",
  '"',
  "'",
  "\n",
  "\r\n",
  "<",
  ">",
  "&",
  "|",
  "*",
  "_",
  "`",
  "[",
  "]",
  "#",
  "~",
  "\\",
  "=",
  "+",
  "-",
  "@",
  ":",
  "中",
  "é",
  "&amp;",
  "]]>",
  "<!--",
];
/** A name: a letter first, so it is never blank (which the format refuses). */
const nameArbitrary = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((pieces) => `n${pieces.join("")}`);

const ONE = readFileSync(join(ROOT, "tests/fixtures/whatif/with-expect.yaml"), "utf8");
/** The fixture with its scenario and channel named: JSON's escapes are YAML's double-quoted ones. */
const named = (name: string, channel: string) =>
  ONE.replace(/^name: .*$/m, `name: ${JSON.stringify(name)}`).replace("    - name: ads", `    - name: ${JSON.stringify(channel)}`);

const RUNS = { numRuns: 25 };

/** Control characters shown as their escapes (`\\r`, `\\n`), as text reports show them. */
const visible = (text: string) => text.replace(/\r/g, "\\r").replace(/\n/g, "\\n");

/**
 * The string a cell holds: as written, or with its line breaks shown visibly; a spreadsheet
 * may also see a leading `'` (formula neutralising) before it.
 */
const withoutQuotePrefix = (cell: string, text: string) =>
  [text, `'${text}`, visible(text), `'${visible(text)}`].includes(cell) ? text : cell;

describe("CSV stays rectangular and keeps every string", () => {
  it.each([[[]], [["--timeline", "month"]]] as const)("run %j", async (extra) => {
    await fc.assert(
      fc.asyncProperty(nameArbitrary, nameArbitrary, async (name, channel) => {
        const run = await runInProcess(["run", "-", "--format", "csv", ...extra], { stdin: named(name, channel) });
        expect(run.code).toBe(0);
        const [header, ...rows] = parseCsv(run.stdout.replace(/^\uFEFF/, ""));
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) expect(row).toHaveLength(header!.length);
        const nameAt = header!.indexOf("scenario.name");
        for (const row of rows) expect(withoutQuotePrefix(row[nameAt]!, name)).toBe(name);
        if (extra.length === 0) expect(withoutQuotePrefix(rows[0]![header!.indexOf("channels.0.name")]!, channel)).toBe(channel);
      }),
      RUNS,
    );
  });
});

/** Every attribute value and text of an element and its children. */
function strings(element: XmlElement): string[] {
  return [...Object.values(element.attributes), element.text, ...element.children.flatMap(strings)];
}

describe("JUnit parses as XML", () => {
  it("whatever the scenario and its file are called, and names the file", async () => {
    const folder = mkdtempSync(join(tmpdir(), "llm-cac-junit-"));
    await fc.assert(
      fc.asyncProperty(nameArbitrary, nameArbitrary, async (name, fileName) => {
        // A file name may hold anything but a slash (and NUL).
        const file = join(folder, `${fileName}.yaml`);
        writeFileSync(file, named(name, "ads"));
        try {
          const run = await runInProcess(["check", file, "--format", "junit"]);
          expect(run.code).toBe(0);
          const root = parseXml(run.stdout);
          expect(root.name).toBe("testsuites");
          // The file's name comes back from the XML as it went in, or with its control characters shown visibly.
          expect(strings(root).some((text) => text.includes(file) || text.includes(visible(file)))).toBe(true);
        } finally {
          rmSync(file);
        }
      }),
      RUNS,
    );
    rmSync(folder, { recursive: true });
  });
});

/** Markdown punctuation that would change what GitHub renders, when not escaped by a backslash. */
const UNESCAPED_SPECIAL = /(?<!\\)(?:\\\\)*[`*_[\]<>|#~&]/;

/** The text a reader sees: backslash escapes resolved, the zero-width space after an @ taken out. */
const shown = (markdown: string) => markdown.replaceAll("@&#8203;", "@").replace(/\\([!-/:-@[-`{-~])/g, "$1");

describe("Markdown escapes every scenario string", () => {
  it("in the heading and in the tables, which keep their columns", async () => {
    await fc.assert(
      fc.asyncProperty(nameArbitrary, nameArbitrary, async (name, channel) => {
        const run = await runInProcess(["run", "-", "--format", "md"], { stdin: named(name, channel) });
        expect(run.code).toBe(0);
        const heading = run.stdout.split("\n").find((line) => line.startsWith("## "))!;
        const escaped = heading.slice(3);
        // A line break in a name is a space in Markdown, or shown visibly as \n; nothing else changes.
        expect([name.replace(/\r\n|\r|\n/g, " "), visible(name)]).toContain(shown(escaped));
        expect(escaped.replaceAll("@&#8203;", "@").replace(/\\[!-/:-@[-`{-~]/g, "")).not.toMatch(UNESCAPED_SPECIAL);
        // Each table's rows have as many cell separators as its head.
        const cells = (line: string) => line.match(/(?<!\\)\|/g)?.length ?? 0;
        for (const table of run.stdout.split(/\n\n+/).filter((block) => block.startsWith("|"))) {
          const lines = table.split("\n").filter((line) => line.startsWith("|"));
          for (const line of lines) expect(cells(line), line).toBe(cells(lines[0]!));
        }
      }),
      RUNS,
    );
  });
});
