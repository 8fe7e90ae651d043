// The package as a user gets it: packs llm-cac (npm pack runs "prepack": build and
// types), lints the tarball (publint --strict, attw), installs it offline into an empty
// project and uses it from an ES module, a CommonJS module, a TypeScript file checked with
// tsc against the shipped declarations, and the installed `llm-cac` command. Run by .ci/run.
//   node scripts/pack-check.mjs [TARBALL]     an existing tarball skips the pack
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "llm-cac-pack-"));
const bin = (name) => join(root, "node_modules", ".bin", name);
const run = (command, args, options = {}) =>
  execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], ...options });

function step(name, action) {
  process.stdout.write(`pack-check: ${name} ... `);
  action();
  process.stdout.write("ok\n");
}

try {
  let tarball = process.argv[2] === undefined ? undefined : resolve(process.argv[2]);
  if (tarball === undefined) {
    step("npm pack", () => {
      const [packed] = JSON.parse(
        run("npm", ["pack", "--json", "--pack-destination", work], { cwd: root, stdio: ["ignore", "pipe", "inherit"] }),
      );
      tarball = join(work, packed.filename);
    });
  }
  step("publint --strict", () => run(bin("publint"), ["run", tarball, "--strict"]));
  step("attw", () => run(bin("attw"), [tarball, "--format", "table-flipped"]));

  const project = join(work, "consumer");
  step("npm install --offline (the tarball into an empty project)", () => {
    run("mkdir", ["-p", project]);
    writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2)}\n`);
    run("npm", ["install", "--offline", "--no-audit", "--no-fund", tarball], { cwd: project });
    // The bundles inline every dependency: installing must add llm-cac and nothing else.
    const installed = readdirSync(join(project, "node_modules")).filter((name) => !name.startsWith("."));
    if (installed.join() !== "llm-cac") throw new Error(`installed packages: ${installed.join(", ")}; expected llm-cac alone`);
  });

  // What both module systems must agree on: a bad line is reported at its line, the result
  // renders, and the JSON rendering reads back as the result.
  const body = `
const text = readFileSync(new URL("./node_modules/llm-cac/data/starter.yaml", BASE), "utf8");
const scenario = api.loadScenario(text, { file: "starter.yaml" });
const result = api.evaluate(scenario);
if (JSON.stringify(JSON.parse(await api.render(result, "json"))) !== JSON.stringify(result)) throw new Error("json does not read back");
if (!(await api.render(result, "md")).startsWith("## ")) throw new Error("md has no heading");
let error;
try { api.loadScenario("name: x\\nhorizon_days: -5\\n", { file: "bad.yaml" }); } catch (caught) { error = caught; }
if (!(error instanceof api.UserError)) throw new Error("no UserError");
const problem = error.problems.find((p) => p.path === "horizon_days");
if (problem?.line !== 2 || problem?.col !== 15) throw new Error("problem not at 2:15: " + JSON.stringify(problem));
console.log(api.version, result.scenario.name);
`;
  step("import from an ES module", () => {
    writeFileSync(
      join(project, "esm.mjs"),
      `import * as api from "llm-cac";\nimport { readFileSync } from "node:fs";\nconst BASE = import.meta.url;\n${body}`,
    );
    run(process.execPath, ["esm.mjs"], { cwd: project });
  });
  step("require from CommonJS", () => {
    writeFileSync(
      join(project, "cjs.cjs"),
      `const api = require("llm-cac");\nconst { readFileSync } = require("node:fs");\nconst BASE = require("node:url").pathToFileURL(__filename);\n(async () => {${body}})().catch((e) => { console.error(e); process.exit(1); });\n`,
    );
    run(process.execPath, ["cjs.cjs"], { cwd: project });
  });
  step("tsc --noEmit against the shipped declarations (ESM and CommonJS)", () => {
    const typed = (importLine) => `${importLine}
const scenario: Scenario = loadScenario("name: x", { file: "x.yaml", set: ["horizon_days=30"] });
const result: JsonResult = evaluate(scenario, { timeline: "month" });
const days: number = result.scenario.horizon_days;
const cac: number | null = result.unit.cac_blended;
export const drawn: Promise<string> = render([result], "md", { width: 100 });
export function where(error: unknown): string {
  return error instanceof UserError ? error.problems.map((p: InputProblem) => \`\${p.file}:\${p.line ?? 0} \${p.path ?? ""} \${p.message}\`).join() : "";
}
// @ts-expect-error: not a format
export const wrong = render(result, "pdf");
// @ts-expect-error: a scenario comes from loadScenario
evaluate({ name: "x" });
export const used = [days, cac];
`;
    const names = "evaluate, type InputProblem, type JsonResult, loadScenario, render, type Scenario, UserError";
    writeFileSync(join(project, "typed.mts"), typed(`import { ${names} } from "llm-cac";`));
    writeFileSync(join(project, "typed.cts"), typed(`import { ${names} } from "llm-cac";`));
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        files: ["typed.mts", "typed.cts"],
      }),
    );
    run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], {
      cwd: project,
      stdio: ["ignore", "inherit", "inherit"],
    });
  });
  step("the example of docs/api.md", () => {
    const [, example] = /```js\n([\s\S]*?)```/.exec(readFileSync(join(root, "docs", "api.md"), "utf8")) ?? [];
    if (example === undefined) throw new Error("docs/api.md has no ```js example");
    writeFileSync(join(project, "example.mjs"), example);
    const printed = run(process.execPath, ["example.mjs"], { cwd: project });
    if (!printed.includes("| rung |")) throw new Error(`the example printed no Markdown report:\n${printed}`);
  });
  step("the installed llm-cac command", () => {
    const version = run(join(project, "node_modules", ".bin", "llm-cac"), ["-v"], { cwd: project }).trim();
    if (!/^\d+\.\d+\.\d+/.test(version)) throw new Error(`llm-cac -v printed ${version}`);
    const json = JSON.parse(run(join(project, "node_modules", ".bin", "llm-cac"), ["run", "--format", "json"], { cwd: project }));
    if (json.schema_version === undefined) throw new Error("run --format json printed no result");
    run(join(project, "node_modules", ".bin", "llm-cac"), ["run", "--format", "html", "-o", "report.html"], { cwd: project });
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
