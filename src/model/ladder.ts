import type { ModelResult, RungName } from "./types.js";

const RUNGS: readonly RungName[] = ["inference", "training", "acquisition"];

/**
 * The cost ladder per acquired user. It holds when `inference < training < acquisition`
 * strictly; a rung that cannot be computed (null) breaks it.
 */
export function costLadder(inference: number | null, training: number | null, acquisition: number | null): ModelResult["ladder"] {
  const value: Record<RungName, number | null> = { inference, training, acquisition };
  // Stable sort: ties keep the ladder's own order. A rung without a value has no place in
  // the order: ranking it would show it as the dearest when nothing is known of it.
  const order = RUNGS.filter((rung) => value[rung] !== null).sort((a, b) => value[a]! - value[b]!);
  const not_available = RUNGS.filter((rung) => value[rung] === null);
  const holds = inference !== null && training !== null && acquisition !== null && inference < training && training < acquisition;
  return { inference, training, acquisition, order, not_available, holds };
}
