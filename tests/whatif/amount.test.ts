import { describe, expect, it } from "vitest";
import { amountIn, formatShort, parseAmount, plainNumber } from "../../src/whatif/amount.js";
import { parseSpec } from "../../src/whatif/spec.js";
import { parseRange, parseTarget } from "../../src/whatif/solve-input.js";

describe("plainNumber and parseAmount: the one number-or-money parser of the what-if options", () => {
  it("reads plain numbers, and tells the text that is not one", () => {
    expect(plainNumber(" 1e3 ", "x")).toBe(1000);
    expect(plainNumber("-0.5", "x")).toBe(-0.5);
    expect(plainNumber("1e-999", "x")).toBe(0);
    expect(plainNumber("$5", "x")).toBeUndefined();
  });

  it("refuses numbers too large for a double instead of passing on Infinity", () => {
    for (const text of ["1e999", "-1e999", "1e400"])
      expect(() => plainNumber(text, "--range x")).toThrow(`--range x: "${text}" is too large: not a finite number`);
    expect(() => parseAmount("1e999", "x")).toThrow("too large");
  });

  it("reads money with its currency and symbol, a minus sign included", () => {
    expect(parseAmount("$0.5", "x")).toEqual({ value: 0.5, currency: "USD", symbol: "$" });
    expect(parseAmount("-¥20", "x")).toEqual({ value: -20, currency: "CNY", symbol: "¥" });
    expect(parseAmount("20万", "x")).toEqual({ value: 200_000, currency: null, symbol: null });
    expect(() => parseAmount("abc", "--range a")).toThrow('--range a: "abc" is not a number or money');
  });

  it("converts money into the scenario's currency through fx", () => {
    // 10 USD at 7.1 CNY per USD = 71 CNY
    expect(amountIn(parseAmount("$10", "x"), "CNY", { USD: 7.1 }, "x")).toBeCloseTo(71, 12);
    expect(() => amountIn(parseAmount("€1", "x"), "CNY", {}, "--range x")).toThrow("--range x: no exchange rate from EUR to CNY");
  });

  it("formatShort: 7 significant digits, no trailing zeros", () => {
    expect(formatShort(0.1 + 0.2)).toBe("0.3");
    expect(formatShort(1.08)).toBe("1.08");
    expect(formatShort(1234567.89)).toBe("1234568");
  });
});

describe("every what-if option refuses a non-finite number the same way", () => {
  it("sweep specs, solve ranges and targets", () => {
    expect(() => parseSpec("1..1e999:1", "--vary x")).toThrow('--vary x: "1e999" is too large: not a finite number');
    expect(() => parseSpec("1..2:1e999", "--vary x")).toThrow('--vary x: "1e999" is too large: not a finite number');
    // Finite bounds whose distance overflows
    expect(() => parseSpec("-1e308..1e308/3", "--vary x")).toThrow("its width is not a finite number");
    expect(() => parseRange("1e400..1e401", "USD", {})).toThrow('--range 1e400..1e401: "1e400" is too large: not a finite number');
    expect(() => parseTarget("unit.ltv_to_cac", "1e999", "USD", {})).toThrow(
      '--target unit.ltv_to_cac=1e999: "1e999" is too large: not a finite number',
    );
  });

  it("still reads what it read before", () => {
    expect(parseRange("1..$100", "USD", {})).toEqual({ low: 1, high: 100, from: "--range" });
    expect(parseTarget("unit.cac_blended", "$5", "USD", {})).toEqual({ value: 5 });
    expect(parseTarget("unit.ltv_to_cac", "3", "USD", {})).toEqual({ value: 3 });
    expect(parseTarget("ladder.inference", "ladder.training", "USD", {})).toEqual({ metric: "ladder.training" });
  });
});
