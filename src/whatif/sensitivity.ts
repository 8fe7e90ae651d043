import { type DataPath, inputName, numberLeaves } from "../scenario/input-paths.js";
import { valueAt } from "../lib/value-at.js";
import { formatShort } from "./amount.js";
import type { MetricValue } from "./metrics.js";
import { isShare, isTurnShare } from "./shares.js";

/**
 * `sensitivity`: which inputs move a metric most when each is moved by ±delta on its
 * own. Pure: which inputs, their moved values, the share rule and the ranking. The
 * report evaluates each move (sensitivity-report.ts).
 */

/** One input to move: a number of the scenario's data. */
export interface SensitivityInput {
  /** As `--set` names it: `acquisition.channels.bilibili.cpa`. */
  name: string;
  /** Into the scenario's data, list items by index. */
  path: (string | number)[];
  value: number;
  /** The format takes whole numbers here: moved values are rounded. */
  integer: boolean;
}

export interface SkippedInput {
  name: string;
  value: number;
  reason: string;
}

/** What the schema says of a number at a path: whole numbers only? */
export type LeafInfo = (path: DataPath) => { integer: boolean } | undefined;

export const ZERO_REASON = "0: a relative move leaves it at 0";
export const LONE_SHARE_REASON = "a lone channel takes all the spend: its share is always 1";

const LONE_ROUTE_REASON = "a lone route serves every session: its share is always 1";

// model-v2.md 10: a `shares` histogram is a distribution, not a set of independent inputs
// (its values may not be ranges either); moving one value alone always breaks its sum.
const TURN_SHARE_REASON = "a turn-length share: the histogram's shares sum to 1, so one cannot move alone";

/**
 * Every number of the scenario's data (as resolved: money in its currency, ranges at
 * their central value, defaults filled in) except the `expect` block's bounds, which
 * are not inputs. Zeros are skipped (a relative move leaves them at 0), and so is the
 * share of a lone channel (always 1).
 */
export function sensitivityInputs(data: unknown, leafInfo: LeafInfo): { inputs: SensitivityInput[]; skipped: SkippedInput[] } {
  const inputs: SensitivityInput[] = [];
  const skipped: SkippedInput[] = [];
  for (const { path, value } of numberLeaves(data)) {
    if (path[0] === "expect") continue;
    const name = inputName(data, path);
    if (value === 0) skipped.push({ name, value, reason: ZERO_REASON });
    else if (isTurnShare(path)) skipped.push({ name, value, reason: TURN_SHARE_REASON });
    else if (isShare(path) && listLength(data, path) === 1)
      skipped.push({ name, value, reason: path[0] === "inference" ? LONE_ROUTE_REASON : LONE_SHARE_REASON });
    else inputs.push({ name, path, value, integer: leafInfo(path)?.integer ?? false });
  }
  return { inputs, skipped };
}

/** How many items the share's list (channels or routes) has. */
function listLength(data: unknown, sharePath: DataPath): number {
  const items = valueAt(data, sharePath.slice(0, 2));
  return Array.isArray(items) ? items.length : 0;
}

/** `value * factor`, rounded to a whole number where the format takes only those. */
export function movedValue(value: number, factor: number, integer: boolean): number {
  const moved = value * factor;
  return integer ? Math.round(moved) : moved;
}

/** One value to set for a move: the input itself, and for a share, every other channel's share too. */
export interface Assignment {
  path: (string | number)[];
  value: number;
}

/**
 * What to set to move `input` by `factor`. A channel's (or a route's) share moves with
 * the others scaled so that the shares still sum to 1 (the spend, or the sessions, shift
 * between this item and the rest, in their proportions); a share that would reach 1 or
 * more is no valid move, nor is moving a share of 1 (the others have no proportions).
 */
export function moveAssignments(
  data: unknown,
  input: SensitivityInput,
  factor: number,
): { ok: true; assignments: Assignment[] } | { ok: false; reason: string } {
  const value = movedValue(input.value, factor, input.integer);
  if (!isShare(input.path)) return { ok: true, assignments: [{ path: input.path, value }] };
  const listPath = input.path.slice(0, 2) as (string | number)[];
  const items = valueAt(data, listPath) as { share?: number }[];
  const others = input.path[0] === "inference" ? "routes" : "channels";
  if (value >= 1) return { ok: false, reason: `the share would be ${formatShort(value)}, leaving nothing for the other ${others}` };
  if (input.value >= 1) return { ok: false, reason: `the other ${others} have share 0: there are no proportions to give them the rest in` };
  const index = input.path[2] as number;
  const scale = (1 - value) / (1 - input.value);
  return {
    ok: true,
    assignments: items.map((item, other) => ({
      path: [...listPath, other, "share"],
      value: other === index ? value : (item.share ?? 0) * scale,
    })),
  };
}

/** The metric with an input moved one way: invalid (the move breaks a rule), or its value and the ladder's verdict. */
export interface SensitivitySide {
  /** The input's value on this side. */
  value: number;
  metric: number | null;
  /** `metric - base`; null where either is null or the side is invalid. */
  change: number | null;
  /** `change / |base| * 100`; null where the base is 0, or change is null. */
  change_pct: number | null;
  /** Does the ladder hold on this side? null where the side is invalid. */
  ladder_holds: boolean | null;
  /** The rungs from cheapest to dearest on this side, as `ladder.order`; null where the side is invalid. */
  ladder_order: string[] | null;
  /** Why the moved value is not a valid scenario (the rule it breaks); null where it is. */
  invalid: string | null;
}

export interface SensitivityRow {
  input: string;
  /** The input as given (resolved). */
  value: number;
  low: SensitivitySide;
  high: SensitivitySide;
  /** The larger |change| of the two sides; null where neither side has a numeric change. */
  effect: number | null;
}

/** A side from its evaluation: the metric (a number, or null) and the ladder. */
export function validSide(
  value: number,
  metric: MetricValue,
  ladder: { holds: boolean; order: readonly string[] },
  base: MetricValue,
): SensitivitySide {
  const number = typeof metric === "number" ? metric : null;
  const baseNumber = typeof base === "number" ? base : null;
  const change = number !== null && baseNumber !== null ? number - baseNumber : null;
  const change_pct = change !== null && baseNumber !== 0 ? (change / Math.abs(baseNumber!)) * 100 : null;
  return { value, metric: number, change, change_pct, ladder_holds: ladder.holds, ladder_order: [...ladder.order], invalid: null };
}

export function invalidSide(value: number, reason: string): SensitivitySide {
  return { value, metric: null, change: null, change_pct: null, ladder_holds: null, ladder_order: null, invalid: reason };
}

export function sensitivityRow(input: SensitivityInput, low: SensitivitySide, high: SensitivitySide): SensitivityRow {
  const changes = [low.change, high.change].filter((change): change is number => change !== null).map(Math.abs);
  return { input: input.name, value: input.value, low, high, effect: changes.length === 0 ? null : Math.max(...changes) };
}

/** A valid side whose metric appears or vanishes (a milestone reached, or never): more than any finite change. */
function crossesNull(side: SensitivitySide, baseIsNull: boolean): boolean {
  return side.invalid === null && (side.metric === null) !== baseIsNull;
}

/**
 * Largest effect first: rows where a side makes the metric appear or vanish (n/a: a
 * payback never reached) rank above any number; then by the larger |change|; rows
 * without a numeric change last; ties keep the data's order.
 */
export function rankRows(rows: readonly SensitivityRow[], base: MetricValue): SensitivityRow[] {
  const baseIsNull = typeof base !== "number";
  const key = (row: SensitivityRow): [number, number] => [
    crossesNull(row.low, baseIsNull) || crossesNull(row.high, baseIsNull) ? 0 : 1,
    -(row.effect ?? Number.NEGATIVE_INFINITY),
  ];
  return rows
    .map((row, index) => ({ row, index, key: key(row) }))
    .sort((a, b) => a.key[0] - b.key[0] || compareNumbers(a.key[1], b.key[1]) || a.index - b.index)
    .map(({ row }) => row);
}

function compareNumbers(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** `--delta`: a number in (0, 1), or a percentage (`20%`); undefined where the text is neither. */
export function parseDelta(text: string): number | undefined {
  const match = /^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(%?)\s*$/.exec(text);
  if (match === null) return undefined;
  const value = Number(match[1]) / (match[2] === "%" ? 100 : 1);
  return value > 0 && value < 1 ? value : undefined;
}
