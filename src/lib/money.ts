/**
 * Money strings: `[symbol] number [scale] [unit]`, spaces optional (model.md, Money values),
 * e.g. `12`, `$78M`, `78M USD`, `¥0.8`, `20万元`, `2亿 CNY`, `¥200,000`.
 */

const SYMBOL_CURRENCY: Record<string, string> = { $: "USD", "¥": "CNY", "€": "EUR", "£": "GBP" };
const SCALE: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, B: 1e9, 万: 1e4, 亿: 1e8 };

/** The largest amount a money value may have: far above any real budget, far below overflow. */
export const MAX_MONEY = 1e15;

/**
 * Written as a string rather than a regular expression literal: esbuild escapes non-ASCII
 * characters in strings but leaves them in literals, and scripts/build.mjs escapes those in
 * turn, which would show in `.source`, which the JSON Schema prints as its money pattern.
 */
// biome-ignore lint/complexity/useRegexLiterals: a literal's non-ASCII characters would be escaped in .source (above).
export const MONEY_PATTERN = new RegExp(
  "^([$¥€£])?\\s*(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(k|K|M|B|万|亿)?\\s*([A-Za-z]{3}|元)?$",
  "u",
);

/** An amount and the currency it was written in (null: the scenario's own currency). */
export class MoneyAmount {
  constructor(
    readonly amount: number,
    readonly currency: string | null,
  ) {}
}

export type MoneyParse = { ok: true; money: MoneyAmount } | { ok: false; reason: string };

let knownCurrencies: Set<string> | undefined;

/** ISO 4217 codes this Node.js knows (from ICU), so no hand-kept list can go stale. */
export function isKnownCurrency(code: string): boolean {
  knownCurrencies ??= new Set(Intl.supportedValuesOf("currency"));
  return knownCurrencies.has(code);
}

export function parseMoney(text: string): MoneyParse {
  const match = MONEY_PATTERN.exec(text.trim());
  if (!match) {
    return { ok: false, reason: `expected money such as 12, "$78M", "¥0.8", "20万元" or "0.3 CNY", found "${text}"` };
  }
  const [, symbol, digits, scale, unit] = match;
  const symbolCurrency = symbol === undefined ? null : SYMBOL_CURRENCY[symbol]!;
  const unitCurrency = unit === undefined ? null : unit === "元" ? "CNY" : unit.toUpperCase();
  // As `currency:` and `fx` keys are: "1000 usd" would pass here while `currency: usd` does not.
  if (unit !== undefined && unitCurrency !== unit && unit !== "元") {
    return { ok: false, reason: `write the currency code in capitals: "${text.replace(unit, unitCurrency!)}", not "${text}"` };
  }
  if (unitCurrency !== null && !isKnownCurrency(unitCurrency)) {
    return { ok: false, reason: `unknown currency "${unit}" in "${text}" (expected an ISO 4217 code such as USD, CNY, EUR)` };
  }
  if (symbolCurrency !== null && unitCurrency !== null && symbolCurrency !== unitCurrency) {
    return { ok: false, reason: `"${text}" names two currencies, ${symbolCurrency} and ${unitCurrency}` };
  }
  const amount = Number(digits!.replaceAll(",", "")) * (scale === undefined ? 1 : SCALE[scale]!);
  if (!(amount <= MAX_MONEY)) {
    return { ok: false, reason: `"${text}" is too large (at most ${MAX_MONEY.toExponential()})` };
  }
  return { ok: true, money: new MoneyAmount(amount, symbolCurrency ?? unitCurrency) };
}

/** Exchange rates: `fx[code]` units of the scenario currency buy 1 unit of `code`. */
export type ExchangeRates = Readonly<Record<string, number>>;

export type MoneyConversion = { ok: true; value: number } | { ok: false; reason: string };

/** A money amount in the scenario currency, converted through `fx` where needed. */
export function convertMoney(money: MoneyAmount, currency: string, fx: ExchangeRates): MoneyConversion {
  if (money.currency === null || money.currency === currency) return { ok: true, value: money.amount };
  const rate = fx[money.currency];
  if (rate === undefined) {
    return {
      ok: false,
      reason: `no exchange rate from ${money.currency} to ${currency}: add fx: { ${money.currency}: <${currency} per 1 ${money.currency}> }`,
    };
  }
  return { ok: true, value: money.amount * rate };
}
