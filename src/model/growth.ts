/**
 * An annual rate compounded daily (model.md, Conventions):
 * `x(t) = x0 * (1 + annualChange) ** (t / 365)`.
 */
export function compoundedOnDay(initial: number, annualChange: number, day: number): number {
  if (annualChange === 0) return initial;
  return initial * (1 + annualChange) ** (day / 365);
}

/** The multiplier `(1 + annualChange) ** (day / 365)` for each day 0..days-1. */
export function driftFactors(annualChange: number, days: number): number[] {
  const factors = new Array<number>(days);
  for (let day = 0; day < days; day++) factors[day] = compoundedOnDay(1, annualChange, day);
  return factors;
}
