import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { runCli } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = fileURLToPath(new URL("../../bin/llm-cac.js", import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process, with captured output: fast enough for hundreds of cases. */
export async function runInProcess(
  argv: string[],
  options: { stdin?: string | Uint8Array; env?: Record<string, string>; cwd?: string; tty?: boolean; columns?: number } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: () => (typeof options.stdin === "string" ? new TextEncoder().encode(options.stdin) : (options.stdin ?? new Uint8Array())),
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
    columns: options.columns ?? 100,
    cwd: options.cwd ?? ROOT,
    today: "2026-11-25",
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** Runs the built binary (`npm run build` first; `npm test` does), as a user's shell would. */
export function runBuilt(argv: string[], options: { stdin?: string | Buffer; env?: Record<string, string>; cwd?: string } = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    input: options.stdin ?? "",
    env: { PATH: process.env.PATH ?? "", ...options.env },
    cwd: options.cwd ?? ROOT,
    encoding: "utf8",
    timeout: 20_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

// Results in JSON are read loosely: the tests check the figures, the types check the code.
export type Loose = any;

/**
 * What a command prints with `--format json`, parsed; stderr must be empty, and the exit
 * code `code` (null: any code).
 */
export async function runJson(argv: string[], code: number | null = 0): Promise<Loose> {
  const run = await runInProcess([...argv, "--format", "json"]);
  expect(run.stderr).toBe("");
  if (code !== null) expect(run.code).toBe(code);
  return JSON.parse(run.stdout);
}
