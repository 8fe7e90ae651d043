import type { RetentionPoint, RetentionTail } from "../types.js";
import { scratch } from "./scratch.js";

/**
 * `R(0) .. R(days-1)` and its running sums `CR(a) = Σ_{j<=a} R(j)`: retention.ts's curve
 * to 1e-13 relative, with each segment's logs and slope taken once instead of once a day
 * and far fewer exps (fillRetention).
 * The last curve is kept: a sweep over anything but retention asks for it again.
 */
export interface RetentionCurves {
  rate: Float64Array;
  cumulative: Float64Array;
}

/** The last curve, with a copy of the points and tail it was made from. */
let last: { points: RetentionPoint[]; tail: RetentionTail; days: number; curves: RetentionCurves } | undefined;

export function retentionCurves(points: readonly RetentionPoint[], days: number, tail: RetentionTail): RetentionCurves {
  if (last !== undefined && last.days === days && last.tail === tail && samePoints(last.points, points)) return last.curves;
  // The last curve's arrays and points are refilled: nothing holds on to them past one evaluation.
  if (last === undefined || last.days !== days) {
    last = { points: [], tail, days, curves: { rate: new Float64Array(days), cumulative: new Float64Array(days) } };
  }
  const { rate, cumulative } = last.curves;
  fillRetention(points, tail, rate);
  let total = 0;
  for (let age = 0; age < days; age++) {
    total += rate[age]!;
    cumulative[age] = total;
  }
  last.tail = tail;
  copyPoints(points, last.points);
  return last.curves;
}

function samePoints(a: readonly RetentionPoint[], b: readonly RetentionPoint[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.day !== b[i]!.day || a[i]!.rate !== b[i]!.rate) return false;
  return true;
}

/** `to` becomes a copy of `from` (the caller may change its points afterwards), reusing its objects. */
function copyPoints(from: readonly RetentionPoint[], to: RetentionPoint[]): void {
  for (let i = 0; i < from.length; i++) {
    const copy = to[i];
    if (copy === undefined) to.push({ day: from[i]!.day, rate: from[i]!.rate });
    else {
      copy.day = from[i]!.day;
      copy.rate = from[i]!.rate;
    }
  }
  to.length = from.length;
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

/**
 * The ages below `factorsLength` split as the sieve finds them: the primes, and every
 * composite `a` in increasing order with its smallest prime factor `p` and `a / p`.
 */
let factorsLength = 0;
let primes = new Int32Array(0);
let composites = new Int32Array(0);
let compositeFactor = new Int32Array(0);
let compositeCofactor = new Int32Array(0);

function factorAgesUpTo(length: number): void {
  if (factorsLength >= length) return;
  const smallest = new Int32Array(length);
  const primeList: number[] = [];
  const compositeList: number[] = [];
  for (let a = 2; a < length; a++) {
    if (smallest[a] === 0) {
      primeList.push(a);
      for (let multiple = a; multiple < length; multiple += a) if (smallest[multiple] === 0) smallest[multiple] = a;
    } else {
      compositeList.push(a);
    }
  }
  primes = Int32Array.from(primeList);
  composites = Int32Array.from(compositeList);
  compositeFactor = composites.map((a) => smallest[a]!);
  compositeCofactor = composites.map((a) => a / smallest[a]!);
  factorsLength = length;
}

/**
 * `a^slope` for 1 <= a <= last, into `out`: `exp(slope ln p)` for each prime p, then a
 * product of two smaller entries for every composite (`a = p * (a / p)`), so one exp per
 * prime instead of one per age. Each entry is a product of at most log2(a) rounded
 * powers: within about 1e-15 relative of `exp(slope ln a)`.
 */
function powersOfAges(slope: number, last: number, out: Float64Array): void {
  const logs = logsUpTo(last + 1);
  factorAgesUpTo(last + 1);
  out[1] = 1;
  for (let i = 0; i < primes.length; i++) {
    const p = primes[i]!;
    if (p > last) break;
    out[p] = Math.exp(slope * logs[p]!);
  }
  for (let i = 0; i < composites.length; i++) {
    const a = composites[i]!;
    if (a > last) break;
    out[a] = out[compositeFactor[i]!]! * out[compositeCofactor[i]!]!;
  }
}

/**
 * Ages after which the exponential tail's running product is re-anchored to its exact
 * value: 32 rounded products stay within about 1e-14 relative.
 */
const TAIL_ANCHOR_EVERY = 32;

/**
 * retention.ts's `retentionAt` for every age, segment by segment. A log-log segment is
 * `R(a) = exp(ln r0 + slope (ln a - ln d0))`; one that covers most of the ages it spans
 * (the long last one) is computed as `r0 d0^-slope * a^slope` from powersOfAges, with
 * one exp per prime; short ones with one exp per age. Within 1e-13 relative of
 * retention.ts (tests/model/fast.test.ts).
 */
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
    if (2 * (until - age) > until) {
      const powers = scratch("agePowers", until + 1);
      powersOfAges(slope, until, powers);
      const scale = Math.exp(logStartRate - slope * logStartDay);
      for (; age <= until; age++) out[age] = clamp01(scale * powers[age]!);
    } else {
      for (; age <= until; age++) out[age] = clamp01(Math.exp(logStartRate + slope * (logs[age]! - logStartDay)));
    }
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
  const dailyFactor = Math.exp(slopePerDay);
  let rate = 0;
  for (let step = 0; age < days; age++, step++) {
    rate = step % TAIL_ANCHOR_EVERY === 0 ? Math.exp(logEndRate + slopePerDay * (age - end.day)) : rate * dailyFactor;
    out[age] = clamp01(rate);
  }
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
