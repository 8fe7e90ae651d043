import {
  channelAnnualCostChange,
  type ChannelTerm,
  channelCpa,
  installsForChannelSpend,
  saturates,
  saturationFactor,
  spendForInstalls,
} from "../acquisition.js";
import type { Acquisition, BuyingMode } from "../types.js";
import type { InstallTerm } from "./dau.js";
import { scratch, scratchZeros } from "./scratch.js";

/** Days `[from, to)` bought in one mode (null: no paid buying). */
export interface BuyingSegment {
  from: number;
  to: number;
  buying: BuyingMode | null;
}

/** The horizon cut where the buying mode changes: the schedule's entries, or v1's budget/installs until `duration_days`. */
export function buyingSegments(acquisition: Acquisition, horizonDays: number): BuyingSegment[] {
  const schedule = acquisition.schedule;
  const segments: BuyingSegment[] = [];
  if (schedule && schedule.length > 0) {
    if (schedule[0]!.fromDay > 0) segments.push({ from: 0, to: Math.min(schedule[0]!.fromDay, horizonDays), buying: null });
    schedule.forEach((entry, i) => {
      const to = Math.min(schedule[i + 1]?.fromDay ?? horizonDays, horizonDays);
      if (entry.fromDay < to) segments.push({ from: entry.fromDay, to, buying: entry.buying });
    });
    return segments;
  }
  const paidUntil = acquisition.buying === null ? 0 : Math.min(acquisition.durationDays, horizonDays);
  if (paidUntil > 0) segments.push({ from: 0, to: paidUntil, buying: acquisition.buying });
  if (paidUntil < horizonDays) segments.push({ from: Math.max(paidUntil, 0), to: horizonDays, buying: null });
  return segments;
}

/**
 * Each day's spend and installs, the horizon's totals (summed day by day, as evaluate()
 * sums its calendar), each channel's totals, and the installs as terms for the DAU recurrence.
 * The arrays are scratch (valid until the next evaluation).
 */
export interface AcquisitionDays {
  spend: Float64Array;
  installs: Float64Array;
  totalSpend: number;
  totalInstalls: number;
  totalPaidInstalls: number;
  totalOrganicInstalls: number;
  channelSpend: Float64Array;
  channelInstalls: Float64Array;
  terms: InstallTerm[];
}

/**
 * calendar.ts's `installsByDay` without allocating per day: each channel's installs per
 * unit of money `k_i(t) = 1 / (cpa_i g_i^t)` is a running product, and a budget
 * segment's saturation factor is the same every day (it depends on the spend only).
 */
export function acquisitionDays(acquisition: Acquisition, horizonDays: number): AcquisitionDays {
  const spend = scratchZeros("spend", horizonDays);
  const installs = scratch("installs", horizonDays);
  const channels = acquisition.channels;
  const count = channels.length;
  const channelSpend = scratchZeros("channelSpend", count);
  const channelInstalls = scratchZeros("channelInstalls", count);
  const perMoney = scratch("perMoney", count);
  const dailyFall = scratch("dailyFall", count);
  for (let i = 0; i < count; i++) {
    const channel = channels[i]!;
    perMoney[i] = 1 / channelCpa(channel.cost);
    dailyFall[i] = 1 / (1 + channelAnnualCostChange(channel, acquisition)) ** (1 / 365);
  }
  const days: DayTotals = { spend: 0, installs: 0, paid: 0, organic: 0 };
  const installTerms: InstallTerm[] = [{ from: 0, to: horizonDays, amount: acquisition.organicInstallsPerDay, q: 1 }];
  const bought: Bought = { acquisition, spend, installs, perMoney, dailyFall, channelSpend, channelInstalls, days };
  // `perMoney` holds k_i(day) for the first day of each segment; day 0's is 1 / cpa_i.
  for (const segment of buyingSegments(acquisition, horizonDays)) {
    const { from, to, buying } = segment;
    if (buying?.kind === "budget" && buying.dailyBudget > 0) {
      installTerms.push(...budgetDays(bought, from, to, buying.dailyBudget));
    } else if (buying?.kind === "installs") {
      installTerms.push({ from, to, amount: (1 + acquisition.organicRatio) * buying.dailyInstalls, q: 1 });
      installsDays(bought, from, to, buying.dailyInstalls);
    } else {
      unpaidDays(bought, from, to);
    }
  }
  return {
    spend,
    installs,
    totalSpend: days.spend,
    totalInstalls: days.installs,
    totalPaidInstalls: days.paid,
    totalOrganicInstalls: days.organic,
    channelSpend,
    channelInstalls,
    terms: installTerms,
  };
}

interface DayTotals {
  spend: number;
  installs: number;
  paid: number;
  organic: number;
}

/** The state the segments fill in turn; `perMoney` is each channel's `k_i` on the next segment's first day. */
interface Bought {
  acquisition: Acquisition;
  spend: Float64Array;
  installs: Float64Array;
  perMoney: Float64Array;
  dailyFall: Float64Array;
  channelSpend: Float64Array;
  channelInstalls: Float64Array;
  days: DayTotals;
}

/** Moves every channel's `k_i` on by `days` days of drift. */
function drift(bought: Bought, days: number): void {
  const { perMoney, dailyFall } = bought;
  for (let i = 0; i < bought.acquisition.channels.length; i++) perMoney[i] = perMoney[i]! * dailyFall[i]! ** days;
}

/** Days without paid installs, or with a budget of 0: organic installs only. */
function unpaidDays(bought: Bought, from: number, to: number): void {
  const { installs, days } = bought;
  const organic = bought.acquisition.organicInstallsPerDay;
  let totalInstalls = days.installs;
  let totalOrganic = days.organic;
  for (let day = from; day < to; day++) {
    installs[day] = organic;
    totalInstalls += organic;
    totalOrganic += organic;
  }
  days.installs = totalInstalls;
  days.organic = totalOrganic;
  drift(bought, to - from);
}

/**
 * A budget segment: channel i spends `s_i = share_i * budget` a day and buys `b_i(d) =
 * s_i k_i(d) / f_i`, `f_i` its saturation factor at that spend, a geometric series in d.
 * Channels with the same CPA drift add up to one series, so a day costs one product per
 * distinct drift, and each channel's total over the segment is `b_i(from) Σ_{m<n} g_i^-m`.
 * Returns the paid and ratio-organic installs as those series, terms for the DAU recurrence.
 */
function budgetDays(bought: Bought, from: number, to: number, budget: number): InstallTerm[] {
  const { spend, installs, perMoney, dailyFall, channelSpend, channelInstalls, days } = bought;
  const { channels, organicRatio, organicInstallsPerDay } = bought.acquisition;
  const count = channels.length;
  const length = to - from;
  // Each distinct drift's paid installs on the day the loop is at, and its daily factor.
  const seriesPaid = scratch("seriesPaid", count);
  const seriesFall = scratch("seriesFall", count);
  let seriesCount = 0;
  for (let i = 0; i < count; i++) {
    const spent = channels[i]!.share * budget;
    const fall = dailyFall[i]!;
    if (spent > 0) {
      const firstDay = (spent * perMoney[i]!) / saturationFactor(spent, channels[i]!.saturation);
      channelSpend[i]! += spent * length;
      channelInstalls[i]! += firstDay * geometricSum(fall, length);
      let same = 0;
      while (same < seriesCount && seriesFall[same] !== fall) same++;
      if (same === seriesCount) {
        seriesFall[seriesCount] = fall;
        seriesPaid[seriesCount++] = 0;
      }
      seriesPaid[same]! += firstDay;
    }
    perMoney[i] = perMoney[i]! * fall ** length;
  }
  const terms: InstallTerm[] = [];
  for (let j = 0; j < seriesCount; j++) terms.push({ from, to, amount: (1 + organicRatio) * seriesPaid[j]!, q: seriesFall[j]! });
  let totalSpend = days.spend;
  let totalInstalls = days.installs;
  let totalPaid = days.paid;
  let totalOrganic = days.organic;
  // One series (channels drifting alike, the common case) kept in locals, free of a store
  // and reload of the same entry each day (as calendarSums keeps one route).
  const single = seriesCount === 1;
  let singlePaid = seriesPaid[0]!;
  const singleFall = seriesFall[0]!;
  for (let day = from; day < to; day++) {
    let paid = 0;
    if (single) {
      paid = singlePaid;
      singlePaid *= singleFall;
    } else {
      for (let j = 0; j < seriesCount; j++) {
        const series = seriesPaid[j]!;
        paid += series;
        seriesPaid[j] = series * seriesFall[j]!;
      }
    }
    const organic = organicInstallsPerDay + organicRatio * paid;
    const dayInstalls = paid + organic;
    spend[day] = budget;
    installs[day] = dayInstalls;
    totalSpend += budget;
    totalInstalls += dayInstalls;
    totalPaid += paid;
    totalOrganic += organic;
  }
  days.spend = totalSpend;
  days.installs = totalInstalls;
  days.paid = totalPaid;
  days.organic = totalOrganic;
  return terms;
}

/**
 * `Σ_{m<n} q^m`, as `expm1(n ln q) / expm1(ln q)` for q != 1: both parts exact to a few
 * roundings even for q within 1e-6 of 1, where `(1 - q^n) / (1 - q)` would cancel.
 */
export function geometricSum(q: number, n: number): number {
  if (q === 1) return n;
  const logQ = Math.log(q);
  return Math.expm1(n * logQ) / Math.expm1(logQ);
}

/** An installs segment: the spend that buys `wanted` installs a day at the day's CPAs (acquisition.ts's `spendForInstalls`). */
function installsDays(bought: Bought, from: number, to: number, wanted: number): void {
  const { spend, installs, perMoney, dailyFall, channelSpend, channelInstalls, days } = bought;
  const { channels, organicRatio, organicInstallsPerDay } = bought.acquisition;
  const count = channels.length;
  const terms: ChannelTerm[] = channels.map((channel, i) => ({
    share: channel.share,
    installsPerMoney: perMoney[i]!,
    saturation: channel.saturation,
  }));
  const anySaturation = channels.some((channel) => saturates(channel.saturation));
  const organic = organicInstallsPerDay + organicRatio * wanted;
  const dayInstalls = wanted + organic;
  let totalSpend = days.spend;
  let totalInstalls = days.installs;
  let totalPaid = days.paid;
  let totalOrganic = days.organic;
  for (let day = from; day < to; day++) {
    for (let i = 0; i < count; i++) terms[i]!.installsPerMoney = perMoney[i]!;
    const daySpend = anySaturation ? spendForInstalls(terms, wanted)! : linearSpend(terms, wanted);
    if (daySpend > 0) {
      for (let i = 0; i < count; i++) {
        const term = terms[i]!;
        channelSpend[i]! += term.share * daySpend;
        channelInstalls[i]! += installsForChannelSpend(term.share * daySpend, term.installsPerMoney, term.saturation);
      }
    }
    for (let i = 0; i < count; i++) perMoney[i] = perMoney[i]! * dailyFall[i]!;
    spend[day] = daySpend;
    installs[day] = dayInstalls;
    totalSpend += daySpend;
    totalInstalls += dayInstalls;
    totalPaid += wanted;
    totalOrganic += organic;
  }
  days.spend = totalSpend;
  days.installs = totalInstalls;
  days.paid = totalPaid;
  days.organic = totalOrganic;
}

/** acquisition.ts's `spendForInstalls` without saturation: `installs / Σ share_i k_i`. */
function linearSpend(terms: readonly ChannelTerm[], installs: number): number {
  let linearRate = 0;
  for (const term of terms) linearRate += term.share * term.installsPerMoney;
  return installs / linearRate;
}
