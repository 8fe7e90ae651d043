/**
 * The one place numbers are rounded: for display only, never inside the model.
 */

export const NOT_AVAILABLE = "n/a";

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, fractionDigits: { min: number; max: number } | { significant: number }): Intl.NumberFormat {
  const key = `${currency}:${JSON.stringify(fractionDigits)}`;
  let format = moneyFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      currencyDisplay: "narrowSymbol",
      ...("significant" in fractionDigits
        ? { maximumSignificantDigits: fractionDigits.significant }
        : { minimumFractionDigits: fractionDigits.min, maximumFractionDigits: fractionDigits.max }),
    });
    moneyFormats.set(key, format);
  }
  return format;
}

/**
 * Money with its currency symbol and thousands separators: whole units from 1,000 up,
 * cents from 1, and three significant digits below 1, where a token's cost lives.
 */
export function formatMoney(value: number | null, currency: string): string {
  if (value === null) return NOT_AVAILABLE;
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return moneyFormat(currency, { min: 0, max: 0 }).format(value);
  if (magnitude >= 1 || magnitude === 0) return moneyFormat(currency, { min: 2, max: 2 }).format(value);
  return moneyFormat(currency, { significant: 3 }).format(value);
}

const countFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const smallFormat = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });

/** A count or a plain quantity with thousands separators. */
export function formatNumber(value: number | null): string {
  if (value === null) return NOT_AVAILABLE;
  return Math.abs(value) >= 100 ? countFormat.format(value) : smallFormat.format(value);
}

export function formatPercent(value: number | null): string {
  if (value === null) return NOT_AVAILABLE;
  return `${smallFormat.format(value * 100)}%`;
}

/** How many times larger: `x56`, `x1.9`. */
export function formatTimes(value: number | null): string {
  if (value === null) return NOT_AVAILABLE;
  return `x${formatNumber(value)}`;
}

export function formatDay(value: number | null): string {
  return value === null ? NOT_AVAILABLE : `day ${value}`;
}

/** A signed change, `+1,234` or `-5.2%`. */
export function formatSigned(text: string, value: number): string {
  return value > 0 ? `+${text}` : text;
}

const priceFormat = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 6 });

/** A catalog price per 1M tokens, without a symbol (its currency has a column): `0.27`, `1.10`, `0.075`. */
export function formatPrice(value: number | null): string {
  return value === null ? "-" : priceFormat.format(value);
}

const preciseFormat = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 7 });

/** An input found by a search, to seven significant digits: `12.34568`, `1,234,568`. */
export function formatPrecise(value: number | null): string {
  return value === null ? NOT_AVAILABLE : preciseFormat.format(value);
}

/** Money in few characters, for chart axes: `¥36M`, `¥310K`, `$1.2B`. */
export function formatMoneyCompact(value: number, currency: string): string {
  const key = `${currency}:compact`;
  let format = moneyFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat("en-US", { style: "currency", currency, currencyDisplay: "narrowSymbol", notation: "compact", maximumSignificantDigits: 3 });
    moneyFormats.set(key, format);
  }
  return format.format(value);
}
