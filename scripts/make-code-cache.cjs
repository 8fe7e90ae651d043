// Runs the bundled CLI once in-process on the default scenario, so that V8 has compiled the
// functions a run needs, then saves V8's code cache; then runs one with a problem, which loads
// the yaml and zod bundles, and saves theirs.
//
// cli.cache holds what a `run --format json` compiles, and no more. Every function in the
// cache is deserialised on every run, into fresh memory, and on these VMs a page fault costs
// 15-30 µs. Warmed by the four formats and `--set` as well, the cache was 484 KB instead of
// 374 KB, and cost page faults and time to every command, the table's and CSV's own barely
// gaining (paired, 21-25 rounds: JSON run 60 faults and 2.4-2.7 ms more, `check` 50 and 3.3 ms,
// the 100 x 100 sweep 7 ms; the table 2 ms and CSV 1.4 ms less, `--set` unchanged). With no
// run at all before it the cache is 233 KB, and a JSON run 8 ms slower: compiling costs more
// than deserialising what a run does use.
const { writeFileSync } = require("node:fs");
const { join } = require("node:path");

const dist = join(__dirname, "..", "dist");
const root = join(__dirname, "..");

(async () => {
  const { loadBundle, loaded } = require(join(dist, "launch.cjs"));
  // No user cache (an empty env): the build's cache must come from the bundle alone.
  const { cli, script } = loadBundle(false, {});
  // Typed by the CLI's own interface (checked by `npm run typecheck`), not a copy of it.
  /** @type {import("../src/cli/io.js").CliIo} */
  const io = {
    stdout: () => {},
    stderr: () => {},
    readStdin: () => new Uint8Array(),
    env: {},
    stdoutIsTTY: false,
    columns: 80,
    cwd: root,
    today: "2026-01-01",
  };
  const plain = ["run", join(root, "data", "scenarios", "default.yaml"), "--format", "json"];
  if ((await cli.runCli(plain, io)) !== 0) throw new Error("warming the code cache: run --format json exited non-zero");
  writeFileSync(join(dist, "cli.cache"), script.createCachedData());
  // A problem to word parses the YAML with the yaml package (dist/yaml.cjs), for its line and column,
  // and the value with the zod schema (dist/zod.cjs): a valid file in the plain style needs neither.
  const invalid = ["run", join(root, "data", "scenarios", "default.yaml"), "--set", "horizon_days=0", "--format", "json"];
  if ((await cli.runCli(invalid, io)) !== 2) throw new Error("warming the code cache: run --set horizon_days=0 did not exit 2");
  for (const name of ["yaml", "zod"]) {
    const bundle = loaded.get(name);
    if (bundle === undefined) throw new Error(`warming the code cache: no run loaded dist/${name}.cjs`);
    writeFileSync(join(dist, `${name}.cache`), bundle.script.createCachedData());
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
