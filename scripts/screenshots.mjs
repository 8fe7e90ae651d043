// Makes the screenshots of docs/html.md: each HTML report drawn by the built CLI
// (npm run build first), opened in Debian's headless Chromium with the network cut off,
// saved as PNG under docs/img/. The run report also at phone width (375 px) and dark.
//   node scripts/screenshots.mjs            all of them
//   node scripts/screenshots.mjs run sweep  only those
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { findChromium, INSTALL_HINT, launchChromium, openReport } from "./chromium.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const images = join(root, "docs", "img");

/** Each report: the CLI's arguments, and the views to shoot (width, dark). */
export const REPORTS = {
  run: ["run", "data/scenarios/kimi-2024.yaml"],
  "run-several": ["run", "data/scenarios/kimi-2024.yaml", "data/scenarios/doubao-2024.yaml"],
  samples: [
    "run",
    "data/scenarios/frontier-lab.yaml",
    "--samples",
    "2000",
    "--set",
    "training.runs.0.cost={ low: $10M, high: $60M }",
    "--set",
    "acquisition.channels.0.cpa={ low: $2, high: $9 }",
    "--set",
    "usage.sessions_per_dau={ low: 0.4, high: 1.4 }",
  ],
  sensitivity: [
    "sensitivity",
    "data/scenarios/frontier-lab.yaml",
    "--set",
    "usage.turns_per_session=1",
    "--set",
    "training.runs.0.cost=$30M",
  ],
  "sweep-line": [
    "sweep",
    "data/scenarios/frontier-lab.yaml",
    "--set",
    "usage.turns_per_session=1",
    "--vary",
    "training.runs.0.cost=$5M..$80M/16",
  ],
  "sweep-heatmap": [
    "sweep",
    "data/scenarios/frontier-lab.yaml",
    "--set",
    "usage.turns_per_session=1",
    "--vary",
    "acquisition.channels.0.cpa=2..8/7",
    "--vary",
    "training.runs.0.cost=$10M..$60M/6",
    "--metric",
    "unit.training_per_user",
  ],
  optimize: ["optimize", "data/scenarios/doubao-2024.yaml"],
  compare: ["compare", "data/scenarios/kimi-2024.yaml", "data/scenarios/doubao-2024.yaml"],
  check: [
    "check",
    "tests/fixtures/check/mixed/a-pass.yaml",
    "tests/fixtures/check/mixed/b-fail.yaml",
    "tests/fixtures/check/mixed/c-invalid.yaml",
  ],
};

const VIEWS = {
  run: [
    { suffix: "", width: 1100 },
    { suffix: "-375", width: 375 },
    { suffix: "-dark", width: 1100, dark: true },
  ],
};

/** The report as the CLI writes it; `check` exits 1 or 2 when files fail, which is what the picture shows. */
function report(args, folder) {
  const file = join(folder, "report.html");
  try {
    execFileSync(process.execPath, [join(root, "bin", "llm-cac.js"), ...args, "--format", "html", "--output", file, "--force", "--quiet"], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
    });
  } catch (error) {
    if (args[0] !== "check") throw error;
  }
  return readFileSync(file, "utf8");
}

async function main(names) {
  if (findChromium() === undefined) throw new Error(`no Chromium: ${INSTALL_HINT}`);
  mkdirSync(images, { recursive: true });
  const folder = mkdtempSync(join(tmpdir(), "llm-cac-shots-"));
  const { browser, close } = await launchChromium();
  try {
    for (const name of names.length > 0 ? names : Object.keys(REPORTS)) {
      const html = report(REPORTS[name], folder);
      for (const view of VIEWS[name] ?? [{ suffix: "", width: 1100 }]) {
        const { page, consoleErrors, requests } = await openReport(browser, html, {
          width: view.width,
          height: 800,
          dark: view.dark === true,
        });
        if (consoleErrors.length > 0 || requests.length > 0)
          throw new Error(`${name}: console errors ${consoleErrors.join("; ")}; requests ${requests.join(", ")}`);
        // Runs in the page, where `document` is; this file is checked without the DOM types.
        const height = await page.evaluate(() => /** @type {any} */ (globalThis).document.documentElement.scrollHeight);
        // The top of a long page is what a reader sees first; the tables below are text anyway.
        const clip = { x: 0, y: 0, width: view.width, height: Math.min(height, view.width < 600 ? 2400 : 1800) };
        const path = join(images, `${name}${view.suffix}.png`);
        await page.screenshot({ path, clip });
        await page.close();
        console.log(`${path.slice(root.length)} (${view.width} px${view.dark ? ", dark" : ""})`);
      }
    }
  } finally {
    await close();
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
