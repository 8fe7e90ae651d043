import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { buildProgram } from "../../src/cli/program.js";

const io: CliIo = {
  stdout: () => {},
  stderr: () => {},
  readStdin: () => new Uint8Array(),
  env: {},
  stdoutIsTTY: false,
  columns: 80,
  cwd: "/",
  today: "2026-11-25",
};

/** The arguments and options commander hands a command's action for `argv`, the action itself never run. */
async function parsed(argv: string[]): Promise<{ args: unknown[]; options: Record<string, unknown> }> {
  const program = buildProgram(io, () => {});
  let captured: { args: unknown[]; options: Record<string, unknown> } | undefined;
  for (const command of program.commands) {
    command.action((...values: unknown[]) => {
      // commander passes the arguments, then the options, then the command.
      const options = values.at(-2) as Record<string, unknown>;
      captured = { args: values.slice(0, -2), options: { ...options } };
    });
  }
  await program.parseAsync(argv, { from: "user" });
  if (captured === undefined) throw new Error(`no action ran for ${argv.join(" ")}`);
  return captured;
}

const DEFAULT_OUTPUT = { force: false, color: true };

// argv as a user types it -> the arguments and the options the command receives.
const TABLE: [argv: string[], args: unknown[], options: Record<string, unknown>][] = [
  [["run"], [[]], { format: "table", ...DEFAULT_OUTPUT }],
  [
    ["run", "a.yaml", "b.yaml", "-f", "json", "--timeline", "month", "-o", "out.json", "--force", "--no-color"],
    [["a.yaml", "b.yaml"]],
    { format: "json", timeline: "month", output: "out.json", force: true, color: false },
  ],
  [
    ["run", "--set", "a=1", "--set", "b=2", "--prices", "p.json", "-q"],
    [[]],
    { set: ["a=1", "b=2"], prices: "p.json", quiet: true, ...DEFAULT_OUTPUT, format: "table" },
  ],
  [["run", "--samples", "1000", "--seed", "7"], [[]], { samples: "1000", seed: "7", format: "table", ...DEFAULT_OUTPUT }],
  [["check", "scenarios/", "-f", "junit"], [["scenarios/"]], { format: "junit", ...DEFAULT_OUTPUT }],
  [["models", "gpt-4o", "--provider", "openai", "-f", "csv"], ["gpt-4o"], { provider: "openai", format: "csv", ...DEFAULT_OUTPUT }],
  [["compare", "base.yaml", "other.yaml"], ["base.yaml", ["other.yaml"]], { format: "table", ...DEFAULT_OUTPUT }],
  [
    ["sweep", "s.yaml", "--vary", "x=1,2", "--vary", "y=3..4:1", "--metrics", "unit.cac_blended", "--metric", "totals.total", "-f", "md"],
    ["s.yaml"],
    { vary: ["x=1,2", "y=3..4:1"], metrics: "unit.cac_blended", metric: "totals.total", format: "md", ...DEFAULT_OUTPUT },
  ],
  [
    ["solve", "s.yaml", "--for", "p", "--target", "unit.ltv_to_cac=3", "--range", "1..9"],
    ["s.yaml"],
    { for: "p", target: "unit.ltv_to_cac=3", range: "1..9", format: "table", ...DEFAULT_OUTPUT },
  ],
  [
    ["sensitivity", "-", "--delta", "10%", "--metric", "unit.cac_blended"],
    ["-"],
    { delta: "10%", metric: "unit.cac_blended", format: "table", ...DEFAULT_OUTPUT },
  ],
  [["schema", "-o", "s.json", "--force"], [], { output: "s.json", force: true, color: true }],
  [["init", "app.yaml", "--force"], ["app.yaml"], { force: true }],
];

describe("argv -> the options each command receives", () => {
  it.each(TABLE)("%j", async (argv, args, options) => {
    const result = await parsed(argv);
    expect(result.args).toEqual(args);
    expect(result.options).toEqual(options);
  });

  it("offers each command only its report's formats", () => {
    const program = buildProgram(io, () => {});
    const choices = (name: string) =>
      program.commands.find((command: Command) => command.name() === name)!.options.find((option) => option.long === "--format")!
        .argChoices;
    // check has JUnit and no CSV; models neither Markdown nor JUnit; sweep no JUnit.
    expect(choices("check")).toEqual(expect.arrayContaining(["table", "json", "md", "junit"]));
    expect(choices("check")).not.toContain("csv");
    expect(choices("models")).toEqual(expect.arrayContaining(["table", "json", "csv"]));
    expect(choices("models")).not.toEqual(expect.arrayContaining(["md"]));
    expect(choices("models")).not.toContain("junit");
    expect(choices("sweep")).toEqual(expect.arrayContaining(["table", "json", "csv", "md"]));
    expect(choices("sweep")).not.toContain("junit");
  });
});

describe("a program made for one command (start-up: the others are not made)", () => {
  /** What `argv` prints on stdout and stderr, and the exit code commander gives it, with the program made for `first`. */
  async function outcome(argv: string[], first: string | undefined) {
    let out = "";
    let err = "";
    const quiet = { ...io, stdout: (text: string) => void (out += text), stderr: (text: string) => void (err += text) };
    const program = buildProgram(quiet, () => {}, first);
    for (const command of program.commands) command.action(() => {});
    const code = await program.parseAsync(argv, { from: "user" }).then(
      () => 0,
      (error: { exitCode?: number }) => error.exitCode,
    );
    return { out, err, code, commands: program.commands.length };
  }

  const names = buildProgram(io, () => {}).commands.map((command) => command.name());
  for (const name of names.filter((command) => command !== "completion")) {
    it(`${name}: the same help, and the same error and suggestion for a mistyped option, as with every command made`, async () => {
      for (const argv of [
        [name, "--help"],
        [name, "--formt", "json"],
        [name, "--debug", "-x"],
      ]) {
        const lean = await outcome(argv, name);
        expect(lean.commands).toBe(1);
        const { commands, ...full } = await outcome(argv, undefined);
        expect(commands).toBe(names.length);
        expect({ out: lean.out, err: lean.err, code: lean.code }).toEqual(full);
        expect(lean.out + lean.err).not.toBe("");
      }
    });
  }

  it("makes every command for completion, which lists them, and for anything that is no command", async () => {
    for (const first of ["completion", "help", "--version", "runn", undefined]) {
      expect((await outcome(["--version"], first)).commands, String(first)).toBe(names.length);
    }
  });
});
