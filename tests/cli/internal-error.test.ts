import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";
import { ROOT } from "../helpers/cli.js";

/** An io whose stdout fails as no user input can make it: the boundary must call that a bug. */
function brokenIo(): { io: CliIo; stderr: () => string } {
  let stderr = "";
  const io: CliIo = {
    stdout: () => {
      throw new TypeError("stdout exploded");
    },
    stderr: (text) => void (stderr += text),
    readStdin: () => new Uint8Array(),
    env: {},
    stdoutIsTTY: false,
    columns: 80,
    cwd: ROOT,
    today: "2026-11-25",
  };
  return { io, stderr: () => stderr };
}

describe("an internal error", () => {
  it("is one line and exit 70, without a stack", async () => {
    const { io, stderr } = brokenIo();
    expect(await runCli(["run", "--format", "json"], io)).toBe(70);
    expect(stderr()).toBe(
      "llm-cac: internal error: TypeError: stdout exploded\n(this is a bug in llm-cac; run again with --debug for the stack trace)\n",
    );
  });

  it("shows its stack with --debug", async () => {
    const { io, stderr } = brokenIo();
    expect(await runCli(["run", "--format", "json", "--debug"], io)).toBe(70);
    expect(stderr()).toMatch(/^llm-cac: internal error: TypeError: stdout exploded\nTypeError: stdout exploded\n\s+at /);
  });
});
