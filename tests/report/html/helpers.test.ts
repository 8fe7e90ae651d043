import { describe, expect, it } from "vitest";
import { sampleRows } from "../../../src/report/html/run.js";
import { shortLabel, stretches } from "../../../src/report/html/sweep.js";

describe("sampleRows", () => {
  it("keeps a short timeline whole", () => {
    expect(sampleRows([1, 2, 3], 13)).toEqual([1, 2, 3]);
  });

  it("keeps every k-th row of a long one, and the last", () => {
    // 30 rows, at most 5: step ceil(30 / 4) = 8, so rows 0, 8, 16, 24, then the last (29).
    const rows = Array.from({ length: 30 }, (_, index) => index);
    expect(sampleRows(rows, 5)).toEqual([0, 8, 16, 24, 29]);
  });
});

describe("stretches", () => {
  it("gives each value the stretch half-way to its neighbours", () => {
    expect(stretches([1, 2, 4])).toEqual([
      { from: 1, to: 1.5 },
      { from: 1.5, to: 3 },
      { from: 3, to: 4 },
    ]);
  });
});

describe("shortLabel", () => {
  it("shortens a number after the label's prefix, and keeps anything else as written", () => {
    expect(shortLabel("$10000000", 10_000_000)).toBe("$10M");
    expect(shortLabel("0.25", 0.25)).toBe("0.25");
    expect(shortLabel("full", "full")).toBe("full");
  });
});
