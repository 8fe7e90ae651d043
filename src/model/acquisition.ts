import type { Acquisition, Channel, ChannelCost } from "./types.js";

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

export interface PaidDay {
  spend: number;
  paidInstalls: number;
}

/**
 * Spend and paid installs on one day, given the day's CPA drift factor.
 * Budget mode fixes the spend, installs mode fixes the installs.
 */
export function paidOnDay(acquisition: Acquisition, cpa0: number | null, drift: number, day: number): PaidDay {
  const buying = acquisition.buying;
  if (buying === null || cpa0 === null || day >= acquisition.durationDays) return { spend: 0, paidInstalls: 0 };
  const cpa = cpa0 * drift;
  if (buying.kind === "budget") return { spend: buying.dailyBudget, paidInstalls: buying.dailyBudget / cpa };
  return { spend: buying.dailyInstalls * cpa, paidInstalls: buying.dailyInstalls };
}

/** `organic(t) = organic_installs_per_day + organic_ratio * paid(t)`. */
export function organicOnDay(acquisition: Acquisition, paidInstalls: number): number {
  return acquisition.organicInstallsPerDay + acquisition.organicRatio * paidInstalls;
}
