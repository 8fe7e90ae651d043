// Writes src/scenario/scenario-plan.json: the plan of the scenario schema (lib/schema-plan.ts),
// which a run follows to parse a valid file without building the schema's zod objects.
// Run it (`npm run plan`) after changing src/scenario/schema.ts; tests/scenario/plan.test.ts
// fails while the committed plan is not the schema's.
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
// The schema and the plan's writer bundled into a module of their own, as build-catalog.mjs does.
const loader = fileURLToPath(new URL("scripts/.scenario-plan.cjs", root));
await build({
  stdin: {
    contents: [
      'import { schemaPlan } from "./src/lib/schema-walk.ts";',
      'import { PLAN_FUNCTIONS, scenarioSchema } from "./src/scenario/schema.ts";',
      "export const plan = () => schemaPlan(scenarioSchema(), PLAN_FUNCTIONS);",
    ].join("\n"),
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
/** @type {{ plan: () => import("../src/lib/schema-plan.js").SchemaPlan }} */
const { plan } = createRequire(import.meta.url)(loader);
rmSync(loader);

const file = fileURLToPath(new URL("src/scenario/scenario-plan.json", root));
writeFileSync(file, `${JSON.stringify(plan())}\n`);
execFileSync(process.execPath, [fileURLToPath(new URL("node_modules/@biomejs/biome/bin/biome", root)), "format", "--write", file], {
  stdio: "inherit",
});
