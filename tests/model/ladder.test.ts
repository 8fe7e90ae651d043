import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { costLadder } from "../../src/model/ladder.js";

describe("costLadder", () => {
  it("holds when inference < training < acquisition", () => {
    expect(costLadder(1, 2, 3)).toEqual({
      inference: 1,
      training: 2,
      acquisition: 3,
      order: ["inference", "training", "acquisition"],
      not_available: [],
      holds: true,
    });
  });

  it("orders the rungs cheapest first when it does not hold", () => {
    // training 0.5 < acquisition 12 < inference 40
    expect(costLadder(40, 0.5, 12)).toMatchObject({ order: ["training", "acquisition", "inference"], holds: false });
    expect(costLadder(3, 2, 1)).toMatchObject({ order: ["acquisition", "training", "inference"], holds: false });
  });

  it("is strict: a tie breaks it, and ties keep the ladder's own order", () => {
    expect(costLadder(2, 2, 3)).toMatchObject({ order: ["inference", "training", "acquisition"], holds: false });
    expect(costLadder(1, 3, 3)).toMatchObject({ order: ["inference", "training", "acquisition"], holds: false });
  });

  it("does not hold with an unknown rung, which the order leaves out and not_available lists", () => {
    // no installs: training and acquisition per user are null
    expect(costLadder(1, null, null)).toMatchObject({ order: ["inference"], not_available: ["training", "acquisition"], holds: false });
    expect(costLadder(5, null, 2)).toMatchObject({ order: ["acquisition", "inference"], not_available: ["training"], holds: false });
  });

  it("orders the rungs as a stable sort by value would", () => {
    const value = fc.option(fc.constantFrom(0, -0, 1, 2, 1e6), { nil: null });
    fc.assert(
      fc.property(value, value, value, (i, t, a) => {
        const rungs = [
          ["inference", i],
          ["training", t],
          ["acquisition", a],
        ] as const;
        // Array.prototype.sort is stable (ES2019): equal values keep the ladder's order.
        const reference = rungs
          .filter(([, v]) => v !== null)
          .sort(([, x], [, y]) => x! - y!)
          .map(([rung]) => rung);
        expect(costLadder(i, t, a).order).toEqual(reference);
      }),
    );
  });

  it("holds exactly when the order is the ladder and the values rise strictly", () => {
    const value = fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: null });
    fc.assert(
      fc.property(value, value, value, (i, t, a) => {
        const ladder = costLadder(i, t, a);
        // Every rung is either ranked or listed as n/a, never both.
        expect([...ladder.order, ...ladder.not_available].sort()).toEqual(["acquisition", "inference", "training"]);
        expect(ladder.not_available.every((rung) => ladder[rung] === null)).toBe(true);
        const values = ladder.order.map((rung) => ladder[rung]!);
        for (let k = 1; k < values.length; k++) expect(values[k]!).toBeGreaterThanOrEqual(values[k - 1]!);
        const strict = i !== null && t !== null && a !== null && i < t && t < a;
        expect(ladder.holds).toBe(strict);
        if (ladder.holds) expect(ladder.order).toEqual(["inference", "training", "acquisition"]);
      }),
    );
  });
});
