import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convertMoney, isKnownCurrency, MAX_MONEY, MoneyAmount, parseMoney } from "../../src/lib/money.js";

/** The amount and currency of a money string that must parse. */
function parsed(text: string): [number, string | null] {
  const result = parseMoney(text);
  if (!result.ok) throw new Error(`"${text}" did not parse: ${result.reason}`);
  return [result.money.amount, result.money.currency];
}

function reason(text: string): string {
  const result = parseMoney(text);
  if (result.ok) throw new Error(`"${text}" parsed as ${result.money.amount} ${result.money.currency}`);
  return result.reason;
}

describe("parseMoney: the examples of model.md", () => {
  it.each([
    ["12", 12, null],
    ["$78M", 78e6, "USD"],
    ["78M USD", 78e6, "USD"],
    ["¥0.8", 0.8, "CNY"],
    ["20万元", 200_000, "CNY"],
    ["2亿 CNY", 2e8, "CNY"],
    ["0.3 CNY", 0.3, "CNY"],
    ["¥200,000", 200_000, "CNY"],
  ] as const)("%s is %d %s", (text, amount, currency) => {
    expect(parsed(text)).toEqual([amount, currency]);
  });
});

describe("parseMoney: symbols, scales, units and spacing", () => {
  it("reads every symbol", () => {
    expect(parsed("€3")).toEqual([3, "EUR"]);
    expect(parsed("£4")).toEqual([4, "GBP"]);
  });

  it("reads every scale", () => {
    // 10k = 1e4, 1.5B = 1.5e9, 3万 = 3e4, 0.5亿 = 5e7
    expect(parsed("$10k")[0]).toBe(10_000);
    expect(parsed("10K")[0]).toBe(10_000);
    expect(parsed("1.5B")[0]).toBe(1.5e9);
    expect(parsed("3万")[0]).toBe(30_000);
    expect(parsed("0.5亿")[0]).toBe(5e7);
  });

  it("takes spaces anywhere between the parts, and around", () => {
    expect(parsed(" $ 12 M USD ")).toEqual([12e6, "USD"]);
    expect(parsed("20 万 元")).toEqual([200_000, "CNY"]);
  });

  it("reads a bare fraction and grouped thousands with decimals", () => {
    expect(parsed(".5")).toEqual([0.5, null]);
    expect(parsed("1,234,567.5")).toEqual([1_234_567.5, null]);
  });

  it("refuses a currency code not in capitals, as `currency:` and fx keys do (issue 13)", () => {
    expect(parseMoney("12 eur")).toEqual({ ok: false, reason: 'write the currency code in capitals: "12 EUR", not "12 eur"' });
    expect(parseMoney("1000 Usd")).toEqual({ ok: false, reason: 'write the currency code in capitals: "1000 USD", not "1000 Usd"' });
    expect(parsed("20万元")).toEqual([200_000, "CNY"]);
  });

  it("accepts a symbol and a unit that agree", () => {
    expect(parsed("$12 USD")).toEqual([12, "USD"]);
    expect(parsed("¥12元")).toEqual([12, "CNY"]);
  });

  it("reads 0", () => {
    expect(parsed("0")).toEqual([0, null]);
  });
});

describe("parseMoney: errors", () => {
  it.each(["", "abc", "$", "12MM", "1,23", "12,3456", "-5", "1e6", "12 dollars", "$$5", "12 M B", "NaN", "Infinity"])(
    "rejects %j, quoting it and an example of what is expected",
    (text) => {
      const why = reason(text);
      expect(why).toContain(`found "${text}"`);
      expect(why).toMatch(/^expected money such as 12, "\$78M"/);
    },
  );

  it("rejects an unknown currency", () => {
    expect(reason("12 QQQ")).toBe('unknown currency "QQQ" in "12 QQQ" (expected an ISO 4217 code such as USD, CNY, EUR)');
  });

  it("rejects two currencies", () => {
    expect(reason("$12 CNY")).toBe('"$12 CNY" names two currencies, USD and CNY');
    expect(reason("¥5 EUR")).toContain("two currencies, CNY and EUR");
  });

  it("rejects amounts above 1e15, at the edge too", () => {
    // 1,000,000B = 1e15 is the largest; 2,000,000B = 2e15 is too large
    expect(parsed("1000000B")[0]).toBe(MAX_MONEY);
    expect(reason("2000000B")).toBe('"2000000B" is too large (at most 1e+15)');
    // 400 digits overflow to Infinity, which is too large as well
    expect(reason(`1${"0".repeat(400)}`)).toContain("is too large");
  });

  it("never throws and never returns a non-finite or negative amount", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        const result = parseMoney(text);
        if (result.ok) {
          expect(Number.isFinite(result.money.amount)).toBe(true);
          expect(result.money.amount).toBeGreaterThanOrEqual(0);
          expect(result.money.amount).toBeLessThanOrEqual(MAX_MONEY);
        } else {
          expect(result.reason.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it("reads back any amount written with a scale", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999 }),
        fc.constantFrom(["k", 1e3], ["M", 1e6], ["万", 1e4], ["亿", 1e8]),
        (n, [scale, factor]) => {
          expect(parsed(`${n}${scale}`)[0]).toBe(n * factor);
        },
      ),
    );
  });
});

describe("isKnownCurrency", () => {
  it("knows ISO 4217 codes and nothing else", () => {
    expect(isKnownCurrency("USD")).toBe(true);
    expect(isKnownCurrency("CNY")).toBe(true);
    expect(isKnownCurrency("QQQ")).toBe(false);
    expect(isKnownCurrency("usd")).toBe(false);
  });
});

describe("convertMoney", () => {
  it("keeps an amount without a currency, or in the scenario's own", () => {
    expect(convertMoney(new MoneyAmount(12, null), "CNY", {})).toEqual({ ok: true, value: 12 });
    expect(convertMoney(new MoneyAmount(12, "CNY"), "CNY", {})).toEqual({ ok: true, value: 12 });
  });

  it("converts with fx: { USD: 7.2 } means 1 USD = 7.2 CNY", () => {
    // $78M in CNY: 78e6 * 7.2 = 561.6e6
    const converted = convertMoney(new MoneyAmount(78e6, "USD"), "CNY", { USD: 7.2 });
    expect(converted.ok && converted.value).toBeCloseTo(561.6e6, 3);
  });

  it("names the missing rate and how to add it", () => {
    expect(convertMoney(new MoneyAmount(1, "EUR"), "CNY", { USD: 7.2 })).toEqual({
      ok: false,
      reason: "no exchange rate from EUR to CNY: add fx: { EUR: <CNY per 1 EUR> }",
    });
  });
});
