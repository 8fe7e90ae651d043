import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate, timeline } from "../../src/model/index.js";
import type { Calendar } from "../../src/model/index.js";
import { modelInputArb } from "../helpers/model-input.js";

/** 65 days: acquisition 1 a day, inference t on day t, training 2 a day, DAU t, revenue 3 a day. */
function calendar65(withRevenue = true): Calendar {
  const days = Array.from({ length: 65 }, (_, t) => t);
  return {
    paidInstalls: days.map(() => 4),
    organicInstalls: days.map(() => 1),
    installs: days.map(() => 5),
    dau: days,
    acquisition: days.map(() => 1),
    inference: days,
    training: days.map(() => 2),
    revenue: withRevenue ? days.map(() => 3) : null,
  };
}

describe("timeline by month", () => {
  const rows = timeline(calendar65(), "month");

  it("cuts 65 days into 30 + 30 + 5, the last month partial", () => {
    expect(rows.map((row) => [row.period, row.start_day, row.end_day])).toEqual([
      [0, 0, 29],
      [1, 30, 59],
      [2, 60, 64],
    ]);
  });

  it("sums each month", () => {
    // inference: Σ 0..29 = 435; Σ 30..59 = 30 * (30 + 59) / 2 = 1335; 60 + 61 + 62 + 63 + 64 = 310
    expect(rows.map((row) => row.inference)).toEqual([435, 1335, 310]);
    expect(rows.map((row) => row.acquisition)).toEqual([30, 30, 5]);
    expect(rows.map((row) => row.training)).toEqual([60, 60, 10]);
    expect(rows.map((row) => row.revenue)).toEqual([90, 90, 15]);
    expect(rows.map((row) => row.installs)).toEqual([150, 150, 25]);
    expect(rows.map((row) => row.paid_installs)).toEqual([120, 120, 20]);
    expect(rows.map((row) => row.organic_installs)).toEqual([30, 30, 5]);
  });

  it("averages DAU over the days of the period, the partial month included", () => {
    // 435 / 30 = 14.5; 1335 / 30 = 44.5; 310 / 5 = 62
    expect(rows.map((row) => row.dau)).toEqual([14.5, 44.5, 62]);
  });

  it("carries running totals that end at the calendar's totals", () => {
    // cumulative inference 435, 1770, 2080 (= Σ 0..64 = 64 * 65 / 2)
    expect(rows.map((row) => row.cumulative_inference)).toEqual([435, 1770, 2080]);
    expect(rows.map((row) => row.cumulative_acquisition)).toEqual([30, 60, 65]);
    expect(rows.map((row) => row.cumulative_training)).toEqual([60, 120, 130]);
    expect(rows.map((row) => row.cumulative_revenue)).toEqual([90, 180, 195]);
    // 65 + 2080 + 130 = 2275
    expect(rows.at(-1)!.cumulative_total).toBe(2275);
  });

  it("keeps revenue null without a revenue series", () => {
    const plain = timeline(calendar65(false), "month");
    expect(plain.map((row) => row.revenue)).toEqual([null, null, null]);
    expect(plain.map((row) => row.cumulative_revenue)).toEqual([null, null, null]);
  });

  it("has one full month for exactly 30 days", () => {
    const short: Calendar = { ...calendar65(), dau: Array.from({ length: 30 }, () => 1) };
    const months = timeline(short, "month");
    expect(months).toHaveLength(1);
    expect(months[0]!.end_day).toBe(29);
  });
});

describe("timeline by day", () => {
  it("has one row per day with that day's figures", () => {
    const rows = timeline(calendar65(), "day");
    expect(rows).toHaveLength(65);
    expect(rows[10]).toMatchObject({ period: 10, start_day: 10, end_day: 10, inference: 10, dau: 10, acquisition: 1 });
    // running inference on day 10: Σ 0..10 = 55
    expect(rows[10]!.cumulative_inference).toBe(55);
  });
});

describe("timeline properties", () => {
  it("month rows sum to the evaluation's totals", () => {
    fc.assert(
      fc.property(modelInputArb, (input) => {
        const { result, calendar } = evaluate(input);
        const rows = timeline(calendar, "month");
        expect(rows).toHaveLength(Math.ceil(input.horizonDays / 30));
        expect(rows.at(-1)!.end_day).toBe(input.horizonDays - 1);
        const add = (key: "acquisition" | "inference" | "training" | "installs") => rows.reduce((s, row) => s + row[key], 0);
        expect(add("acquisition")).toBeNear(result.totals.acquisition);
        expect(add("inference")).toBeNear(result.totals.inference);
        expect(add("training")).toBeNear(result.totals.training);
        expect(add("installs")).toBeNear(result.totals.installs);
        expect(rows.at(-1)!.cumulative_total).toBeNear(result.totals.total);
        if (result.totals.revenue !== null) expect(rows.at(-1)!.cumulative_revenue!).toBeNear(result.totals.revenue);
        // DAU averaged per month, weighted by the month's days, is the horizon's average DAU
        const dauDays = rows.reduce((s, row) => s + row.dau * (row.end_day - row.start_day + 1), 0);
        expect(dauDays / input.horizonDays).toBeNear(result.totals.avg_dau);
      }),
      { numRuns: 150 },
    );
  });
});
