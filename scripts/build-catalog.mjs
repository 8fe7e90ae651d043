// Writes dist/models.json: data/models.yaml parsed and validated once, at build time, with
// the text it came from. Parsing the YAML takes longer than the rest of a run; a run whose
// scenario names a model reads this copy instead, as long as its text is still
// data/models.yaml's (src/catalog/files.ts). A catalog with mistakes
// fails the build, with the same messages a run would print.
import { readFileSync, writeFileSync } from "node:fs";
import { sourceModule } from "./source-module.mjs";

const root = new URL("../", import.meta.url);
// The catalog's parser, the code a run uses (source-module.mjs).
/** @type {typeof import("../src/catalog/catalog.js") & typeof import("../src/lib/errors.js")} */
const { parseCatalog, formatProblem } = await sourceModule(
  "build-catalog",
  'export { parseCatalog } from "./src/catalog/catalog.ts";\nexport { formatProblem } from "./src/lib/errors.ts";\n',
);

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
