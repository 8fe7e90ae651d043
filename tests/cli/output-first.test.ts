import { spawnSync } from "node:child_process";
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/main.js";
import { scenarioJsonSchema } from "../../src/scenario/json-schema.js";
import { BIN, ROOT } from "../helpers/cli.js";

// The same generator, counted: `schema` reads no input, so "nothing computed" is asked of it directly.
vi.mock("../../src/scenario/json-schema.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../src/scenario/json-schema.js")>();
  return { ...real, scenarioJsonSchema: vi.fn(real.scenarioJsonSchema) };
});

/**
 * `-o FILE` is refused before a command reads or computes anything (docs/cli.md, "Errors
 * and exit codes"): every command's input here comes from stdin, and the io counts the reads.
 * A valid scenario (tests/fixtures/whatif/one-channel.yaml), and the same one made invalid:
 * read first, it would fail with its own error.
 */
const VALID = readFileSync(join(ROOT, "tests/fixtures/whatif/one-channel.yaml"), "utf8");
const INVALID = VALID.replace("horizon_days: 30", "horizon_days: -1");
const INVALID_ERROR = "<stdin>:9:15  horizon_days: expected a number >= 1, found -1";
/** A price map that is no JSON: `models --prices -` would fail on it. */
const INVALID_PRICES = "{ not json";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** How often the command read stdin: 0 when refused before loading anything. */
  stdinReads: number;
}

async function run(argv: string[], stdin: string, onRead: () => void = () => undefined): Promise<Run> {
  let stdout = "";
  let stderr = "";
  let stdinReads = 0;
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: () => {
      stdinReads += 1;
      onRead();
      return new TextEncoder().encode(stdin);
    },
    env: {},
    stdoutIsTTY: false,
    columns: 100,
    cwd: ROOT,
    today: "2026-11-25",
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr, stdinReads };
}

function folder(): string {
  return mkdtempSync(join(tmpdir(), "llm-cac-output-first-"));
}

/** A file that is there already, with text that must survive a refusal. */
function existingFile(): string {
  const path = join(folder(), "report.txt");
  writeFileSync(path, "keep me\n");
  return path;
}

/** Every command that takes -o, each reading its input from stdin: [name, argv, an invalid input, its error]. */
const COMMANDS: ReadonlyArray<readonly [name: string, argv: string[], invalid: string]> = [
  ["run", ["run", "-"], INVALID],
  ["run --samples", ["run", "-", "--samples", "100000"], INVALID],
  ["compare", ["compare", "-", "--set", "acquisition.channels.0.cpa=20"], INVALID],
  ["sweep", ["sweep", "-", "--vary", "acquisition.channels.0.cpa=10..50/100", "--vary", "tokens.input=0..1000000/100"], INVALID],
  ["solve", ["solve", "-", "--for", "acquisition.channels.0.cpa", "--target", "unit.ltv_to_cac=3"], INVALID],
  ["sensitivity", ["sensitivity", "-"], INVALID],
  ["optimize", ["optimize", "-"], INVALID],
  // check reports an invalid file in its report instead of failing: stdin unread is what tells.
  ["check", ["check", "-"], INVALID],
  ["models", ["models", "--prices", "-"], INVALID_PRICES],
];

describe("-o FILE that exists, without --force: refused before any input is read", () => {
  for (const [name, argv, invalid] of COMMANDS) {
    it(`${name}: the -o refusal, not the input's error; stdin unread, the file untouched`, async () => {
      const file = existingFile();
      const refused = await run([...argv, "-o", file], invalid);
      expect(refused).toEqual({
        code: 2,
        stdout: "",
        stderr: `llm-cac: ${file}: already exists; add --force to replace it\n`,
        stdinReads: 0,
      });
      expect(readFileSync(file, "utf8")).toBe("keep me\n");
      expect(readdirSync(join(file, ".."))).toEqual(["report.txt"]);
    });
  }

  it("schema: refused before the JSON Schema is made", async () => {
    const file = existingFile();
    vi.mocked(scenarioJsonSchema).mockClear();
    const refused = await run(["schema", "-o", file], "");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`llm-cac: ${file}: already exists; add --force to replace it\n`);
    expect(scenarioJsonSchema).not.toHaveBeenCalled();
    expect(readFileSync(file, "utf8")).toBe("keep me\n");
    // The counter counts: with --force the schema is made, once, and written.
    const forced = await run(["schema", "-o", file, "--force"], "");
    expect(forced.code).toBe(0);
    expect(scenarioJsonSchema).toHaveBeenCalledTimes(1);
    expect(JSON.parse(readFileSync(file, "utf8")).$schema).toMatch(/json-schema\.org/);
  });
});

describe("-o FILE --force: the command runs and replaces the file", () => {
  const FORCED: ReadonlyArray<readonly [name: string, argv: string[], stdin: string]> = [
    ["run", ["run", "-"], VALID],
    ["run --samples", ["run", "-", "--samples", "100", "--quiet"], VALID],
    ["compare", ["compare", "-", "--set", "acquisition.channels.0.cpa=20"], VALID],
    ["sweep", ["sweep", "-", "--vary", "acquisition.channels.0.cpa=10..50/5"], VALID],
    ["solve", ["solve", "-", "--for", "acquisition.channels.0.cpa", "--target", "unit.ltv_to_cac=3"], VALID],
    ["sensitivity", ["sensitivity", "-"], VALID],
    ["optimize", ["optimize", "-"], VALID],
    ["check", ["check", "-"], VALID],
    ["models", ["models"], ""],
  ];
  for (const [name, argv, stdin] of FORCED) {
    it(`${name}: the file holds what stdout would have shown`, async () => {
      const file = existingFile();
      const forced = await run([...argv, "-o", file, "--force"], stdin);
      const toStdout = await run(argv, stdin);
      expect(forced.code).toBe(toStdout.code);
      expect(forced.stdout).toBe("");
      expect(toStdout.stdout.length).toBeGreaterThan(100);
      expect(readFileSync(file, "utf8")).toBe(toStdout.stdout);
    });
  }
});

describe("the other refusals of -o that are known before the report: first, in the words of the write", () => {
  /** Each with the invalid scenario on stdin, whose own error would otherwise come first. */
  async function refusal(output: string, extra: string[] = []): Promise<Run> {
    return run(["run", "-", "-o", output, ...extra], INVALID);
  }

  it("a folder that does not exist, even with --force (it makes no folders)", async () => {
    const output = join(folder(), "no-such-folder", "report.csv");
    for (const extra of [[], ["--force"]]) {
      const refused = await refusal(output, extra);
      expect(refused).toMatchObject({ code: 2, stdinReads: 0 });
      expect(refused.stderr).toBe(`llm-cac: ${output}: cannot write the report: no such file\n`);
    }
  });

  it("a path through a file", async () => {
    const output = join(existingFile(), "report.csv");
    const refused = await refusal(output, ["--force"]);
    expect(refused).toMatchObject({ code: 2, stdinReads: 0 });
    expect(refused.stderr).toBe(`llm-cac: ${output}: cannot write the report: a part of the path is not a directory\n`);
  });

  it("a folder, even with --force", async () => {
    const output = folder();
    const refused = await refusal(output, ["--force"]);
    expect(refused).toMatchObject({ code: 2, stdinReads: 0 });
    expect(refused.stderr).toBe(`llm-cac: ${output}: is a directory; give a file name to --output\n`);
    expect(readdirSync(output)).toEqual([]);
  });

  it("a device, even with --force", async () => {
    const refused = await refusal("/dev/null", ["--force"]);
    expect(refused).toMatchObject({ code: 2, stdinReads: 0 });
    expect(refused.stderr).toBe(
      "llm-cac: /dev/null: not a regular file; --output writes files only (use a shell redirection for devices and pipes)\n",
    );
  });

  it("-o ''", async () => {
    const refused = await refusal("");
    expect(refused).toMatchObject({ code: 2, stdinReads: 0 });
    expect(refused.stderr).toBe("llm-cac: --output needs a file name (or - for stdout)\n");
  });

  it("a symbolic link to nothing, without --force (the link at write time would find it there)", async () => {
    const dir = folder();
    const output = join(dir, "report.csv");
    symlinkSync(join(dir, "nowhere"), output);
    const refused = await refusal(output);
    expect(refused).toMatchObject({ code: 2, stdinReads: 0 });
    expect(refused.stderr).toBe(`llm-cac: ${output}: already exists; add --force to replace it\n`);
  });

  // Root writes into any folder: the check is only meaningful for another user.
  it.skipIf(process.getuid?.() === 0)("a folder that cannot be written to", async () => {
    const dir = join(folder(), "read-only");
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    const output = join(dir, "report.csv");
    const refused = await refusal(output, ["--force"]);
    expect(refused).toMatchObject({ code: 2, stdinReads: 0 });
    expect(refused.stderr).toBe(`llm-cac: ${output}: cannot write the report: permission denied\n`);
  });

  it("-o - is stdout: nothing to refuse, and the input's own error is the one", async () => {
    const refused = await refusal("-");
    expect(refused).toMatchObject({ code: 2, stdinReads: 1, stdout: "" });
    expect(refused.stderr).toBe(`${INVALID_ERROR}\n`);
  });
});

describe("which error wins (docs/cli.md)", () => {
  it("commander's own usage errors come before -o", async () => {
    const file = existingFile();
    const refused = await run(["run", "-", "--no-such-option", "-o", file], INVALID);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe("error: unknown option '--no-such-option'\n");
  });

  it("-o comes before the command's own option values and the input", async () => {
    const file = existingFile();
    const expected = `llm-cac: ${file}: already exists; add --force to replace it\n`;
    // Each of these alone is a usage error of its own.
    const badSweep = await run(["sweep", "-", "--vary", "no-such-spec", "-o", file], INVALID);
    const jobsWithoutSamples = await run(["run", "-", "--jobs", "2", "-o", file], INVALID);
    const badSamples = await run(["run", "-", "--samples", "0", "-o", file], INVALID);
    for (const refused of [badSweep, jobsWithoutSamples, badSamples]) expect(refused).toMatchObject({ code: 2, stderr: expected });
  });

  it("a file that appears while the command computes is still not replaced: the write checks again", async () => {
    const dir = folder();
    const output = join(dir, "report.txt");
    // Another writer's file, made after the check and before the write (while the input is read).
    const raced = await run(["run", "-", "-o", output], VALID, () => writeFileSync(output, "someone else's\n"));
    expect(raced).toMatchObject({ code: 2, stdinReads: 1 });
    expect(raced.stderr).toBe(`llm-cac: ${output}: already exists; add --force to replace it\n`);
    expect(readFileSync(output, "utf8")).toBe("someone else's\n");
    expect(readdirSync(dir)).toEqual(["report.txt"]);
  });
});

describe("-o naming a file the command reads: refused even with --force, the input kept", () => {
  const ONE_CHANNEL = join(ROOT, "tests/fixtures/whatif/one-channel.yaml");
  const PRICE_MAP = join(ROOT, "tests/fixtures/litellm-small.json");

  /** A copy of the valid scenario in a folder of its own, and that folder. */
  function scenarioCopy(): { dir: string; scenario: string } {
    const dir = folder();
    const scenario = join(dir, "app.yaml");
    writeFileSync(scenario, VALID);
    return { dir, scenario };
  }

  const refusedAsInput = (output: string) =>
    `llm-cac: ${output}: is a file this command reads; --output never replaces its input, even with --force\n`;

  it("every scenario command, with the scenario as -o --force: exit 2, the scenario byte for byte as it was", async () => {
    const commands: string[][] = [
      ["run"],
      ["compare"],
      ["sweep", "--vary", "acquisition.channels.0.cpa=10,20"],
      ["solve", "--for", "acquisition.channels.0.cpa", "--target", "unit.ltv_to_cac=3"],
      ["sensitivity"],
      ["optimize"],
      ["check"],
    ];
    for (const [command, ...rest] of commands) {
      const { scenario } = scenarioCopy();
      const refused = await run([command!, scenario, ...rest, "-o", scenario, "--force"], "");
      expect(refused, command).toMatchObject({ code: 2, stdout: "", stderr: refusedAsInput(scenario) });
      expect(readFileSync(scenario, "utf8")).toBe(VALID);
    }
  });

  it("the second of several files, by another spelling (./x/../), and a scenario reached through a symbolic link", async () => {
    const { dir, scenario } = scenarioCopy();
    const respelled = join(dir, "sub", "..", "app.yaml");
    mkdirSync(join(dir, "sub"));
    const viaLink = await run(["run", ONE_CHANNEL, respelled, "-o", scenario, "--force"], "");
    expect(viaLink).toMatchObject({ code: 2, stderr: refusedAsInput(scenario) });
    const link = join(dir, "link.yaml");
    symlinkSync(scenario, link);
    const throughLink = await run(["run", link, "-o", scenario, "--force"], "");
    expect(throughLink).toMatchObject({ code: 2, stderr: refusedAsInput(scenario) });
    expect(readFileSync(scenario, "utf8")).toBe(VALID);
  });

  it("a scenario in a folder given to check, --prices and --baseline", async () => {
    const { dir, scenario } = scenarioCopy();
    const inFolder = await run(["check", dir, "-o", scenario, "--force"], "");
    expect(inFolder).toMatchObject({ code: 2, stderr: refusedAsInput(scenario) });
    const prices = join(dir, "prices.json");
    writeFileSync(prices, readFileSync(PRICE_MAP));
    const asPrices = await run(["models", "--prices", prices, "-o", prices, "--force"], "");
    expect(asPrices).toMatchObject({ code: 2, stderr: refusedAsInput(prices) });
    expect(readFileSync(prices, "utf8")).toBe(readFileSync(PRICE_MAP, "utf8"));
    const base = join(dir, "base.json");
    writeFileSync(base, "[]");
    const asBaseline = await run(["check", ONE_CHANNEL, "--baseline", base, "-o", base, "--force"], "");
    expect(asBaseline).toMatchObject({ code: 2, stderr: refusedAsInput(base) });
    expect(readFileSync(base, "utf8")).toBe("[]");
  });

  it("a scenario's own price map (inference.prices_file), known only once the scenario is read: refused at the write, the map kept", async () => {
    const dir = folder();
    const scenario = join(dir, "nova.yaml");
    writeFileSync(scenario, readFileSync(join(ROOT, "tests/fixtures/catalog/nova-prices-file.yaml")));
    mkdirSync(join(dir, "maps"));
    // The scenario's prices_file is maps/litellm-small.json, relative to its folder.
    const map = join(dir, "maps", "litellm-small.json");
    writeFileSync(map, readFileSync(PRICE_MAP));
    const refused = await run(["run", scenario, "-o", map, "--force"], "");
    expect(refused).toMatchObject({ code: 2, stdout: "", stderr: refusedAsInput(map) });
    expect(readFileSync(map, "utf8")).toBe(readFileSync(PRICE_MAP, "utf8"));
    // A scenario that reads no price map replaces the same file as asked: the refusal is the reading's.
    const replaced = await run(["run", ONE_CHANNEL, "-o", map, "--force"], "");
    expect(replaced.code).toBe(0);
    expect(readFileSync(map, "utf8")).toMatch(/Cost ladder/);
  });

  it("the file on stdin, named - or read with no FILE (the built binary: stdin is that file itself)", () => {
    for (const files of [["-"], []]) {
      const { scenario } = scenarioCopy();
      const stdin = openSync(scenario, "r");
      try {
        const refused = spawnSync(process.execPath, [BIN, "run", ...files, "-o", scenario, "--force"], {
          stdio: [stdin, "pipe", "pipe"],
          encoding: "utf8",
        });
        expect(refused.status, files.join(" ")).toBe(2);
        expect(refused.stderr).toBe(refusedAsInput(scenario));
      } finally {
        closeSync(stdin);
      }
      expect(readFileSync(scenario, "utf8")).toBe(VALID);
    }
  });

  it("a symbolic link named by -o is replaced, not written through: the scenario it points to is safe, so it is allowed", async () => {
    const { dir, scenario } = scenarioCopy();
    const link = join(dir, "report.txt");
    symlinkSync(scenario, link);
    const written = await run(["run", scenario, "-o", link, "--force"], "");
    expect(written.code).toBe(0);
    expect(readFileSync(scenario, "utf8")).toBe(VALID);
    expect(readFileSync(link, "utf8")).toMatch(/Cost ladder/);
  });

  it("models ID is no file: an -o of the same name is replaced as any other", async () => {
    const dir = folder();
    const output = join(dir, "deepseek-chat");
    writeFileSync(output, "old\n");
    const written = await run(["models", output, "-o", output, "--force"], "");
    // Whatever models says of such an id, it is not refused as its own input.
    expect(written.stderr).not.toMatch(/reads/);
  });
});

describe("-o ending in a slash names a folder: refused before the input, not after the compute", () => {
  it("a name that does not exist yet, with a slash: the write's words, before stdin is read", async () => {
    const output = `${join(folder(), "report")}/`;
    const refused = await run(["run", "-", "-o", output, "--force"], INVALID);
    expect(refused).toMatchObject({ code: 2, stdinReads: 0 });
    expect(refused.stderr).toBe(`llm-cac: ${output}: ends in a slash; give a file name to --output\n`);
  });
});
