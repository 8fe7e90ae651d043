import { channelAnnualCostChange, channelTerms, installsForChannelSpend, organicOnDay, paidOnDay } from "./acquisition.js";
import { compoundedOnDay } from "./growth.js";
import { revenueByDay } from "./revenue.js";
import type { Acquisition, Calendar, Revenue } from "./types.js";

/** What one channel spent and bought over the horizon. */
export interface ChannelTotals {
  spend: number;
  installs: number;
}

/**
 * Installs and spend for each day of the horizon, and each channel's totals. A channel
 * spends its share of the day's spend and buys at its own CPA path, saturation included.
 * Without saturation or a channel's own drift this is v1's blended CPA, `1 / Σ share_i /
 * cpa_i(t)`, summed per channel (equal to v1's figures up to rounding in the last digit).
 */
export function installsByDay(acquisition: Acquisition, horizonDays: number) {
  const paidInstalls = new Array<number>(horizonDays);
  const organicInstalls = new Array<number>(horizonDays);
  const installs = new Array<number>(horizonDays);
  const spend = new Array<number>(horizonDays);
  const channels: ChannelTotals[] = acquisition.channels.map(() => ({ spend: 0, installs: 0 }));
  const annualChanges = acquisition.channels.map((channel) => channelAnnualCostChange(channel, acquisition));
  for (let day = 0; day < horizonDays; day++) {
    const drift = annualChanges.map((change) => compoundedOnDay(1, change, day));
    const paid = paidOnDay(acquisition, day, drift);
    const organic = organicOnDay(acquisition, paid.paidInstalls);
    paidInstalls[day] = paid.paidInstalls;
    organicInstalls[day] = organic;
    installs[day] = paid.paidInstalls + organic;
    spend[day] = paid.spend;
    if (paid.spend > 0) addChannelDay(channels, channelTerms(acquisition.channels, drift), paid.spend);
  }
  return { paidInstalls, organicInstalls, installs, spend, channels };
}

function addChannelDay(channels: ChannelTotals[], terms: ReturnType<typeof channelTerms>, daySpend: number): void {
  terms.forEach((term, i) => {
    const channelSpend = term.share * daySpend;
    channels[i]!.spend += channelSpend;
    channels[i]!.installs += installsForChannelSpend(channelSpend, term.installsPerMoney, term.saturation);
  });
}

/** `DAU(t) = Σ_{d<=t} installs(d) * R(t - d)`. */
export function dailyActiveUsers(installs: readonly number[], retention: readonly number[]): number[] {
  const days = installs.length;
  const dau = new Array<number>(days).fill(0);
  for (let cohortDay = 0; cohortDay < days; cohortDay++) {
    const cohort = installs[cohortDay]!;
    if (cohort === 0) continue;
    for (let day = cohortDay; day < days; day++) dau[day]! += cohort * retention[day - cohortDay]!;
  }
  return dau;
}

export interface CalendarInput {
  acquisition: Acquisition;
  horizonDays: number;
  /** `R(0) ..` covering at least the horizon. */
  retention: readonly number[];
  /** `serve(t)` for each day of the horizon. */
  serve: readonly number[];
  /** `T_H / H`. */
  trainingPerDay: number;
  revenue: Revenue | null;
}

export interface CalendarWithChannels {
  calendar: Calendar;
  /** Each channel's spend and installs over the horizon, in file order. */
  channels: ChannelTotals[];
}

export function buildCalendar(input: CalendarInput): CalendarWithChannels {
  const { paidInstalls, organicInstalls, installs, spend, channels } = installsByDay(input.acquisition, input.horizonDays);
  const dau = dailyActiveUsers(installs, input.retention);
  const calendar: Calendar = {
    paidInstalls,
    organicInstalls,
    installs,
    dau,
    acquisition: spend,
    inference: dau.map((active, day) => active * input.serve[day]!),
    training: new Array<number>(input.horizonDays).fill(input.trainingPerDay),
    revenue: input.revenue === null ? null : revenueByDay(input.revenue, dau, installs),
  };
  return { calendar, channels };
}
