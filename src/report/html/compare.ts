import { valueAt } from "../../lib/value-at.js";
import type { MetricKind } from "../../result/metric-paths.js";
import { type MetricRow, SECTIONS } from "../../result/sections.js";
import type { ComparedResult } from "../../whatif/delta.js";
import { formatPercent, formatSigned, NOT_AVAILABLE } from "../shared/format.js";
import { formatMetric } from "../shared/metric-cell.js";
import { barDomain, horizontalBars } from "./charts/bars.js";
import { figure } from "./charts/figure.js";
import { percentTick } from "./charts/tick-format.js";
import { type Html, html } from "./html.js";
import { type HtmlOptions, page } from "./page.js";
import { ladderChart, verdict } from "./run.js";

/** The figures drawn as bars of their change: the rungs, the CACs and the totals. */
const CHARTED = [
  "ladder.inference",
  "ladder.training",
  "ladder.acquisition",
  "unit.cac_blended",
  "unit.cac_paid",
  "totals.total",
  "totals.acquisition",
  "totals.inference",
  "totals.training",
  "totals.installs",
  "totals.peak_dau",
] as const;

const ROW_BY_PATH = new Map<string, MetricRow>(SECTIONS.flatMap((section) => section.rows).map((row) => [row.path, row]));
const LADDER_LABELS: Record<string, string> = {
  "ladder.inference": "inference per user",
  "ladder.training": "training per user",
  "ladder.acquisition": "acquisition per user",
};

function labelOf(path: string): string {
  return LADDER_LABELS[path] ?? ROW_BY_PATH.get(path)?.label.trim() ?? path;
}

function kindOf(path: string): MetricKind {
  return path.startsWith("ladder.") ? "money" : (ROW_BY_PATH.get(path)?.kind ?? "count");
}

const numberAt = (tree: unknown, path: string): number | null => {
  const value = valueAt(tree, path);
  return typeof value === "number" ? value : null;
};

/** A change as text: `+¥1,234 (+5.2%)`. */
function changeText(result: ComparedResult, path: string): string {
  const delta = numberAt(result.delta, path);
  const percent = numberAt(result.delta_pct, path);
  if (delta === null) return NOT_AVAILABLE;
  const absolute = formatSigned(formatMetric(delta, kindOf(path), result.scenario.currency), delta);
  return percent === null ? absolute : `${absolute} (${formatSigned(formatPercent(percent / 100), percent)})`;
}

/**
 * `compare --format html`: each scenario's verdict, the ladders side by side on one axis,
 * the change of the key figures against BASE as bars (percent of BASE), then every figure
 * with its change in a table.
 */
export function renderCompareHtml(results: readonly ComparedResult[], options: HtmlOptions): string {
  const [base, ...others] = results;
  if (base === undefined) throw new Error("renderCompareHtml: no results");
  const heading = `${others.map((result) => result.scenario.name).join(", ")} against ${base.scenario.name}`;
  const lead = html`<div class="verdicts">${results.map((result, index) => verdict(result, index, true))}</div>`;
  const rungs = results.flatMap((result) =>
    [result.ladder.inference, result.ladder.training, result.ladder.acquisition].map((value) => value ?? 0),
  );
  const ladderDomain = barDomain(rungs);
  const ladders = html`<section><h2>The ladders, per user</h2><div class="grid side" style="--cols:${Math.min(results.length, 3)}">${results.map(
    (result, index) =>
      html`<div class="panel"><h3>${index === 0 ? "BASE: " : ""}${result.scenario.name}</h3>${ladderChart(result, index, ladderDomain)}</div>`,
  )}</div></section>`;
  const percents = others.flatMap((result) => CHARTED.map((path) => numberAt(result.delta_pct, path) ?? 0));
  const domain = barDomain(percents.map((value) => value / 100));
  const deltas = html`<section><h2>Change against BASE</h2><div class="grid side" style="--cols:2">${others.map(
    (result, index) => html`<div class="panel"><h3>${result.scenario.name}</h3>${deltaFigure(result, index + 1, base, domain)}</div>`,
  )}</div></section>`;
  const body = html`${ladders}${deltas}${table(results)}`;
  return page(
    {
      title: `${heading}: compare`,
      kicker: "Compare · llm-cac compare",
      heading,
      lead,
      body,
      files: results.map((result) => result.scenario.file),
    },
    options,
  );
}

function deltaFigure(result: ComparedResult, index: number, base: ComparedResult, domain: [number, number]): Html {
  const rows = CHARTED.flatMap((path) => {
    const percent = numberAt(result.delta_pct, path);
    if (percent === null) return [];
    return [
      {
        label: labelOf(path),
        bars: [{ value: percent / 100, series: percent > 0 ? "up" : "down", tooltip: `${labelOf(path)}: ${changeText(result, path)}` }],
        note: formatSigned(formatPercent(percent / 100), percent),
      },
    ];
  });
  if (rows.length === 0) return html`<p class="muted">No figure has a change in percent (BASE is 0 or n/a throughout).</p>`;
  const { box, body } = horizontalBars({
    rows,
    domain,
    tick: percentTick,
    axisTitle: `change, % of ${base.scenario.name}`,
    noteWidth: 58,
    rowHeight: 22,
  });
  return figure({
    id: `delta-${index}`,
    title: "Change of the key figures",
    description: `Against ${base.scenario.name}: ${rows.map((row) => `${row.label} ${row.note}`).join(", ")}.`,
    box,
    body,
    table: { head: ["figure", "change"], rows: CHARTED.map((path) => [labelOf(path), changeText(result, path)]) },
  });
}

function table(results: readonly ComparedResult[]): Html {
  const [base, ...others] = results as [ComparedResult, ...ComparedResult[]];
  const currency = base.scenario.currency;
  return html`<section><h2>Every figure</h2><div class="table-wrap"><table><thead><tr><th scope="col">figure</th><th scope="col">${base.scenario.name}</th>${others.map(
    (result) => html`<th scope="col">${result.scenario.name}</th><th scope="col">change</th>`,
  )}</tr></thead><tbody>${SECTIONS.map(
    (section) =>
      html`<tr class="section"><th colspan="${2 + 2 * others.length}" scope="rowgroup">${section.title}</th></tr>${section.rows.map(
        (row) =>
          html`<tr><th scope="row"${row.label.startsWith("  ") ? html` class="indent"` : ""}>${row.label.trim()}</th><td>${formatMetric(valueAt(base, row.path), row.kind, currency)}</td>${others.map(
            (result) =>
              html`<td>${formatMetric(valueAt(result, row.path), row.kind, currency)}</td><td>${changeText(result, row.path)}</td>`,
          )}</tr>`,
      )}`,
  )}</tbody></table></div></section>`;
}
