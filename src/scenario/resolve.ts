import type { FieldProblem } from "../lib/issues.js";
import { convertMoney, type ExchangeRates, MoneyAmount } from "../lib/money.js";
import { centralValue, Range, type RangePicker, rangeProblem } from "./range.js";
import type { Resolved } from "./schema.js";

interface MoneyContext {
  currency: string;
  fx: ExchangeRates;
}

/**
 * Every money amount converted to the scenario currency and every range reduced to its
 * central value (or, with `pick`, to a value it draws: `run --samples`), so the rest of
 * the program sees plain numbers. Ranges are picked depth first in the parsed value's order
 * (the schema's order of keys), one call each.
 * Problems (a missing exchange rate, a range with low above high) are collected, not thrown.
 */
export function resolveValues<T>(value: T, context: MoneyContext, problems: FieldProblem[], pick: RangePicker = centralValue): Resolved<T> {
  return resolveAt(value, [], { ...context, pick }, problems) as Resolved<T>;
}

function resolveAt(value: unknown, path: PropertyKey[], context: MoneyContext & { pick: RangePicker }, problems: FieldProblem[]): unknown {
  if (value instanceof MoneyAmount) {
    const converted = convertMoney(value, context.currency, context.fx);
    if (converted.ok) return converted.value;
    problems.push({ path, message: converted.reason, causes: [["currency"], ["fx", String(value.currency)]] });
    return Number.NaN;
  }
  if (value instanceof Range) {
    const low = resolveAt(value.low, [...path, "low"], context, problems) as number;
    const high = resolveAt(value.high, [...path, "high"], context, problems) as number;
    const mode = value.mode === undefined ? undefined : (resolveAt(value.mode, [...path, "mode"], context, problems) as number);
    const problem = [low, high, mode].some(Number.isNaN) ? null : rangeProblem(low, high, value.dist, mode);
    if (problem !== null) {
      problems.push({ path, message: problem });
      return centralValue(low, high, value.dist, mode, value.integer);
    }
    return context.pick(low, high, value.dist, mode, value.integer);
  }
  if (Array.isArray(value)) return value.map((item, index) => resolveAt(item, [...path, index], context, problems));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveAt(item, [...path, key], context, problems)]));
  }
  return value;
}
