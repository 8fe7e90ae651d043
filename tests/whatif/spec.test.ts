import { describe, expect, it } from "vitest";
import { gridSize, MAX_POINTS, parseSpec } from "../../src/whatif/spec.js";
import { findFlips, indicesAt } from "../../src/whatif/sweep.js";

const values = (spec: string) => parseSpec(spec, "--vary x").values;

describe("parseSpec: a..b:step", () => {
  it("steps from a to b, both included when a step lands on b", () => {
    expect(values("0..1:0.25")).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(values("10..50:10")).toEqual([10, 20, 30, 40, 50]);
  });

  it("computes a + i * step, without the drift of a running sum", () => {
    // A running sum gives 0.1 + 0.1 + 0.1 = 0.30000000000000004 and would miss b = 0.3.
    expect(values("0.1..0.3:0.1")).toEqual([0.1, 0.2, 0.3]);
    expect(values("0..1:0.1")).toHaveLength(11);
    expect(values("0..1:0.1").at(-1)).toBe(1);
    expect(values("0..0.7:0.1")).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });

  it("stops before b when no step lands on it", () => {
    // 0, 0.3, 0.6, 0.9; 1.2 > 1
    expect(values("0..1:0.3")).toEqual([0, 0.3, 0.6, 0.9]);
  });

  it("goes down when b < a, and gives a alone when a = b", () => {
    expect(values("1..0:0.5")).toEqual([1, 0.5, 0]);
    expect(values("-0.9..-0.5:0.2")).toEqual([-0.9, -0.7, -0.5]);
    expect(values("5..5:1")).toEqual([5]);
  });

  it("keeps money strings, in the currency and the style they were written", () => {
    expect(parseSpec("$1..$3:$1", "--vary x")).toEqual({ values: ["$1", "$2", "$3"], labels: ["$1", "$2", "$3"] });
    expect(values("10 USD..30 USD:10")).toEqual(["10 USD", "20 USD", "30 USD"]);
    expect(values("¥10..¥20:5")).toEqual(["¥10", "¥15", "¥20"]);
    // A scale is applied: 1万 = 10,000
    expect(values("1万..2万:5000")).toEqual([10_000, 15_000, 20_000]);
  });

  it("rejects a range without step or count, a step <= 0 and two currencies", () => {
    expect(() => parseSpec("1..2", "--vary x")).toThrow('--vary x: "1..2" gives a range but not its points');
    expect(() => parseSpec("1..2:0", "--vary x")).toThrow('the step after ":" must be > 0');
    expect(() => parseSpec("1..2:-1", "--vary x")).toThrow('the step after ":" must be > 0');
    expect(() => parseSpec("$1..¥3:1", "--vary x")).toThrow("two currencies, USD and CNY");
    expect(() => parseSpec("a..b:1", "--vary x")).toThrow('"a" is not a number or money');
  });
});

describe("parseSpec: a..b/count", () => {
  it("spreads count values evenly, both ends included", () => {
    expect(values("0..1/5")).toEqual([0, 0.25, 0.5, 0.75, 1]);
    // (100 - 0) / 3 = 33.333...; the last is b itself
    expect(values("0..100/4")).toEqual([0, 33.3333333333, 66.6666666667, 100]);
    expect(values("7..9/1")).toEqual([7]);
  });

  it("rejects a count that is not a whole number >= 1", () => {
    for (const spec of ["0..1/0", "0..1/1.5", "0..1/x"])
      expect(() => parseSpec(spec, "--vary x")).toThrow('the count after "/" must be a whole number >= 1');
  });
});

describe("parseSpec: v1,v2,...", () => {
  it("reads each value as YAML: numbers, money strings, words, booleans", () => {
    expect(parseSpec("full, none, 4", "--vary x")).toEqual({ values: ["full", "none", 4], labels: ["full", "none", "4"] });
    expect(values("¥30,¥50")).toEqual(["¥30", "¥50"]);
    expect(values("true,false")).toEqual([true, false]);
    expect(values("12")).toEqual([12]);
  });

  it("rejects an empty value, and says why (thousands separators)", () => {
    expect(() => parseSpec("1,,2", "--vary x")).toThrow("an empty value in the list");
    expect(() => parseSpec("", "--vary x")).toThrow("no values");
  });
});

describe("the 10,000-point limit", () => {
  it("allows exactly 10,000 values on one axis and refuses 10,001 before making them", () => {
    expect(values("1..10000:1")).toHaveLength(MAX_POINTS);
    expect(() => parseSpec("0..10000:1", "--vary x")).toThrow("10,001 values; a sweep evaluates at most 10,000 points");
    expect(() => parseSpec("0..1/10001", "--vary x")).toThrow("10,001 values");
    expect(() => parseSpec("0..1e12:1", "--vary x")).toThrow("a sweep evaluates at most 10,000 points");
  });

  it("counts a grid's points as the product of its axes", () => {
    const axis = (count: number) => ({ values: new Array<number>(count).fill(0), labels: [] });
    expect(gridSize([axis(100), axis(100)], "--vary")).toBe(10_000);
    expect(() => gridSize([axis(101), axis(100)], "--vary")).toThrow("101 x 100 = 10,100 points; a sweep evaluates at most 10,000");
  });
});

describe("grid and flips", () => {
  it("places points row-major, the last axis fastest", () => {
    expect([0, 1, 2, 3, 4, 5].map((position) => indicesAt([2, 3], position))).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
    expect([0, 1, 2].map((position) => indicesAt([3], position))).toEqual([[0], [1], [2]]);
  });

  it("finds the neighbours whose verdicts differ, along each axis", () => {
    // One axis: F F T T F -> flips between 1|2 and 3|4.
    expect(findFlips([5], [false, false, true, true, false])).toEqual([
      { from: 1, to: 2, axis: 0 },
      { from: 3, to: 4, axis: 0 },
    ]);
    // 2 x 2: [F T; F F] -> (0,0)|(0,1) along the row, (0,1)|(1,1) down the column.
    expect(findFlips([2, 2], [false, true, false, false])).toEqual([
      { from: 0, to: 1, axis: 1 },
      { from: 1, to: 3, axis: 0 },
    ]);
    expect(findFlips([3, 3], new Array<boolean>(9).fill(true))).toEqual([]);
  });
});
