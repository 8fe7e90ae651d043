import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { valueAt } from "../../src/lib/value-at.js";
import { evaluatePoint } from "../../src/scenario/evaluate.js";
import { loadScenario } from "../../src/scenario/load.js";
import { SampleCollector } from "../../src/uncertainty/summary.js";

const file = "data/scenarios/default.yaml";
const central = evaluatePoint(loadScenario({ file, text: readFileSync(file, "utf8") }));

/** The nearest-rank percentile of `values` sorted ascending with NaN last, -0 before 0 (percentile.ts). */
function bySorting(values: number[], percent: number): number {
  const sorted = [...values].sort((a, b) => (Number.isNaN(a) ? 1 : Number.isNaN(b) ? -1 : a - b || (Object.is(a, -0) ? -1 : 1)));
  const rank = Math.min(values.length, Math.max(1, Math.ceil((percent * values.length) / 100)));
  return sorted[rank - 1]!;
}

describe("SampleCollector", () => {
  // Each figure draws from a few values, so that many keep their first value for a while
  // (no column yet) and then differ at some sample: the percentiles must not notice.
  it("gives each figure the percentiles of its samples sorted, whether it ever changed or not", () => {
    const width = new SampleCollector(central, 1).figureSegments.length;
    const value = fc.constantFrom(1, 2, 0, -0, Number.NaN, 5.5);
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (rows, holds) => {
          const samples = new SampleCollector(central, rows.length);
          const flat = Float64Array.from(rows.flat());
          rows.forEach((_, row) => samples.addRow(flat, row * width, holds[row]!));
          const summary = samples.summary({ seed: 1, ranges: [], rejected: 0 });
          expect(summary.n).toBe(rows.length);
          expect(summary.ladder_holds_probability).toBe(holds.slice(0, rows.length).filter(Boolean).length / rows.length);
          samples.figureSegments.forEach((segments, index) => {
            const column = rows.map((row) => row[index]!);
            for (const percent of [10, 50, 90] as const) {
              const expected = bySorting(column, percent);
              expect(valueAt(summary[`p${percent}`], segments)).toBe(Number.isNaN(expected) ? null : expected);
            }
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it("bins a figure that kept one value as a column of that value", () => {
    const samples = new SampleCollector(central, 3);
    const width = samples.figureSegments.length;
    const rows = new Float64Array(3 * width).fill(7);
    for (let row = 0; row < 3; row++) samples.addRow(rows, row * width, true);
    const histogram = samples.histogram("unit.cac_blended", 4);
    // three samples of 7: one bin at 7 holding all three
    expect(histogram.counts.reduce((sum, count) => sum + count, 0)).toBe(3);
    expect(histogram.edges[0]).toBe(7);
  });

  it("refuses a sample beyond its capacity", () => {
    const samples = new SampleCollector(central, 1);
    const row = new Float64Array(samples.figureSegments.length);
    samples.addRow(row, 0, false);
    expect(() => samples.addRow(row, 0, false)).toThrow(/more than 1 samples/);
  });
});
