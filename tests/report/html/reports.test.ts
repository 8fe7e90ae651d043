import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Loose, runInProcess } from "../../helpers/cli.js";

/**
 * Each command's `--format html`, run in-process on fixtures whose figures are known, read
 * as text: the page is self-contained, escapes the scenario's text, says the JSON result's
 * verdict, and draws one mark per figure. tests/browser/ opens the same pages in Chromium.
 */
const ONE = "tests/fixtures/whatif/one-channel.yaml";
const TWO = "tests/fixtures/whatif/two-channels.yaml";
const CPA = "tests/fixtures/uncertainty/cpa-range.yaml";
const HOSTILE = "tests/fixtures/html/hostile.yaml";
const VERSION = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;

async function htmlOf(argv: string[]): Promise<string> {
  const run = await runInProcess([...argv, "--format", "html"]);
  expect(run.stderr).toBe("");
  return run.stdout;
}

async function jsonOf(argv: string[]): Promise<Loose> {
  const run = await runInProcess([...argv, "--format", "json"]);
  return JSON.parse(run.stdout) as Loose;
}

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

/** The markup of one figure (by its id), up to the end of its <figure>. */
function figureText(page: string, id: string): string {
  const start = page.indexOf(`<figure class="chart" id="${id}">`);
  expect(start, `figure ${id}`).toBeGreaterThanOrEqual(0);
  return page.slice(start, page.indexOf("</figure>", start));
}

/** Nothing in the page could fetch anything: no script, no link, no URL, no tag with a source. */
function expectSelfContained(page: string): void {
  expect(page).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|https?:/i);
  expect(page).not.toMatch(/<[a-z][^>]*\s(src|href)=/i);
}

describe("run --format html", () => {
  it("is one self-contained page with the generator, the file and the date", async () => {
    const page = await htmlOf(["run", ONE]);
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).toContain(`<meta name="generator" content="llm-cac ${VERSION}">`);
    // runInProcess's clock: 2026-11-25.
    expect(page).toMatch(new RegExp(`<footer>.*${ONE.replace(/[/.]/g, "\\$&")}.*<time datetime="2026-11-25">`));
    expectSelfContained(page);
  });

  it("says the JSON result's verdict, and draws the three rungs, the cumulative lines, DAU and each channel", async () => {
    const [page, json] = await Promise.all([htmlOf(["run", ONE]), jsonOf(["run", ONE])]);
    // The fixture's ladder: 0.155 < 1 < 10, so it holds.
    expect(json.ladder.holds).toBe(true);
    expect(page).toContain('data-holds="true"');
    expect(page).toContain("The ladder holds: inference &lt; training &lt; acquisition.");
    expect(count(figureText(page, "ladder-0"), /class="mark bar/g)).toBe(3);
    // Acquisition, inference, training and (the fixture has revenue) revenue; each from (0, 0) through the end of each of the 30 days.
    const cumulative = figureText(page, "cumulative-0");
    const lines = [...cumulative.matchAll(/class="mark line[^"]*" d="([^"]*)"/g)].map((match) => match[1]!);
    expect(lines).toHaveLength(4);
    for (const d of lines) expect(count(d, /[ML]/g)).toBe(31);
    expect(count(figureText(page, "dau-0"), /class="mark line/g)).toBe(1);
    expect(count(figureText(page, "channels-0"), /class="mark bar/g)).toBe(json.channels.length);
  });

  it("marks each overtaking milestone that falls within the horizon", async () => {
    const file = "data/scenarios/deepseek-2025.yaml";
    const [page, json] = await Promise.all([htmlOf(["run", file]), jsonOf(["run", file])]);
    const days = [json.milestones.inference_overtakes_training_day, json.milestones.inference_overtakes_acquisition_day].filter(
      (day): day is number => day !== null && day < json.scenario.horizon_days,
    );
    expect(count(figureText(page, "cumulative-0"), /class="mark milestone-dot"/g)).toBe(days.length);
    for (const day of days) expect(page).toContain(`, day ${day}</text>`);
  });

  it("puts several scenarios side by side on one money axis", async () => {
    const page = await htmlOf(["run", ONE, TWO]);
    expect(count(page, /class="verdict /g)).toBe(2);
    const ticks = (id: string) => [...figureText(page, id).matchAll(/text-anchor="middle">([^<]*)<\/text>/g)].map((match) => match[1]);
    expect(ticks("ladder-0")).toEqual(ticks("ladder-1"));
    expect(ticks("cumulative-0")).toEqual(ticks("cumulative-1"));
  });

  it("shows markup in a scenario's names as text", async () => {
    const page = await htmlOf(["run", HOSTILE]);
    expectSelfContained(page);
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt;");
    expect(page).toContain("&quot;&gt;&lt;img src=x onerror=alert(3)&gt;");
    expect(page).not.toMatch(/<(script|img)\b/);
  });
});

describe("run --samples --format html", () => {
  it("draws a histogram of the CAC and each rung, and says how often the ladder holds", async () => {
    const argv = ["run", CPA, "--samples", "500", "--seed", "7"];
    const [page, json] = await Promise.all([htmlOf(argv), jsonOf(argv)]);
    // cpa-range.yaml: the ladder 0.155 < CPA / 10 < CPA holds in every sample.
    expect(json.samples.ladder_holds_probability).toBe(1);
    expect(page).toContain('data-probability="1"');
    expect(page).toContain('<p class="big">100%</p>');
    // cac_blended, training and acquisition spread over 24 bins each; inference is 0.155 in every sample: one bin.
    const bars = (id: string) => count(figureText(page, `histogram-0-${id}`), /class="mark bar/g);
    expect([bars("unit-cac_blended"), bars("ladder-training"), bars("ladder-acquisition"), bars("ladder-inference")]).toEqual([
      24, 24, 24, 1,
    ]);
    // Each marks P10, P50 and P90.
    expect(count(figureText(page, "histogram-0-unit-cac_blended"), /class="percentile"/g)).toBe(3);
    expectSelfContained(page);
  });

  it("leaves the JSON result without histograms", async () => {
    const json = await jsonOf(["run", CPA, "--samples", "50"]);
    expect(json.histograms).toBeUndefined();
  });
});

describe("sensitivity --format html", () => {
  it("draws a bar per side that moves the metric, outlined where the verdict changes", async () => {
    const argv = ["sensitivity", ONE];
    const [page, json] = await Promise.all([htmlOf(argv), jsonOf(argv)]);
    type Side = { change: number | null; ladder_holds: boolean | null };
    const sides = (json.inputs as { low: Side; high: Side }[]).flatMap((row) => [row.low, row.high]);
    const tornado = figureText(page, "tornado");
    expect(count(tornado, /class="mark bar/g)).toBe(sides.filter((side) => side.change !== null && side.change !== 0).length);
    const flips = sides.filter(
      (side) => side.change !== null && side.change !== 0 && side.ladder_holds !== null && side.ladder_holds !== json.base.ladder_holds,
    );
    expect(count(tornado, /class="mark bar [^"]*flagged/g)).toBe(flips.length);
    expect(page).toContain(`data-holds="${json.base.ladder_holds}"`);
  });
});

describe("sweep --format html", () => {
  it("one axis: the three rungs as lines with a dot per value", async () => {
    const page = await htmlOf(["sweep", ONE, "--vary", "acquisition.channels.0.cpa=0.5,1,5,10"]);
    const chart = figureText(page, "sweep");
    expect(count(chart, /class="mark line/g)).toBe(3);
    expect(count(chart, /class="mark point/g)).toBe(12);
    // CPA 0.5 and 1 leave acquisition at or below training (1): the ladder holds only at 5 and 10.
    expect(page).toContain("The ladder holds at 2 of 4 points.");
    expect(count(chart, /<rect class="band" x=/g)).toBe(2);
  });

  it("two axes: a cell per point, and the region where the ladder holds outlined", async () => {
    const page = await htmlOf([
      "sweep",
      ONE,
      "--vary",
      "acquisition.channels.0.cpa=0.5,5,10",
      "--vary",
      "acquisition.daily_budget=500,1000,2000,4000",
    ]);
    const chart = figureText(page, "sweep");
    expect(count(chart, /class="mark cell/g)).toBe(12);
    expect(chart).toMatch(/class="holds-outline" d="M/);
  });
});

describe("compare --format html", () => {
  it("draws a bar per key figure whose change in percent is known", async () => {
    const argv = ["compare", ONE, TWO];
    const [page, json] = await Promise.all([htmlOf(argv), jsonOf(argv)]);
    const other = (json as Loose[])[1];
    const charted = [
      "ladder.inference",
      "ladder.training",
      "ladder.acquisition",
      "unit.cac_blended",
      "unit.cac_paid",
      "totals.total",
      "totals.acquisition",
      "totals.inference",
      "totals.training",
      "totals.installs",
      "totals.peak_dau",
    ];
    const known = charted.filter((path) => path.split(".").reduce((tree: Loose, key) => tree?.[key], other.delta_pct) !== null);
    expect(count(figureText(page, "delta-1"), /class="mark bar/g)).toBe(known.length);
    expect(count(page, /class="verdict /g)).toBe(2);
  });
});

describe("optimize --format html", () => {
  it("draws each channel's response with the current and the best spend on it", async () => {
    const page = await htmlOf(["optimize", "tests/fixtures/optimize/two-saturating.yaml"]);
    // two-saturating.yaml: 7,000 a day split 3,500 / 3,500 now, 3,000 / 4,000 at best. The ads curve runs
    // to 1.5 x 3,500 = 5,250 over the plot's 360 units from x = 62: now at 62 + 360 * 3500 / 5250 = 302,
    // best at 62 + 360 * 3000 / 5250 = 267.7.
    const ads = figureText(page, "response-0");
    expect(count(ads, /class="mark line/g)).toBe(1);
    expect(count(ads, /class="mark milestone-dot"/g)).toBe(2);
    expect(ads).toMatch(/<line x1="302" x2="302"[^>]*\/><circle class="mark milestone-dot"[^>]*><title>now</);
    expect(ads).toMatch(/<line x1="267.7" x2="267.7"[^>]*\/><circle class="mark milestone-dot"[^>]*><title>best</);
    expect(count(figureText(page, "response-1"), /class="mark milestone-dot"/g)).toBe(2);
    expectSelfContained(page);
  });
});

describe("check --format html", () => {
  it("gives each file PASS, FAIL or INVALID, and each failure its metric, bound and value", async () => {
    const run = await runInProcess(["check", "tests/fixtures/check/mixed", "--format", "html"]);
    // An invalid file wins: exit 2, as for every format.
    expect(run.code).toBe(2);
    const page = run.stdout;
    expect([count(page, /data-status="pass"/g), count(page, /data-status="fail"/g), count(page, /data-status="invalid"/g)]).toEqual([
      1, 1, 1,
    ]);
    // b-fail.yaml: max unit.cac_blended ¥19 at CNY 0.5 = $9.50, found $10.00.
    expect(page).toMatch(/<code>unit\.cac_blended<\/code><\/th><td class="text">at most \$9\.50<\/td><td>\$10\.00/);
    expectSelfContained(page);
  });
});
