import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCatalog } from "../../src/catalog/catalog.js";
import { modelsView } from "../../src/catalog/models-view.js";
import { readScenarioFile } from "../../src/lib/read.js";
import { checkRegistry } from "../../src/report/check/index.js";
import { compareRegistry } from "../../src/report/compare/index.js";
import { modelsRegistry } from "../../src/report/models/index.js";
import { runRegistry } from "../../src/report/run/index.js";
import { samplesRegistry } from "../../src/report/samples/index.js";
import { sensitivityRegistry } from "../../src/report/sensitivity/index.js";
import type { RenderOptions } from "../../src/report/shared/options.js";
import { type Format, formatsOf, type Registry, render } from "../../src/report/shared/render.js";
import { solveRegistry } from "../../src/report/solve/index.js";
import { sweepRegistry } from "../../src/report/sweep/index.js";
import type { FileCheck } from "../../src/scenario/check.js";
import { evaluateScenario } from "../../src/scenario/evaluate.js";
import { evaluateExpectations } from "../../src/scenario/expect.js";
import { loadScenario } from "../../src/scenario/load.js";
import { parseOverride } from "../../src/scenario/overrides.js";
import { sampledRuns } from "../../src/uncertainty/sampled-run.js";
import { ScenarioSampler } from "../../src/uncertainty/sampling.js";
import { compareReport } from "../../src/whatif/compare-report.js";
import { planSensitivity, sensitivityReport } from "../../src/whatif/sensitivity-report.js";
import { planSolve, solveReport } from "../../src/whatif/solve-report.js";
import { planSweep, sweepReport } from "../../src/whatif/sweep-report.js";
import { ScenarioVariants } from "../../src/whatif/variants.js";
import { ROOT } from "../helpers/cli.js";
import { parseCsv } from "../helpers/csv.js";

// tests/fixtures/whatif/one-channel.yaml, worked by hand in its comments: one channel at
// CPA $10 and no organic installs, so cac_blended = 10; inference_per_user = 0.155;
// training_per_user = 1; the ladder holds.
const FILE = `${ROOT}tests/fixtures/whatif/one-channel.yaml`;
const source = () => readScenarioFile(FILE);
const scenario = () => loadScenario(source());
const variants = () => ScenarioVariants.load(source());
const PLAIN: RenderOptions = { color: false, width: 100 };
const COLOUR: RenderOptions = { color: true, width: 100 };
const ESC = "\u001b[";

/** Every report with data computed the way its command computes it. */
async function reports(): Promise<{ name: string; registry: Registry<never>; data: unknown }[]> {
  const result = evaluateScenario(scenario());
  const checks: FileCheck[] = [
    { file: FILE, valid: true, result, outcome: evaluateExpectations(undefined, result) },
    { file: "broken.yaml", valid: false, errors: [{ file: "broken.yaml", line: 3, col: 1, message: "invalid YAML: oops" }] },
  ];
  const catalog = parseCatalog(readFileSync(`${ROOT}data/models.yaml`, "utf8"), "data/models.yaml");
  const variant = loadScenario(source(), { overrides: [parseOverride("acquisition.channels.0.cpa=20")] });
  return [
    { name: "run", registry: runRegistry, data: [result] },
    { name: "check", registry: checkRegistry, data: checks },
    { name: "models", registry: modelsRegistry, data: modelsView(catalog, undefined, undefined, "2026-11-25") },
    { name: "compare", registry: compareRegistry, data: compareReport([scenario(), variant], evaluateScenario) },
    {
      name: "sweep",
      registry: sweepRegistry,
      data: sweepReport(variants(), planSweep({ vary: ["acquisition.channels.0.cpa=10,20"] }), evaluateScenario),
    },
    {
      name: "solve",
      registry: solveRegistry,
      data: solveReport(variants(), planSolve({ for: "acquisition.channels.0.cpa", target: "unit.cac_blended=15" }), evaluateScenario),
    },
    { name: "sensitivity", registry: sensitivityRegistry, data: sensitivityReport(variants(), planSensitivity({}), evaluateScenario) },
    {
      name: "samples",
      registry: samplesRegistry,
      data: (await sampledRuns([ScenarioSampler.load(source())], { n: 5, seed: 1 }, evaluateScenario)).map((run) => run.result),
    },
  ];
}

const REPORTS = await reports();

describe("every renderer of every report", () => {
  for (const { name, registry, data } of REPORTS) {
    for (const format of formatsOf(registry)) {
      it(`${name} --format ${format}: text ending in one newline, colour only when asked, the same twice`, async () => {
        const plain = await render(registry, format, data as never, PLAIN);
        expect(plain.length).toBeGreaterThan(1);
        expect(plain.endsWith("\n")).toBe(true);
        expect(plain).not.toContain(ESC);
        expect(await render(registry, format, data as never, PLAIN)).toBe(plain);
        const coloured = await render(registry, format, data as never, COLOUR);
        // Only a table paints; every other format is the same with or without colour.
        if (format === "table") expect(coloured).toContain(ESC);
        else expect(coloured).toBe(plain);
        if (format === "json") expect(() => JSON.parse(plain)).not.toThrow();
        if (format === "csv") expect(new Set(parseCsv(plain).map((row) => row.length)).size).toBe(1);
      });
    }
  }
});

describe("the run report's figures in each format", () => {
  const results = () => [evaluateScenario(scenario())];

  it("json: the result object itself, cac_blended 10", async () => {
    const json = JSON.parse(await render(runRegistry, "json", results(), PLAIN));
    expect(json.unit.cac_blended).toBe(10);
    expect(json.ladder.holds).toBe(true);
  });

  it("csv: one header of dotted paths, one row; unit.cac_blended is 10", async () => {
    const [header, ...rows] = parseCsv(await render(runRegistry, "csv", results(), PLAIN));
    expect(rows).toHaveLength(1);
    expect(rows[0]![header!.indexOf("unit.cac_blended")]).toBe("10");
    expect(Number(rows[0]![header!.indexOf("ladder.inference")])).toBeNear(0.155);
  });

  it("md and table: the rungs as money, $0.155 < $1.00 < $10.00", async () => {
    for (const format of ["md", "table"] as const) {
      const text = await render(runRegistry, format, results(), PLAIN);
      expect(text).toContain("one channel, closed form");
      const [inference, training, acquisition] = ["$0.155", "$1.00", "$10.00"].map((money) => text.indexOf(money));
      expect(inference).toBeGreaterThan(-1);
      expect(training).toBeGreaterThan(inference!);
      expect(acquisition).toBeGreaterThan(training!);
    }
  });
});

describe("render", () => {
  it("refuses a format the report does not have, naming those it has", async () => {
    const registry: Registry<unknown> = { json: async () => () => "{}\n", table: async () => () => "x\n" };
    const refused = render(registry, "md", null, PLAIN);
    await expect(refused).rejects.toThrow("format md is not available for this command");
    await expect(refused).rejects.toMatchObject({ name: "UserError", hint: "use one of: table, json" });
  });

  it("lists a registry's formats in the one order of all formats, whatever the order of its keys", () => {
    const renderer = async () => () => "x\n";
    const registry: Registry<unknown> = { md: renderer, csv: renderer, table: renderer };
    expect(formatsOf(registry)).toEqual(["table", "csv", "md"] satisfies Format[]);
  });
});
