import { format } from "d3-format";
import { formatMoneyCompact } from "../../shared/format.js";

/** Axis labels, short enough for a tick: `$1.2M`, `12k`, `35%`, `day 90`. */

const SI = format("~s");
const PERCENT = format(".0%");

export const moneyTick = (currency: string) => (value: number) => (value === 0 ? "0" : formatMoneyCompact(value, currency));

/** A count with an SI suffix; billions as `B`, as money's compact notation writes them. */
export function countTick(value: number): string {
  return Math.abs(value) < 1 && value !== 0 ? format("~r")(value) : SI(value).replace("G", "B");
}

export const percentTick = (value: number) => PERCENT(value);

export const dayTick = (value: number) => String(value);
