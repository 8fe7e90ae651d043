import { describe, expect, it } from "vitest";
import { buildCalendar, dailyActiveUsers, installsByDay } from "../../src/model/calendar.js";
import { evaluate } from "../../src/model/index.js";
import type { Acquisition } from "../../src/model/index.js";
import { handInput } from "../helpers/model-input.js";

function acquisition(overrides: Partial<Acquisition> = {}): Acquisition {
  return {
    buying: { kind: "budget", dailyBudget: 100 },
    channels: [{ name: "only", share: 1, cost: { kind: "cpa", cpa: 10 } }],
    durationDays: 2,
    annualCostChange: 0,
    organicInstallsPerDay: 5,
    organicRatio: 0.5,
    ...overrides,
  };
}

describe("dailyActiveUsers: DAU(t) = Σ_{d<=t} installs(d) R(t - d)", () => {
  it("convolves cohorts with retention over a 3-day horizon", () => {
    // installs 10, 20, 30; R = 1, 0.5, 0.2
    // DAU(0) = 10
    // DAU(1) = 10 * 0.5 + 20 = 25
    // DAU(2) = 10 * 0.2 + 20 * 0.5 + 30 = 2 + 10 + 30 = 42
    expect(dailyActiveUsers([10, 20, 30], [1, 0.5, 0.2])).toEqual([10, 25, 42]);
  });

  it("a single cohort on day 0 traces the retention curve", () => {
    expect(dailyActiveUsers([100, 0, 0, 0], [1, 0.5, 0.25, 0.125])).toEqual([100, 50, 25, 12.5]);
  });

  it("is all zeros without installs", () => {
    expect(dailyActiveUsers([0, 0, 0], [1, 0.5, 0.2])).toEqual([0, 0, 0]);
  });
});

describe("installsByDay", () => {
  it("buys while t < duration_days and adds organic installs every day", () => {
    // paid = 100 / 10 = 10 on days 0 and 1, 0 on day 2
    // organic = 5 + 0.5 * paid = 10, 10, 5
    const days = installsByDay(acquisition(), 3);
    expect(days.paidInstalls).toEqual([10, 10, 0]);
    expect(days.organicInstalls).toEqual([10, 10, 5]);
    expect(days.installs).toEqual([20, 20, 5]);
    expect(days.spend).toEqual([100, 100, 0]);
  });

  it("drifts the CPA: installs mode pays (1 + c) times more after a year", () => {
    // 10 installs a day at CPA 10 rising 21 % a year: spend(0) = 100, spend(365) = 121
    const days = installsByDay(
      acquisition({ buying: { kind: "installs", dailyInstalls: 10 }, durationDays: 366, annualCostChange: 0.21, organicRatio: 0 }),
      366,
    );
    expect(days.spend[0]).toBe(100);
    expect(days.spend[365]).toBeCloseTo(121, 9);
    expect(days.paidInstalls[365]).toBe(10);
  });

  it("drifts the CPA: budget mode buys 1 / (1 + c) as many installs after a year", () => {
    // 100 a day at CPA 10, CPA rising 25 % a year: 10 installs on day 0, 100 / 12.5 = 8 on day 365
    const days = installsByDay(acquisition({ durationDays: 366, annualCostChange: 0.25, organicRatio: 0 }), 366);
    expect(days.paidInstalls[0]).toBe(10);
    expect(days.paidInstalls[365]).toBeCloseTo(8, 9);
    expect(days.spend[365]).toBe(100);
  });

  it("is organic only without a buying mode", () => {
    const days = installsByDay(acquisition({ buying: null, channels: [] }), 2);
    expect(days.paidInstalls).toEqual([0, 0]);
    expect(days.installs).toEqual([5, 5]);
    expect(days.spend).toEqual([0, 0]);
  });
});

describe("buildCalendar", () => {
  /** The three days above (installs 20, 20, 5; R = 1, 0.5, 0.5), serve 1 a day, no training or revenue, but for `changes`. */
  const calendarOf = (changes: Partial<Parameters<typeof buildCalendar>[0]>) =>
    buildCalendar({
      acquisition: acquisition(),
      horizonDays: 3,
      retention: [1, 0.5, 0.5],
      serve: [1, 1, 1],
      trainingPerDay: 0,
      revenue: null,
      ...changes,
    }).calendar;

  it("prices each day's DAU at that day's serve(t), and spreads training evenly", () => {
    // installs 20, 20, 5 (above); R = 1, 0.5, 0.5
    // DAU = 20, 20 * 0.5 + 20 = 30, 20 * 0.5 + 20 * 0.5 + 5 = 25
    // inference = DAU * serve = 20 * 1, 30 * 2, 25 * 4 = 20, 60, 100
    const calendar = calendarOf({ serve: [1, 2, 4], trainingPerDay: 7, revenue: { kind: "arpdau", arpdau: 0.5 } });
    expect(calendar.dau).toEqual([20, 30, 25]);
    expect(calendar.inference).toEqual([20, 60, 100]);
    expect(calendar.acquisition).toEqual([100, 100, 0]);
    expect(calendar.training).toEqual([7, 7, 7]);
    // revenue = DAU * 0.5
    expect(calendar.revenue).toEqual([10, 15, 12.5]);
  });

  it("has no revenue series without revenue", () => {
    const calendar = calendarOf({});
    expect(calendar.revenue).toBeNull();
  });

  it("nets the store fee out of revenue", () => {
    // DAU 20, 30, 25 (above) * 0.5 a day * (1 - 0.3) = 7, 10.5, 8.75
    const calendar = calendarOf({ revenue: { kind: "arpdau", arpdau: 0.5, storeFee: 0.3 } });
    expect(calendar.revenue![0]).toBeCloseTo(7, 12);
    expect(calendar.revenue![1]).toBeCloseTo(10.5, 12);
    expect(calendar.revenue![2]).toBeCloseTo(8.75, 12);
  });

  it("subscription revenue follows installs, not DAU", () => {
    // installs 20, 20, 5; conversion 0.1, 30 a month (1 a day per subscriber), churn 0.5 a month,
    // so a subscriber stays with 0.5^(a/30) at age a; q = 0.5^(1/30).
    //   day 0: 20 * 0.1 = 2
    //   day 1: 2 q + 2
    //   day 2: 2 q^2 + 2 q + 0.5
    const q = 0.5 ** (1 / 30);
    const calendar = calendarOf({
      retention: [1, 0.01, 0.01],
      revenue: { kind: "subscription", conversion: 0.1, priceMonthly: 30, monthlyChurn: 0.5 },
    });
    expect(calendar.revenue![0]).toBeCloseTo(2, 12);
    expect(calendar.revenue![1]).toBeCloseTo(2 * q + 2, 12);
    expect(calendar.revenue![2]).toBeCloseTo(2 * q * q + 2 * q + 0.5, 12);
  });
});

describe("a schedule of three entries (budget, installs, stop) over 6 days", () => {
  it("computes each day in its own entry's mode, saturation included", () => {
    // One channel, cpa 10, S = 1000, e = 0.5, no organic installs.
    //   days 0-1: budget 3000: 3000 / (10 * (1 + 3)^0.5) = 150 installs a day
    //   days 2-3: 266.66... installs a day: the spend with s / (10 (1 + s/1000)^0.5) = 800/3 is
    //             s = 8000 (8000 / (10 * 3) = 266.66...)
    //   days 4-5: budget 0: nothing
    const days = installsByDay(
      acquisition({
        channels: [{ name: "feed", share: 1, cost: { kind: "cpa", cpa: 10 }, saturation: { referenceDailySpend: 1000, elasticity: 0.5 } }],
        schedule: [
          { fromDay: 0, buying: { kind: "budget", dailyBudget: 3000 } },
          { fromDay: 2, buying: { kind: "installs", dailyInstalls: 800 / 3 } },
          { fromDay: 4, buying: { kind: "budget", dailyBudget: 0 } },
        ],
        organicInstallsPerDay: 0,
        organicRatio: 0,
      }),
      6,
    );
    const expected = { paid: [150, 150, 800 / 3, 800 / 3, 0, 0], spend: [3000, 3000, 8000, 8000, 0, 0] };
    days.paidInstalls.forEach((paid, day) => expect(paid).toBeCloseTo(expected.paid[day]!, 9));
    days.spend.forEach((spend, day) => expect(spend).toBeCloseTo(expected.spend[day]!, 7));
    // The channel's own totals: 2 * 3000 + 2 * 8000 = 22,000 spent, 300 + 533.33... installs
    expect(days.channels[0]!.spend).toBeCloseTo(22_000, 6);
    expect(days.channels[0]!.installs).toBeCloseTo(300 + 1600 / 3, 8);
  });
});

describe("training attribution in the calendar", () => {
  it("attributes T_H = T * min(1, H / useful_life_days) to the horizon, T_H / H a day", () => {
    // T = 300, H = 3, useful life 6: T_H = 300 * 3/6 = 150, 50 a day
    const { calendar, result } = evaluate(handInput());
    expect(calendar.training).toEqual([50, 50, 50]);
    expect(result.totals.training).toBe(150);
  });

  it("attributes all of T when the useful life is shorter than the horizon", () => {
    // T = 300, H = 3, useful life 2: min(1, 3/2) = 1, T_H = 300, 100 a day
    const input = handInput();
    input.training.usefulLifeDays = 2;
    const { calendar, result } = evaluate(input);
    expect(calendar.training).toEqual([100, 100, 100]);
    expect(result.totals.training).toBe(300);
  });
});
