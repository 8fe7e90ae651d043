import type { RetentionPoint, RetentionTail } from "../types.js";

/**
 * `R(0) .. R(days-1)` and its running sums `CR(a) = Σ_{j<=a} R(j)`, computed as
 * retention.ts computes them (the same operations in the same order, so the same
 * doubles) but with each segment's logs and slope taken once instead of once a day.
 * The last curve is kept: a sweep over anything but retention asks for it again.
 */
export interface RetentionCurves {
  rate: Float64Array;
  cumulative: Float64Array;
}

let last: { points: RetentionPoint[]; tail: RetentionTail; days: number; curves: RetentionCurves } | undefined;

export function retentionCurves(points: readonly RetentionPoint[], days: number, tail: RetentionTail): RetentionCurves {
  if (last !== undefined && last.days === days && last.tail === tail && samePoints(last.points, points)) return last.curves;
  // The last curve's arrays are refilled: nothing holds on to them past one evaluation.
  const reuse = last !== undefined && last.days === days;
  const rate = reuse ? last!.curves.rate : new Float64Array(days);
  const cumulative = reuse ? last!.curves.cumulative : new Float64Array(days);
  fillRetention(points, tail, rate);
  let total = 0;
  for (let age = 0; age < days; age++) {
    total += rate[age]!;
    cumulative[age] = total;
  }
  const curves = { rate, cumulative };
  last = { points: points.map((point) => ({ ...point })), tail, days, curves };
  return curves;
}

function samePoints(a: readonly RetentionPoint[], b: readonly RetentionPoint[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.day !== b[i]!.day || a[i]!.rate !== b[i]!.rate) return false;
  return true;
}

/** `ln a` for a = 0, 1, 2, ...: the same doubles for every curve. */
let logOfAge = new Float64Array(0);

function logsUpTo(days: number): Float64Array {
  if (logOfAge.length < days) {
    logOfAge = new Float64Array(days);
    for (let age = 1; age < days; age++) logOfAge[age] = Math.log(age);
  }
  return logOfAge;
}

/** retention.ts's `retentionAt` for every age, segment by segment. */
function fillRetention(points: readonly RetentionPoint[], tail: RetentionTail, out: Float64Array): void {
  const days = out.length;
  const logs = logsUpTo(days);
  if (days > 0) out[0] = 1;
  let age = 1;
  const lastIndex = points.length - 1;
  for (let i = 1; i <= lastIndex && age < days; i++) {
    const start = points[i - 1]!;
    const end = points[i]!;
    const isLast = i === lastIndex;
    // The segment covers ages up to its end day; the last one (power tail) every age beyond.
    const until = isLast && tail === "power" ? days - 1 : Math.min(end.day, days - 1);
    const logStartRate = Math.log(start.rate);
    const logStartDay = Math.log(start.day);
    const slope = (Math.log(end.rate) - logStartRate) / (Math.log(end.day) - logStartDay);
    for (; age <= until; age++) out[age] = clamp01(Math.exp(logStartRate + slope * (logs[age]! - logStartDay)));
  }
  if (age >= days || tail === "power") return;
  const start = points[lastIndex - 1]!;
  const end = points[lastIndex]!;
  if (tail === "flat") {
    const flat = clamp01(end.rate);
    for (; age < days; age++) out[age] = flat;
    return;
  }
  const logEndRate = Math.log(end.rate);
  const slopePerDay = (logEndRate - Math.log(start.rate)) / (end.day - start.day);
  for (; age < days; age++) out[age] = clamp01(Math.exp(logEndRate + slopePerDay * (age - end.day)));
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
