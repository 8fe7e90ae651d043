// The CI recipes of docs/ci.md, run as CI would run them: their shell steps, read from
// the document itself, in a scratch git repository with a main branch, a pull-request
// branch and the llm-cac tarball in tools/. Run by .ci/run.
//   node scripts/ci-recipes.mjs [TARBALL]     an existing tarball skips the pack
// Checked: a branch that raises blended CAC by more than its max_increase fails the check,
// with the change in the report and the comparison in a <details> section; a branch that
// changes nothing passes; GitLab's script writes its JUnit report and exits as check does.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const root = fileURLToPath(new URL("..", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "llm-cac-ci-"));
const git = (cwd, ...args) =>
  execFileSync("git", ["-c", "user.name=ci", "-c", "user.email=ci@example.invalid", ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

/** @returns {never} */
function fail(message) {
  console.error(`ci-recipes: ${message}`);
  process.exit(1);
}

/** The first ```yaml block after `heading` in docs/ci.md, parsed. */
function recipe(heading) {
  const text = readFileSync(join(root, "docs", "ci.md"), "utf8");
  const from = text.indexOf(`\n${heading}\n`);
  if (from < 0) fail(`docs/ci.md has no "${heading}"`);
  const block = /```yaml\n([\s\S]*?)```/.exec(text.slice(from));
  if (block === null) fail(`no yaml block under "${heading}"`);
  return parse(block[1]);
}

/** GitHub's `if:` for the expressions the recipe uses, on a pull_request event. */
function condition(expression, workspace, outcomes) {
  if (expression === undefined) return true;
  const js = expression
    .replace(/always\(\)/g, "true")
    .replace(/github\.event_name == 'pull_request'/g, "true")
    .replace(/hashFiles\('([^']+)'\) != ''/g, (_all, file) => String(existsSync(join(workspace, file))))
    .replace(/steps\.(\w+)\.outcome == '(\w+)'/g, (_all, id, outcome) => String(outcomes.get(id) === outcome));
  if (!/^[\s()truefals&|!]*$/.test(js)) fail(`cannot evaluate the condition: ${expression}`);
  return Function(`return (${js});`)();
}

/** The GitHub Actions job's `run:` steps, in order, as the runner does them; `uses:` steps are GitHub's own. */
function runGithub(workspace) {
  const { steps } = recipe("## GitHub Actions").jobs.check;
  const summary = join(workspace, "..", "step-summary.md");
  const outcomes = new Map();
  const ran = [];
  for (const step of steps) {
    if (step.run === undefined || !condition(step.if, workspace, outcomes)) continue;
    const env = { ...process.env, GITHUB_WORKSPACE: workspace, GITHUB_STEP_SUMMARY: summary };
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub's expression, as the recipe writes it
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = String(value).replace("${{ github.base_ref }}", "main");
    const result = spawnSync("bash", ["-e", "-c", step.run], { cwd: workspace, env, encoding: "utf8" });
    const outcome = result.status === 0 ? "success" : "failure";
    if (step.id !== undefined) outcomes.set(step.id, outcome);
    ran.push({ name: step.name, outcome, stderr: result.stderr });
    if (outcome === "failure" && step["continue-on-error"] !== true) break;
  }
  return { ran, summary };
}

/** The GitLab job's script lines, stopping at the first that fails, as GitLab does. */
function runGitlab(workspace) {
  for (const line of recipe("## GitLab CI").scenarios.script) {
    const result = spawnSync("bash", ["-e", "-c", line], { cwd: workspace, encoding: "utf8" });
    if (result.status !== 0) return result.status;
  }
  return 0;
}

/** origin (bare) with main: scenarios/my-app.yaml from `llm-cac init`, with max_increase on, and the tarball; a clone on `branch`. */
function repository(tarball, name, change) {
  // Each in a folder of its own: the recipe puts the base branch's worktree beside the workspace.
  const origin = join(scratch, name, "origin.git");
  const seed = join(scratch, name, "seed");
  const workspace = join(scratch, name, "workspace");
  mkdirSync(join(seed, "scenarios"), { recursive: true });
  mkdirSync(join(seed, "tools"));
  copyFileSync(tarball, join(seed, "tools", "llm-cac-0.1.0.tgz"));
  execFileSync(process.execPath, [join(root, "bin", "llm-cac.js"), "init", join(seed, "scenarios", "my-app.yaml")], { stdio: "ignore" });
  const starter = readFileSync(join(seed, "scenarios", "my-app.yaml"), "utf8");
  // The starter's commented change rules, switched on.
  writeFileSync(
    join(seed, "scenarios", "my-app.yaml"),
    starter.replace("  # max_increase:", "  max_increase:").replace("  #   unit.cac_blended: 10%", "    unit.cac_blended: 10%"),
  );
  writeFileSync(join(seed, ".gitignore"), "node_modules/\n");
  git(scratch, "init", "--bare", "-b", "main", origin);
  git(seed, "init", "-b", "main");
  git(seed, "add", ".");
  git(seed, "commit", "-m", "main");
  git(seed, "remote", "add", "origin", origin);
  git(seed, "push", "origin", "main");
  git(scratch, "clone", origin, workspace);
  git(workspace, "checkout", "-b", "pull-request");
  const file = join(workspace, "scenarios", "my-app.yaml");
  writeFileSync(file, change(readFileSync(file, "utf8")));
  git(workspace, "commit", "-am", "pull request", "--allow-empty");
  return workspace;
}

try {
  let tarball = process.argv[2] === undefined ? undefined : resolve(process.argv[2]);
  if (tarball === undefined) {
    const [packed] = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--pack-destination", scratch], {
        cwd: root,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      }),
    );
    tarball = join(scratch, packed.filename);
  }

  // The feed's CPM from ¥12 to ¥24 doubles its CPA (¥10 to ¥20): per ¥ of paid spend,
  // installs fall from 0.3/30 + 0.7/10 = 0.08 to 0.3/30 + 0.7/20 = 0.045, so the paid CAC
  // rises 78 %, and blended CAC by far more than the 10 % allowed.
  const worse = repository(tarball, "worse", (text) => text.replace('cpm: "¥12"', 'cpm: "¥24"'));
  const github = runGithub(worse);
  const outcome = (name) => github.ran.find((step) => step.name === name)?.outcome;
  if (outcome("Check scenarios") !== "failure") fail(`the check passed a 2x CPA: ${JSON.stringify(github.ran)}`);
  if (outcome("Fail when an expectation failed or a scenario is invalid") !== "failure") fail("the job did not fail");
  const report = readFileSync(join(worse, "llm-cac-check.md"), "utf8");
  for (const expected of ["vs baseline", "max\\_increase 10 %", "<details><summary>", "</details>"]) {
    if (!report.includes(expected)) fail(`the report lacks ${JSON.stringify(expected)}:\n${report}`);
  }
  if (!readFileSync(github.summary, "utf8").includes("llm-cac check")) fail("nothing in the job summary");
  console.log("ci-recipes: GitHub Actions, a worse branch: check fails, report with the change and <details> ... ok");

  const same = repository(tarball, "same", (text) => text);
  const passing = runGithub(same);
  const failed = passing.ran.filter((step) => step.outcome === "failure");
  if (failed.length > 0) fail(`steps failed on an unchanged branch: ${JSON.stringify(failed)}`);
  if (passing.ran.some((step) => step.name.startsWith("Fail when"))) fail("the failing step ran on an unchanged branch");
  console.log("ci-recipes: GitHub Actions, an unchanged branch: every step passes ... ok");

  rmSync(join(same, "node_modules"), { recursive: true, force: true });
  if (runGitlab(same) !== 0 || !readFileSync(join(same, "llm-cac-junit.xml"), "utf8").includes("<testsuites"))
    fail("GitLab's script failed on an unchanged branch");
  if (runGitlab(worse) !== 0) console.log("ci-recipes: GitLab CI: JUnit report written; passes and fails with check ... ok");
  else fail("GitLab's script passed a failing expectation");
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
