import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blendedCpa, channelCpa, organicOnDay, paidOnDay } from "../../src/model/acquisition.js";
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
    expect(paidOnDay(acquisition(), 12.5, 1, 0)).toEqual({ spend: 1000, paidInstalls: 80 });
    expect(paidOnDay(acquisition(), 12.5, 2, 3)).toEqual({ spend: 1000, paidInstalls: 40 });
  });

  it("installs mode: installs are fixed, spend is installs * CPA(t)", () => {
    const byInstalls = acquisition({ buying: { kind: "installs", dailyInstalls: 80 } });
    // 80 * 12.5 = 1000; with drift 1.5: 80 * 18.75 = 1500
    expect(paidOnDay(byInstalls, 12.5, 1, 0)).toEqual({ spend: 1000, paidInstalls: 80 });
    expect(paidOnDay(byInstalls, 12.5, 1.5, 0)).toEqual({ spend: 1500, paidInstalls: 80 });
  });

  it("buys only on days t < duration_days", () => {
    const a = acquisition({ durationDays: 3 });
    expect(paidOnDay(a, 12.5, 1, 2)).toEqual({ spend: 1000, paidInstalls: 80 });
    expect(paidOnDay(a, 12.5, 1, 3)).toEqual({ spend: 0, paidInstalls: 0 });
    expect(paidOnDay(acquisition({ durationDays: 0 }), 12.5, 1, 0)).toEqual({ spend: 0, paidInstalls: 0 });
  });

  it("buys nothing without a buying mode or a CPA", () => {
    expect(paidOnDay(acquisition({ buying: null }), 12.5, 1, 0)).toEqual({ spend: 0, paidInstalls: 0 });
    expect(paidOnDay(acquisition(), null, 1, 0)).toEqual({ spend: 0, paidInstalls: 0 });
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
