import type { Calendar } from "./types.js";

export type TimelinePeriod = "day" | "month";

/** One period of the calendar; money in the scenario currency, DAU averaged over the period. */
export interface TimelineRow {
  period: number;
  start_day: number;
  end_day: number;
  installs: number;
  paid_installs: number;
  organic_installs: number;
  dau: number;
  acquisition: number;
  inference: number;
  training: number;
  revenue: number | null;
  cumulative_acquisition: number;
  cumulative_inference: number;
  cumulative_training: number;
  cumulative_total: number;
  cumulative_revenue: number | null;
}

const DAYS_PER_PERIOD: Record<TimelinePeriod, number> = { day: 1, month: 30 };

/** The calendar summed per day or per 30-day month; the last month may be shorter. */
export function timeline(calendar: Calendar, period: TimelinePeriod): TimelineRow[] {
  const length = DAYS_PER_PERIOD[period];
  const days = calendar.dau.length;
  const rows: TimelineRow[] = [];
  const running = { acquisition: 0, inference: 0, training: 0, revenue: 0 };
  for (let start = 0; start < days; start += length) {
    const end = Math.min(days, start + length);
    const total = (series: readonly number[]) => sumRange(series, start, end);
    const row = {
      acquisition: total(calendar.acquisition),
      inference: total(calendar.inference),
      training: total(calendar.training),
      revenue: calendar.revenue === null ? null : total(calendar.revenue),
    };
    running.acquisition += row.acquisition;
    running.inference += row.inference;
    running.training += row.training;
    running.revenue += row.revenue ?? 0;
    rows.push({
      period: rows.length,
      start_day: start,
      end_day: end - 1,
      installs: total(calendar.installs),
      paid_installs: total(calendar.paidInstalls),
      organic_installs: total(calendar.organicInstalls),
      dau: total(calendar.dau) / (end - start),
      ...row,
      cumulative_acquisition: running.acquisition,
      cumulative_inference: running.inference,
      cumulative_training: running.training,
      cumulative_total: running.acquisition + running.inference + running.training,
      cumulative_revenue: calendar.revenue === null ? null : running.revenue,
    });
  }
  return rows;
}

function sumRange(series: readonly number[], start: number, end: number): number {
  let total = 0;
  for (let day = start; day < end; day++) total += series[day]!;
  return total;
}
