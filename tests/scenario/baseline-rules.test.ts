import { describe, expect, it } from "vitest";
import type { JsonResult } from "../../src/result/json-result.js";
import { type ChangeExpectation, checkChange, NO_BASELINE_REASON, NULL_REASON } from "../../src/scenario/expect.js";

/** A result with only the figure the rules read; the rest of a result is not consulted. */
function withCac(cac: number | null): JsonResult {
  return { unit: { cac_blended: cac } } as unknown as JsonResult;
}

const rule = (kind: ChangeExpectation["kind"], bound: number, relative: boolean): ChangeExpectation => ({
  metric: "unit.cac_blended",
  kind,
  bound,
  relative,
});

describe("max_increase / max_decrease against a baseline", () => {
  it("fails a rise beyond the percentage: 10 -> 11.5 is +15 %, over a 10 % limit", () => {
    const check = checkChange(rule("max_increase", 10, true), withCac(11.5), withCac(10));
    // (11.5 - 10) / 10 * 100 = 15
    expect(check).toMatchObject({ passed: false, value: 11.5, baseline: 10, change: expect.closeTo(15, 9) });
  });

  it("passes a rise at the limit exactly (inclusive): 10 -> 11 is +10 %", () => {
    expect(checkChange(rule("max_increase", 10, true), withCac(11), withCac(10)).passed).toBe(true);
  });

  it("takes the percentage of the baseline's magnitude: -20 -> -17 is a rise of 15 %", () => {
    // (-17 - -20) / |-20| * 100 = 3 / 20 * 100 = 15
    const check = checkChange(rule("max_increase", 10, true), withCac(-17), withCac(-20));
    expect(check).toMatchObject({ passed: false, change: expect.closeTo(15, 9) });
  });

  it("lets any fall pass a max_increase, and fails a fall beyond max_decrease", () => {
    expect(checkChange(rule("max_increase", 0, true), withCac(5), withCac(10)).passed).toBe(true);
    // (7 - 10) / 10 * 100 = -30: a fall of 30 % against a limit of 25 %
    expect(checkChange(rule("max_decrease", 25, true), withCac(7), withCac(10))).toMatchObject({
      passed: false,
      change: expect.closeTo(-30, 9),
    });
  });

  it("reads a plain number as a change in the metric's unit: 10 -> 12.5 is +2.5, over a limit of 2", () => {
    expect(checkChange(rule("max_increase", 2, false), withCac(12.5), withCac(10))).toMatchObject({ passed: false, change: 2.5 });
    expect(checkChange(rule("max_increase", 3, false), withCac(12.5), withCac(10)).passed).toBe(true);
  });

  it("fails with a reason where either figure is n/a, where the baseline is 0 and the figure moved, or where there is no baseline", () => {
    expect(checkChange(rule("max_increase", 10, true), withCac(null), withCac(10))).toMatchObject({ passed: false, reason: NULL_REASON });
    expect(checkChange(rule("max_increase", 10, true), withCac(1), withCac(0))).toMatchObject({ passed: false, change: null });
    expect(checkChange(rule("max_increase", 10, true), withCac(0), withCac(0)).passed).toBe(true);
    expect(checkChange(rule("max_increase", 10, true), withCac(1), null)).toMatchObject({ passed: false, reason: NO_BASELINE_REASON });
  });

  it("fails with a reason where the baseline is in another currency: ¥72 against $10 is no fall", () => {
    // $10 at 7.2 CNY per USD is ¥72: the same CAC, yet read as a +620 % rise or, the other way, a fall that passes.
    const inCurrency = (cac: number, currency: string) =>
      ({ ...withCac(cac), scenario: { name: "a", file: "a.yaml", currency, horizon_days: 365 } }) as JsonResult;
    const check = checkChange(rule("max_increase", 10, true), inCurrency(10, "USD"), inCurrency(72, "CNY"));
    expect(check).toMatchObject({ passed: false, change: null, reason: expect.stringContaining("CNY") });
    expect(checkChange(rule("max_increase", 10, true), inCurrency(10.5, "USD"), inCurrency(10, "USD")).passed).toBe(true);
  });

  it("reports no Infinity where a baseline near 0 makes the percentage overflow, and still judges the rule", () => {
    // (1 - 5e-324) / 5e-324 * 100 overflows a double: the change is infinite, as for a baseline of 0.
    const rise = checkChange(rule("max_increase", 10, true), withCac(1), withCac(5e-324));
    expect(rise).toMatchObject({ passed: false, change: null, reason: expect.stringContaining("infinite percentage") });
    // An infinite rise is no fall: max_decrease holds.
    const notFall = checkChange(rule("max_decrease", 10, true), withCac(1), withCac(5e-324));
    expect(notFall).toMatchObject({ passed: true, change: null });
    expect(notFall.reason).toBeUndefined();
    // A plain-number rule whose difference overflows: 1.7e308 - (-1.7e308) is past the largest double.
    const huge = checkChange(rule("max_increase", 5, false), withCac(1.7e308), withCac(-1.7e308));
    expect(huge).toMatchObject({ passed: false, change: null });
  });
});
