import { describe, expect, it } from "vitest";
import { frame } from "../../../src/report/html/charts/axis.js";
import { barDomain, horizontalBars, labelRoom } from "../../../src/report/html/charts/bars.js";
import { heatmap, holdsOutline } from "../../../src/report/html/charts/heatmap.js";
import { histogram } from "../../../src/report/html/charts/histogram.js";
import { lineChart, yDomainOf } from "../../../src/report/html/charts/lines.js";
import { countTick, moneyTick, percentTick } from "../../../src/report/html/charts/tick-format.js";

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe("tick labels", () => {
  it("writes counts with SI suffixes and billions as B", () => {
    expect([countTick(0), countTick(2500), countTick(1_200_000), countTick(3e9), countTick(0.25)]).toEqual([
      "0",
      "2.5k",
      "1.2M",
      "3B",
      "0.25",
    ]);
  });

  it("writes money compact with the currency's symbol, and 0 bare", () => {
    expect([moneyTick("USD")(0), moneyTick("USD")(1_500_000), moneyTick("CNY")(20)]).toEqual(["0", "$1.5M", "¥20"]);
  });

  it("writes shares as whole percents, with a true minus sign (d3-format's)", () => {
    expect(percentTick(-0.5)).toBe("\u221250%");
  });
});

describe("horizontalBars", () => {
  it("draws one mark per bar and sizes a bar by its value on the shared axis", () => {
    // left 100 (labels), right 64 (notes): the plot runs from x = 100 to 440 - 64 = 376, 276 wide;
    // the domain [0, 10] is already nice, so a bar of 5 is 138 wide and starts at 100.
    const { body } = horizontalBars({
      rows: [
        { label: "a", bars: [{ value: 5, series: "inference", tooltip: "a" }] },
        { label: "b", bars: [{ value: 10, series: "training", tooltip: "b" }] },
      ],
      domain: [0, 10],
      tick: String,
      axisTitle: "x",
      labelWidth: 100,
    });
    expect(count(body.text, /class="mark bar/g)).toBe(2);
    expect(body.text).toContain('x="100" y="');
    expect(body.text).toMatch(/width="138" height="[\d.]+"><title>a<\/title>/);
    expect(body.text).toMatch(/width="276" height="[\d.]+"><title>b<\/title>/);
  });

  it("draws a negative bar leftwards from zero", () => {
    // Domain [-10, 10]: plot 100..376, zero at 238; a bar of -5 spans 169..238.
    const { body } = horizontalBars({
      rows: [{ label: "a", bars: [{ value: -5, series: "down", tooltip: "a" }] }],
      domain: [-10, 10],
      tick: String,
      axisTitle: "x",
      labelWidth: 100,
    });
    expect(body.text).toMatch(/x="169" y="[\d.]+" width="69"/);
  });

  it("takes a domain that holds every bar and zero", () => {
    expect(barDomain([3, 7])).toEqual([0, 7]);
    expect(barDomain([-2, 1])).toEqual([-2, 1]);
  });

  it("leaves room for the longest label, within bounds", () => {
    expect(labelRoom(["abcdefghij"])).toBe(Math.round(14 + 6.4 * 10));
    expect(labelRoom(["x".repeat(200)])).toBe(300);
  });
});

describe("lineChart", () => {
  it("puts a milestone where its day and value fall on the axes", () => {
    // Default frame: plot x from 62 to 440 - 18 = 422 (360 wide) over days 0..10, so day 5 is at 242;
    // y from 250 - 42 = 208 (value 0) up to 14 (value 10), so 5 is at 111.
    const { body } = lineChart({
      series: [
        {
          series: "inference",
          label: "i",
          points: [
            [0, 0],
            [10, 10],
          ],
        },
      ],
      xDomain: [0, 10],
      yDomain: [0, 10],
      xTick: String,
      yTick: String,
      xTitle: "days",
      markers: [{ x: 5, y: 5, label: "passes" }],
    });
    expect(body.text).toContain('cx="242" cy="111"');
    expect(count(body.text, /class="mark line/g)).toBe(1);
  });

  it("draws a dot per point only when asked", () => {
    const points = [
      [1, 1],
      [2, 4],
      [3, 9],
    ] as const;
    const dotted = lineChart({
      series: [{ series: "cac", label: "m", points, dots: true }],
      xDomain: [1, 3],
      yDomain: [0, 9],
      xTick: String,
      yTick: String,
      xTitle: "x",
    });
    const plain = lineChart({
      series: [{ series: "cac", label: "m", points }],
      xDomain: [1, 3],
      yDomain: [0, 9],
      xTick: String,
      yTick: String,
      xTitle: "x",
    });
    expect(count(dotted.body.text, /class="mark point/g)).toBe(3);
    expect(count(plain.body.text, /class="mark point/g)).toBe(0);
  });

  it("takes the y domain from 0 to the top of every series", () => {
    expect(yDomainOf([{ points: [[0, 3]] }, { points: [[1, 8]] }])).toEqual([0, 8]);
    expect(yDomainOf([{ points: [[0, 0]] }])).toEqual([0, 1]);
  });
});

describe("histogram", () => {
  it("draws a bar per bin and a rule per percentile", () => {
    const { body } = histogram({
      bins: { edges: [0, 1, 2, 3], counts: [5, 0, 2] },
      markers: [
        { value: 0.5, label: "P10" },
        { value: 2.5, label: "P90" },
      ],
      xTick: String,
      xTitle: "x",
      series: "cac",
    });
    expect(count(body.text, /class="mark bar/g)).toBe(3);
    expect(count(body.text, /class="percentile"/g)).toBe(2);
  });
});

describe("heatmap", () => {
  it("draws a cell per point", () => {
    const { body } = heatmap({
      columns: ["a", "b", "c"],
      rows: ["1", "2"],
      values: [1, 2, 3, 4, null, 6],
      holds: [true, true, false, false, false, false],
      cellLabel: String,
      columnTitle: "c",
      rowTitle: "r",
    });
    expect(count(body.text, /class="mark cell/g)).toBe(6);
    expect(count(body.text, /class="mark cell na"/g)).toBe(1);
  });

  it("outlines the cells where the ladder holds along their border with the others", () => {
    const unit = (row: number, column: number) => ({ x: column * 10, y: row * 10, w: 10, h: 10 });
    // One cell of a 2 x 2 grid: its four sides.
    expect(holdsOutline(2, 2, [true, false, false, false], unit)).toBe("M0,0h10M0,10h10M0,0v10M10,0v10");
    // The top row: across the top of both, along their bottom, and the two outer sides; not between them.
    expect(holdsOutline(2, 2, [true, true, false, false], unit)).toBe("M0,0h10M0,10h10M0,0v10M10,0h10M10,10h10M20,0v10");
    expect(holdsOutline(2, 2, [false, false, false, false], unit)).toBe("");
  });
});

describe("frame", () => {
  it("keeps the defaults it is not given", () => {
    expect(frame({ width: 600 })).toEqual({ width: 600, height: 250, top: 14, right: 18, bottom: 42, left: 62 });
  });
});
