import { firstDay, ratio, settled } from "./arithmetic.js";

/** `Σ_{a<L} R(a) * serve(a)`: serving a user installed on day 0 over their lifetime. */
export function inferencePerUser(retention: readonly number[], serve: readonly number[], lifetimeDays: number): number {
  let total = 0;
  for (let age = 0; age < lifetimeDays; age++) total += retention[age]! * serve[age]!;
  return total;
}

/**
 * `w_d = installs(d) / N` for each install day of the horizon: the weights of the average
 * acquired user (model-v2.md, section 9). With no installs, the day-0 user alone (`w_0 = 1`).
 */
export function installWeights(installs: readonly number[]): number[] {
  let total = 0;
  for (const count of installs) total += count;
  if (!(total > 0)) return installs.map((_, day) => (day === 0 ? 1 : 0));
  return installs.map((count) => count / total);
}

/**
 * `Σ_d w_d serve(d + a)` for each age `a < L`: what serving an active user of age `a`
 * costs, averaged over the install days. `serve` must cover day `H - 1 + L - 1`.
 * The direct double sum, the reference for any faster form.
 */
export function cohortServeByAge(weights: readonly number[], serve: readonly number[], lifetimeDays: number): number[] {
  const byAge = new Array<number>(lifetimeDays).fill(0);
  for (let day = 0; day < weights.length; day++) {
    const weight = weights[day]!;
    if (weight === 0) continue;
    for (let age = 0; age < lifetimeDays; age++) byAge[age]! += weight * serve[day + age]!;
  }
  return byAge;
}

/** `rev(a) = R(a) * arpdau` for each age of the lifetime: revenue per installed user at age `a`. */
export function revenueByAgeFromArpdau(retention: readonly number[], arpdau: number, lifetimeDays: number): number[] {
  const revenue = new Array<number>(lifetimeDays);
  for (let age = 0; age < lifetimeDays; age++) revenue[age] = retention[age]! * arpdau;
  return revenue;
}

/**
 * `m(a) = rev(a) - R(a) * servedAt(a)` for each age of the lifetime, where `servedAt` is
 * the cohort-weighted serving cost of an active user of that age (or v1's `serve(a)`).
 */
export function marginByAge(
  retention: readonly number[],
  servedAt: readonly number[],
  revenueByAge: readonly number[],
  lifetimeDays: number,
): number[] {
  const margin = new Array<number>(lifetimeDays);
  for (let age = 0; age < lifetimeDays; age++) margin[age] = revenueByAge[age]! - retention[age]! * servedAt[age]!;
  return margin;
}

/**
 * `|rev(a)| + R(a) * servedAt(a)` for each age: the size of the terms a margin is the
 * difference of, against which its rounding is judged (arithmetic.ts, `settled`).
 */
export function turnoverByAge(
  retention: readonly number[],
  servedAt: readonly number[],
  revenueByAge: readonly number[],
  lifetimeDays: number,
): number[] {
  const turnover = new Array<number>(lifetimeDays);
  for (let age = 0; age < lifetimeDays; age++) turnover[age] = Math.abs(revenueByAge[age]!) + retention[age]! * servedAt[age]!;
  return turnover;
}

/**
 * First age at which the cumulative margin covers the acquisition cost, or null. A
 * shortfall within rounding of the sums behind it (`settled`) is no shortfall: a tie holds.
 */
export function paybackDay(margin: readonly number[], turnover: readonly number[], cacBlended: number | null): number | null {
  if (cacBlended === null) return null;
  let earned = 0;
  let size = 0;
  return firstDay(margin.length, (age) => {
    earned += margin[age]!;
    size += turnover[age]!;
    return settled(earned - cacBlended, size + cacBlended) >= 0;
  });
}

/**
 * `A / (N_paid * (1 + organic_ratio))`: the spend over the installs it caused (paid ones
 * and the organic ones they bring), the baseline organic installs left out. Null without paid installs.
 */
export function cacIncremental(totalSpend: number, paidInstalls: number, organicRatio: number): number | null {
  if (paidInstalls === 0) return null;
  return ratio(totalSpend, paidInstalls * (1 + organicRatio));
}
