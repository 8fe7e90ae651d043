import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  blendedCpa,
  buyingOnDay,
  channelAnnualCostChange,
  channelCpa,
  installsForChannelSpend,
  installsForSpend,
  marginalCpa,
  marginalInstallsPerMoney,
  organicOnDay,
  paidOnDay,
  saturationFactor,
  spendForInstalls,
} from "../../src/model/acquisition.js";
import type { Acquisition, Channel } from "../../src/model/index.js";
import { channelsArb } from "../helpers/model-input.js";

function acquisition(overrides: Partial<Acquisition> = {}): Acquisition {
  return {
    buying: { kind: "budget", dailyBudget: 1000 },
    channels: [{ name: "only", share: 1, cost: { kind: "cpa", cpa: 12.5 } }],
    durationDays: 10,
    annualCostChange: 0,
    organicInstallsPerDay: 0,
    organicRatio: 0,
    ...overrides,
  };
}

describe("channelCpa", () => {
  it("takes cpa as given", () => {
    expect(channelCpa({ kind: "cpa", cpa: 30 })).toBe(30);
  });

  it("turns cpm + ctr + cvr into cpm / 1000 / (ctr * cvr)", () => {
    // 12 per 1000 impressions, 1.2 % click, 10 % of clicks install: 12 / 1000 / 0.0012 = 10
    expect(channelCpa({ kind: "cpm", cpm: 12, ctr: 0.012, cvr: 0.1 })).toBeCloseTo(10, 12);
  });

  it("turns cpc + cvr into cpc / cvr", () => {
    // 0.5 a click, 10 % install: 5
    expect(channelCpa({ kind: "cpc", cpc: 0.5, cvr: 0.1 })).toBeCloseTo(5, 12);
  });
});

describe("blendedCpa: CPA0 = 1 / Σ (share_i / cpa_i)", () => {
  it("blends by spend (harmonic), not by the average of the CPAs", () => {
    // 0.3 of the money at 30, 0.7 at 10: 1 / (0.3/30 + 0.7/10) = 1 / (0.01 + 0.07) = 1 / 0.08 = 12.5
    // (the arithmetic mean would be 0.3 * 30 + 0.7 * 10 = 16)
    const channels: Channel[] = [
      { name: "bilibili", share: 0.3, cost: { kind: "cpa", cpa: 30 } },
      { name: "feed", share: 0.7, cost: { kind: "cpm", cpm: 12, ctr: 0.012, cvr: 0.1 } },
    ];
    expect(blendedCpa(channels)).toBeCloseTo(12.5, 12);
  });

  it("is a lone channel's own CPA", () => {
    expect(blendedCpa([{ name: "a", share: 1, cost: { kind: "cpc", cpc: 2, cvr: 0.25 } }])).toBeCloseTo(8, 12);
  });

  it("is null without channels", () => {
    expect(blendedCpa([])).toBeNull();
  });

  it("lies between the cheapest and the dearest channel, and below the spend-weighted mean", () => {
    fc.assert(
      fc.property(channelsArb, (channels) => {
        const cpas = channels.map((channel) => channelCpa(channel.cost));
        const blended = blendedCpa(channels)!;
        const mean = channels.reduce((total, channel, i) => total + channel.share * cpas[i]!, 0);
        const slack = 1 + 1e-9;
        expect(blended).toBeGreaterThanOrEqual(Math.min(...cpas) / slack);
        expect(blended).toBeLessThanOrEqual(Math.max(...cpas) * slack);
        expect(blended).toBeLessThanOrEqual(mean * slack);
      }),
    );
  });
});

describe("paidOnDay", () => {
  it("budget mode: spend is the budget, installs are spend / CPA(t)", () => {
    // 1000 / 12.5 = 80 installs; with CPA doubled by drift, 1000 / 25 = 40
    expect(paidOnDay(acquisition(), 0, [1])).toEqual({ spend: 1000, paidInstalls: 80 });
    expect(paidOnDay(acquisition(), 3, [2])).toEqual({ spend: 1000, paidInstalls: 40 });
  });

  it("installs mode: installs are fixed, spend is installs * CPA(t)", () => {
    const byInstalls = acquisition({ buying: { kind: "installs", dailyInstalls: 80 } });
    // 80 * 12.5 = 1000; with drift 1.5: 80 * 18.75 = 1500
    expect(paidOnDay(byInstalls, 0, [1])).toEqual({ spend: 1000, paidInstalls: 80 });
    const drifted = paidOnDay(byInstalls, 0, [1.5]);
    expect(drifted.spend).toBeCloseTo(1500, 9);
    expect(drifted.paidInstalls).toBe(80);
  });

  it("buys only on days t < duration_days", () => {
    const a = acquisition({ durationDays: 3 });
    expect(paidOnDay(a, 2, [1])).toEqual({ spend: 1000, paidInstalls: 80 });
    expect(paidOnDay(a, 3, [1])).toEqual({ spend: 0, paidInstalls: 0 });
    expect(paidOnDay(acquisition({ durationDays: 0 }), 0, [1])).toEqual({ spend: 0, paidInstalls: 0 });
  });

  it("buys nothing without a buying mode, or in installs mode without channels", () => {
    expect(paidOnDay(acquisition({ buying: null }), 0, [1])).toEqual({ spend: 0, paidInstalls: 0 });
    expect(paidOnDay(acquisition({ buying: { kind: "installs", dailyInstalls: 5 }, channels: [] }), 0, [])).toEqual({
      spend: 0,
      paidInstalls: 0,
    });
  });
});

describe("saturation: cpa_i(t, s) = cpa_i g^t (1 + s/S)^e", () => {
  const saturation = { referenceDailySpend: 1000, elasticity: 0.5 };

  it("saturationFactor is (1 + s/S)^e, and 1 without saturation or with e = 0", () => {
    // s = 3000, S = 1000, e = 0.5: (1 + 3)^0.5 = 2
    expect(saturationFactor(3000, saturation)).toBeCloseTo(2, 14);
    expect(saturationFactor(3000, null)).toBe(1);
    expect(saturationFactor(3000, { referenceDailySpend: 1000, elasticity: 0 })).toBe(1);
    expect(saturationFactor(0, saturation)).toBe(1);
  });

  it("budget mode over 2 days: installs = s / (cpa (1 + s/S)^e)", () => {
    // One channel, cpa 10, S = 1000, e = 0.5, budget 3000 on day 0 and 8000 on day 1 (a schedule):
    //   day 0: 3000 / (10 * (1 + 3)^0.5) = 3000 / 20 = 150
    //   day 1: 8000 / (10 * (1 + 8)^0.5) = 8000 / 30 = 266.666...
    const a = acquisition({
      channels: [{ name: "feed", share: 1, cost: { kind: "cpa", cpa: 10 }, saturation }],
      schedule: [
        { fromDay: 0, buying: { kind: "budget", dailyBudget: 3000 } },
        { fromDay: 1, buying: { kind: "budget", dailyBudget: 8000 } },
      ],
    });
    expect(paidOnDay(a, 0, [1]).paidInstalls).toBeCloseTo(150, 10);
    expect(paidOnDay(a, 1, [1]).paidInstalls).toBeCloseTo(8000 / 30, 10);
  });

  it("the marginal CPA is cpa(s) (1 + x) / (1 + (1 - e) x), x = s/S, and cpa at zero spend", () => {
    // cpa(3000) = 20 (above); x = 3: 20 * 4 / (1 + 0.5 * 3) = 80 / 2.5 = 32
    expect(marginalCpa(20, 3000, saturation)).toBeCloseTo(32, 12);
    expect(marginalCpa(10, 0, saturation)).toBe(10);
    expect(marginalCpa(10, 5000, null)).toBe(10);
    // It is 1 / (d installs / d spend): installs(s) = s / (10 (1 + s/1000)^0.5);
    // a central difference around s = 3000 gives the same 32.
    const h = 1e-3;
    const slope = (installsForChannelSpend(3000 + h, 0.1, saturation) - installsForChannelSpend(3000 - h, 0.1, saturation)) / (2 * h);
    expect(1 / slope).toBeCloseTo(32, 5);
    expect(1 / marginalInstallsPerMoney(3000, 0.1, saturation)).toBeCloseTo(32, 12);
  });

  it("installs mode solves for the spend to 1e-12 and round-trips budget mode", () => {
    // 150 installs on the channel above cost 3000 (3000 / 20 = 150)
    const byInstalls = acquisition({
      buying: { kind: "installs", dailyInstalls: 150 },
      channels: [{ name: "feed", share: 1, cost: { kind: "cpa", cpa: 10 }, saturation }],
    });
    const day = paidOnDay(byInstalls, 0, [1]);
    expect(Math.abs(day.spend - 3000) / 3000).toBeLessThan(1e-12);
    expect(day.paidInstalls).toBe(150);
  });

  it("installs mode round-trips budget mode for any saturating mix (property)", () => {
    const termArb = fc.record({
      share: fc.double({ min: 0.05, max: 1, noNaN: true }),
      installsPerMoney: fc.double({ min: 1e-3, max: 10, noNaN: true }),
      saturation: fc.option(
        fc.record({
          referenceDailySpend: fc.double({ min: 1, max: 1e6, noNaN: true }),
          elasticity: fc.double({ min: 0, max: 0.95, noNaN: true }),
        }),
        { nil: null },
      ),
    });
    fc.assert(
      fc.property(fc.array(termArb, { minLength: 1, maxLength: 4 }), fc.double({ min: 1, max: 1e8, noNaN: true }), (terms, spend) => {
        const installs = installsForSpend(terms, spend);
        const solved = spendForInstalls(terms, installs)!;
        expect(Math.abs(solved - spend) / spend).toBeLessThan(1e-11);
      }),
    );
  });

  it("per-channel drift on two channels, by hand", () => {
    // a: cpa 10 rising 21 %/yr; b: cpa 20 with the acquisition's 0 %; budget 1000, 50/50.
    // Day 365: a's CPA 10 * 1.21 = 12.1, b's 20.
    //   installs = 500 / 12.1 + 500 / 20 = 41.3223... + 25 = 66.3223...
    const a = acquisition({
      channels: [
        { name: "a", share: 0.5, cost: { kind: "cpa", cpa: 10 }, annualCostChange: 0.21 },
        { name: "b", share: 0.5, cost: { kind: "cpa", cpa: 20 } },
      ],
      durationDays: 400,
    });
    expect(channelAnnualCostChange(a.channels[0]!, a)).toBe(0.21);
    expect(channelAnnualCostChange(a.channels[1]!, a)).toBe(0);
    expect(paidOnDay(a, 365, [1.21, 1]).paidInstalls).toBeCloseTo(500 / 12.1 + 25, 10);
  });
});

describe("buyingOnDay: a schedule of budget, installs and stop entries", () => {
  it("holds each entry from its from_day until the next one's", () => {
    const a = acquisition({
      schedule: [
        { fromDay: 0, buying: { kind: "budget", dailyBudget: 100 } },
        { fromDay: 2, buying: { kind: "installs", dailyInstalls: 7 } },
        { fromDay: 4, buying: { kind: "budget", dailyBudget: 0 } },
      ],
    });
    expect([0, 1, 2, 3, 4, 5].map((day) => buyingOnDay(a, day))).toEqual([
      { kind: "budget", dailyBudget: 100 },
      { kind: "budget", dailyBudget: 100 },
      { kind: "installs", dailyInstalls: 7 },
      { kind: "installs", dailyInstalls: 7 },
      { kind: "budget", dailyBudget: 0 },
      { kind: "budget", dailyBudget: 0 },
    ]);
  });

  it("without a schedule, v1: the buying mode on days t < duration_days", () => {
    expect(buyingOnDay(acquisition({ durationDays: 2 }), 1)).toEqual({ kind: "budget", dailyBudget: 1000 });
    expect(buyingOnDay(acquisition({ durationDays: 2 }), 2)).toBeNull();
  });
});

describe("organicOnDay", () => {
  it("is organic_installs_per_day + organic_ratio * paid(t)", () => {
    // 2000 + 0.2 * 80 = 2016
    expect(organicOnDay(acquisition({ organicInstallsPerDay: 2000, organicRatio: 0.2 }), 80)).toBeCloseTo(2016, 12);
    // no paid installs: the base rate alone
    expect(organicOnDay(acquisition({ organicInstallsPerDay: 2000, organicRatio: 0.2 }), 0)).toBe(2000);
  });
});
