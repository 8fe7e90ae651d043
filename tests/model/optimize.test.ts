import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { marginalInstallsPerMoney } from "../../src/model/acquisition.js";
import {
  averageInstallsPerMoney,
  bestSplit,
  budgetForInstalls,
  budgetForMarginalCpa,
  spendAtMarginal,
  splitInstalls,
  type SplitChannel,
} from "../../src/model/optimize.js";

/*
 * Worked by hand, e = 0.5 so that m(s) = k (1 + x/2) / (1 + x)^1.5, x = s / S:
 *   A: k = 0.1 (CPA 10), S = 1000. At x = 3: m = 0.1 * 2.5 / 8 = 1/32, s = 3000,
 *      installs = 0.1 * 3000 / (1 + 3)^0.5 = 150.
 *   B: k = 27/160 = 0.16875 (CPA 5.93), S = 500. At x = 8: m = 0.16875 * 5 / 27 = 1/32,
 *      s = 4000, installs = 0.16875 * 4000 / 9^0.5 = 225.
 * So a budget of 7000 splits 3000 / 4000 at a marginal CPA of 32 and buys 375 a day.
 */
const A: SplitChannel = { installsPerMoney: 0.1, saturation: { referenceDailySpend: 1000, elasticity: 0.5 } };
const B: SplitChannel = { installsPerMoney: 27 / 160, saturation: { referenceDailySpend: 500, elasticity: 0.5 } };
const linear = (cpa: number): SplitChannel => ({ installsPerMoney: 1 / cpa, saturation: null });

function relative(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

describe("averageInstallsPerMoney: k = (1/cpa) (1/D) Σ_{t<D} g^(-t)", () => {
  it("is 1/cpa without drift, and averages the drifting rate", () => {
    expect(averageInstallsPerMoney(10, 0, 30)).toBeCloseTo(0.1, 15);
    // g = 2 a day (annual change 2^365 - 1), D = 2: (1/10) (1 + 1/2) / 2 = 0.075
    expect(averageInstallsPerMoney(10, 2 ** 365 - 1, 2)).toBeCloseTo(0.075, 12);
    // no paid days: day 0's rate
    expect(averageInstallsPerMoney(10, 0.5, 0)).toBeCloseTo(0.1, 15);
  });
});

describe("spendAtMarginal: m(s) = λ", () => {
  it("finds s = 3000 for A at λ = 1/32, and 0 once λ >= k", () => {
    expect(relative(spendAtMarginal(A, 1 / 32), 3000)).toBeLessThan(1e-12);
    expect(spendAtMarginal(A, 0.1)).toBe(0);
    expect(spendAtMarginal(A, 0.2)).toBe(0);
  });
});

describe("bestSplit", () => {
  it("two saturating channels: equal marginal CPA, 3000 / 4000 of 7000, 375 installs", () => {
    const split = bestSplit([A, B], 7000);
    expect(relative(split.spends![0]!, 3000)).toBeLessThan(1e-11);
    expect(relative(split.spends![1]!, 4000)).toBeLessThan(1e-11);
    expect(split.installsPerDay!).toBeCloseTo(375, 8);
    expect(split.marginalCpa!).toBeCloseTo(32, 8);
    expect(split.unbounded).toBe(false);
  });

  it("a channel whose first install costs more than the others' marginal CPA gets nothing", () => {
    // C's first install costs 1 / 0.03 = 33.3 > 32: the split of A and B is unchanged
    const C: SplitChannel = { installsPerMoney: 0.03, saturation: { referenceDailySpend: 1000, elasticity: 0.5 } };
    const split = bestSplit([A, C, B], 7000);
    expect(split.spends![1]).toBe(0);
    expect(relative(split.spends![0]!, 3000)).toBeLessThan(1e-11);
    expect(relative(split.spends![2]!, 4000)).toBeLessThan(1e-11);
  });

  it("one saturating plus one linear channel: the linear one takes the residual", () => {
    // The linear channel at CPA 32 fixes λ = 1/32: A takes 3000 (150 installs), the linear
    // one the rest, 10,000 - 3000 = 7000, buying 7000 / 32 = 218.75: 368.75 in all.
    const split = bestSplit([A, linear(32)], 10_000);
    expect(relative(split.spends![0]!, 3000)).toBeLessThan(1e-11);
    expect(split.spends![1]!).toBeCloseTo(7000, 7);
    expect(split.installsPerDay!).toBeCloseTo(368.75, 8);
    expect(split.marginalCpa!).toBeCloseTo(32, 12);
  });

  it("a budget below what the saturating channel takes at the linear CPA leaves the linear one nothing", () => {
    // 2000 < 3000: all to A, whose marginal CPA at 2000 (x = 2) is 10 * 3^1.5 / 2 = 25.98 < 32
    const split = bestSplit([A, linear(32)], 2000);
    expect(split.spends![0]!).toBeCloseTo(2000, 8);
    expect(split.spends![1]!).toBe(0);
    expect(split.marginalCpa!).toBeCloseTo((10 * 3 ** 1.5) / 2, 8);
  });

  it("no channel saturates: a corner, all to the cheapest (ties: first in file order)", () => {
    const split = bestSplit([linear(20), linear(10), linear(10)], 500);
    expect(split.spends).toEqual([0, 500, 0]);
    expect(split.installsPerDay).toBe(50);
    expect(split.marginalCpa).toBe(10);
  });

  it("funded channels share one marginal CPA; unfunded ones start at or above it (property)", () => {
    fc.assert(
      fc.property(channelsArb, fc.double({ min: 1, max: 1e7, noNaN: true }), (channels, budget) => {
        const split = bestSplit(channels, budget);
        const spends = split.spends!;
        expect(
          relative(
            spends.reduce((a, b) => a + b, 0),
            budget,
          ),
        ).toBeLessThan(1e-9);
        const lambda = 1 / split.marginalCpa!;
        channels.forEach((channel, i) => {
          if (spends[i]! > budget * 1e-9) {
            expect(relative(marginalInstallsPerMoney(spends[i]!, channel.installsPerMoney, channel.saturation), lambda)).toBeLessThan(1e-6);
          } else {
            expect(channel.installsPerMoney).toBeLessThanOrEqual(lambda * (1 + 1e-6));
          }
        });
      }),
    );
  });

  it("a brute-force grid over splits never beats the reported best (property)", () => {
    fc.assert(
      fc.property(channelsArb, fc.double({ min: 1, max: 1e6, noNaN: true }), (channels, budget) => {
        const best = bestSplit(channels, budget).installsPerDay!;
        for (const shares of grid(channels.length, 20)) {
          const installs = splitInstalls(
            channels,
            shares.map((share) => share * budget),
          );
          expect(installs).toBeLessThanOrEqual(best * (1 + 1e-9));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("budgetForInstalls: the least budget whose best split buys the installs", () => {
  it("375 a day from A and B costs 7000; 368.75 from A and a linear channel at 32 costs 10,000", () => {
    expect(relative(budgetForInstalls([A, B], 375).dailyBudget!, 7000)).toBeLessThan(1e-9);
    expect(relative(budgetForInstalls([A, linear(32)], 368.75).dailyBudget!, 10_000)).toBeLessThan(1e-9);
  });

  it("is the inverse of bestSplit (property)", () => {
    fc.assert(
      fc.property(channelsArb, fc.double({ min: 1, max: 1e7, noNaN: true }), (channels, budget) => {
        const installs = bestSplit(channels, budget).installsPerDay!;
        expect(relative(budgetForInstalls(channels, installs).dailyBudget!, budget)).toBeLessThan(1e-8);
      }),
    );
  });
});

describe("budgetForMarginalCpa: B* = Σ s_i(λ = 1/X)", () => {
  it("a target of 32 with A and B is 7000", () => {
    const split = budgetForMarginalCpa([A, B], 32);
    expect(relative(split.dailyBudget!, 7000)).toBeLessThan(1e-11);
    expect(split.installsPerDay!).toBeCloseTo(375, 8);
    expect(split.marginalCpa).toBe(32);
  });

  it("a linear channel at or above the target gets nothing: A alone, 3000", () => {
    expect(relative(budgetForMarginalCpa([A, linear(32)], 32).dailyBudget!, 3000)).toBeLessThan(1e-11);
    expect(budgetForMarginalCpa([A, linear(40)], 32).spends![1]).toBe(0);
  });

  it("is unbounded when a linear channel's CPA is below the target", () => {
    // CPA 20 < 32: every extra 20 buys an install worth 32; no budget stops that
    expect(budgetForMarginalCpa([A, linear(20)], 32)).toEqual({
      dailyBudget: null,
      spends: null,
      installsPerDay: null,
      marginalCpa: 32,
      unbounded: true,
    });
  });

  it("is 0 when no channel's first install is worth the target", () => {
    // A's first install costs 10 > 5
    const split = budgetForMarginalCpa([A, linear(8)], 5);
    expect(split.dailyBudget).toBe(0);
    expect(split.installsPerDay).toBe(0);
    expect(split.unbounded).toBe(false);
  });
});

/** 1 to 3 channels, each saturating (elasticity up to 0.9) or linear. */
const channelsArb: fc.Arbitrary<SplitChannel[]> = fc.array(
  fc.record({
    installsPerMoney: fc.double({ min: 0.001, max: 1, noNaN: true }),
    saturation: fc.option(
      fc.record({
        referenceDailySpend: fc.double({ min: 10, max: 1e6, noNaN: true }),
        elasticity: fc.double({ min: 0.05, max: 0.9, noNaN: true }),
      }),
      { nil: null },
    ),
  }),
  { minLength: 1, maxLength: 3 },
);

/** Every split of 1 into `channels` shares on a grid of 1 / steps. */
function grid(channels: number, steps: number): number[][] {
  return compositions(channels, steps).map((parts) => parts.map((part) => part / steps));
}

/** Every way to write `total` as `parts` whole numbers >= 0. */
function compositions(parts: number, total: number): number[][] {
  if (parts === 1) return [[total]];
  const out: number[][] = [];
  for (let first = 0; first <= total; first++) {
    for (const rest of compositions(parts - 1, total - first)) out.push([first, ...rest]);
  }
  return out;
}
