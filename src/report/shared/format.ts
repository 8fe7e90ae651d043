/**
 * The one place numbers are rounded: for display only, never inside the model.
 */

export const NOT_AVAILABLE = "n/a";

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * An en-US number format, made on first use and kept: the first Intl.NumberFormat of a
 * process loads ICU data (about 9 ms here), which a JSON or CSV run never needs.
 */
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let format = numberFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat("en-US", options);
    numberFormats.set(key, format);
  }
  return format;
}

function moneyFormat(currency: string, digits: Intl.NumberFormatOptions): Intl.NumberFormat {
  return numberFormat({ style: "currency", currency, currencyDisplay: "narrowSymbol", ...digits });
}

/**
 * Money, one rule for every report (docs/cli.md, Rounding): whole units with thousands
 * separators from 1,000 up (`$12,345`), cents from 1 (`$9.99`), three significant digits
 * with their trailing zeros below 1 (`$0.500`, `$0.0886`), where a token's cost lives, and
 * below 0.000001 the same three digits with an exponent (`$1.23E-7`), so that no value
 * runs to hundreds of zeros. The band is the one the value falls in after its rounding,
 * so a value never shows in a band it rounded out of: 0.9995 is `$1.00`, never `$1`, and
 * 999.995 is `$1,000`, never `$1,000.00`.
 */
export function formatMoney(value: number | null, currency: string): string {
  if (value === null) return NOT_AVAILABLE;
  const band = moneyBand(Math.abs(value));
  const symbol = CURRENCY_SYMBOLS[currency];
  const plain = symbol === undefined ? undefined : formatByHand(value, band, true);
  return plain === undefined ? moneyFormat(currency, band).format(value) : plain.replace(/^-?/, (sign) => `${sign}${symbol}`);
}

const WHOLE: Intl.NumberFormatOptions = { minimumFractionDigits: 0, maximumFractionDigits: 0 };
const CENTS: Intl.NumberFormatOptions = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
const THREE_DIGITS: Intl.NumberFormatOptions = { minimumSignificantDigits: 3, maximumSignificantDigits: 3 };
const EXPONENT: Intl.NumberFormatOptions = { notation: "scientific", ...THREE_DIGITS };

/** The digits a magnitude shows with: decided on the value as each band would round it, by the same Intl rounding that prints it. */
function moneyBand(magnitude: number): Intl.NumberFormatOptions {
  const rounded = (digits: Intl.NumberFormatOptions) =>
    Number(formatByHand(magnitude, digits, false) ?? numberFormat({ ...digits, useGrouping: false }).format(magnitude));
  if (rounded(CENTS) >= 1000) return WHOLE;
  if (magnitude === 0 || rounded(THREE_DIGITS) >= 1) return CENTS;
  return rounded(THREE_DIGITS) >= SMALLEST_PLAIN_MONEY ? THREE_DIGITS : EXPONENT;
}

/** Below this, money shows with an exponent: `$0.00000100` is the longest plain form. */
const SMALLEST_PLAIN_MONEY = 0.000001;

const COUNT: Intl.NumberFormatOptions = { maximumFractionDigits: 0 };
const SMALL: Intl.NumberFormatOptions = { maximumSignificantDigits: 3 };

/*
 * The first Intl.NumberFormat of a process loads ICU's locale data, which costs a table
 * run about a fifth of Node's own start-up; so the usual en-US forms are written by hand,
 * exactly as Intl writes them (format.test.ts compares the two on many values), and
 * anything else (an exponent, Infinity, another currency) still goes to Intl.
 */

/** Fraction digits (at least, at most), or significant digits (at most; `keepZeros`: exactly). */
type Rounding = { minFraction: number; maxFraction: number } | { significant: number; keepZeros: boolean };

const BY_HAND = new Map<Intl.NumberFormatOptions, Rounding>([
  [WHOLE, { minFraction: 0, maxFraction: 0 }],
  [CENTS, { minFraction: 2, maxFraction: 2 }],
  [COUNT, { minFraction: 0, maxFraction: 0 }],
  [THREE_DIGITS, { significant: 3, keepZeros: true }],
  [SMALL, { significant: 3, keepZeros: false }],
]);

/** en-US narrow symbols, each checked against Intl in format.test.ts. */
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { USD: "$", CNY: "¥", EUR: "€", GBP: "£", JPY: "¥" };

function formatNumberWith(value: number, options: Intl.NumberFormatOptions): string {
  return formatByHand(value, options, true) ?? numberFormat(options).format(value);
}

/** `value` as Intl's en-US format with `options` writes it, or undefined where only Intl can. */
function formatByHand(value: number, options: Intl.NumberFormatOptions, grouping: boolean): string | undefined {
  const rounding = BY_HAND.get(options);
  const parts = rounding === undefined ? undefined : roundDecimal(Math.abs(value), rounding);
  if (parts === undefined) return undefined;
  const [integer, fraction] = parts;
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  const grouped = grouping ? integer.replace(/\B(?=(\d{3})+$)/g, ",") : integer;
  return `${sign}${grouped}${fraction === "" ? "" : `.${fraction}`}`;
}

/**
 * `magnitude` rounded half away from zero as ICU rounds it, on its shortest decimal form
 * (String(1.005) is "1.005", so two digits make 1.01): its integer and fraction digits.
 */
function roundDecimal(magnitude: number, rounding: Rounding): [integer: string, fraction: string] | undefined {
  const text = String(magnitude);
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const [whole = "", fractionText = ""] = text.split(".");
  const all = whole + fractionText;
  const first = all.search(/[1-9]/);
  // The value is 0.<digits> x 10^point.
  let digits = first < 0 ? "" : all.slice(first);
  let point = first < 0 ? 1 : whole.length - first;
  const kept = "significant" in rounding ? rounding.significant : point + rounding.maxFraction;
  if (kept < digits.length) {
    let head = kept <= 0 ? "" : digits.slice(0, kept);
    if (kept >= 0 && digits.charCodeAt(kept) >= 53 /* "5" */) {
      const bumped = (BigInt(`0${head}`) + 1n).toString();
      if (bumped.length > head.length) point++;
      head = bumped;
    }
    digits = head;
  }
  digits = digits.replace(/0+$/, "");
  if (digits === "") point = 1;
  const integer = point <= 0 || digits === "" ? "0" : digits.slice(0, point).padEnd(point, "0");
  const fraction = point >= 0 ? digits.slice(point) : "0".repeat(-point) + digits;
  const minimum = "significant" in rounding ? (rounding.keepZeros ? Math.max(0, rounding.significant - point) : 0) : rounding.minFraction;
  return [integer, fraction.padEnd(minimum, "0")];
}

/**
 * Money to `digits` significant digits, for two figures that differ but print alike
 * under the usual rule (¥1.99999 and ¥2.00 are both `¥2.00`).
 */
function formatMoneyDigits(value: number, currency: string, digits: number): string {
  return moneyFormat(currency, { minimumSignificantDigits: 1, maximumSignificantDigits: digits }).format(value);
}

/** Two different figures as texts that differ: the usual ones, or both with just enough digits to tell them apart. */
export function distinctMoney(a: number, b: number, currency: string): [string, string] {
  const usual: [string, string] = [formatMoney(a, currency), formatMoney(b, currency)];
  if (a === b || usual[0] !== usual[1]) return usual;
  for (let digits = 4; digits <= 17; digits++) {
    const precise: [string, string] = [formatMoneyDigits(a, currency, digits), formatMoneyDigits(b, currency, digits)];
    if (precise[0] !== precise[1]) return precise;
  }
  return usual;
}

/** A count or a plain quantity with thousands separators. */
export function formatNumber(value: number | null): string {
  if (value === null) return NOT_AVAILABLE;
  return formatNumberWith(value, Math.abs(value) >= 100 ? COUNT : SMALL);
}

export function formatPercent(value: number | null): string {
  if (value === null) return NOT_AVAILABLE;
  return `${formatNumberWith(value * 100, SMALL)}%`;
}

/**
 * A share of samples as a percentage that never reads 0 % or 100 % unless it is exactly
 * that: 9,998 of 10,000 is `99.98%`, not `100%`; above 99.99 % it is `>99.99%`, and a
 * share that three digits would show as 0 keeps its digits (`0.01%`).
 */
export function formatProbability(value: number): string {
  const shown = formatPercent(value);
  if (value === 0 || value === 1 || (shown !== "100%" && shown !== "0%")) return shown;
  if (value < 0.5) return `${formatNumberWith(value * 100, SMALL)}%`;
  const truncated = Math.floor(value * 10_000) / 100;
  return truncated < 99.99 ? `${numberFormat({ minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(truncated)}%` : ">99.99%";
}

/** How many times larger: `x56`, `x1.9`. */
export function formatTimes(value: number | null): string {
  if (value === null) return NOT_AVAILABLE;
  return `x${formatNumber(value)}`;
}

/** A count with its noun, singular for exactly one (or minus one): `1 day`, `-1 day`, `365 days`, `1,000 values`. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${formatNumber(count)} ${Math.abs(count) === 1 ? noun : nouns}`;
}

export function formatDay(value: number | null): string {
  return value === null ? NOT_AVAILABLE : `day ${value}`;
}

/** A signed change, `+1,234` or `-5.2%`. */
export function formatSigned(text: string, value: number): string {
  return value > 0 ? `+${text}` : text;
}

/** A catalog price per 1M tokens, without a symbol (its currency has a column): `0.27`, `1.10`, `0.075`. */
export function formatPrice(value: number | null): string {
  return value === null ? "-" : numberFormat({ minimumFractionDigits: 2, maximumFractionDigits: 6 }).format(value);
}

/** An input found by a search, to seven significant digits: `12.34568`, `1,234,568`. */
export function formatPrecise(value: number | null): string {
  return value === null ? NOT_AVAILABLE : numberFormat({ maximumSignificantDigits: 7 }).format(value);
}

/** Money in few characters, for chart axes: `¥36M`, `¥310K`, `$1.2B`. */
export function formatMoneyCompact(value: number, currency: string): string {
  return moneyFormat(currency, { notation: "compact", maximumSignificantDigits: 3 }).format(value);
}

/** The scenario's horizon as a `--vary`, `--for` or `--set` path names it. */
const HORIZON_PATH = "horizon_days";

/**
 * The line under a report's heading that says which scenario it is about: `name  (USD, 30 days, file.yaml)`.
 * `varied` are the inputs the report sets to other values (a sweep's axes, the input solve searches): where
 * the horizon is one of them, the figures below are at other horizons than the file's, so the line says
 * `horizon varied` instead of the file's horizon (docs/what-if.md).
 */
export function scenarioLine(
  scenario: { name: string; currency: string; horizon_days: number; file: string },
  varied: readonly string[] = [],
): string {
  const horizon = varied.includes(HORIZON_PATH) ? "horizon varied" : plural(scenario.horizon_days, "day");
  return `${scenario.name}  (${scenario.currency}, ${horizon}, ${scenario.file})`;
}
