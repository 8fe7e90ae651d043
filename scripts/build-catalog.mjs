// Writes dist/models.json: data/models.yaml parsed and validated once, at build time, with
// the fingerprint of the text it came from. Parsing the YAML takes longer than the rest
// of a run; a run whose scenario names a model reads this copy instead, as long as its
// fingerprint still matches data/models.yaml (src/cli/prices.ts). A catalog with mistakes
// fails the build, with the same messages a run would print.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
const { outputFiles } = await build({
  stdin: {
    contents: 'export { catalogFingerprint, parseCatalog } from "./src/scenario/catalog.ts";\nexport { formatProblem } from "./src/errors.ts";\n',
    resolveDir: root.pathname,
    loader: "ts",
  },
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  write: false,
  logLevel: "warning",
});
const module = { exports: {} };
new Function("module", "exports", "require", outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
const { parseCatalog, catalogFingerprint, formatProblem } = module.exports;

const text = readFileSync(new URL("data/models.yaml", root), "utf8");
let catalog;
try {
  catalog = parseCatalog(text, "data/models.yaml");
} catch (error) {
  if (!Array.isArray(error?.problems) || error.problems.length === 0) throw error;
  console.error(error.problems.map(formatProblem).join("\n"));
  process.exit(1);
}
writeFileSync(new URL("dist/models.json", root), `${JSON.stringify({ fingerprint: catalogFingerprint(text), catalog })}\n`);
