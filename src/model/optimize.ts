import { installsForChannelSpend, marginalInstallsPerMoney, saturates } from "./acquisition.js";
import { compoundedOnDay } from "./growth.js";
import type { Saturation } from "./types.js";

/**
 * The best split of a daily budget across channels and the right budget for a target
 * marginal CPA (model-v2.md 5b). Pure math: a channel is its average installs per unit
 * of money at zero spend `k_i` and its saturation; spends are money per day.
 */
export interface SplitChannel {
  /** `k_i = (1 / cpa_i) (1/D) Σ_{t<D} g(c_i)^(-t)`. */
  installsPerMoney: number;
  saturation: Saturation | null | undefined;
}

export interface Split {
  /** Null when unbounded. */
  dailyBudget: number | null;
  /** Each channel's daily spend, in file order; null when unbounded. */
  spends: number[] | null;
  /** The objective `Σ k_i s_i (1 + s_i/S_i)^(-e_i)`; null when unbounded. */
  installsPerDay: number | null;
  /**
   * `1 / λ`: what one more install costs at this split on every funded channel (at a
   * zero budget, the cheapest first install); null without channels.
   */
  marginalCpa: number | null;
  /** True when a linear channel's CPA is below the target marginal CPA: no budget is enough. */
  unbounded: boolean;
}

/**
 * `k_i`: a channel's installs per unit of money at zero spend, averaged over the paid
 * days `t < paidDays` as its CPA drifts by `annualCostChange` (day 0 alone when there are none).
 */
export function averageInstallsPerMoney(cpa: number, annualCostChange: number, paidDays: number): number {
  const days = Math.max(1, paidDays);
  let total = 0;
  for (let day = 0; day < days; day++) total += 1 / compoundedOnDay(1, annualCostChange, day);
  return total / days / cpa;
}

/** `Σ_i k_i s_i (1 + s_i/S_i)^(-e_i)`: the paid installs a day the spends buy on average. */
export function splitInstalls(channels: readonly SplitChannel[], spends: readonly number[]): number {
  let installs = 0;
  channels.forEach((channel, i) => {
    installs += installsForChannelSpend(spends[i]!, channel.installsPerMoney, channel.saturation);
  });
  return installs;
}

const RELATIVE_TOLERANCE = 1e-14;
const MAX_STEPS = 2000;

/**
 * The spend at which a saturating channel's marginal installs per money `m(s)` fall to
 * `λ`; 0 when `k <= λ` (its first install already costs more). `m` falls strictly from `k`
 * towards 0, so bisection on `x = s / S` finds it.
 */
export function spendAtMarginal(channel: SplitChannel, marginalInstalls: number): number {
  const { installsPerMoney: k, saturation } = channel;
  if (!saturates(saturation) || k <= marginalInstalls) return 0;
  const reference = saturation.referenceDailySpend;
  const above = (x: number) => marginalInstallsPerMoney(x * reference, k, saturation) > marginalInstalls;
  // Bracket x within a factor of 2 first, so that tiny and huge spends both end with a relative tolerance.
  let low = 0.5;
  let high = 1;
  while (above(high) && high < Number.MAX_VALUE / 4) {
    low = high;
    high *= 2;
  }
  while (!above(low) && low > Number.MIN_VALUE * 4) {
    high = low;
    low /= 2;
  }
  for (let step = 0; step < MAX_STEPS && high - low > 1e-15 * high; step++) {
    const mid = (low + high) / 2;
    if (above(mid)) low = mid;
    else high = mid;
  }
  return ((low + high) / 2) * reference;
}

/** Each saturating channel's spend at marginal installs per money `λ`; linear channels 0. */
function saturatingSpends(channels: readonly SplitChannel[], marginalInstalls: number): number[] {
  return channels.map((channel) => spendAtMarginal(channel, marginalInstalls));
}

/** The linear channel (no saturation) with the largest `k` (ties: first in file order), or -1. */
function bestLinearChannel(channels: readonly SplitChannel[]): number {
  let best = -1;
  channels.forEach((channel, i) => {
    if (saturates(channel.saturation)) return;
    if (best < 0 || channel.installsPerMoney > channels[best]!.installsPerMoney) best = i;
  });
  return best;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/**
 * The `λ` in `(low, high)` at which `measure(saturatingSpends(λ))`, falling in `λ`, equals
 * `target`, by bisection on a log scale to 1e-13 relative. `measure(λ = high)` is below
 * the target; `low` is lowered (halved) until the measure reaches it.
 */
function solveMarginal(
  channels: readonly SplitChannel[],
  measure: (spends: number[]) => number,
  target: number,
  low: number | null,
  high: number,
): number {
  let lower = low ?? high / 2;
  if (low === null) {
    while (measure(saturatingSpends(channels, lower)) < target && lower > Number.MIN_VALUE * 4) lower /= 2;
  }
  let upper = high;
  for (let step = 0; step < MAX_STEPS && upper - lower > RELATIVE_TOLERANCE * upper; step++) {
    const mid = Math.sqrt(lower * upper);
    const value = measure(saturatingSpends(channels, mid));
    if (value >= target) lower = mid;
    else upper = mid;
  }
  return Math.sqrt(lower * upper);
}

function maxInstallsPerMoney(channels: readonly SplitChannel[], onlySaturating: boolean): number {
  let max = 0;
  for (const channel of channels) {
    if (onlySaturating && !saturates(channel.saturation)) continue;
    max = Math.max(max, channel.installsPerMoney);
  }
  return max;
}

/** A split with `spends` scaled to sum exactly to `dailyBudget` (bisection leaves ~1e-13). */
function finish(channels: readonly SplitChannel[], spends: number[], dailyBudget: number, marginalInstalls: number): Split {
  const spent = sum(spends);
  const scaled = spent > 0 ? spends.map((spend) => (spend * dailyBudget) / spent) : spends;
  return {
    dailyBudget,
    spends: scaled,
    installsPerDay: splitInstalls(channels, scaled),
    marginalCpa: marginalInstalls > 0 ? 1 / marginalInstalls : null,
    unbounded: false,
  };
}

/**
 * The best split of `dailyBudget`: every funded channel at the same marginal installs per
 * money `λ`, unfunded ones with `k_i <= λ`. The best linear channel takes whatever the
 * saturating ones leave at `λ = its k`; if they leave nothing, `λ` rises until the
 * saturating spends alone sum to the budget.
 */
export function bestSplit(channels: readonly SplitChannel[], dailyBudget: number): Split {
  const zero = channels.map(() => 0);
  if (dailyBudget <= 0 || channels.length === 0) return finish(channels, zero, 0, maxInstallsPerMoney(channels, false));
  const linear = bestLinearChannel(channels);
  if (linear >= 0) {
    const linearRate = channels[linear]!.installsPerMoney;
    const spends = saturatingSpends(channels, linearRate);
    const rest = dailyBudget - sum(spends);
    if (rest >= 0) {
      spends[linear] = rest;
      return { dailyBudget, spends, installsPerDay: splitInstalls(channels, spends), marginalCpa: 1 / linearRate, unbounded: false };
    }
  }
  const high = maxInstallsPerMoney(channels, true);
  const low = linear >= 0 ? channels[linear]!.installsPerMoney : null;
  const marginal = solveMarginal(channels, sum, dailyBudget, low, high);
  return finish(channels, saturatingSpends(channels, marginal), dailyBudget, marginal);
}

/** The least daily budget whose best split buys `dailyInstalls` a day (installs mode). */
export function budgetForInstalls(channels: readonly SplitChannel[], dailyInstalls: number): Split {
  if (dailyInstalls <= 0 || channels.length === 0) return bestSplit(channels, 0);
  const installsOf = (spends: number[]) => splitInstalls(channels, spends);
  const linear = bestLinearChannel(channels);
  if (linear >= 0) {
    const linearRate = channels[linear]!.installsPerMoney;
    const spends = saturatingSpends(channels, linearRate);
    const rest = dailyInstalls - installsOf(spends);
    if (rest >= 0) {
      spends[linear] = rest / linearRate;
      return { dailyBudget: sum(spends), spends, installsPerDay: dailyInstalls, marginalCpa: 1 / linearRate, unbounded: false };
    }
  }
  const high = maxInstallsPerMoney(channels, true);
  const low = linear >= 0 ? channels[linear]!.installsPerMoney : null;
  const marginal = solveMarginal(channels, installsOf, dailyInstalls, low, high);
  const spends = saturatingSpends(channels, marginal);
  // One Newton step on the budget: installs rise at λ per unit of money at the best split.
  const budget = sum(spends);
  const polished = budget + (dailyInstalls - installsOf(spends)) / marginal;
  const scaled = spends.map((spend) => (spend * polished) / budget);
  return { dailyBudget: polished, spends: scaled, installsPerDay: installsOf(scaled), marginalCpa: 1 / marginal, unbounded: false };
}

/**
 * The daily budget whose best split has marginal CPA `targetCpa`: `B* = Σ s_i(λ = 1/X)`.
 * Unbounded when a linear channel's CPA `1/k_i` is below the target (every extra unit
 * of money there still buys at less than the target); a linear channel exactly at it
 * gets nothing. Budget 0 when no channel's first install is worth the target.
 */
export function budgetForMarginalCpa(channels: readonly SplitChannel[], targetCpa: number): Split {
  const marginal = 1 / targetCpa;
  const unbounded = channels.some((channel) => !saturates(channel.saturation) && channel.installsPerMoney > marginal);
  if (unbounded) return { dailyBudget: null, spends: null, installsPerDay: null, marginalCpa: targetCpa, unbounded: true };
  const spends = saturatingSpends(channels, marginal);
  const dailyBudget = sum(spends);
  if (dailyBudget === 0) return bestSplit(channels, 0);
  return { dailyBudget, spends, installsPerDay: splitInstalls(channels, spends), marginalCpa: targetCpa, unbounded: false };
}
