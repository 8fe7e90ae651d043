// Runs the bundled CLI once in-process on the default scenario, in each output format,
// so that V8 has compiled the functions a run needs, then saves V8's code cache.
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
  for (const format of ["json", "table", "csv", "md"]) {
    const code = await cli.runCli(["run", join(root, "data", "scenarios", "default.yaml"), "--format", format], io);
    if (code !== 0) throw new Error(`warming the code cache: run --format ${format} exited ${code}`);
  }
  // An override parses the YAML with the yaml package (dist/yaml.cjs), as sweep and --samples do, and walks the zod schema.
  const withSet = ["run", join(root, "data", "scenarios", "default.yaml"), "--set", "usage.sessions_per_dau=1.75", "--format", "json"];
  if ((await cli.runCli(withSet, io)) !== 0) throw new Error("warming the code cache: run --set exited non-zero");
  writeFileSync(join(dist, "cli.cache"), script.createCachedData());
  // A problem to word parses with the zod schema (dist/zod.cjs), as any file its plan declines.
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
