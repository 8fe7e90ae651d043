import { UserError } from "../lib/errors.js";
import { convertMoney, type ExchangeRates, MoneyAmount, parseMoney } from "../lib/money.js";

/**
 * Numbers as the what-if options take them (`--vary` ranges, `--range`, `--target`): a
 * plain number, or money in any currency. One parser for every command, so that they
 * accept and refuse the same things.
 */

/** An amount as typed: its value, and the currency it was written in (null: a plain number, in the scenario's own). */
export interface Amount {
  value: number;
  currency: string | null;
  /** The symbol it was written with (`$`), null where it had none. */
  symbol: string | null;
}

const PLAIN_NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * A plain number (`3`, `-0.5`, `1e-6`), or undefined where the text is not one. One too
 * large for a double (`1e999`) is an input error, not Infinity.
 */
export function plainNumber(text: string, label: string): number | undefined {
  const trimmed = text.trim();
  if (!PLAIN_NUMBER.test(trimmed)) return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) throw new UserError(`${label}: "${trimmed}" is too large: not a finite number`);
  return value;
}

/** A plain number, or money with an optional minus sign (`-$5`); anything else is an input error. */
export function parseAmount(text: string, label: string): Amount {
  const trimmed = text.trim();
  const number = plainNumber(trimmed, label);
  if (number !== undefined) return { value: number, currency: null, symbol: null };
  const negative = trimmed.startsWith("-");
  const parsed = parseMoney(negative ? trimmed.slice(1) : trimmed);
  if (!parsed.ok) throw new UserError(`${label}: "${trimmed}" is not a number or money: ${parsed.reason}`);
  const symbol = /^-?[$¥€£]/.test(trimmed) ? trimmed.replace(/^-/, "")[0]! : null;
  return { value: (negative ? -1 : 1) * parsed.money.amount, currency: parsed.money.currency, symbol };
}

/** An amount in the scenario's currency, converted through `fx` where it names another. */
export function amountIn(amount: Pick<Amount, "value" | "currency">, currency: string, fx: ExchangeRates, label: string): number {
  const converted = convertMoney(new MoneyAmount(amount.value, amount.currency), currency, fx);
  if (!converted.ok) throw new UserError(`${label}: ${converted.reason}`);
  return converted.value;
}

/** A number in a message, to 7 significant digits and without trailing zeros: `0.1550000001` -> `0.155`. */
export function formatShort(value: number): string {
  return String(Number(value.toPrecision(7)));
}
