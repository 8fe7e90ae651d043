import type { RetentionPoint, RetentionTail } from "./types.js";

/**
 * `R(age)`: share of a cohort still active `age` days after install. The given points
 * are joined by straight lines in log-log space, with `R(0) = 1`. Past the last point
 * `tail` decides (model-v2.md 6): `power` continues the last log-log segment (v1),
 * `exponential` continues it in log-linear space, `flat` holds the last rate. Clamped to [0, 1].
 *
 * `points` are sorted by day, start at day 1 and have at least two entries.
 */
export function retentionAt(points: readonly RetentionPoint[], age: number, tail: RetentionTail = "power"): number {
  if (age <= 0) return 1;
  const [start, end] = segmentFor(points, age);
  if (age > end.day && tail !== "power") return clamp01(tailRate(start, end, age, tail));
  const slope = (Math.log(end.rate) - Math.log(start.rate)) / (Math.log(end.day) - Math.log(start.day));
  const logRate = Math.log(start.rate) + slope * (Math.log(age) - Math.log(start.day));
  return clamp01(Math.exp(logRate));
}

/** Past the last point `end`, with `start` the one before it. */
function tailRate(start: RetentionPoint, end: RetentionPoint, age: number, tail: "exponential" | "flat"): number {
  if (tail === "flat") return end.rate;
  const slopePerDay = (Math.log(end.rate) - Math.log(start.rate)) / (end.day - start.day);
  return Math.exp(Math.log(end.rate) + slopePerDay * (age - end.day));
}

/** `R(0) .. R(days-1)`. */
export function retentionCurve(points: readonly RetentionPoint[], days: number, tail: RetentionTail = "power"): number[] {
  const curve = new Array<number>(days);
  for (let age = 0; age < days; age++) curve[age] = retentionAt(points, age, tail);
  return curve;
}

function segmentFor(points: readonly RetentionPoint[], age: number): [RetentionPoint, RetentionPoint] {
  for (let i = 1; i < points.length; i++) {
    if (age <= points[i]!.day) return [points[i - 1]!, points[i]!];
  }
  return [points[points.length - 2]!, points[points.length - 1]!];
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
