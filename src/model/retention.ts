import type { RetentionPoint } from "./types.js";

/**
 * `R(age)`: share of a cohort still active `age` days after install. The given points
 * are joined by straight lines in log-log space, with `R(0) = 1`; past the last point
 * the last segment continues (a power-law tail). Clamped to [0, 1].
 *
 * `points` are sorted by day, start at day 1 and have at least two entries.
 */
export function retentionAt(points: readonly RetentionPoint[], age: number): number {
  if (age <= 0) return 1;
  const segment = segmentFor(points, age);
  const [start, end] = segment;
  const slope = (Math.log(end.rate) - Math.log(start.rate)) / (Math.log(end.day) - Math.log(start.day));
  const logRate = Math.log(start.rate) + slope * (Math.log(age) - Math.log(start.day));
  return clamp01(Math.exp(logRate));
}

/** `R(0) .. R(days-1)`. */
export function retentionCurve(points: readonly RetentionPoint[], days: number): number[] {
  const curve = new Array<number>(days);
  for (let age = 0; age < days; age++) curve[age] = retentionAt(points, age);
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
