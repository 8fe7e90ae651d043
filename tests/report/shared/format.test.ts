import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { formatMoney, formatNumber, formatPercent, plural } from "../../../src/report/shared/format.js";

describe("formatMoney: one rule at every band edge (docs/cli.md, Rounding)", () => {
  // Bands: >= 1,000 after rounding to cents: whole units; >= 1 after rounding to three
  // significant digits: cents; below: three significant digits, trailing zeros kept;
  // below 0.000001: three digits with an exponent. Each expected string by hand.
  test.each([
    [0, "$0.00"], // zero is money with cents, not "$0.000"
    [0.000999, "$0.000999"], // three significant digits: 9, 9, 9
    [0.001, "$0.00100"], // three significant digits keep their zeros: 1, 0, 0
    [0.5, "$0.500"], // not "$0.5": the trailing zeros are the three digits the rule promises
    [0.999, "$0.999"],
    [0.9994, "$0.999"], // 0.9994 to three digits is 0.999, still below 1
    [0.9995, "$1.00"], // 0.9995 to three digits is 1.00: the cents band, never "$1"
    [1, "$1.00"],
    [9.994, "$9.99"],
    [9.995, "$10.00"], // half away from zero on the decimal 9.995
    [999.5, "$999.50"],
    [999.994, "$999.99"],
    [999.995, "$1,000"], // cents would be 1,000.00: the whole-units band, never "$1,000.00"
    [1000, "$1,000"],
    [1000.4, "$1,000"],
    [1e6, "$1,000,000"],
  ])("%s -> %s", (value, expected) => {
    expect(formatMoney(value, "USD")).toBe(expected);
  });

  test("below 0.000001 an exponent keeps three digits instead of hundreds of zeros", () => {
    expect(formatMoney(1.234e-7, "USD")).toBe("$1.23E-7");
    // 0.00000099995 to three digits is 0.00000100, the smallest plain value.
    expect(formatMoney(0.00000099995, "USD")).toBe("$0.00000100");
    expect(formatMoney(1e-320, "USD").length).toBeLessThan(12);
  });

  test("a negative amount takes the band of its magnitude", () => {
    expect(formatMoney(-0.5, "USD")).toBe("-$0.500");
    expect(formatMoney(-999.995, "USD")).toBe("-$1,000");
    expect(formatMoney(-2.5, "CNY")).toBe("-¥2.50");
  });

  test("null is n/a", () => {
    expect(formatMoney(null, "USD")).toBe("n/a");
  });

  // However the band is chosen, the printed number is the value to within half its last digit.
  test("the printed amount reads back within half its last digit of the value", () => {
    for (const value of [0.000999, 0.0012345, 0.98765, 1.005, 12.345, 999.4, 1234.5, 98765.4321]) {
      const text = formatMoney(value, "USD");
      const printed = Number(text.replace(/[$,]/g, ""));
      const decimals = text.includes(".") ? text.split(".")[1]!.length : 0;
      expect(Math.abs(printed - value)).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-12);
    }
  });
});

describe("plural", () => {
  test("is singular for exactly one, either sign, plural for every other count", () => {
    expect(plural(1, "day")).toBe("1 day");
    expect(plural(-1, "day")).toBe("-1 day");
    expect(plural(0, "day")).toBe("0 days");
    expect(plural(2, "day")).toBe("2 days");
    expect(plural(3650, "day")).toBe("3,650 days");
    expect(plural(1.5, "day")).toBe("1.5 days");
    expect(plural(2, "index", "indices")).toBe("2 indices");
  });
});

describe("numbers formatted by hand are exactly Intl's en-US forms", () => {
  // The reference: Intl itself with the options docs/cli.md's rules name (Rounding).
  const intl = (options: Intl.NumberFormatOptions, value: number) => new Intl.NumberFormat("en-US", options).format(value);
  const CENTS = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  const THREE = { minimumSignificantDigits: 3, maximumSignificantDigits: 3 };
  const bandOf = (magnitude: number): Intl.NumberFormatOptions => {
    const rounded = (options: Intl.NumberFormatOptions) => Number(intl({ ...options, useGrouping: false }, magnitude));
    if (rounded(CENTS) >= 1000) return { minimumFractionDigits: 0, maximumFractionDigits: 0 };
    if (magnitude === 0 || rounded(THREE) >= 1) return CENTS;
    return rounded(THREE) >= 0.000001 ? THREE : { notation: "scientific", ...THREE };
  };
  // Decimal halves (1.005, 2.675, 999.995) are where rounding the binary value and the shortest decimal differ.
  const values = fc.oneof(
    fc.double({ noNaN: true }),
    fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 })).map(([digits, places]) => digits / 10 ** places),
    fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.constantFrom(10, 100, 1000, 1e5)).map(([whole, scale]) => (whole + 0.5) / scale),
  );

  test.each(["USD", "CNY", "EUR", "GBP", "JPY"])("formatMoney in %s", (currency) => {
    fc.assert(
      fc.property(values, (value) => {
        const options: Intl.NumberFormatOptions = {
          style: "currency",
          currency,
          currencyDisplay: "narrowSymbol",
          ...bandOf(Math.abs(value)),
        };
        expect(formatMoney(value, currency)).toBe(intl(options, value));
      }),
      { numRuns: 3000 },
    );
  });

  test("formatNumber and formatPercent", () => {
    fc.assert(
      fc.property(values, (value) => {
        expect(formatNumber(value)).toBe(
          intl(Math.abs(value) >= 100 ? { maximumFractionDigits: 0 } : { maximumSignificantDigits: 3 }, value),
        );
        expect(formatPercent(value)).toBe(`${intl({ maximumSignificantDigits: 3 }, value * 100)}%`);
      }),
      { numRuns: 5000 },
    );
  });

  test.each([
    [1.005, "$1.01"], // String(1.005) is "1.005": half up to 1.01, though the double is a hair below
    [999.995, "$1,000"], // to cents 1,000.00, so the whole-units band
    [-0.004, "-$0.00400"], // three significant digits, sign before the symbol
    [1234567.5, "$1,234,568"],
  ])("formatMoney(%s) by hand is %s", (value, expected) => {
    expect(formatMoney(value, "USD")).toBe(expected);
  });

  test("a negative zero keeps its sign, as Intl writes it", () => {
    expect(formatNumber(-0)).toBe("-0");
    expect(formatNumber(-0.0001)).toBe("-0.0001"); // below 100: three significant digits, of which one is there
  });
});
