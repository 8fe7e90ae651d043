/**
 * `a / b`, or null where the quotient is not a finite number: the model promises
 * that no NaN or Infinity leaves it, so every division by a quantity that can be
 * zero goes through here.
 */
export function ratio(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  const quotient = numerator / denominator;
  return Number.isFinite(quotient) ? quotient : null;
}

/**
 * The relative size under which a difference of two sums is their rounding, not a figure:
 * the fast and the direct evaluation add the same terms in other orders (some 1e-15
 * apart), and a margin that is exactly zero in the inputs (revenue per user equal to its
 * serving cost) must not come out as ±1e-14 and so flip the payback day or an `expect:`
 * bound with the path taken.
 */
const ROUNDING = 1e-12;

/** `difference`, or 0 where it is within rounding of `scale`, the size of the terms it came from. */
export function settled(difference: number, scale: number): number {
  return Math.abs(difference) <= ROUNDING * scale ? 0 : difference;
}

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** Running totals: `out[t] = Σ_{j<=t} values[j]`. */
export function cumulative(values: readonly number[]): number[] {
  const out = new Array<number>(values.length);
  let total = 0;
  for (let t = 0; t < values.length; t++) {
    total += values[t]!;
    out[t] = total;
  }
  return out;
}

/** First index whose predicate holds, or null. */
export function firstDay(length: number, holds: (t: number) => boolean): number | null {
  for (let t = 0; t < length; t++) if (holds(t)) return t;
  return null;
}
