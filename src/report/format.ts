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
 * Money with its currency symbol and thousands separators: whole units from 1,000 up,
 * cents from 1, and three significant digits below 1, where a token's cost lives.
 */
export function formatMoney(value: number | null, currency: string): string {
  if (value === null) return NOT_AVAILABLE;
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return moneyFormat(currency, { minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(value);
  if (magnitude >= 1 || magnitude === 0) return moneyFormat(currency, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
  return moneyFormat(currency, { maximumSignificantDigits: 3 }).format(value);
}

const COUNT: Intl.NumberFormatOptions = { maximumFractionDigits: 0 };
const SMALL: Intl.NumberFormatOptions = { maximumSignificantDigits: 3 };

/** A count or a plain quantity with thousands separators. */
export function formatNumber(value: number | null): string {
  if (value === null) return NOT_AVAILABLE;
  return numberFormat(Math.abs(value) >= 100 ? COUNT : SMALL).format(value);
}

export function formatPercent(value: number | null): string {
  if (value === null) return NOT_AVAILABLE;
  return `${numberFormat(SMALL).format(value * 100)}%`;
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
