import type { MetricKind } from "./metric-paths.js";

/**
 * The key figures a human reads, with their labels, in the order they read them: the rows
 * of every report, and the descriptions of `expect` metrics in the JSON Schema.
 */
export interface MetricRow {
  path: string;
  label: string;
  kind: MetricKind;
}

export interface MetricSection {
  title: string;
  rows: MetricRow[];
}

export const SECTIONS: readonly MetricSection[] = [
  {
    title: "Totals over the horizon",
    rows: [
      { path: "totals.acquisition", label: "Acquisition spend", kind: "money" },
      { path: "totals.inference", label: "Inference", kind: "money" },
      { path: "totals.training", label: "Training (attributed)", kind: "money" },
      { path: "totals.total", label: "Total cost", kind: "money" },
      { path: "totals.revenue", label: "Revenue", kind: "money" },
      { path: "totals.installs", label: "Installs", kind: "count" },
      { path: "totals.paid_installs", label: "  paid", kind: "count" },
      { path: "totals.organic_installs", label: "  organic", kind: "count" },
      { path: "totals.peak_dau", label: "Peak DAU", kind: "count" },
      { path: "totals.avg_dau", label: "Average DAU", kind: "count" },
    ],
  },
  {
    title: "Unit economics",
    rows: [
      { path: "unit.cac_paid", label: "CAC, paid installs", kind: "money" },
      { path: "unit.cac_blended", label: "CAC, all installs", kind: "money" },
      { path: "unit.cac_incremental", label: "CAC, installs the spend caused", kind: "money" },
      { path: "unit.inference_per_user", label: "Inference per user", kind: "money" },
      { path: "unit.inference_per_user_day0", label: "  a day-0 user", kind: "money" },
      { path: "unit.training_per_user", label: "Training per user", kind: "money" },
      { path: "unit.cost_per_turn", label: "Cost per turn", kind: "money" },
      { path: "unit.cost_per_session", label: "Cost per session", kind: "money" },
      { path: "unit.mean_turns_per_session", label: "Turns per session (mean)", kind: "count" },
      { path: "unit.serve_per_dau_day", label: "Serving per DAU per day", kind: "money" },
      { path: "unit.tokens_per_session.input", label: "Input tokens per session", kind: "count" },
      { path: "unit.tokens_per_session.cached_input", label: "  of which cached", kind: "count" },
      { path: "unit.tokens_per_session.output", label: "Output tokens per session", kind: "count" },
      { path: "unit.tokens_per_session.reasoning", label: "  of which reasoning", kind: "count" },
      { path: "unit.ltv", label: "LTV (revenue - serving)", kind: "money" },
      { path: "unit.ltv_to_cac", label: "LTV / CAC", kind: "times" },
      { path: "unit.payback_day", label: "Payback", kind: "day" },
    ],
  },
  {
    title: "Milestones",
    rows: [
      { path: "milestones.breakeven_turns", label: "Turns that cost one CAC", kind: "count" },
      { path: "milestones.users_for_training_below_cac", label: "Users for training < CAC", kind: "count" },
      { path: "milestones.inference_overtakes_training_day", label: "Inference passes training", kind: "day" },
      { path: "milestones.inference_overtakes_acquisition_day", label: "Inference passes acquisition", kind: "day" },
    ],
  },
];
