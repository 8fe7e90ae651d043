import { describe, expect, it } from "vitest";
import { arpdau, netShare, revenuePerUserByAge, subscriptionPerInstall } from "../../src/model/revenue.js";

describe("arpdau", () => {
  it("is arpdau as given", () => {
    expect(arpdau({ kind: "arpdau", arpdau: 0.05 })).toBe(0.05);
  });

  it("is paying_share * arppu_monthly / 30 in the paying form", () => {
    // 2 % paying 20 a month: 0.02 * 20 / 30 = 0.4 / 30 = 0.013333...
    expect(arpdau({ kind: "paying", payingShare: 0.02, arppuMonthly: 20 })).toBeCloseTo(0.4 / 30, 15);
    // 10 % paying 30 a month: 0.1 a day
    expect(arpdau({ kind: "paying", payingShare: 0.1, arppuMonthly: 30 })).toBeCloseTo(0.1, 15);
  });
});

describe("subscriptions and the store fee (model-v2.md 8)", () => {
  const subscription = { kind: "subscription" as const, conversion: 0.05, priceMonthly: 60, monthlyChurn: 0.2 };

  it("a subscriber pays price_monthly / 30 a day and stays with (1 - churn)^(a/30)", () => {
    // 0.05 * 60 / 30 = 0.1 a day per install at age 0; at age 30: 0.1 * 0.8 = 0.08; age 60: 0.064
    expect(subscriptionPerInstall(subscription, 0)).toBeCloseTo(0.1, 15);
    expect(subscriptionPerInstall(subscription, 30)).toBeCloseTo(0.08, 15);
    expect(subscriptionPerInstall(subscription, 60)).toBeCloseTo(0.064, 15);
  });

  it("subscription LTV over 90 days is the geometric sum, whatever the retention", () => {
    // Σ_{a<90} 0.1 q^a, q = 0.8^(1/30): 0.1 (1 - q^90) / (1 - q) = 0.1 (1 - 0.512) / (1 - 0.8^(1/30))
    const q = 0.8 ** (1 / 30);
    const expected = (0.1 * (1 - 0.512)) / (1 - q);
    const lowRetention = new Array<number>(90).fill(0.01);
    const byAge = revenuePerUserByAge(subscription, lowRetention, 90);
    expect(byAge.reduce((a, b) => a + b, 0)).toBeCloseTo(expected, 10);
    // 1 - q = 1 - e^(ln 0.8 / 30) = 1 - e^(-0.0074381) = 0.0074105; 0.0488 / 0.0074105 = 6.5852
    expect(expected).toBeCloseTo(6.5852, 3);
  });

  it("the store fee nets every form: 30 % off", () => {
    expect(netShare({ kind: "arpdau", arpdau: 1, storeFee: 0.3 })).toBeCloseTo(0.7, 15);
    expect(netShare({ kind: "arpdau", arpdau: 1 })).toBe(1);
    // R(a) * arpdau * 0.7: R = 1, 0.5 at 0.2 a day: 0.14, 0.07
    const perActive = revenuePerUserByAge({ kind: "arpdau", arpdau: 0.2, storeFee: 0.3 }, [1, 0.5], 2);
    expect(perActive[0]).toBeCloseTo(0.14, 15);
    expect(perActive[1]).toBeCloseTo(0.07, 15);
    // subscription at age 0, 15 % fee: 0.1 * 0.85 = 0.085
    expect(revenuePerUserByAge({ ...subscription, storeFee: 0.15 }, [1], 1)[0]).toBeCloseTo(0.085, 15);
  });
});
