import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readBundledCatalog } from "../../src/catalog/files.js";
import { readScenarioFile } from "../../src/lib/read.js";
import { loadScenario } from "../../src/scenario/load.js";
import { parseOverride } from "../../src/scenario/overrides.js";
import { withValueAt } from "../../src/lib/value-at.js";
import { sameExceptAt } from "../../src/whatif/patched-points.js";
import { ScenarioVariants } from "../../src/whatif/variants.js";
import { problemLines, problemsOf } from "../helpers/user-error.js";

const FILE = "tests/fixtures/whatif/one-channel.yaml";

describe("withValueAt", () => {
  it("copies the objects on the path and shares the rest", () => {
    const value = { a: { b: 1, c: [1, 2] }, d: { e: 3 } };
    const patched = withValueAt(value, ["a", "c", 1], 9) as typeof value;
    expect(patched).toEqual({ a: { b: 1, c: [1, 9] }, d: { e: 3 } });
    expect(value.a.c).toEqual([1, 2]);
    expect(patched.d).toBe(value.d);
  });

  it("makes a mapping of a parent the value lacks or leaves empty, as setValue does in the document", () => {
    // `model: x` with no price (filled from the catalog), and `price:` written empty.
    expect(withValueAt({ inference: { model: "x" } }, ["inference", "price", "input"], 2)).toEqual({
      inference: { model: "x", price: { input: 2 } },
    });
    expect(withValueAt({ inference: { price: null } }, ["inference", "price", "input"], 2)).toEqual({ inference: { price: { input: 2 } } });
  });
});

describe("sameExceptAt", () => {
  it("ignores the path and nothing else", () => {
    expect(sameExceptAt({ a: { b: 1, c: 2 } }, { a: { b: 5, c: 2 } }, ["a", "b"])).toBe(true);
    expect(sameExceptAt({ a: { b: 1, c: 2 } }, { a: { b: 5, c: 3 } }, ["a", "b"])).toBe(false);
    // a parent created by the setting (absent before) cannot be patched in
    expect(sameExceptAt({ x: 1 }, { x: 1, a: { b: 2 } }, ["a", "b"])).toBe(false);
  });
});

describe("ScenarioVariants.at on a key the file does not write", () => {
  // kb-chat names a catalog model (qwen-long: ¥0.5 input, ¥2 output per 1M tokens) and writes no inference.price.
  const source = readScenarioFile("data/scenarios/kb-chat.yaml");
  const options = { priceSources: { catalog: () => readBundledCatalog({ cwd: process.cwd() }) } };
  const variants = ScenarioVariants.load(source, options);
  const priceInput = variants.input(parseOverride("inference.price.input=0"));

  it("gives what a full validation of the same --set gives", () => {
    for (const value of [0.5, 0.75]) {
      const point = variants.at([{ input: priceInput, value, label: `--vary inference.price.input=${value}` }]);
      const full = loadScenario(source, { ...options, overrides: [parseOverride(`inference.price.input=${value}`)] });
      expect(point.data).toEqual(full.data);
      expect(point.input).toEqual(full.input);
    }
  });
});

describe("ScenarioVariants.at with patched points", () => {
  const source = readScenarioFile(FILE);
  const variants = ScenarioVariants.load(source);
  const cpa = variants.input(parseOverride("acquisition.channels.ads.cpa=0"));
  const d1 = variants.input(parseOverride("retention.d1=0"));

  it("gives the data and model input a full validation of the same --set gives", () => {
    for (const [cpaValue, d1Value] of [
      [20, 0.6],
      ["$15", 0.5],
      [20, 0.7],
    ] as const) {
      const point = variants.at([
        { input: cpa, value: cpaValue, label: `--vary cpa=${cpaValue}` },
        { input: d1, value: d1Value, label: `--vary d1=${d1Value}` },
      ]);
      const full = loadScenario(source, {
        overrides: [parseOverride(`acquisition.channels.ads.cpa=${cpaValue}`), parseOverride(`retention.d1=${d1Value}`)],
      });
      expect(point.data).toEqual(full.data);
      expect(point.input).toEqual(full.input);
    }
  });

  it("checks the rules over two settings of one section together, though each alone breaks none", () => {
    // d30 = 0.5 is not above d7 = 0.5, d7 = 0.3 not above d1 = 0.5; together d30 (0.5) is above d7 (0.3).
    const d7 = variants.input(parseOverride("retention.d7=0"));
    const d30 = variants.input(parseOverride("retention.d30=0"));
    for (const setting of [
      { input: d30, value: 0.5, label: "--vary retention.d30=0.5" },
      { input: d7, value: 0.3, label: "--vary retention.d7=0.3" },
    ])
      expect(() => variants.at([setting])).not.toThrow();
    expect(
      problemsOf(() =>
        variants.at([
          { input: d30, value: 0.5, label: "--vary retention.d30=0.5" },
          { input: d7, value: 0.3, label: "--vary retention.d7=0.3" },
        ]),
      ),
    ).toEqual([{ file: FILE, path: "--vary retention.d30=0.5", message: "retention never rises: d30 (0.5) is above d7 (0.3)" }]);
  });

  it("reports a point that breaks a rule across fields at its --vary", () => {
    // d1 = 0.4 under d7 = 0.5: retention would rise. The value is not patched in; the full validation names the --vary.
    expect(() => variants.at([{ input: d1, value: 0.4, label: "--vary retention.d1=0.4" }])).toThrow(
      expect.objectContaining({
        problems: [{ file: FILE, path: "--vary retention.d1=0.4", message: "retention never rises: d7 (0.5) is above d1 (0.4)" }],
      }),
    );
  });
});

describe("ScenarioVariants.settableInput (sweep --vary, solve --for)", () => {
  // d1 and d7 share one node through &r: a sweep setting d1 at every point would orphan *r.
  const text = readFileSync(FILE, "utf8").replace("  d1: 0.5\n  d7: 0.5", "  d1: &r 0.5\n  d7: *r");
  const variants = ScenarioVariants.load({ file: FILE, text });

  it("refuses a value that aliases share, naming the option and the anchor", () => {
    expect(text).toContain("*r");
    expect(problemsOf(() => variants.settableInput(parseOverride("retention.d1=0", "--vary")))).toEqual([
      expect.objectContaining({
        file: FILE,
        path: "--vary retention.d1=0",
        message: "the value is shared through the YAML anchor &r: setting it alone would orphan its aliases (*r)",
      }),
    ]);
  });

  it("takes any other input as input() does", () => {
    const other = parseOverride("acquisition.channels.ads.cpa=0");
    expect(variants.settableInput(other)).toEqual(variants.input(other));
  });
});

describe("ScenarioVariants.at against a full validation of each point", () => {
  const source = readScenarioFile(FILE);
  const variants = ScenarioVariants.load(source);
  // Fields the file writes, fields it leaves to a default or out, in lists and not; values valid, out of range, of the wrong type, money, ranges.
  const paths = [
    "acquisition.channels.ads.cpa",
    "acquisition.daily_budget",
    "acquisition.organic_ratio",
    "retention.d7",
    "retention.d30",
    "usage.sessions_per_dau",
    "tokens.input",
    "tokens.history",
    "tokens.cache_hit_rate",
    "training.runs.0.cost",
    "revenue.arpdau",
  ];
  const values: unknown[] = [0, 0.3, 4, 20, -1, 1e-9, 1e300, "$15", "¥70", "ten", true, { low: 0.2, high: 0.4 }, { low: 2, high: 1 }];

  it("gives the same data and model input, or the same problems", () => {
    let patched = 0;
    for (const path of paths) {
      const input = variants.input(parseOverride(`${path}=0`));
      for (const value of values) {
        const settings = [{ input, value, label: `--vary ${path}=${JSON.stringify(value)}` }];
        const full = (() => {
          try {
            return variants.validatedInFull(settings);
          } catch {
            return undefined;
          }
        })();
        if (full === undefined) {
          expect(
            problemLines(() => variants.at(settings)),
            settings[0]!.label,
          ).toEqual(problemLines(() => variants.validatedInFull(settings)));
          continue;
        }
        const point = variants.at(settings);
        expect(point.data, settings[0]!.label).toEqual(full.data);
        expect(point.input, settings[0]!.label).toEqual(full.input);
        if (variants.patchedPoints.scenarioAt(settings) !== undefined) patched++;
      }
    }
    // Most valid points patch in: the comparison is not only of full validations with themselves.
    expect(patched).toBeGreaterThan(40);
  });
});
