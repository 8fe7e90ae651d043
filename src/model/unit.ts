import { firstDay } from "./arithmetic.js";

/** `Σ_{a<L} R(a) * serve(a)`: what serving one user costs over their lifetime. */
export function inferencePerUser(retention: readonly number[], serve: readonly number[], lifetimeDays: number): number {
  let total = 0;
  for (let age = 0; age < lifetimeDays; age++) total += retention[age]! * serve[age]!;
  return total;
}

/** `R(a) * (arpdau - serve(a))` for each age of the lifetime. */
export function marginByAge(
  retention: readonly number[],
  serve: readonly number[],
  arpdau: number,
  lifetimeDays: number,
): number[] {
  const margin = new Array<number>(lifetimeDays);
  for (let age = 0; age < lifetimeDays; age++) margin[age] = retention[age]! * (arpdau - serve[age]!);
  return margin;
}

/** First age at which the cumulative margin covers the acquisition cost, or null. */
export function paybackDay(margin: readonly number[], cacBlended: number | null): number | null {
  if (cacBlended === null) return null;
  let earned = 0;
  return firstDay(margin.length, (age) => {
    earned += margin[age]!;
    return earned >= cacBlended;
  });
}
