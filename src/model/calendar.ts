import { blendedCpa, organicOnDay, paidOnDay } from "./acquisition.js";
import { driftFactors } from "./growth.js";
import type { Acquisition, Calendar } from "./types.js";

/** Installs, spend and the day's CPA drift for each day of the horizon. */
export function installsByDay(acquisition: Acquisition, horizonDays: number) {
  const cpa0 = blendedCpa(acquisition.channels);
  const drift = driftFactors(acquisition.annualCostChange, horizonDays);
  const paidInstalls = new Array<number>(horizonDays);
  const organicInstalls = new Array<number>(horizonDays);
  const installs = new Array<number>(horizonDays);
  const spend = new Array<number>(horizonDays);
  for (let day = 0; day < horizonDays; day++) {
    const paid = paidOnDay(acquisition, cpa0, drift[day]!, day);
    const organic = organicOnDay(acquisition, paid.paidInstalls);
    paidInstalls[day] = paid.paidInstalls;
    organicInstalls[day] = organic;
    installs[day] = paid.paidInstalls + organic;
    spend[day] = paid.spend;
  }
  return { paidInstalls, organicInstalls, installs, spend, drift };
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
  arpdau: number | null;
}

export function buildCalendar(input: CalendarInput): Calendar {
  const { paidInstalls, organicInstalls, installs, spend } = installsByDay(input.acquisition, input.horizonDays);
  const dau = dailyActiveUsers(installs, input.retention);
  const arpdau = input.arpdau;
  return {
    paidInstalls,
    organicInstalls,
    installs,
    dau,
    acquisition: spend,
    inference: dau.map((active, day) => active * input.serve[day]!),
    training: new Array<number>(input.horizonDays).fill(input.trainingPerDay),
    revenue: arpdau === null ? null : dau.map((active) => active * arpdau),
  };
}
