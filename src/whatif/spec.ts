import { UserError } from "../lib/errors.js";
import { parseValue } from "../scenario/overrides.js";
import { type Amount, parseAmount } from "./amount.js";

/** A sweep may evaluate at most this many points: beyond, it is a typo, not a plan. */
export const MAX_POINTS = 10_000;

/** The values of one `--vary` axis: what is set, and how each value reads in a table. */
export interface AxisValues {
  /** Set into the scenario as YAML values: numbers, money strings, booleans, words. */
  values: unknown[];
  /** As a reader would write them: `30`, `¥35`, `full`. */
  labels: string[];
}

const RANGE = /^(.+?)\.\.(.+?)(?:([:/])(.+))?$/s;

/**
 * A SPEC of `--vary PATH=SPEC`:
 * - `a..b:step` from a to b by step (down when b < a); b is included when a step lands
 *   on it within 1e-9 relative; each value is `a + i * step`, never a running sum
 * - `a..b/count` count values evenly from a to b, both included
 * - `v1,v2,...` the values as listed, each read as YAML (numbers, money strings, `full`)
 * Range bounds may be money strings (`$0.1..$1:$0.1`) in one currency. Generated values
 * are rounded to 12 significant digits, so `0.1..0.3:0.1` gives 0.1, 0.2, 0.3.
 */
export function parseSpec(spec: string, label: string): AxisValues {
  const text = spec.trim();
  if (text === "") throw new UserError(`${label}: no values after "="; give a..b:step, a..b/count or v1,v2,...`);
  const range = text.includes(",") ? null : RANGE.exec(text);
  if (range === null) return valueList(text, label);
  const [, lowText, highText, kind, byText] = range;
  if (kind === undefined) {
    throw new UserError(`${label}: "${text}" gives a range but not its points; add a step (${text}:step) or a count (${text}/count)`);
  }
  const low = parseAmount(lowText!, label);
  const high = parseAmount(highText!, label);
  if (!Number.isFinite(high.value - low.value))
    throw new UserError(`${label}: the range "${text}" is too large: its width is not a finite number`);
  if (kind === "/") {
    const count = Number(byText);
    if (!Number.isInteger(count) || count < 1)
      throw new UserError(`${label}: the count after "/" must be a whole number >= 1, found "${byText}"`);
    checkCount(count, label);
    const style = moneyStyle([low, high], label);
    const values = Array.from({ length: count }, (_, i) =>
      i === count - 1 && count > 1 ? high.value : tidy(low.value + (i * (high.value - low.value)) / Math.max(1, count - 1)),
    );
    return styled(values, style);
  }
  const step = parseAmount(byText!, label);
  if (!(step.value > 0)) throw new UserError(`${label}: the step after ":" must be > 0, found "${byText}"`);
  const style = moneyStyle([low, high, step], label);
  const direction = high.value >= low.value ? 1 : -1;
  const span = Math.abs(high.value - low.value) / step.value;
  // The last whole step, counting one that lands on b within 1e-9 relative as landing on it.
  const steps = Math.floor(span + 1e-9 * Math.max(1, span));
  checkCount(steps + 1, label);
  const tolerance = 1e-9 * Math.max(Math.abs(low.value), Math.abs(high.value), step.value);
  const values = Array.from({ length: steps + 1 }, (_, i) => {
    const value = low.value + direction * i * step.value;
    return Math.abs(value - high.value) <= tolerance ? high.value : tidy(value);
  });
  return styled(values, style);
}

function valueList(text: string, label: string): AxisValues {
  const items = text.split(",").map((item) => item.trim());
  if (items.some((item) => item === "")) {
    throw new UserError(
      `${label}: an empty value in the list "${text}" (write money without thousands separators in a list: 200000 or 20万)`,
    );
  }
  checkCount(items.length, label);
  return { values: items.map((item) => parseValue(item, label)), labels: items };
}

/** How generated money values are written: in the one currency the bounds name, as they wrote it. */
function moneyStyle(amounts: readonly Amount[], label: string): ((value: number) => string) | null {
  const currencies = [...new Set(amounts.map((one) => one.currency).filter((currency) => currency !== null))];
  if (currencies.length > 1) throw new UserError(`${label}: the bounds name two currencies, ${currencies.join(" and ")}; use one`);
  const currency = currencies[0];
  if (currency === undefined) return null;
  const symbol = amounts.find((one) => one.currency === currency)?.symbol ?? null;
  return (value) => {
    const digits = plainDigits(Math.abs(value));
    return `${value < 0 ? "-" : ""}${symbol !== null ? `${symbol}${digits}` : `${digits} ${currency}`}`;
  };
}

function styled(values: number[], style: ((value: number) => string) | null): AxisValues {
  if (style === null) return { values, labels: values.map(String) };
  const labels = values.map(style);
  return { values: labels, labels };
}

/** Digits a money string can hold: no exponent, whatever the size. */
function plainDigits(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/\.?0+$/, "");
}

/** `a + i * step` without the binary noise of decimal steps (0.30000000000000004 -> 0.3). */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

function checkCount(count: number, label: string): void {
  if (count > MAX_POINTS) {
    throw new UserError(
      `${label}: ${count.toLocaleString("en-US")} values; a sweep evaluates at most ${MAX_POINTS.toLocaleString("en-US")} points`,
      {
        hint: "use a larger step or a smaller count",
      },
    );
  }
}

/** The number of points of a grid, refused above MAX_POINTS. */
export function gridSize(axes: readonly AxisValues[], label: string): number {
  const size = axes.reduce((product, axis) => product * axis.values.length, 1);
  if (size > MAX_POINTS) {
    throw new UserError(
      `${label}: ${axes.map((axis) => axis.values.length).join(" x ")} = ${size.toLocaleString("en-US")} points; a sweep evaluates at most ${MAX_POINTS.toLocaleString("en-US")}`,
      { hint: "use a larger step or a smaller count" },
    );
  }
  return size;
}
