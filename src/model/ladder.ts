import type { ModelResult, RungName } from "./types.js";

const RUNGS: readonly RungName[] = ["inference", "training", "acquisition"];

/**
 * The cost ladder per acquired user. It holds when `inference < training < acquisition`
 * strictly; a rung that cannot be computed (null) breaks it.
 */
export function costLadder(inference: number | null, training: number | null, acquisition: number | null): ModelResult["ladder"] {
  const values = [inference, training, acquisition];
  // A rung without a value has no place in the order: ranking it would show it as the
  // dearest when nothing is known of it. The others by insertion, cheapest first: stable,
  // so ties keep the ladder's own order, like the sort it replaces, without a comparator
  // closure per call (a sweep or a sample run builds a ladder for every point).
  const order: RungName[] = [];
  const ranked: number[] = [];
  const not_available: RungName[] = [];
  for (let i = 0; i < RUNGS.length; i++) {
    const rung = RUNGS[i]!;
    const value = values[i]!;
    if (value === null) {
      not_available.push(rung);
      continue;
    }
    let at = order.length;
    for (; at > 0 && ranked[at - 1]! > value; at--) {
      order[at] = order[at - 1]!;
      ranked[at] = ranked[at - 1]!;
    }
    order[at] = rung;
    ranked[at] = value;
  }
  const holds = inference !== null && training !== null && acquisition !== null && inference < training && training < acquisition;
  return { inference, training, acquisition, order, not_available, holds };
}
