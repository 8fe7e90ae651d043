import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PIECE } from "../../src/cli/stdout.js";
import { BIN, ROOT, runBuilt } from "../helpers/cli.js";

// src/cli/stdout.ts writes to a file, a pipe or /dev/null with writeSync instead of Node's
// process.stdout stream. Whatever the target, the bytes and the exit code must be the stream's.

const LAUNCH = join(ROOT, "dist", "launch.cjs");
const folder = mkdtempSync(join(tmpdir(), "llm-cac-stdout-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
/** 3,650 days of daily rows: about 1 MB, many times what a pipe holds (64 KiB on Linux). */
const LONG = ["run", "--timeline", "day", "--format", "csv", "--set", "horizon_days=3650"];

/** The built CLI run with `stdout` as its file descriptor 1. */
function runWithStdout(argv: string[], stdout: number) {
  return spawnSync(process.execPath, [BIN, ...argv], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", stdout, "pipe"], timeout: 20_000 });
}

/**
 * Whether a run of the built CLI with `stdout` as its file descriptor 1 made Node's stream
 * for it: a SyncWriteStream for a file or /dev/null, a net.Socket for a pipe.
 */
function madeStdoutStream(stdout: number | "pipe"): boolean {
  const script = [
    `require(${JSON.stringify(LAUNCH)}).main(["run", "--format", "json"]).then(() => {`,
    "  const made = process.moduleLoadList.some((name) => /sync_write_stream|NativeModule net$/.test(name));",
    "  require('node:fs').writeSync(2, 'MADE ' + made + '\\n');",
    "});",
  ].join("\n");
  const run = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", stdout, "pipe"] });
  expect(run.status).toBe(0);
  // A run that never got to report is no answer either way.
  expect(run.stderr).toMatch(/^MADE (true|false)$/m);
  return run.stderr.includes("MADE true");
}

/**
 * Which of Node's stream modules a sweep of the built CLI loaded, with stdout a file and
 * `stderr` as its file descriptor 2 (a sweep asks whether stderr is a terminal, to show progress).
 */
function sweepLoadedStreams(
  stderr: number | "pipe",
  wrap: (command: string[], outFile: string) => string[] = (command) => command,
): string {
  const outFile = join(folder, "sweep.csv");
  const out = openSync(outFile, "w");
  const script = [
    `require(${JSON.stringify(LAUNCH)}).main(["sweep", "data/scenarios/default.yaml", "--vary", "usage.sessions_per_dau=1,2", "--format", "csv"]).then(() => {`,
    "  const loaded = process.moduleLoadList.filter((name) => /^NativeModule (net|tty|internal\\/fs\\/sync_write_stream)$/.test(name)).map((name) => name.slice(13));",
    "  require('node:fs').writeFileSync(process.env.LOADED_FILE, 'LOADED ' + loaded.join(','));",
    "});",
  ].join("\n");
  const loadedFile = join(folder, "loaded.txt");
  rmSync(loadedFile, { force: true });
  const [command, ...args] = wrap([process.execPath, "-e", script], outFile);
  const run = spawnSync(command!, args, {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", out, stderr],
    env: { ...process.env, LOADED_FILE: loadedFile, CI: "" },
    timeout: 20_000,
  });
  closeSync(out);
  expect(run.status).toBe(0);
  const loaded = readFileSync(loadedFile, "utf8");
  expect(loaded).toMatch(/^LOADED /);
  return loaded.slice("LOADED ".length);
}

describe("stderr that is no terminal", () => {
  it("is found to be none without making Node's stream for it (a pipe would load net)", () => {
    const file = openSync(join(folder, "err.txt"), "w");
    const devNull = openSync("/dev/null", "w");
    // /dev/null is a character device, as a terminal is: there the stream (for /dev/null, Node's
    // SyncWriteStream) is made and asked, and says it is no TTY.
    expect([sweepLoadedStreams("pipe"), sweepLoadedStreams(file), sweepLoadedStreams(devNull)]).toEqual([
      "",
      "",
      "internal/fs/sync_write_stream",
    ]);
    closeSync(file);
    closeSync(devNull);
  });

  // util-linux's script(1) runs the command on a pseudo-terminal: its stderr is a terminal, its stdout the file.
  const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;
  it.skipIf(!hasScript)("is asked of Node's stream where stderr is a character device, as a terminal is", () => {
    const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;
    const loaded = sweepLoadedStreams("pipe", (command, outFile) => [
      "script",
      "-qec",
      `${command.map(quote).join(" ")} > ${quote(outFile)}`,
      "/dev/null",
    ]);
    expect(loaded.split(",")).toContain("tty");
  });
});

describe("stdout that is no terminal", () => {
  it("is written without Node's stream for it, to a file, a pipe or /dev/null", () => {
    const file = openSync(join(folder, "out.json"), "w");
    const devNull = openSync("/dev/null", "w");
    expect([madeStdoutStream(file), madeStdoutStream("pipe"), madeStdoutStream(devNull)]).toEqual([false, false, false]);
    closeSync(file);
    closeSync(devNull);
  });

  const piped = runBuilt(LONG);

  it("gets the same bytes in a file as in a pipe", () => {
    expect(piped.code).toBe(0);
    expect(piped.stdout.length).toBeGreaterThan(500_000);
    const file = join(folder, "out.csv");
    const fd = openSync(file, "w");
    const run = runWithStdout(LONG, fd);
    closeSync(fd);
    expect(run.status).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(piped.stdout);
  });

  it("writes every piece whole: a character never split between two, a piece of 3-byte characters never cut short", () => {
    // An emoji is two UTF-16 units, so of the two shifts one puts a piece's end inside one; "中" is one unit and
    // three bytes in UTF-8, the most a unit takes, so its pieces fill their buffer.
    const names = ["\u{1F680}".repeat(40_000), `a${"\u{1F680}".repeat(40_000)}`, "\u4E2D".repeat(70_000)];
    for (const [index, name] of names.entries()) {
      const text = readFileSync(join(ROOT, "data", "scenarios", "default.yaml"), "utf8").replace(/^name: .*$/m, `name: "${name}"`);
      const scenario = join(folder, `long-name-${index}.yaml`);
      writeFileSync(scenario, text);
      const file = join(folder, `long-name-${index}.json`);
      const fd = openSync(file, "w");
      const run = runWithStdout(["run", scenario, "--format", "json"], fd);
      closeSync(fd);
      expect(run.status).toBe(0);
      const written = readFileSync(file, "utf8");
      // The name spans the end of the first piece, or the case tests nothing.
      const at = written.indexOf(name);
      expect(at).toBeGreaterThan(0);
      expect(at < PIECE && at + name.length > PIECE).toBe(true);
      expect(written).not.toContain("\uFFFD");
      expect(JSON.parse(written).scenario.name).toBe(name);
    }
  });

  it("hands the rest to Node's stream, in order, where a pipe that another stream made non-blocking is full", async () => {
    // Touching process.stdout first makes the pipe non-blocking (libuv does so for its own
    // stream); the reader waits, so writeSync meets EAGAIN once the pipe's 64 KiB are full.
    const script = `process.stdout; require(${JSON.stringify(LAUNCH)}).main(${JSON.stringify(LONG)});`;
    const child = spawn(process.execPath, ["-e", script], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stdout.resume();
    const status = await new Promise((resolve) => child.on("close", resolve));
    expect(status).toBe(0);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(piped.stdout);
  });

  it("exits 0 when the reader closes the pipe early (`| head -c 10`)", () => {
    // bash's $PIPESTATUS is the exit code of the pipeline's first command.
    const shell = spawnSync("bash", ["-c", 'node "$0" "$@" | head -c 10 > /dev/null; echo $PIPESTATUS', BIN, ...LONG], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(shell.stdout.trim()).toBe("0");
  });

  it("exits 2 naming the error where the file cannot be written", () => {
    // A descriptor open for reading only: writeSync fails with EBADF, as a full disk fails with ENOSPC.
    const file = join(folder, "read-only.csv");
    writeFileSync(file, "");
    const fd = openSync(file, "r");
    const run = runWithStdout(["run", "--format", "json"], fd);
    closeSync(fd);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^llm-cac: cannot write to stdout: .*EBADF/);
    expect(readFileSync(file, "utf8")).toBe("");
  });

  it("exits 2 naming the error where the file takes only part of the output (a file size limit), never 0 with a file cut short", () => {
    // Node's SyncWriteStream took the short write for a whole one: exit 0 and 100 KiB of 1 MB.
    const file = join(folder, "cut.csv");
    const shell = spawnSync("bash", ["-c", 'ulimit -f 100; exec "$0" "$@" > "$OUT"', process.execPath, BIN, ...LONG], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, OUT: file },
    });
    expect(shell.status).toBe(2);
    expect(shell.stderr).toMatch(/^llm-cac: cannot write to stdout: .*EFBIG/);
  });

  it("writes nothing and exits 0 into /dev/null", () => {
    const fd = openSync("/dev/null", "w");
    const run = runWithStdout(["run", "--format", "json"], fd);
    closeSync(fd);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
  });
});
