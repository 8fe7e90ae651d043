import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module shared with scripts/screenshots.mjs, without types.
import { findChromium, INSTALL_HINT, launchChromium, openReport } from "../../scripts/chromium.mjs";
import { type Loose, runInProcess } from "../helpers/cli.js";

// The globals of the page, for the functions that run inside Chromium (tsconfig has no DOM library).
declare const document: any;
declare const Image: any;
declare function getComputedStyle(element: unknown): { breakInside: string };

/**
 * Every HTML report opened in Debian's headless Chromium with the network cut off: no
 * console error, no request, every chart drawn at a size with the marks the result calls
 * for, the verdict of the JSON result, a screenshot that is not blank, no sideways scroll
 * at 375 px, and charts that print whole. Outside CI without Chromium these skip, saying
 * how to install it; in CI (CI=true) a missing Chromium fails.
 */
const chromium: string | undefined = findChromium();
const inCi = process.env.CI === "true";
if (chromium === undefined && !inCi) console.warn(`tests/browser skipped: no Chromium found; ${INSTALL_HINT}`);

const ONE = "tests/fixtures/whatif/one-channel.yaml";
const TWO = "tests/fixtures/whatif/two-channels.yaml";
const CPA = "tests/fixtures/uncertainty/cpa-range.yaml";

interface Launched {
  browser: { newPage: () => Promise<unknown> };
  close: () => Promise<void>;
}
interface Page {
  evaluate<T>(fn: (...args: never[]) => T, ...args: unknown[]): Promise<T>;
  screenshot(options: { encoding: "base64"; fullPage: boolean }): Promise<string>;
  setViewport(viewport: { width: number; height: number }): Promise<void>;
  emulateMediaType(type: string | null): Promise<void>;
  close(): Promise<void>;
}

async function output(argv: string[], format: "html" | "json"): Promise<string> {
  return (await runInProcess([...argv, "--format", format])).stdout;
}

/** What a report's page must show: the marks of each chart by figure id, and a check of its verdict against the JSON. */
interface Expectation {
  argv: string[];
  marks: (json: Loose) => Record<string, number>;
  verdict: (json: Loose, page: Page) => Promise<void>;
}

const ladderText = (page: Page, index: number) =>
  page.evaluate((i: number) => document.querySelector(`.verdict[data-scenario="${i}"] .verdict-text`)?.textContent ?? "", index as never);

async function runVerdicts(results: Loose[], page: Page): Promise<void> {
  for (const [index, result] of results.entries()) {
    const text = await ladderText(page, index);
    expect(text.startsWith(result.ladder.holds ? "The ladder holds" : "The ladder does not hold"), text).toBe(true);
  }
}

const REPORTS: Record<string, Expectation> = {
  run: {
    argv: ["run", ONE],
    // Three rungs; acquisition, inference, training and revenue; DAU; one channel.
    marks: (json) => ({ "ladder-0": 3, "cumulative-0": 4, "dau-0": 1, "channels-0": json.channels.length }),
    verdict: (json, page) => runVerdicts([json], page),
  },
  "run, two scenarios": {
    argv: ["run", ONE, TWO],
    marks: (json) =>
      Object.fromEntries(
        (json as Loose[]).flatMap((result, index) => [
          [`ladder-${index}`, 3],
          [`channels-${index}`, result.channels.length],
        ]),
      ),
    verdict: (json, page) => runVerdicts(json as Loose[], page),
  },
  "run --samples": {
    argv: ["run", CPA, "--samples", "300"],
    // cpa-range.yaml: CAC, training and acquisition spread over 24 bins; inference is one value.
    marks: () => ({
      "histogram-0-unit-cac_blended": 24,
      "histogram-0-ladder-training": 24,
      "histogram-0-ladder-acquisition": 24,
      "histogram-0-ladder-inference": 1,
    }),
    verdict: async (json, page) => {
      const shown = await page.evaluate(() => document.querySelector(".odds")?.getAttribute("data-probability"));
      expect(Number(shown)).toBe(json.samples.ladder_holds_probability);
    },
  },
  sensitivity: {
    argv: ["sensitivity", ONE],
    marks: (json) => ({
      tornado: (json.inputs as Loose[]).flatMap((row) => [row.low, row.high]).filter((side) => side.change !== null && side.change !== 0)
        .length,
    }),
    verdict: async (json, page) => {
      const text = await page.evaluate(() => document.querySelector(".verdict .verdict-text")?.textContent ?? "");
      expect(text.startsWith(json.base.ladder_holds ? "As given, the ladder holds" : "As given, the ladder does not hold"), text).toBe(
        true,
      );
    },
  },
  "sweep, one axis": {
    argv: ["sweep", ONE, "--vary", "acquisition.channels.0.cpa=0.5,1,5,10"],
    // Three rungs, a dot at each of the four values.
    marks: () => ({ sweep: 3 + 12 }),
    verdict: async (json, page) => {
      const holding = (json.points as Loose[]).filter((point) => point["ladder.holds"] === true).length;
      const text = await page.evaluate(() => document.querySelector(".verdict .verdict-text")?.textContent ?? "");
      expect(text).toBe(`The ladder holds at ${holding} of ${json.points.length} points.`);
    },
  },
  "sweep, two axes": {
    argv: ["sweep", ONE, "--vary", "acquisition.channels.0.cpa=0.5,5,10", "--vary", "acquisition.daily_budget=500,1000,2000,4000"],
    marks: () => ({ sweep: 12 }),
    verdict: async (json, page) => {
      const holding = (json.points as Loose[]).filter((point) => point["ladder.holds"] === true).length;
      const shown = await page.evaluate(() => document.querySelector(".verdict")?.getAttribute("data-holds-points"));
      expect(Number(shown)).toBe(holding);
    },
  },
  optimize: {
    argv: ["optimize", "tests/fixtures/optimize/two-saturating.yaml"],
    // Per channel: its response curve, and the current and the best spend on it.
    marks: () => ({ "response-0": 3, "response-1": 3, "ladder-0": 3 }),
    verdict: async (json, page) => {
      const shown = await page.evaluate(() => document.querySelector(".verdict")?.getAttribute("data-unbounded"));
      expect(shown).toBe(String(json.best.unbounded));
    },
  },
  compare: {
    argv: ["compare", ONE, TWO],
    marks: () => ({ "ladder-0": 3, "ladder-1": 3 }),
    verdict: (json, page) => runVerdicts(json as Loose[], page),
  },
  check: {
    argv: ["check", "tests/fixtures/check/mixed"],
    marks: () => ({}),
    verdict: async (json, page) => {
      const statuses = (json.files ?? json) as Loose[];
      const shown = await page.evaluate(() =>
        [...document.querySelectorAll("[data-status]")].map((badge) => badge.getAttribute("data-status")),
      );
      expect(shown).toHaveLength(statuses.length);
      expect(shown.sort()).toEqual(["fail", "invalid", "pass"]);
    },
  },
};

describe.skipIf(chromium === undefined && !inCi)("HTML reports in headless Chromium", () => {
  let launched: Launched;

  beforeAll(async () => {
    if (chromium === undefined) throw new Error(`CI=true and no Chromium found: ${INSTALL_HINT} (.ci/run installs it)`);
    launched = (await launchChromium(chromium)) as Launched;
  }, 60_000);

  afterAll(async () => {
    await launched?.close();
  });

  /** scripts/chromium.mjs's openReport, typed: the page, its console errors and the requests it was refused. */
  async function open(html: string): Promise<{ page: Page; consoleErrors: string[]; requests: string[] }> {
    return openReport(launched.browser, html);
  }

  /** The screenshot drawn into a canvas of a blank page: the spread of its pixels' brightness. */
  async function pixelSpread(page: Page): Promise<number> {
    const png = await page.screenshot({ encoding: "base64", fullPage: false });
    const blank = (await launched.browser.newPage()) as Page;
    try {
      return await blank.evaluate(async (data: string) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = document.createElement("canvas");
        [canvas.width, canvas.height] = [image.width, image.height];
        const context = canvas.getContext("2d")!;
        context.drawImage(image, 0, 0);
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        let [sum, squares, n] = [0, 0, 0];
        for (let i = 0; i < pixels.length; i += 4 * 7) {
          const light = (pixels[i]! + pixels[i + 1]! + pixels[i + 2]!) / 3;
          sum += light;
          squares += light * light;
          n++;
        }
        return Math.sqrt(squares / n - (sum / n) ** 2);
      }, png as never);
    } finally {
      await blank.close();
    }
  }

  for (const [name, report] of Object.entries(REPORTS)) {
    it(`${name}: draws every chart, says the JSON's verdict, and fetches nothing`, async () => {
      const [html, jsonText] = await Promise.all([output(report.argv, "html"), output(report.argv, "json")]);
      const json = JSON.parse(jsonText) as Loose;
      const { page, consoleErrors, requests } = await open(html);
      try {
        expect(consoleErrors).toEqual([]);
        expect(requests).toEqual([]);
        const charts = await page.evaluate(() =>
          [...document.querySelectorAll("figure.chart")].map((figure) => {
            const svg = figure.querySelector("svg[role=img]")!;
            const box = svg.getBoundingClientRect();
            return {
              id: figure.id,
              width: box.width,
              height: box.height,
              title: svg.querySelector("title")?.textContent ?? "",
              marks: svg.querySelectorAll(".mark").length,
            };
          }),
        );
        for (const chart of charts) {
          expect(chart.width, chart.id).toBeGreaterThan(100);
          expect(chart.height, chart.id).toBeGreaterThan(50);
          expect(chart.title, chart.id).not.toBe("");
        }
        const marks = Object.fromEntries(charts.map((chart) => [chart.id, chart.marks]));
        for (const [id, expected] of Object.entries(report.marks(json))) expect(marks[id], id).toBe(expected);
        await report.verdict(json, page);
        expect(await pixelSpread(page)).toBeGreaterThan(10);
        // Phone width: nothing wider than the screen (wide tables scroll inside their own box).
        await page.setViewport({ width: 375, height: 800 });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
        // Print: a chart is never cut across pages.
        await page.emulateMediaType("print");
        const breaks = await page.evaluate(() =>
          [...document.querySelectorAll("figure.chart")].map((figure) => getComputedStyle(figure).breakInside),
        );
        expect(breaks.every((value) => value === "avoid")).toBe(true);
      } finally {
        await page.close();
      }
    });
  }

  it("shows a scenario's markup as text and runs none of it", async () => {
    const html = await output(["run", "tests/fixtures/html/hostile.yaml"], "html");
    const { page, consoleErrors, requests } = await open(html);
    try {
      expect(consoleErrors).toEqual([]);
      expect(requests).toEqual([]);
      const found = await page.evaluate(() => ({
        elements: document.querySelectorAll("script, img").length,
        heading: document.querySelector("h1")?.textContent ?? "",
      }));
      expect(found.elements).toBe(0);
      expect(found.heading).toBe(`<script>alert(1)</script> "><img src=x onerror=alert(2)>`);
    } finally {
      await page.close();
    }
  });
});
