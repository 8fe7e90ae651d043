// Writes src/scenario/scenario-plan.json: the plan of the scenario schema (lib/schema-plan.ts),
// which a run follows to parse a valid file without building the schema's zod objects.
// Run it (`npm run plan`) after changing src/scenario/schema.ts; tests/scenario/plan.test.ts
// fails while the committed plan is not the schema's.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sourceModule } from "./source-module.mjs";

const root = new URL("../", import.meta.url);
/** @type {{ plan: () => import("../src/lib/schema-plan.js").SchemaPlan }} */
const { plan } = await sourceModule(
  "scenario-plan",
  [
    'import { schemaPlan } from "./src/lib/schema-walk.ts";',
    'import { PLAN_FUNCTIONS, scenarioSchema } from "./src/scenario/schema.ts";',
    "export const plan = () => schemaPlan(scenarioSchema(), PLAN_FUNCTIONS);",
  ].join("\n"),
);

const file = fileURLToPath(new URL("src/scenario/scenario-plan.json", root));
writeFileSync(file, `${JSON.stringify(plan())}\n`);
execFileSync(process.execPath, [fileURLToPath(new URL("node_modules/@biomejs/biome/bin/biome", root)), "format", "--write", file], {
  stdio: "inherit",
});
