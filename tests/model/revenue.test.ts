import { describe, expect, it } from "vitest";
import { arpdau } from "../../src/model/revenue.js";

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
