// Debian's headless Chromium, driven by puppeteer-core, shared by the browser tests and
// scripts/screenshots.mjs: the system binary (never a downloaded browser), a fresh profile,
// and every request but the page itself refused, so a report that reaches for the network
// is caught rather than served.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];

/** The Chromium binary, or undefined when none is installed. */
export function findChromium() {
  return CANDIDATES.find((path) => path !== undefined && path !== "" && existsSync(path));
}

export const INSTALL_HINT = "install Debian's Chromium: apt-get update && apt-get install -y chromium (as root), or set CHROMIUM_PATH";

/** Launches the browser; `close()` also removes its profile folder. */
export async function launchChromium(executablePath = findChromium()) {
  if (executablePath === undefined) throw new Error(`no Chromium found: ${INSTALL_HINT}`);
  const { default: puppeteer } = await import("puppeteer-core");
  const profile = mkdtempSync(join(tmpdir(), "llm-cac-chromium-"));
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      `--user-data-dir=${profile}`,
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `html` in a new page with the network cut off: the page is served from memory
 * for one made-up URL, and any other request is aborted and recorded. Returns the page,
 * the console errors and the requests that were refused.
 */
export async function openReport(browser, html, { width = 1100, height = 900, dark = false } = {}) {
  const page = await browser.newPage();
  const consoleErrors = [];
  const requests = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  await page.setRequestInterception(true);
  const url = "http://report.invalid/report.html";
  page.on("request", (request) => {
    if (request.url() === url) request.respond({ status: 200, contentType: "text/html; charset=utf-8", body: html });
    else {
      requests.push(request.url());
      request.abort();
    }
  });
  await page.setViewport({ width, height, deviceScaleFactor: 1 });
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: dark ? "dark" : "light" }]);
  await page.goto(url, { waitUntil: "load" });
  return { page, consoleErrors, requests };
}
