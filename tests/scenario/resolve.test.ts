import { describe, expect, it } from "vitest";
import type { FieldProblem } from "../../src/lib/issues.js";
import { MoneyAmount } from "../../src/lib/money.js";
import { Range } from "../../src/scenario/range.js";
import { resolveValues } from "../../src/scenario/resolve.js";

const CNY = { currency: "CNY", fx: { USD: 7.2 } };

function resolve(value: unknown, context = CNY): { value: unknown; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  return { value: resolveValues(value, context, problems), problems };
}

describe("resolveValues", () => {
  it("converts money and leaves plain values alone, at any depth", () => {
    // $2 = 14.4 CNY; ¥5 stays 5; 3 (no currency) stays 3
    const { value, problems } = resolve({
      a: new MoneyAmount(2, "USD"),
      b: [{ c: new MoneyAmount(5, "CNY") }, new MoneyAmount(3, null)],
      d: "text",
      e: true,
      f: null,
      g: 7,
    });
    expect(problems).toEqual([]);
    expect(value).toEqual({ a: expect.closeTo(14.4, 12), b: [{ c: 5 }, 3], d: "text", e: true, f: null, g: 7 });
  });

  it("takes a range at its central value, its money bounds converted first", () => {
    // low $1 = 7.2, high $3 = 21.6: midpoint 14.4
    const { value, problems } = resolve({
      r: new Range(new MoneyAmount(1, "USD"), new MoneyAmount(3, "USD"), "uniform", undefined, false),
    });
    expect(problems).toEqual([]);
    expect((value as { r: number }).r).toBeCloseTo(14.4, 12);
    // loguniform 2 .. 8: 4; triangular with mode 5: 5; whole numbers: 3 .. 6 -> 4.5 -> 5
    expect(resolve(new Range(2, 8, "loguniform", undefined, false)).value).toBe(4);
    expect(resolve(new Range(1, 9, "triangular", 5, false)).value).toBe(5);
    expect(resolve(new Range(3, 6, "uniform", undefined, true)).value).toBe(5);
  });

  it("reports a missing exchange rate at the field's path", () => {
    const { problems } = resolve({ training: { runs: [{ cost: new MoneyAmount(1, "EUR") }] } });
    expect(problems).toEqual([
      {
        path: ["training", "runs", 0, "cost"],
        message: "no exchange rate from EUR to CNY: add fx: { EUR: <CNY per 1 EUR> }",
        causes: [["currency"], ["fx", "EUR"]],
      },
    ]);
  });

  it("reports a bad range at the range, and a bad bound at the bound only", () => {
    expect(resolve({ h: new Range(20, 10, "uniform", undefined, true) }).problems).toEqual([
      { path: ["h"], message: "low (20) must not be above high (10)" },
    ]);
    // The EUR bound cannot convert: one problem at h.low, no second one about the range itself.
    expect(resolve({ h: new Range<MoneyAmount | number>(new MoneyAmount(1, "EUR"), 10, "uniform", undefined, false) }).problems).toEqual([
      {
        path: ["h", "low"],
        message: "no exchange rate from EUR to CNY: add fx: { EUR: <CNY per 1 EUR> }",
        causes: [["currency"], ["fx", "EUR"]],
      },
    ]);
  });

  it("collects every problem, not just the first", () => {
    const { problems } = resolve({
      a: new MoneyAmount(1, "EUR"),
      b: new MoneyAmount(1, "GBP"),
      c: new Range(2, 1, "uniform", undefined, false),
    });
    expect(problems.map((problem) => problem.path.join("."))).toEqual(["a", "b", "c"]);
  });
});
