import { describe, expect, it } from "vitest";
import {
  invalidSide,
  LONE_SHARE_REASON,
  moveAssignments,
  movedValue,
  parseDelta,
  rankRows,
  sensitivityInputs,
  sensitivityRow,
  validSide,
  ZERO_REASON,
} from "../../src/whatif/sensitivity.js";

const HOLDS = { holds: true, order: ["inference", "training", "acquisition"] };
const integerAt = (paths: string[]) => (path: readonly (string | number)[]) => ({ integer: paths.includes(path.join(".")) });

describe("parseDelta", () => {
  it("takes a fraction in (0, 1) or a percentage", () => {
    expect(parseDelta("0.2")).toBe(0.2);
    expect(parseDelta("20%")).toBe(0.2);
    expect(parseDelta(" 5 % ")).toBe(0.05);
    expect(parseDelta(".5")).toBe(0.5);
    expect(parseDelta("0.999")).toBe(0.999);
  });

  it("refuses 0, 1 and beyond, negatives and words", () => {
    for (const text of ["0", "1", "1.5", "20", "100%", "-0.2", "abc", "", "0.2.1", "%"]) expect(parseDelta(text), text).toBeUndefined();
  });
});

describe("movedValue", () => {
  it("multiplies, and rounds whole-number fields", () => {
    expect(movedValue(0.5, 1.2, false)).toBeCloseTo(0.6, 15);
    expect(movedValue(3, 0.8, true)).toBe(2); // 2.4
    expect(movedValue(3, 1.2, true)).toBe(4); // 3.6
    expect(movedValue(1, 1.2, true)).toBe(1); // 1.2: a whole-number input of 1 does not move by 20 %
  });
});

describe("sensitivityInputs", () => {
  const data = {
    name: "t",
    horizon_days: 30,
    acquisition: { daily_budget: 1000, organic_ratio: 0, channels: [{ name: "ads", cpa: 10 }] },
    retention: { d1: 0.5, d7: 0.2 },
    usage: { sessions_per_dau: 1.5, turns_per_session: 3 },
    expect: { max: { "unit.cac_blended": 20 } },
  };

  it("takes every number but the expect block's bounds, skipping zeros; whole-number fields flagged", () => {
    const { inputs, skipped } = sensitivityInputs(data, integerAt(["horizon_days", "usage.turns_per_session"]));
    expect(inputs.map((input) => [input.name, input.value, input.integer])).toEqual([
      ["horizon_days", 30, true],
      ["acquisition.daily_budget", 1000, false],
      ["acquisition.channels.ads.cpa", 10, false],
      ["retention.d1", 0.5, false],
      ["retention.d7", 0.2, false],
      ["usage.sessions_per_dau", 1.5, false],
      ["usage.turns_per_session", 3, true],
    ]);
    expect(inputs[2]!.path).toEqual(["acquisition", "channels", 0, "cpa"]);
    expect(skipped).toEqual([{ name: "acquisition.organic_ratio", value: 0, reason: ZERO_REASON }]);
  });

  it("skips a lone channel's share, which is always 1", () => {
    const lone = { acquisition: { channels: [{ name: "ads", share: 1, cpa: 10 }] } };
    const { inputs, skipped } = sensitivityInputs(lone, integerAt([]));
    expect(inputs.map((input) => input.name)).toEqual(["acquisition.channels.ads.cpa"]);
    expect(skipped).toEqual([{ name: "acquisition.channels.ads.share", value: 1, reason: LONE_SHARE_REASON }]);
  });

  it("skips the values of a turn-shares histogram, which sum to 1 and cannot move alone, but moves a geometric mean", () => {
    const histogram = { usage: { sessions_per_dau: 2, turns_distribution: { shares: { 1: 0.6, 4: 0.4 } } } };
    const { inputs, skipped } = sensitivityInputs(histogram, integerAt([]));
    expect(inputs.map((input) => input.name)).toEqual(["usage.sessions_per_dau"]);
    expect(skipped.map((input) => [input.name, input.value])).toEqual([
      ["usage.turns_distribution.shares.1", 0.6],
      ["usage.turns_distribution.shares.4", 0.4],
    ]);
    const geometric = { usage: { sessions_per_dau: 2, turns_distribution: { geometric: { mean: 2.5 } } } };
    expect(sensitivityInputs(geometric, integerAt([])).inputs.map((input) => input.name)).toEqual([
      "usage.sessions_per_dau",
      "usage.turns_distribution.geometric.mean",
    ]);
  });

  it("names list items by index where the name is not unique, has a dot, or looks like an index", () => {
    const odd = {
      training: {
        runs: [
          { name: "a.b", cost: 1 },
          { name: "x", cost: 2 },
          { name: "x", cost: 3 },
          { name: "7", cost: 4 },
          { name: "ok", cost: 5 },
        ],
      },
    };
    expect(sensitivityInputs(odd, integerAt([])).inputs.map((input) => input.name)).toEqual([
      "training.runs.0.cost",
      "training.runs.1.cost",
      "training.runs.2.cost",
      "training.runs.3.cost",
      "training.runs.ok.cost",
    ]);
  });
});

describe("moveAssignments", () => {
  const data = { acquisition: { channels: [{ share: 0.5 }, { share: 0.3 }, { share: 0.2 }] } };
  const share = (index: number, value: number) => ({
    name: `s${index}`,
    path: ["acquisition", "channels", index, "share"],
    value,
    integer: false,
  });

  it("moves a share and scales the others to keep the sum at 1", () => {
    // 0.5 -> 0.6; the others share 0.4 instead of 0.5: x0.8, so 0.24 and 0.16
    const move = moveAssignments(data, share(0, 0.5), 1.2);
    expect(move.ok).toBe(true);
    const values = move.ok ? move.assignments.map((assignment) => assignment.value) : [];
    expect(values[0]).toBeCloseTo(0.6, 15);
    expect(values[1]).toBeCloseTo(0.24, 15);
    expect(values[2]).toBeCloseTo(0.16, 15);
    expect(values.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 15);
    // 0.2 -> 0.16; the others share 0.84 instead of 0.8: x1.05, so 0.525 and 0.315
    const down = moveAssignments(data, share(2, 0.2), 0.8);
    expect(down.ok && down.assignments.map((assignment) => assignment.value)).toEqual([
      expect.closeTo(0.525, 15),
      expect.closeTo(0.315, 15),
      expect.closeTo(0.16, 15),
    ]);
  });

  it("refuses a share that would leave nothing for the others", () => {
    const big = { acquisition: { channels: [{ share: 0.9 }, { share: 0.1 }] } };
    const move = moveAssignments(big, share(0, 0.9), 1.2);
    expect(move).toEqual({ ok: false, reason: "the share would be 1.08, leaving nothing for the other channels" });
  });

  it("moves a route's share of the sessions like a channel's, the other routes scaled", () => {
    // 0.7 -> 0.56; the other route gets 0.44 instead of 0.3
    const routes = { inference: { routes: [{ share: 0.7 }, { share: 0.3 }] } };
    const route = { name: "chat", path: ["inference", "routes", 0, "share"], value: 0.7, integer: false };
    const move = moveAssignments(routes, route, 0.8);
    expect(move.ok && move.assignments).toEqual([
      { path: ["inference", "routes", 0, "share"], value: expect.closeTo(0.56, 15) },
      { path: ["inference", "routes", 1, "share"], value: expect.closeTo(0.44, 15) },
    ]);
    // a share of 1 beside shares of 0 has no proportions to hand the rest out in
    const alone = { inference: { routes: [{ share: 1 }, { share: 0 }] } };
    expect(moveAssignments(alone, { ...route, value: 1 }, 0.8)).toEqual({
      ok: false,
      reason: "the other routes have share 0: there are no proportions to give them the rest in",
    });
  });

  it("moves any other input alone", () => {
    expect(moveAssignments({}, { name: "x", path: ["usage", "turns_per_session"], value: 3, integer: true }, 0.8)).toEqual({
      ok: true,
      assignments: [{ path: ["usage", "turns_per_session"], value: 2 }],
    });
  });
});

describe("rows and ranking", () => {
  const input = (name: string) => ({ name, path: [name], value: 1, integer: false });

  it("measures a side against the base: change, percent of |base|, null where either is null", () => {
    expect(validSide(2, 12, HOLDS, 10)).toEqual({
      value: 2,
      metric: 12,
      change: 2,
      change_pct: 20,
      ladder_holds: true,
      ladder_order: HOLDS.order,
      invalid: null,
    });
    // a loss that shrinks is a rise: -10 -> -5 is +50 %
    expect(validSide(2, -5, HOLDS, -10).change_pct).toBe(50);
    expect(validSide(2, 3, HOLDS, 0).change_pct).toBeNull();
    expect(validSide(2, null, HOLDS, 10)).toMatchObject({ metric: null, change: null, change_pct: null });
    expect(invalidSide(2, "why")).toEqual({
      value: 2,
      metric: null,
      change: null,
      change_pct: null,
      ladder_holds: null,
      ladder_order: null,
      invalid: "why",
    });
  });

  it("ranks by the larger |change|; a metric that becomes n/a first; no change at all last; ties in the data's order", () => {
    const base = 10;
    const rows = [
      sensitivityRow(input("a"), validSide(0.8, 9, HOLDS, base), validSide(1.2, 13, HOLDS, base)), // effect 3
      sensitivityRow(input("b"), validSide(0.8, 15, HOLDS, base), validSide(1.2, 8, HOLDS, base)), // effect 5
      sensitivityRow(input("c"), invalidSide(0.8, "no"), invalidSide(1.2, "no")), // nothing to measure
      sensitivityRow(input("d"), validSide(0.8, 10.5, HOLDS, base), validSide(1.2, null, HOLDS, base)), // n/a on one side
      sensitivityRow(input("e"), validSide(0.8, 5, HOLDS, base), invalidSide(1.2, "no")), // effect 5, after b
      sensitivityRow(input("f"), validSide(0.8, 10, HOLDS, base), validSide(1.2, 10, HOLDS, base)), // effect 0
    ];
    expect(rows.map((row) => row.effect)).toEqual([3, 5, null, 0.5, 5, 0]);
    expect(rankRows(rows, base).map((row) => row.input)).toEqual(["d", "b", "e", "a", "f", "c"]);
  });

  it("with a base that is n/a, ranks first the rows where a side reaches a number", () => {
    const rows = [
      sensitivityRow(input("a"), validSide(0.8, null, HOLDS, null), validSide(1.2, null, HOLDS, null)),
      sensitivityRow(input("b"), validSide(0.8, null, HOLDS, null), validSide(1.2, 40, HOLDS, null)),
    ];
    expect(rankRows(rows, null).map((row) => row.input)).toEqual(["b", "a"]);
  });
});
