import type { Acquisition, BuyingMode, Channel, ChannelCost, Saturation } from "./types.js";

/** A channel's cost per install: `cpa`, `cpm / 1000 / (ctr * cvr)` or `cpc / cvr`. */
export function channelCpa(cost: ChannelCost): number {
  switch (cost.kind) {
    case "cpa":
      return cost.cpa;
    case "cpm":
      return cost.cpm / 1000 / (cost.ctr * cost.cvr);
    case "cpc":
      return cost.cpc / cost.cvr;
  }
}

/**
 * `CPA0 = 1 / Σ (share_i / cpa_i)`: the spend-weighted (harmonic) blend, because
 * each channel turns its share of the money into `share_i / cpa_i` installs.
 * Null when no channel yields installs per unit of money.
 */
export function blendedCpa(channels: readonly Channel[]): number | null {
  let installsPerMoney = 0;
  for (const channel of channels) installsPerMoney += channel.share / channelCpa(channel.cost);
  return installsPerMoney > 0 && Number.isFinite(installsPerMoney) ? 1 / installsPerMoney : null;
}

/** The channel's own annual CPA drift, or the acquisition's. */
export function channelAnnualCostChange(channel: Channel, acquisition: Acquisition): number {
  return channel.annualCostChange ?? acquisition.annualCostChange;
}

/** `(1 + s / S) ** e`: how much dearer than its base CPA a channel is at daily spend `s`. */
export function saturationFactor(spend: number, saturation: Saturation | null | undefined): number {
  if (!saturation || saturation.elasticity === 0) return 1;
  return (1 + spend / saturation.referenceDailySpend) ** saturation.elasticity;
}

/**
 * The marginal CPA (cost of one more install) at daily spend `s`, given the CPA at that
 * spend: `cpa(s) * (1 + x) / (1 + (1 - e) x)`, `x = s / S`; equal to the CPA without saturation.
 */
export function marginalCpa(cpaAtSpend: number, spend: number, saturation: Saturation | null | undefined): number {
  if (!saturation || saturation.elasticity === 0) return cpaAtSpend;
  const x = spend / saturation.referenceDailySpend;
  return (cpaAtSpend * (1 + x)) / (1 + (1 - saturation.elasticity) * x);
}

/**
 * What one channel's spend buys on a day: `installsPerMoney` is its installs per unit of
 * money at zero spend that day (`1 / (cpa_i g_i^t)`), `share` its share of the day's spend.
 */
export interface ChannelTerm {
  share: number;
  installsPerMoney: number;
  saturation: Saturation | null | undefined;
}

/** `s * k * (1 + s / S) ** (-e)`: installs bought by spending `s` on a channel with zero-spend rate `k`. */
export function installsForChannelSpend(spend: number, installsPerMoney: number, saturation: Saturation | null | undefined): number {
  if (spend === 0) return 0;
  return (spend * installsPerMoney) / saturationFactor(spend, saturation);
}

/**
 * `d installs / d spend` for one channel: `k (1 + (1 - e) x) / (1 + x) ** (1 + e)`, `x = s / S`;
 * falls from `k` at zero spend (constant `k` without saturation).
 */
export function marginalInstallsPerMoney(spend: number, installsPerMoney: number, saturation: Saturation | null | undefined): number {
  if (!saturation || saturation.elasticity === 0) return installsPerMoney;
  const e = saturation.elasticity;
  const x = spend / saturation.referenceDailySpend;
  return (installsPerMoney * (1 + (1 - e) * x)) / (1 + x) ** (1 + e);
}

/** `Σ_i installs_i(share_i * spend)`: the paid installs a day's spend buys across its channels. */
export function installsForSpend(terms: readonly ChannelTerm[], spend: number): number {
  let installs = 0;
  for (const term of terms) installs += installsForChannelSpend(term.share * spend, term.installsPerMoney, term.saturation);
  return installs;
}

const RELATIVE_TOLERANCE = 1e-13;
const MAX_NEWTON_STEPS = 200;

/**
 * The spend whose split across `terms` buys `installs` (installs mode). Without saturation
 * it is `installs / Σ share_i k_i`. With it, installs are increasing and concave in spend,
 * so Newton's method started at that (lower) bound climbs to the root without
 * overshooting; it stops when a step moves the spend by less than 1e-13 relative.
 * Null when no channel buys anything.
 */
export function spendForInstalls(terms: readonly ChannelTerm[], installs: number): number | null {
  let linearRate = 0;
  for (const term of terms) linearRate += term.share * term.installsPerMoney;
  if (!(linearRate > 0) || !Number.isFinite(linearRate)) return installs === 0 ? 0 : null;
  let spend = installs / linearRate;
  if (installs === 0 || !terms.some((term) => saturates(term.saturation))) return spend;
  for (let step = 0; step < MAX_NEWTON_STEPS; step++) {
    let bought = 0;
    let slope = 0;
    for (const term of terms) {
      const channelSpend = term.share * spend;
      bought += installsForChannelSpend(channelSpend, term.installsPerMoney, term.saturation);
      slope += term.share * marginalInstallsPerMoney(channelSpend, term.installsPerMoney, term.saturation);
    }
    const next = spend + (installs - bought) / slope;
    const moved = Math.abs(next - spend);
    spend = next;
    if (moved <= RELATIVE_TOLERANCE * spend) break;
  }
  return spend;
}

export function saturates(saturation: Saturation | null | undefined): saturation is Saturation {
  return !!saturation && saturation.elasticity > 0;
}

/** The buying mode of a day: the schedule's entry, or v1's budget/installs until `duration_days`. */
export function buyingOnDay(acquisition: Acquisition, day: number): BuyingMode | null {
  const schedule = acquisition.schedule;
  if (schedule && schedule.length > 0) {
    let current: BuyingMode | null = null;
    for (const entry of schedule) {
      if (entry.fromDay > day) break;
      current = entry.buying;
    }
    return current;
  }
  if (acquisition.buying === null || day >= acquisition.durationDays) return null;
  return acquisition.buying;
}

export interface PaidDay {
  spend: number;
  paidInstalls: number;
}

/**
 * Spend and paid installs on one day, given each channel's CPA drift factor `g_i^t`.
 * Budget mode fixes the spend, installs mode fixes the installs (and the spend is
 * solved for). Each channel spends its share and buys at its own CPA path.
 */
export function paidOnDay(acquisition: Acquisition, day: number, channelDrift: readonly number[]): PaidDay {
  const buying = buyingOnDay(acquisition, day);
  if (buying === null) return { spend: 0, paidInstalls: 0 };
  const terms = channelTerms(acquisition.channels, channelDrift);
  if (buying.kind === "budget") {
    return { spend: buying.dailyBudget, paidInstalls: installsForSpend(terms, buying.dailyBudget) };
  }
  const spend = spendForInstalls(terms, buying.dailyInstalls);
  if (spend === null) return { spend: 0, paidInstalls: 0 };
  return { spend, paidInstalls: buying.dailyInstalls };
}

/** Each channel's share and its zero-spend installs per unit of money on a day. */
export function channelTerms(channels: readonly Channel[], channelDrift: readonly number[]): ChannelTerm[] {
  return channels.map((channel, i) => ({
    share: channel.share,
    installsPerMoney: 1 / (channelCpa(channel.cost) * channelDrift[i]!),
    saturation: channel.saturation,
  }));
}

/** `organic(t) = organic_installs_per_day + organic_ratio * paid(t)`. */
export function organicOnDay(acquisition: Acquisition, paidInstalls: number): number {
  return acquisition.organicInstallsPerDay + acquisition.organicRatio * paidInstalls;
}
