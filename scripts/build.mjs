// Builds the CLI into dist/:
//   cli.cjs    the whole CLI bundled by esbuild into one file (renderers stay lazy inside it)
//   cli.cache  V8's code cache for cli.cjs, made by running it once on the default scenario
//   launch.cjs the entry bin/llm-cac.js requires: loads cli.cjs with that cache
//   models.json data/models.yaml parsed at build time (scripts/build-catalog.mjs)
// Start-up is most of a CLI's wall time; with one file and a code cache, Node neither
// resolves hundreds of modules nor compiles the code again on every run. Where V8
// rejects the cache (another Node version), cli.js compiles as usual: same behaviour.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

const dist = new URL("../dist/", import.meta.url);
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);
const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

await build({
  entryPoints: ["src/cli.ts"],
  outfile: "dist/cli.cjs",
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: "linked",
  logLevel: "warning",
  define: { "import.meta.url": "__importMetaUrl", __LLM_CAC_VERSION__: JSON.stringify(version) },
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
});

copyFileSync(new URL("launch.cjs", import.meta.url), new URL("launch.cjs", dist));
await import("./build-catalog.mjs");
// The cache must come from a plain `node` like the one users run, hence a child process.
execFileSync(process.execPath, [new URL("make-code-cache.cjs", import.meta.url).pathname], { stdio: "inherit" });
