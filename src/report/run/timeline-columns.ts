import type { TimelineRow } from "../../model/index.js";
import { formatMoney, formatNumber } from "../shared/format.js";

export interface TimelineColumn {
  label: string;
  cell: (row: TimelineRow) => string;
}

/** The calendar columns a reader scans, shared by the table and Markdown reports. */
export function timelineColumns(currency: string): TimelineColumn[] {
  const money = (value: number | null) => formatMoney(value, currency);
  return [
    { label: "installs", cell: (row) => formatNumber(row.installs) },
    { label: "DAU", cell: (row) => formatNumber(row.dau) },
    { label: "acquisition", cell: (row) => money(row.acquisition) },
    { label: "inference", cell: (row) => money(row.inference) },
    { label: "training", cell: (row) => money(row.training) },
    { label: "revenue", cell: (row) => money(row.revenue) },
    { label: "cumulative cost", cell: (row) => money(row.cumulative_total) },
  ];
}
