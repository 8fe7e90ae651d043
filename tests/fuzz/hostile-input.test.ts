import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROOT, runInProcess } from "../helpers/cli.js";
import { parseCsv } from "../helpers/csv.js";
import { parseXml } from "../helpers/xml.js";

/**
 * Issue 13's fuzzing: random bytes, token soup and mutated valid scenarios into the loader
 * (through the CLI's own boundary, in this process) and into `--set`. Whatever the input:
 * exit 0 or 2, never 70 (an internal error); no stack on stderr; no file left behind by a
 * run that failed. Runs are few and bounded, so the suite stays fast; a failure prints its
 * seed and the shrunk input, to replay with `fc.assert(..., { seed, path })`.
 */
const SCENARIO = readFileSync(join(ROOT, "tests/fixtures/run/one-channel.yaml"), "utf8");
const CHECK_SCENARIO = readFileSync(join(ROOT, "tests/fixtures/check/pass/tiny.yaml"), "utf8");
/** FUZZ_RUNS=2000 for a longer hunt; the suite's default keeps the whole file within seconds. */
const RUNS = { numRuns: Number(process.env.FUZZ_RUNS ?? 60) };
/** Each test's time limit, in step with its runs (a loaded machine takes up to a few hundred ms per run). */
const LIMIT = 30_000 + RUNS.numRuns * 300;

/** Runs `run - -o FILE` on `stdin` in a fresh folder; checks the invariants every outcome must keep. */
async function runOnStdin(stdin: string | Uint8Array, extra: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), "llm-cac-fuzz-"));
  const output = join(dir, "out.json");
  const run = await runInProcess(["run", "-", "--format", "json", "-o", output, ...extra], { stdin, cwd: dir });
  expect([0, 2], run.stderr).toContain(run.code);
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  // A failed run writes nothing; a run that worked writes its report and nothing else.
  expect(readdirSync(dir)).toEqual(run.code === 0 ? ["out.json"] : []);
  return run;
}

/** Pieces of YAML and of scenarios, for inputs that get further into the loader than random bytes do. */
const TOKENS = [
  "name:",
  "currency:",
  "fx:",
  "horizon_days:",
  "acquisition:",
  "channels:",
  "retention:",
  "usage:",
  "tokens:",
  "inference:",
  "training:",
  "revenue:",
  "expect:",
  "d1:",
  "d7:",
  "cpa:",
  "share:",
  "daily_budget:",
  "input:",
  "output:",
  "price:",
  "runs:",
  "cost:",
  "model:",
  "prices_file:",
  "low:",
  "high:",
  "dist:",
  "mode:",
  "0",
  "1",
  "-1",
  "0.5",
  "1e308",
  "1e-320",
  ".nan",
  ".inf",
  "null",
  "~",
  "true",
  "[]",
  "{}",
  '"$1M"',
  '"¥20万"',
  '"1000 usd"',
  "USD",
  "CNY",
  "__proto__",
  "<<",
  "&a",
  "*a",
  "!!str",
  "!money",
  "---",
  "...",
  "%YAML 1.1",
  "-",
  ":",
  ",",
  "[",
  "]",
  "{",
  "}",
  "#",
  "|",
  ">",
  "'",
  '"',
  "?",
  "@",
  "`",
  "\t",
  "\n",
  "  ",
  " ",
  "\u0000",
  "\u001b[2K",
  "\r",
  "\u00a0",
  "\ufeff",
  "月",
];

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((tokens) => tokens.join(" "));

/** A valid scenario with a few characters or lines deleted, inserted or repeated. */
function mutated(base: string): fc.Arbitrary<string> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.constantFrom(...TOKENS) }),
    fc.record({ kind: fc.constant("line" as const), at: fc.nat(), to: fc.nat() }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) =>
    edits.reduce((text, change) => {
      const at = change.at % (text.length + 1);
      if (change.kind === "delete") return text.slice(0, at) + text.slice(at + change.length);
      if (change.kind === "insert") return text.slice(0, at) + change.text + text.slice(at);
      const lines = text.split("\n");
      const line = lines[change.at % lines.length]!;
      lines.splice(change.to % (lines.length + 1), 0, line);
      return lines.join("\n");
    }, base),
  );
}

describe("fuzzing the loader", () => {
  it("random bytes", { timeout: LIMIT }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => void (await runOnStdin(bytes))),
      RUNS,
    );
  });

  it("token soup", { timeout: LIMIT }, async () => {
    await fc.assert(
      fc.asyncProperty(tokenSoup, async (text) => void (await runOnStdin(text))),
      RUNS,
    );
  });

  it("mutated valid scenarios", { timeout: LIMIT }, async () => {
    await fc.assert(
      fc.asyncProperty(mutated(SCENARIO), async (text) => void (await runOnStdin(text))),
      { numRuns: RUNS.numRuns * 2 },
    );
  });
});

describe("fuzzing --set", () => {
  const PATHS = [
    "name",
    "currency",
    "fx.CNY",
    "retention.d1",
    "retention.d7",
    "acquisition.daily_budget",
    "acquisition.channels.0.cpa",
    "acquisition.channels.ads.share",
    "tokens.history",
    "inference.price.input",
    "training.runs.0.cost",
    "expect.max.unit.cac_blended",
  ];
  const path = fc.oneof(
    fc.constantFrom(...PATHS),
    fc
      .array(fc.constantFrom("retention", "d1", "0", "ads", "channels", "", "__proto__", "x"), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.join(".")),
  );
  const value = fc.oneof(fc.constantFrom(...TOKENS), tokenSoup, fc.string({ maxLength: 20 }));

  it("any PATH=VALUE ends in a result or a clear error", { timeout: LIMIT }, async () => {
    await fc.assert(
      fc.asyncProperty(path, value, async (at, text) => void (await runOnStdin(SCENARIO, ["--set", `${at}=${text}`]))),
      RUNS,
    );
  });
});

describe("renderers stay well formed whatever a scenario names", () => {
  const name = fc.string({ unit: "binary", minLength: 1, maxLength: 30 }).filter((text) => text.trim() !== "");
  /** The check fixture with `name` as its name, written as a double-quoted YAML string (JSON is valid YAML there). */
  const named = (text: string) => CHECK_SCENARIO.replace(/^name: .*$/m, `name: ${JSON.stringify(text)}`);

  it("CSV: every row as wide as the header, formulas neutralised", { timeout: LIMIT }, async () => {
    await fc.assert(
      fc.asyncProperty(name, async (text) => {
        const run = await runInProcess(["run", "-", "--format", "csv"], { stdin: named(text) });
        if (run.code !== 0) return;
        const rows = parseCsv(run.stdout);
        expect(new Set(rows.map((row) => row.length)).size).toBe(1);
        const cell = rows[1]![rows[0]!.indexOf("scenario.name")]!;
        expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }),
      RUNS,
    );
  });

  it("JUnit parses as XML", { timeout: LIMIT }, async () => {
    await fc.assert(
      fc.asyncProperty(name, async (text) => {
        const run = await runInProcess(["check", "-", "--format", "junit"], { stdin: named(text) });
        expect([0, 1, 2]).toContain(run.code);
        expect(() => parseXml(run.stdout)).not.toThrow();
      }),
      RUNS,
    );
  });

  it("table and Markdown carry no raw control character and no live @mention", { timeout: LIMIT }, async () => {
    await fc.assert(
      fc.asyncProperty(name, async (text) => {
        for (const format of ["table", "md"]) {
          const run = await runInProcess(["check", "-", "--format", format], { stdin: named(text) });
          expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
          if (format === "md") expect(run.stdout).not.toMatch(/(^|[^\w`])@[A-Za-z0-9]/m);
        }
      }),
      RUNS,
    );
  });
});
