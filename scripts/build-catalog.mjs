// Writes dist/models.json: data/models.yaml parsed and validated once, at build time, with
// the text it came from. Parsing the YAML takes longer than the rest of a run; a run whose
// scenario names a model reads this copy instead, as long as its text is still
// data/models.yaml's (src/catalog/files.ts). A catalog with mistakes
// fails the build, with the same messages a run would print.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
// The catalog's parser bundled into a module of its own, imported like any other: the
// same code a run uses, with no evaluation of source text.
const loader = fileURLToPath(new URL("dist/.build-catalog.cjs", root));
await build({
  stdin: {
    contents: 'export { parseCatalog } from "./src/catalog/catalog.ts";\nexport { formatProblem } from "./src/lib/errors.ts";\n',
    resolveDir: fileURLToPath(root),
    loader: "ts",
  },
  outfile: loader,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  logLevel: "warning",
});
/** @type {typeof import("../src/catalog/catalog.js") & typeof import("../src/lib/errors.js")} */
const { parseCatalog, formatProblem } = createRequire(import.meta.url)(loader);
rmSync(loader);

const text = readFileSync(new URL("data/models.yaml", root), "utf8");
let catalog;
try {
  catalog = parseCatalog(text, "data/models.yaml");
} catch (error) {
  if (!(error instanceof Error) || !("problems" in error) || !Array.isArray(error.problems) || error.problems.length === 0) throw error;
  console.error(error.problems.map(formatProblem).join("\n"));
  process.exit(1);
}
writeFileSync(new URL("dist/models.json", root), `${JSON.stringify({ source: text, catalog })}\n`);
