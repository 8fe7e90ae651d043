import type { JsonResult } from "../result/json-result.js";
import { isRecord } from "../lib/record.js";

/**
 * `compare`: the change of every key figure of each scenario against the base. Pure
 * arithmetic on results; the renderers (src/report/compare/) only format it.
 */

/** The sections whose figures `compare` sets against the base (cli.md's JSON result). */
const COMPARED_GROUPS = ["totals", "unit", "ladder", "milestones"] as const;

/** The dotted shape of the key figures with numbers (or null) at the leaves: `delta.unit.cac_blended`. */
export interface DeltaTree {
  [key: string]: number | null | DeltaTree;
}

/** A scenario's result with its change against the base. */
export type ComparedResult = JsonResult & {
  /** `other - base` for every numeric figure; null where either is null. */
  delta: DeltaTree;
  /** `(other - base) / |base| * 100`; null where the base is 0 or either is null. */
  delta_pct: DeltaTree;
};

/**
 * The change of every numeric figure of `other` against `base`: absolute, and in percent
 * of the base's magnitude (so a loss that shrinks, -10 to -5, is +50 %). True/false and
 * lists (ladder.holds, ladder.order) are not numbers and have no delta; nor do channels,
 * which differ between scenarios.
 */
export function compareTo(base: JsonResult, other: JsonResult): ComparedResult {
  const delta: DeltaTree = {};
  const percent: DeltaTree = {};
  for (const section of COMPARED_GROUPS) {
    delta[section] = {};
    percent[section] = {};
    walk(base[section], other[section], delta[section] as DeltaTree, percent[section] as DeltaTree);
  }
  return { ...other, delta, delta_pct: percent };
}

function walk(base: unknown, other: unknown, delta: DeltaTree, percent: DeltaTree): void {
  const keys = new Set([...Object.keys(asRecord(base)), ...Object.keys(asRecord(other))]);
  for (const key of keys) {
    // A side without the key (or with a null group) counts as null: its leaves are n/a, not absent.
    const [from, to] = [asRecord(base)[key] ?? null, asRecord(other)[key] ?? null];
    if (isNumeric(from) && isNumeric(to)) {
      const change = typeof from === "number" && typeof to === "number" ? to - from : null;
      delta[key] = finite(change);
      percent[key] = change === null || from === 0 || typeof from !== "number" ? null : finite((change / Math.abs(from)) * 100);
    } else if (isRecord(from) || isRecord(to)) {
      delta[key] = {};
      percent[key] = {};
      walk(from, to, delta[key] as DeltaTree, percent[key] as DeltaTree);
    }
  }
}

const isNumeric = (value: unknown): value is number | null => value === null || typeof value === "number";
const asRecord = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});
const finite = (value: number | null): number | null => (value !== null && Number.isFinite(value) ? value : null);

/** Every result set against the first (the base, whose own delta is zero). */
export function compareAll(results: readonly JsonResult[]): ComparedResult[] {
  const base = results[0];
  if (base === undefined) return [];
  return results.map((result) => compareTo(base, result));
}
