import { describe, expect, it } from "vitest";
import { progressReporter, progressText } from "../../src/cli/progress.js";
import { parseJobs } from "../../src/cli/workers.js";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN, ROOT, runInProcess } from "../helpers/cli.js";

/** The built bin, with more time than runBuilt gives: 2,000 samples on a busy machine. */
function runBuilt(argv: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    env: { PATH: process.env.PATH ?? "" },
    cwd: ROOT,
    encoding: "utf8",
    timeout: 100_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const SCENARIO = "data/scenarios/default.yaml";
const RANGES = ["--set", "acquisition.channels.bilibili.cpa={ low: 20, high: 40 }", "--set", "retention.d30={ low: 0.04, high: 0.07 }"];

describe("run --samples --jobs N", () => {
  // The main thread evaluates blocks while the workers load (src/uncertainty/sample.ts): at
  // 2,000 samples, the least that starts workers, it may do them all; 6,000 at 3,650 days
  // keep it busy for a second or more, so that the two workers (--jobs 3) take blocks too.
  it.each([
    ["2,000 samples", ["--samples", "2000"]],
    ["6,000 samples at 3,650 days", ["--samples", "6000", "--set", "horizon_days=3650"]],
  ])(
    "writes the same bytes with --jobs 1 and --jobs 3: %s",
    (_, samples) => {
      const one = runBuilt(["run", SCENARIO, ...RANGES, ...samples, "--seed", "7", "--format", "json", "--jobs", "1"]);
      const three = runBuilt(["run", SCENARIO, ...RANGES, ...samples, "--seed", "7", "--format", "json", "--jobs", "3"]);
      expect(one.code).toBe(0);
      expect(three.code).toBe(0);
      expect(JSON.parse(one.stdout).samples.n).toBe(Number(samples[1]));
      expect(three.stdout).toBe(one.stdout);
      expect(three.stderr).toBe(one.stderr);
    },
    120_000,
  );

  // About one draw in five breaks a rule here: the blocks must follow on from each other
  // without a worker (`--jobs 1`) as they do with one.
  it("writes the same bytes with --jobs 1 and --jobs 3 where draws are rejected", () => {
    const overlap = ["run", "tests/fixtures/uncertainty/retention-overlap.yaml", "--samples", "2100", "--seed", "7", "--format", "json"];
    const one = runBuilt([...overlap, "--jobs", "1"]);
    const three = runBuilt([...overlap, "--jobs", "3"]);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).samples.rejected).toBeGreaterThan(0);
    expect(three.stdout).toBe(one.stdout);
    expect(three.stderr).toBe(one.stderr);
  }, 120_000);

  // Draws that break a rule are counted, and the run gives up, at the same draw whoever evaluated it.
  it("gives up at the same draw with --jobs 1 and --jobs 3", () => {
    const hopeless = ["run", "tests/fixtures/uncertainty/retention-hopeless.yaml", "--samples", "5000", "--seed", "3", "--format", "json"];
    const one = runBuilt([...hopeless, "--jobs", "1"]);
    const three = runBuilt([...hopeless, "--jobs", "3"]);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain("the ranges rarely give a valid scenario");
    expect(three.code).toBe(one.code);
    expect(three.stderr).toBe(one.stderr);
  }, 120_000);

  it("refuses --jobs 0 and --jobs without --samples", async () => {
    const zero = await runInProcess(["run", SCENARIO, ...RANGES, "--samples", "10", "--jobs", "0"]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("--jobs 0: expected a whole number from 1 to 256");
    const alone = await runInProcess(["run", SCENARIO, "--jobs", "2"]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain("--jobs 2: threads are for an uncertainty run; add --samples N");
  });
});

describe("sweep --jobs N", () => {
  // 6,000 points at 3,650 days: above the size that starts workers (src/cli/workers.ts), so two workers really run.
  const LONG = ["--set", "horizon_days=3650"];
  const GRID = [...LONG, "--vary", "acquisition.channels.bilibili.cpa=10..50/100", "--vary", "tokens.context=0..100000/60"];

  it("writes the same bytes with --jobs 1 and --jobs 3", () => {
    const one = runBuilt(["sweep", SCENARIO, ...GRID, "--format", "csv", "--jobs", "1"]);
    const three = runBuilt(["sweep", SCENARIO, ...GRID, "--format", "csv", "--jobs", "3"]);
    expect(one.code).toBe(0);
    // a header and one row per point
    expect(one.stdout.trimEnd().split("\n")).toHaveLength(6001);
    expect(three.stdout).toBe(one.stdout);
    expect(three.stderr).toBe(one.stderr);
  }, 120_000);

  it("stops at the same point that breaks a rule with --jobs 1 and --jobs 3", () => {
    // d14 is 0.09 in the default scenario: d30 = 0.01 + 0.09 x 44/49 = 0.0908 (the 45th of 50) is the first above it,
    // at point 44 x 120 + 1 = 5,281 of 6,000, after thousands the workers evaluated.
    const grid = [...LONG, "--vary", "retention.d30=0.01..0.1/50", "--vary", "acquisition.channels.bilibili.cpa=10..50/120"];
    const one = runBuilt(["sweep", SCENARIO, ...grid, "--format", "csv", "--jobs", "1"]);
    const three = runBuilt(["sweep", SCENARIO, ...grid, "--format", "csv", "--jobs", "3"]);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain("--vary retention.d30=0.0908163265306: retention never rises: d30 (0.0908163265306) is above d14 (0.09)");
    expect(three.code).toBe(2);
    expect(three.stdout).toBe("");
    expect(three.stderr).toBe(one.stderr);
  }, 120_000);
});

describe("Ctrl-C", () => {
  /** Starts the built CLI, interrupts it after `ms`, and says how it ended and what it left in its folder. */
  async function interrupted(argv: string[], ms: number) {
    const folder = mkdtempSync(join(tmpdir(), "llm-cac-sigint-"));
    const child = spawn(process.execPath, [BIN, ...argv, "--output", join(folder, "report.out")], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "" },
      stdio: "ignore",
    });
    const timer = setTimeout(() => child.kill("SIGINT"), ms);
    const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    clearTimeout(timer);
    return { ...ended, left: readdirSync(folder) };
  }

  // Long enough to be interrupted while the workers run: 100,000 samples; a 10,000-point sweep at 3,650 days.
  it.each([
    ["run --samples", ["run", SCENARIO, ...RANGES, "--samples", "100000", "--format", "json"]],
    [
      "sweep",
      [
        "sweep",
        SCENARIO,
        "--set",
        "horizon_days=3650",
        "--vary",
        "acquisition.channels.bilibili.cpa=10..50/100",
        "--vary",
        "tokens.context=0..100000/100",
      ],
    ],
  ])(
    "%s ends as interrupted (130 in a shell) and leaves no file",
    async (_name, argv) => {
      const ended = await interrupted(argv, 500);
      // Node ends by the signal itself, which a shell reports as 128 + 2 = 130.
      expect(ended.signal === "SIGINT" || ended.code === 130).toBe(true);
      expect(ended.left).toEqual([]);
    },
    60_000,
  );
});

describe("parseJobs", () => {
  it("defaults to the available parallelism, at least 1", () => {
    expect(parseJobs(undefined, 8)).toBe(8);
    expect(parseJobs(undefined, 0)).toBe(1);
    expect(parseJobs(" 3 ", 8)).toBe(3);
    expect(() => parseJobs("1.5", 8)).toThrow("--jobs 1.5");
    expect(() => parseJobs("257", 8)).toThrow("from 1 to 256");
  });
});

describe("progress on stderr", () => {
  const io = (stderrIsTTY: boolean, env: Record<string, string> = {}) => {
    const written: string[] = [];
    return { written, io: { stderrIsTTY: () => stderrIsTTY, env, stderr: (text: string) => void written.push(text) } as never };
  };

  it("shows points, rate and time left after the first second, and clears its line", () => {
    let clock = 0;
    const { written, io: tty } = io(true);
    const progress = progressReporter(tty, {}, "samples", () => clock)!;
    progress.update(100, 1000);
    expect(written).toEqual([]);
    clock = 2000;
    progress.update(500, 1000);
    progress.done();
    // 500 in 2 s = 250/s; 500 left at 250/s = 2 s
    expect(written).toEqual(["\r\x1b[K500 / 1,000 samples (50 %), 250/s, about 2 s left", "\r\x1b[K"]);
  });

  it("says nothing when stderr is no terminal, with --quiet, or in CI", () => {
    expect(progressReporter(io(false).io, {}, "samples")).toBeUndefined();
    expect(progressReporter(io(true).io, { quiet: true }, "samples")).toBeUndefined();
    expect(progressReporter(io(true, { CI: "true" }).io, {}, "samples")).toBeUndefined();
  });

  it("formats the line", () => {
    // 12,000 in 3 s = 4,000/s; 88,000 left / 4,000 = 22 s
    expect(progressText(12_000, 100_000, 3, "points")).toBe("12,000 / 100,000 points (12 %), 4,000/s, about 22 s left");
  });
});
