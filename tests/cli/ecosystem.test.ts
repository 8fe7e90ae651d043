import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Loose, ROOT, runBuilt, runInProcess } from "../helpers/cli.js";
import { schemaReferenceFrom } from "../../src/cli/commands/init.js";
import { EXAMPLES } from "../../src/cli/program.js";
import { parseCsv } from "../helpers/csv.js";

const DEFAULT = join(ROOT, "data", "scenarios", "default.yaml");
const defaultText = readFileSync(DEFAULT, "utf8");

/** The default scenario with `expect` rules on the change against a baseline (the file's own expect block dropped). */
function withChangeRules(rules: string): string {
  return `${defaultText.replace(/^expect:[\s\S]*?(?=^\S|(?![\s\S]))/m, "")}\nexpect:\n${rules}`;
}

function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), "llm-cac-eco-"));
}

describe("check --baseline and compare against a saved result", () => {
  const folder = tempFolder();
  const base = join(folder, "base.json");
  const next = join(folder, "new.yaml");
  writeFileSync(next, withChangeRules('  max_increase:\n    totals.inference: "10%"\n  max_decrease:\n    unit.cac_blended: 0\n'));

  it("passes with no change and fails, exit 1, where inference grows beyond 10 %", async () => {
    const saved = await runInProcess(["run", next, "--format", "json", "-o", base]);
    expect(saved.code).toBe(0);
    expect((await runInProcess(["check", next, "--baseline", base])).code).toBe(0);
    // Context 2000 -> 6000 tokens a turn: the input side of every turn grows, so inference cost rises by far more than 10 %.
    const grown = await runInProcess(["check", next, "--baseline", base, "--set", "tokens.context=6000", "--format", "json"]);
    expect(grown.code).toBe(1);
    const [entry] = JSON.parse(grown.stdout) as Loose[];
    const failure = entry.failures.find((item: Loose) => item.metric === "totals.inference");
    const before = JSON.parse(readFileSync(base, "utf8")).totals.inference as number;
    expect(failure).toMatchObject({ kind: "max_increase", bound: 10, relative: true, baseline: before });
    expect(failure.change).toBeCloseTo(((failure.value - before) / before) * 100, 9);
    expect(failure.change).toBeGreaterThan(10);
  });

  it("shows the delta in every check format", async () => {
    for (const format of ["table", "md", "junit"]) {
      const run = await runInProcess(["check", next, "--baseline", base, "--set", "tokens.context=6000", "--format", format]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/totals\.inference .* vs baseline .*: \+[\d.]+ % \(max(_|\\_)increase 10 %\)/);
    }
  });

  it("skips the change rules without --baseline, and refuses a baseline that is not a result", async () => {
    expect((await runInProcess(["check", next, "--set", "tokens.context=6000"])).code).toBe(0);
    const bad = join(folder, "bad.json");
    writeFileSync(bad, '{"name": "not a result"}');
    const run = await runInProcess(["check", next, "--baseline", bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("bad.json");
  });

  it("reads the baseline from stdin with --baseline -, as from the file, and stdin only once", async () => {
    const saved = readFileSync(base, "utf8");
    const argv = ["check", next, "--set", "tokens.context=6000", "--format", "json"];
    const fromFile = await runInProcess([...argv, "--baseline", base]);
    const fromStdin = await runInProcess([...argv, "--baseline", "-"], { stdin: saved });
    expect(fromStdin.stderr).toBe("");
    expect(fromStdin.code).toBe(1);
    // The same failures against the same numbers; only the timing of each file differs.
    const failures = (run: { stdout: string }) => (JSON.parse(run.stdout) as Loose[]).map((entry) => entry.failures);
    expect(failures(fromStdin)).toEqual(failures(fromFile));
    // A stdin that is no result is named as stdin, not as a file called "-".
    const notJson = await runInProcess(["check", next, "--baseline", "-"], { stdin: "name: x\n" });
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^<stdin>: invalid JSON/);
    // Stdin is one stream: the scenario or the price map cannot be read from it as well, refused before any is read.
    for (const other of [["-"], [next, "--prices", "-"]]) {
      const twice = await runInProcess(["check", ...other, "--baseline", "-"], { stdin: saved });
      expect(twice.stderr).toBe("llm-cac: stdin (-) can be read only once\n");
      expect(twice.code).toBe(2);
    }
  });

  it("names the command whose JSON a baseline is, where it is not run's, for every JSON report the CLI writes", async () => {
    const reports: Array<[string, string[]]> = [
      ["check", ["check", next]],
      ["sweep", ["sweep", next, "--vary", "acquisition.channels.0.cpa=10,20"]],
      ["solve", ["solve", next, "--for", "acquisition.channels.0.cpa", "--target", "unit.ltv_to_cac=3"]],
      ["sensitivity", ["sensitivity", next]],
      ["optimize", ["optimize", next]],
      ["models", ["models"]],
      ["models", ["models", "gpt-4o"]],
    ];
    for (const [command, argv] of reports) {
      const file = join(folder, `${command}-${argv.length}.json`);
      const written = await runInProcess([...argv, "--format", "json", "-o", file]);
      expect(written.code, command).toBe(0);
      const run = await runInProcess(["check", next, "--baseline", file]);
      expect(run.code, command).toBe(2);
      expect(run.stderr, command).toBe(
        `${file}: a report of \`llm-cac ${command}\`, not a run result; a baseline is the JSON of \`llm-cac run --format json\`` +
          " (save a baseline with: llm-cac run FILE --format json -o base.json)\n",
      );
    }
    const schema = join(folder, "schema.json");
    expect((await runInProcess(["schema", "-o", schema])).code).toBe(0);
    expect((await runInProcess(["check", next, "--baseline", schema])).stderr).toContain("a report of `llm-cac schema`");
    // compare's JSON is run results with their deltas: a baseline as it is.
    const compared = join(folder, "compared.json");
    expect((await runInProcess(["compare", next, next, "--format", "json", "-o", compared])).code).toBe(0);
    expect((await runInProcess(["check", next, "--baseline", compared])).code).toBe(0);
  });

  it("compares NEW scenarios with a saved BASE result as with the BASE scenario", async () => {
    const saved = await runInProcess(["compare", base, next, "--set", "tokens.context=6000", "--format", "json"]);
    const fromYaml = await runInProcess(["compare", next, next, "--set", "tokens.context=6000", "--format", "json"]);
    expect(saved.code).toBe(0);
    const [savedBase, savedOther] = JSON.parse(saved.stdout) as Loose[];
    const [, yamlOther] = JSON.parse(fromYaml.stdout) as Loose[];
    // BASE is the saved result (context 2000), so the other's delta is the growth, as from a scenario at 2000.
    expect(savedBase.totals.inference).toBe(JSON.parse(readFileSync(base, "utf8")).totals.inference);
    expect(savedOther.delta.totals.inference).toBeGreaterThan(0);
    expect(yamlOther.delta.totals.inference).toBe(0);
    expect((await runInProcess(["compare", base])).code).toBe(2);
  });

  it("recognises a saved BASE by its content on stdin or under another name, and a YAML BASE on stdin still", async () => {
    const text = readFileSync(base, "utf8");
    const renamed = join(folder, "base.out");
    writeFileSync(renamed, text);
    const argv = [next, "--set", "tokens.context=6000", "--format", "json"];
    const byName = await runInProcess(["compare", base, ...argv]);
    const piped = await runInProcess(["compare", "-", ...argv], { stdin: text });
    const out = await runInProcess(["compare", renamed, ...argv]);
    expect([piped.code, out.code, piped.stderr, out.stderr]).toEqual([0, 0, "", ""]);
    // The same saved numbers as BASE whichever way they come: BASE's totals are the file's.
    const before = JSON.parse(text).totals.inference as number;
    for (const run of [byName, piped, out]) expect((JSON.parse(run.stdout) as Loose[])[0].totals.inference).toBe(before);
    expect(piped.stdout).toBe(byName.stdout);
    // A saved result's problems are a baseline's (one line about its version), not a dozen scenario keys.
    const old = await runInProcess(["compare", "-", next], { stdin: text.replace(/"schema_version": \d+/, '"schema_version": 1') });
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/^<stdin>: schema_version: schema_version is 1; this llm-cac reads results of version 2 /);
    expect(old.stderr.trimEnd().split("\n")).toHaveLength(1);
    // A saved result needs NEW scenarios, as BASE.json does; the scenario's YAML on stdin is still a scenario.
    const alone = await runInProcess(["compare", "-", "--set", "tokens.context=6000"], { stdin: text });
    expect(alone.stderr).toContain("compare -: a saved result needs NEW scenarios to set against it");
    const yaml = await runInProcess(["compare", "-", ...argv], { stdin: readFileSync(next, "utf8") });
    expect(yaml.code).toBe(0);
    expect((JSON.parse(yaml.stdout) as Loose[])[0].scenario.file).toBe("<stdin>");
    // stdin is BASE, so it cannot be the price map as well: refused before it is read.
    expect((await runInProcess(["compare", "-", next, "--prices", "-"], { stdin: text })).stderr).toBe(
      "llm-cac: stdin (-) can be read only once\n",
    );
  });
});

describe("conventions of the command line", () => {
  it("prints the version for -v, -V and --version alike", () => {
    const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
    for (const flag of ["-v", "-V", "--version"]) expect(runBuilt([flag]).stdout.trim()).toBe(version);
  });

  it("reads a piped scenario when run has no FILE, and the default when the pipe is empty", () => {
    const piped = runBuilt(["run", "--format", "json", "--set", "name=piped"], { stdin: defaultText });
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout).scenario).toMatchObject({ name: "piped", file: "<stdin>" });
    const empty = runBuilt(["run", "--format", "json"], { stdin: "" });
    expect(JSON.parse(empty.stdout).scenario.file).toMatch(/default\.yaml$/);
  });

  it("turns colour off for TERM=dumb even on a terminal", async () => {
    const dumb = await runInProcess(["run"], { tty: true, env: { TERM: "dumb" } });
    const colour = await runInProcess(["run"], { tty: true, env: { TERM: "xterm" } });
    expect(dumb.stdout).not.toContain("\u001b[");
    expect(colour.stdout).toContain("\u001b[");
  });

  it("suggests `run FILE` for a scenario given as the command", async () => {
    const run = await runInProcess(["my-app.yaml", "--format", "md"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("hint: llm-cac run my-app.yaml --format md");
  });
});

describe("the V8 code cache of another Node.js build", () => {
  /** A copy of the built package whose dist/NAME.cache V8 must reject (it is not a cache at all). */
  function packageWithForeignCache(name = "cli"): string {
    const root = tempFolder();
    for (const file of ["package.json"]) writeFileSync(join(root, file), readFileSync(join(ROOT, file)));
    symlinkSync(join(ROOT, "data"), join(root, "data"));
    mkdirSync(join(root, "dist"));
    for (const file of readdirSync(join(ROOT, "dist"))) {
      if (file !== `${name}.cache`) writeFileSync(join(root, "dist", file), readFileSync(join(ROOT, "dist", file)));
    }
    writeFileSync(join(root, "dist", `${name}.cache`), "made by another Node.js");
    return root;
  }

  function runLaunch(
    root: string,
    env: Record<string, string>,
    argv = ["run", "--format", "json"],
  ): { status: number | null; stdout: string } {
    const script = `require(${JSON.stringify(join(root, "dist", "launch.cjs"))}).main(${JSON.stringify(argv)})`;
    const result = spawnSync(process.execPath, ["-e", script], {
      env: { PATH: process.env.PATH ?? "", ...env },
      encoding: "utf8",
      input: "",
    });
    return { status: result.status, stdout: result.stdout };
  }

  it("is rebuilt once into $XDG_CACHE_HOME/llm-cac, then used", () => {
    const root = packageWithForeignCache();
    const cacheHome = tempFolder();
    expect(runLaunch(root, { XDG_CACHE_HOME: cacheHome }).status).toBe(0);
    const [saved] = readdirSync(join(cacheHome, "llm-cac"));
    expect(saved).toMatch(new RegExp(`^cli-${process.version}-${process.arch}-\\d+-\\d+\\.cache$`));
    const path = join(cacheHome, "llm-cac", saved!);
    const firstWrite = statSync(path).mtimeMs;
    // The second run accepts the saved cache, so it writes nothing.
    expect(runLaunch(root, { XDG_CACHE_HOME: cacheHome }).status).toBe(0);
    expect(statSync(path).mtimeMs).toBe(firstWrite);
  });

  it("of the yaml bundle is rebuilt alike, by a run that loads it", () => {
    const root = packageWithForeignCache("yaml");
    const cacheHome = tempFolder();
    // A --set value with an escape ("A\x21" is "A!"), which the yaml package reads, not plain-yaml.ts.
    const argv = ["run", "--set", 'name="A\\x21"', "--format", "json"];
    expect(runLaunch(root, { XDG_CACHE_HOME: cacheHome }, argv).status).toBe(0);
    const saved = readdirSync(join(cacheHome, "llm-cac"));
    expect(saved).toEqual([expect.stringMatching(new RegExp(`^yaml-${process.version}-${process.arch}-\\d+-\\d+\\.cache$`))]);
    const path = join(cacheHome, "llm-cac", saved[0]!);
    const firstWrite = statSync(path).mtimeMs;
    // The second run accepts the saved cache, so it writes nothing.
    expect(runLaunch(root, { XDG_CACHE_HOME: cacheHome }, argv).status).toBe(0);
    expect(statSync(path).mtimeMs).toBe(firstWrite);
  });

  it.runIf(process.platform === "linux")("neither hangs nor fails where the cache folder's parent cannot hold folders (/proc/self)", () => {
    // Node's recursive mkdir loops for ever there: the parent exists, the child cannot be made.
    const root = packageWithForeignCache();
    const script = `require(${JSON.stringify(join(root, "dist", "launch.cjs"))}).main(["run", "--format", "json"])`;
    const run = spawnSync(process.execPath, ["-e", script], {
      env: { PATH: process.env.PATH ?? "", XDG_CACHE_HOME: "/proc/self" },
      encoding: "utf8",
      input: "",
      timeout: 20_000,
    });
    expect(run.status).toBe(0);
  });

  it("never fails a run where the cache folder cannot be written", () => {
    const root = packageWithForeignCache();
    const notAFolder = join(tempFolder(), "file");
    writeFileSync(notAFolder, "");
    const run = runLaunch(root, { XDG_CACHE_HOME: notAFolder });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).schema_version).toBeGreaterThan(0);
  });
});

describe("the built bundle", () => {
  it.each(["cli.cjs", "yaml.cjs", "zod.cjs"])(
    "%s is ASCII only: one other character would make V8 hold and compile all of it as two-byte text",
    (name) => {
      const bundle = readFileSync(join(ROOT, "dist", name), "latin1");
      expect(bundle.match(/[^\0-\x7f]/g) ?? []).toEqual([]);
    },
  );

  it("starts from its own code cache in this Node.js", () => {
    const script = `process.exitCode = require(${JSON.stringify(join(ROOT, "dist", "launch.cjs"))}).loadBundle(false, {}).cacheRejected ? 1 : 0`;
    expect(spawnSync(process.execPath, ["-e", script]).status).toBe(0);
  });

  /**
   * The bundles a run loaded (launch.cjs's `loaded`), each with whether V8 took its code
   * cache, its exit status, and whether it made Node's stream for stdout (a pipe here),
   * which loads the `net` module.
   */
  function bundlesLoaded(argv: string[]): { status: number | null; bundles: Record<string, boolean>; stdoutStream: boolean } {
    const launch = JSON.stringify(join(ROOT, "dist", "launch.cjs"));
    const script = [
      `const launch = require(${launch});`,
      `launch.main(${JSON.stringify(argv)}).then(() => {`,
      "  const bundles = Object.fromEntries([...launch.loaded].map(([name, bundle]) => [name, !bundle.cacheRejected]));",
      "  const stdoutStream = process.moduleLoadList.includes('NativeModule net');",
      "  process.stderr.write('BUNDLES ' + JSON.stringify({ bundles, stdoutStream }) + '\\n');",
      "});",
    ].join("\n");
    const result = spawnSync(process.execPath, ["-e", script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "" },
      encoding: "utf8",
      input: "",
    });
    const line = result.stderr.split("\n").find((text) => text.startsWith("BUNDLES "));
    return { status: result.status, ...JSON.parse(line?.slice("BUNDLES ".length) ?? "null") };
  }

  it("leaves yaml and zod unloaded for valid scenarios in the plain style, with --set, --vary and ranges too", () => {
    const onlyCli = { status: 0, bundles: { cli: true }, stdoutStream: false };
    expect(bundlesLoaded(["check", "data/scenarios"])).toEqual(onlyCli);
    expect(bundlesLoaded(["run", "data/scenarios/default.yaml", "--set", "horizon_days=30", "--format", "json"])).toEqual(onlyCli);
    const sweep = [
      "sweep",
      "data/scenarios/default.yaml",
      "--vary",
      "acquisition.channels.bilibili.cpa=10..50/3",
      "--vary",
      "tokens.context=0,9000",
    ];
    expect(bundlesLoaded([...sweep, "--format", "csv"])).toEqual(onlyCli);
    const ranges = [
      "--set",
      "retention.d1={ low: 0.2, high: 0.3 }",
      "--set",
      'acquisition.channels.bilibili.cpa={ low: "¥20", high: "¥40" }',
    ];
    expect(bundlesLoaded(["run", "data/scenarios/default.yaml", ...ranges, "--samples", "500", "--format", "json"])).toEqual(onlyCli);
  });

  it("loads yaml, from its cache, for a --set value only it reads (an escape), and zod to word a --set's problem", () => {
    // "A\x21" is "A!": plain-yaml.ts reads no escapes.
    const escaped = ["run", "data/scenarios/default.yaml", "--set", 'name="A\\x21"', "--format", "json"];
    expect(bundlesLoaded(escaped)).toEqual({ status: 0, bundles: { cli: true, yaml: true }, stdoutStream: false });
    expect(bundlesLoaded(["run", "data/scenarios/default.yaml", "--set", "horizon_days=0"]).bundles).toEqual({
      cli: true,
      yaml: true,
      zod: true,
    });
  });

  it("loads zod, from its cache, to word a problem of a file in the plain style", () => {
    const file = join(tempFolder(), "bad.yaml");
    writeFileSync(
      file,
      readFileSync(join(ROOT, "data", "scenarios", "default.yaml"), "utf8").replace("horizon_days: 365", "horizon_days: 0"),
    );
    expect(bundlesLoaded(["run", file]).bundles).toEqual({ cli: true, yaml: true, zod: true });
  });
});

describe("CSV for spreadsheets", () => {
  it("starts -o *.csv with a UTF-8 byte-order mark, stdout only with --bom, never with --no-bom", async () => {
    const folder = tempFolder();
    const bom = "\uFEFF";
    expect((await runInProcess(["run", "--format", "csv", "-o", join(folder, "a.csv")])).code).toBe(0);
    expect(readFileSync(join(folder, "a.csv"), "utf8").startsWith(bom)).toBe(true);
    expect((await runInProcess(["run", "--format", "csv", "-o", join(folder, "b.csv"), "--no-bom"])).code).toBe(0);
    expect(readFileSync(join(folder, "b.csv"), "utf8").startsWith("schema_version")).toBe(true);
    expect((await runInProcess(["run", "--format", "csv"])).stdout.startsWith("schema_version")).toBe(true);
    expect((await runInProcess(["run", "--format", "csv", "--bom"])).stdout.startsWith(bom)).toBe(true);
    // Only CSV gets one: JSON in a file named .csv is still JSON.
    expect((await runInProcess(["run", "--format", "json", "--bom"])).stdout.startsWith("{")).toBe(true);
  });

  it("writes booleans as TRUE and FALSE", async () => {
    const { stdout } = await runInProcess(["run", "--format", "csv"]);
    const [header, row] = parseCsv(stdout);
    const holds = row![header!.indexOf("ladder.holds")];
    // The default scenario's ladder holds (its expect block says so).
    expect(holds).toBe("TRUE");
  });
});

describe("llm-cac completion", () => {
  /** What bash's completion offers for the words typed so far (the last one being completed), run in a real bash. */
  function bashCompletes(script: string, typed: string[], cwd = ROOT): string[] {
    const words = typed.map((word) => `'${word}'`).join(" ");
    const program = `${script}\nCOMP_WORDS=(llm-cac ${words}); COMP_CWORD=${typed.length}; _llm_cac; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const result = spawnSync("bash", ["-c", program], { encoding: "utf8", cwd });
    expect(result.stderr).toBe("");
    return result.stdout.split("\n").filter((line) => line !== "");
  }

  it("completes commands, a command's formats and options, --set paths and scenario files in bash", async () => {
    const { code, stdout: script } = await runInProcess(["completion", "bash"]);
    expect(code).toBe(0);
    expect(bashCompletes(script, ["ch"])).toEqual(["check"]);
    expect(bashCompletes(script, ["check", "--format", ""])).toEqual(["table", "json", "md", "junit", "html"]);
    expect(bashCompletes(script, ["run", "--ti"])).toEqual(["--timeline"]);
    expect(bashCompletes(script, ["run", "--set", "acquisition.channels.0.cp"])).toEqual([
      "acquisition.channels.0.cpa=",
      "acquisition.channels.0.cpm=",
      "acquisition.channels.0.cpc=",
    ]);
    const presets = bashCompletes(script, ["run", ""], tempFolder());
    expect(presets).toContain(join(ROOT, "data", "scenarios", "kimi-2024.yaml"));
    expect(bashCompletes(script, ["run", "data/scenarios/ki"])).toEqual(["data/scenarios/kimi-2024.yaml"]);
  });

  it("prints zsh (bash's function through bashcompinit) and fish scripts, and refuses another shell", async () => {
    const zsh = await runInProcess(["completion", "zsh"]);
    expect(zsh.stdout).toContain("bashcompinit");
    expect(zsh.stdout).toContain("complete -o filenames -F _llm_cac llm-cac");
    const fish = await runInProcess(["completion", "fish"]);
    expect(fish.stdout).toContain(
      "complete -c llm-cac -n '__fish_seen_subcommand_from check' -l format -s f -x -a 'table json md junit html'",
    );
    expect(fish.stdout).toMatch(/-l set -x -a '[^']*acquisition\.channels\.0\.cpa=/);
    expect((await runInProcess(["completion", "tcsh"])).code).toBe(2);
  });
});

describe("init's $schema line", () => {
  const url = "https://unpkg.com/llm-cac@1.2.3/schema/scenario.schema.json";

  it("points into the project's node_modules when llm-cac is its dependency, relative to the file", () => {
    expect(schemaReferenceFrom("/home/u/app/scenarios", "/home/u/app/node_modules/llm-cac", "1.2.3")).toBe(
      "../node_modules/llm-cac/schema/scenario.schema.json",
    );
    expect(schemaReferenceFrom("/home/u/app", "/home/u/app/node_modules/llm-cac", "1.2.3")).toBe(
      "node_modules/llm-cac/schema/scenario.schema.json",
    );
    // pnpm keeps the real folder under .pnpm; the project's node_modules/llm-cac link is the stable path.
    expect(schemaReferenceFrom("/home/u/app", "/home/u/app/node_modules/.pnpm/llm-cac@1.2.3/node_modules/llm-cac", "1.2.3")).toBe(
      "node_modules/llm-cac/schema/scenario.schema.json",
    );
  });

  it("uses the versioned URL after a global install, under npx and from a checkout: never another machine's path", () => {
    expect(schemaReferenceFrom("/home/u/app", "/usr/lib/node_modules/llm-cac", "1.2.3")).toBe(url);
    expect(schemaReferenceFrom("/home/u/other", "/home/u/app/node_modules/llm-cac", "1.2.3")).toBe(url);
    expect(schemaReferenceFrom("/home/u/app", "/home/u/.npm/_npx/abc/node_modules/llm-cac", "1.2.3")).toBe(url);
    expect(schemaReferenceFrom("/home/u/app", "/home/u/src/llm-cac", "1.2.3")).toBe(url);
  });
});

describe("the help's examples on the starter scenario", () => {
  it("each runs on a file from `llm-cac init`, and solve finds its solution there", async () => {
    const folder = tempFolder();
    mkdirSync(join(folder, "scenarios"));
    for (const file of ["my-app.yaml", "a.yaml", "b.yaml", "scenarios/mine.yaml"])
      expect((await runInProcess(["init", join(folder, file)])).code).toBe(0);
    const examples = EXAMPLES.map(([, line]) => line.split(/ {2,}/)[0]!)
      .filter((command) => command.startsWith("llm-cac "))
      // Shell plumbing (pipes, redirections, process substitution) is the shell's, not the CLI's.
      .filter((command) => !/[|<>]/.test(command) && !command.startsWith("llm-cac init"));
    expect(examples.length).toBeGreaterThan(10);
    for (const example of examples) {
      // In-process commands read paths from this process's folder: the files are named by their full path.
      const argv = example
        .split(" ")
        .slice(1)
        .map((word) => (/\.(ya?ml|csv|xml)$|\/$/.test(word) ? join(folder, word) : word));
      const run = await runInProcess(argv, { cwd: folder });
      expect({ example, code: run.code, stderr: run.stderr }).toEqual({ example, code: 0, stderr: expect.any(String) });
      if (argv[0] === "solve") expect(run.stdout).toMatch(/solution {2}acquisition\.channels\.0\.cpa = /);
    }
  });
});
