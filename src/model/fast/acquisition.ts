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
import { scratch } from "./scratch.js";

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

/** Each day's spend and installs, each channel's totals, and the installs as terms for the DAU recurrence. */
export interface AcquisitionDays {
  spend: Float64Array;
  paidInstalls: Float64Array;
  organicInstalls: Float64Array;
  installs: Float64Array;
  channelSpend: number[];
  channelInstalls: number[];
  terms: InstallTerm[];
}

/**
 * calendar.ts's `installsByDay` without allocating per day: each channel's CPA drift
 * `g_i^t` is a running product, and a budget day's saturation factor is the same for
 * the whole segment (it depends on the spend only).
 */
export function acquisitionDays(acquisition: Acquisition, horizonDays: number): AcquisitionDays {
  const spend = scratch("spend", horizonDays);
  const paidInstalls = scratch("paid", horizonDays);
  const organicInstalls = scratch("organic", horizonDays);
  const installs = scratch("installs", horizonDays);
  const channels = acquisition.channels;
  const count = channels.length;
  const channelSpend = new Array<number>(count).fill(0);
  const channelInstalls = new Array<number>(count).fill(0);
  const cpa = channels.map((channel) => channelCpa(channel.cost));
  const annualChange = channels.map((channel) => channelAnnualCostChange(channel, acquisition));
  const dailyGrowth = annualChange.map((change) => (1 + change) ** (1 / 365));
  // k_i(t) = 1 / (cpa_i g_i^t): each channel's installs per unit of money on day t, a running product.
  const perMoney = new Float64Array(count);
  const dailyFall = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    perMoney[i] = 1 / cpa[i]!;
    dailyFall[i] = 1 / dailyGrowth[i]!;
  }
  const terms: ChannelTerm[] = channels.map((channel, i) => ({
    share: channel.share,
    installsPerMoney: perMoney[i]!,
    saturation: channel.saturation,
  }));
  const anySaturation = channels.some((channel) => saturates(channel.saturation));
  const organicRatio = acquisition.organicRatio;
  const organicPerDay = acquisition.organicInstallsPerDay;
  const installTerms: InstallTerm[] = [{ from: 0, to: horizonDays, amount: organicPerDay, q: 1 }];
  const channelDaySpend = new Float64Array(count);
  const factor = new Float64Array(count);

  let day = 0;
  for (const segment of buyingSegments(acquisition, horizonDays)) {
    const buying = segment.buying;
    const mode = buying === null ? 0 : buying.kind === "budget" ? 1 : 2;
    const budget = buying?.kind === "budget" ? buying.dailyBudget : 0;
    const wanted = buying?.kind === "installs" ? buying.dailyInstalls : 0;
    if (mode === 1) {
      for (let i = 0; i < count; i++) {
        channelDaySpend[i] = terms[i]!.share * budget;
        factor[i] = saturationFactor(channelDaySpend[i]!, channels[i]!.saturation);
      }
      installTerms.push(...budgetTerms(segment.from, segment.to, channelDaySpend, factor, perMoney, dailyFall, annualChange, organicRatio));
    } else if (mode === 2) {
      installTerms.push({ from: segment.from, to: segment.to, amount: (1 + organicRatio) * wanted, q: 1 });
    }
    for (; day < segment.to; day++) {
      if (day > 0) for (let i = 0; i < count; i++) perMoney[i] = perMoney[i]! * dailyFall[i]!;
      let daySpend = 0;
      let dayPaid = 0;
      if (mode === 1 && budget > 0) {
        daySpend = budget;
        for (let i = 0; i < count; i++) {
          const spent = channelDaySpend[i]!;
          const bought = spent === 0 ? 0 : (spent * perMoney[i]!) / factor[i]!;
          dayPaid += bought;
          channelSpend[i]! += spent;
          channelInstalls[i]! += bought;
        }
      } else if (mode === 2) {
        for (let i = 0; i < count; i++) terms[i]!.installsPerMoney = perMoney[i]!;
        daySpend = anySaturation ? spendForInstalls(terms, wanted)! : linearSpend(terms, wanted);
        dayPaid = wanted;
        if (daySpend > 0) {
          for (let i = 0; i < count; i++) {
            const term = terms[i]!;
            channelSpend[i]! += term.share * daySpend;
            channelInstalls[i]! += installsForChannelSpend(term.share * daySpend, term.installsPerMoney, term.saturation);
          }
        }
      }
      const organic = organicPerDay + organicRatio * dayPaid;
      spend[day] = daySpend;
      paidInstalls[day] = dayPaid;
      organicInstalls[day] = organic;
      installs[day] = dayPaid + organic;
    }
  }
  return { spend, paidInstalls, organicInstalls, installs, channelSpend, channelInstalls, terms: installTerms };
}

/** acquisition.ts's `spendForInstalls` without saturation: `installs / Σ share_i k_i`. */
function linearSpend(terms: readonly ChannelTerm[], installs: number): number {
  let linearRate = 0;
  for (const term of terms) linearRate += term.share * term.installsPerMoney;
  return installs / linearRate;
}

/**
 * A budget segment's paid and ratio-organic installs as geometric terms, one per distinct
 * CPA drift: channel i buys `s_i k_i(d) / f_i` on day d, with `k_i(d) = k_i(from) (1/g_i)^(d - from)`.
 * `perMoney` holds `k_i(from - 1)` (or `k_i(0)` when `from` is 0): the day loop has not reached `from`.
 */
function budgetTerms(
  from: number,
  to: number,
  channelDaySpend: Float64Array,
  factor: Float64Array,
  perMoney: Float64Array,
  dailyFall: Float64Array,
  annualChange: readonly number[],
  organicRatio: number,
): InstallTerm[] {
  const byChange = new Map<number, InstallTerm>();
  for (let i = 0; i < channelDaySpend.length; i++) {
    const spent = channelDaySpend[i]!;
    if (spent === 0) continue;
    const perMoneyAtFrom = from === 0 ? perMoney[i]! : perMoney[i]! * dailyFall[i]!;
    const amount = ((1 + organicRatio) * spent * perMoneyAtFrom) / factor[i]!;
    const same = byChange.get(annualChange[i]!);
    if (same === undefined) byChange.set(annualChange[i]!, { from, to, amount, q: dailyFall[i]! });
    else same.amount += amount;
  }
  return [...byChange.values()];
}
