import type { ModelResult, RungName } from "./types.js";

const RUNGS: readonly RungName[] = ["inference", "training", "acquisition"];

/**
 * The cost ladder per acquired user. It holds when `inference < training < acquisition`
 * strictly; a rung that cannot be computed (null) breaks it.
 */
export function costLadder(
  inference: number | null,
  training: number | null,
  acquisition: number | null,
): ModelResult["ladder"] {
  const value: Record<RungName, number | null> = { inference, training, acquisition };
  // Stable sort: ties keep the ladder's own order; unknown rungs go last.
  const order = [...RUNGS].sort((a, b) => rank(value[a]) - rank(value[b]));
  const holds = inference !== null && training !== null && acquisition !== null && inference < training && training < acquisition;
  return { inference, training, acquisition, order, holds };
}

function rank(value: number | null): number {
  return value === null ? Number.POSITIVE_INFINITY : value;
}
