import { valueAt } from "../../lib/value-at.js";
import type { MetricRow } from "../../result/sections.js";
import { SECTIONS } from "../../result/sections.js";
import { HISTOGRAM_FIGURES, type HistogramFigure } from "../../uncertainty/histogram.js";
import type { SampledResult } from "../../uncertainty/sample.js";
import { formatNumber, formatProbability } from "../shared/format.js";
import { formatMetric } from "../shared/metric-cell.js";
import { figure } from "./charts/figure.js";
import { histogram } from "./charts/histogram.js";
import { moneyTick } from "./charts/tick-format.js";
import { type Html, html } from "./html.js";
import { type HtmlOptions, page } from "./page.js";
import { verdict } from "./run.js";

const FIGURE_LABELS: Record<HistogramFigure, { label: string; series: string }> = {
  "unit.cac_blended": { label: "CAC, all installs", series: "cac" },
  "ladder.inference": { label: "inference per user", series: "inference" },
  "ladder.training": { label: "training per user", series: "training" },
  "ladder.acquisition": { label: "acquisition per user", series: "acquisition" },
};

const PERCENTILES = [
  { key: "p10", label: "P10" },
  { key: "p50", label: "P50" },
  { key: "p90", label: "P90" },
] as const;

/**
 * `run --samples N --format html`: how often the ladder holds, large; a histogram of the
 * CAC and of each rung with P10, P50 and P90 marked; then the percentiles of every figure.
 */
export function renderSamplesHtml(results: readonly SampledResult[], options: HtmlOptions): string {
  const names = results.map((result) => result.scenario.name);
  const heading = results.length === 1 ? names[0]! : `${results.length} scenarios: ${names.join(", ")}`;
  const lead = html`${results.map((result, index) => odds(result, index, results.length > 1))}`;
  const body = html`${results.map((result, index) => scenarioSection(result, index, results.length > 1))}`;
  return page(
    {
      title: `${heading}: uncertainty`,
      kicker: "Uncertainty · llm-cac run --samples",
      heading,
      lead,
      body,
      files: results.map((result) => result.scenario.file),
    },
    options,
  );
}

function odds(result: SampledResult, index: number, named: boolean): Html {
  const { n, seed, ranges, rejected, ladder_holds_probability: probability } = result.samples;
  return html`<div class="odds" data-scenario="${index}" data-probability="${String(probability)}">${named ? html`<h3>${result.scenario.name}</h3>` : ""}<div class="stat"><p class="big">${formatProbability(
    probability,
  )}</p><p>of ${formatNumber(n)} sample${n === 1 ? "" : "s"} (seed ${seed}) hold the ladder: inference &lt; training &lt; acquisition.</p></div>${verdict(result, index, false)}<p class="lede">${
    ranges.length === 0
      ? "No value is a range: every sample is the single run."
      : html`Ranges drawn: ${ranges.map((range, position) => html`${position > 0 ? ", " : ""}<code>${range}</code>`)}.`
  }${rejected > 0 ? ` ${formatNumber(rejected)} draws broke a rule across fields and were drawn again.` : ""}</p></div>`;
}

function percentileOf(result: SampledResult, key: "p10" | "p50" | "p90", path: string): number | null {
  const value = valueAt(result.samples[key], path);
  return typeof value === "number" ? value : null;
}

function histogramFigure(result: SampledResult, index: number, path: HistogramFigure, domain: [number, number] | undefined): Html {
  const bins = result.histograms?.[path];
  const currency = result.scenario.currency;
  const { label, series } = FIGURE_LABELS[path];
  if (bins === undefined) return html``;
  if (bins.counts.length === 0) return html`<p class="muted">${label}: n/a in every sample.</p>`;
  const markers = PERCENTILES.flatMap(({ key, label: name }) => {
    const value = percentileOf(result, key, path);
    return value === null ? [] : [{ value, label: name, text: `${name} ${formatMetric(value, "money", currency)}` }];
  });
  const { box, body } = histogram({
    bins,
    markers,
    xTick: moneyTick(currency),
    xTitle: `${label} (${currency})`,
    series,
    ...(domain === undefined ? {} : { xDomain: domain }),
  });
  return figure({
    id: `histogram-${index}-${path.replace(".", "-")}`,
    title: label,
    description: `${label} over ${formatNumber(result.samples.n)} samples: ${markers.map((marker) => marker.text).join(", ")}${bins.missing > 0 ? `; n/a in ${formatNumber(bins.missing)}` : ""}.`,
    box,
    body,
    table: {
      head: ["from", "to", "samples"],
      rows: bins.counts.map((count, bin) => [
        formatMetric(bins.edges[bin], "money", currency),
        formatMetric(bins.edges[bin + 1], "money", currency),
        formatNumber(count),
      ]),
    },
    legend: html`<p class="percentiles-line">${markers.map((marker, position) => html`${position > 0 ? " · " : ""}<strong>${marker.label}</strong> ${marker.text.slice(marker.label.length + 1)}`)}${
      bins.missing > 0 ? ` · n/a in ${formatNumber(bins.missing)} samples` : ""
    }</p>`,
  });
}

function scenarioSection(result: SampledResult, index: number, named: boolean): Html {
  // The three rungs share one axis, so their spread and their order compare at a glance.
  const rungEdges = HISTOGRAM_FIGURES.slice(1).flatMap((path) => result.histograms?.[path]?.edges ?? []);
  const rungDomain: [number, number] | undefined = rungEdges.length === 0 ? undefined : [Math.min(0, ...rungEdges), Math.max(...rungEdges)];
  const charts = HISTOGRAM_FIGURES.map(
    (path) => html`<div class="panel">${histogramFigure(result, index, path, path.startsWith("ladder.") ? rungDomain : undefined)}</div>`,
  );
  return html`<section><h2>${named ? html`${result.scenario.name}: the` : "The"} spread of the samples</h2><div class="grid">${charts}</div>${percentileTable(result)}</section>`;
}

function percentileTable(result: SampledResult): Html {
  const currency = result.scenario.currency;
  const cells = (row: MetricRow) =>
    [valueAt(result, row.path), ...PERCENTILES.map(({ key }) => valueAt(result.samples[key], row.path))].map(
      (value) => html`<td>${formatMetric(value, row.kind, currency)}</td>`,
    );
  return html`<h3>Percentiles of every figure</h3><div class="table-wrap"><table class="percentiles"><thead><tr><th scope="col">figure</th><th scope="col">central</th>${PERCENTILES.map(
    ({ label }) => html`<th scope="col">${label}</th>`,
  )}</tr></thead><tbody>${SECTIONS.map(
    (section) =>
      html`<tr class="section"><th colspan="5" scope="rowgroup">${section.title}</th></tr>${section.rows.map(
        (row) =>
          html`<tr><th scope="row"${row.label.startsWith("  ") ? html` class="indent"` : ""}>${row.label.trim()}</th>${cells(row)}</tr>`,
      )}`,
  )}</tbody></table></div><p class="muted">Each figure's own percentiles over the samples (nearest rank: P10 is a value 10 % of samples are at or below); a figure that is n/a in a sample counts as above every number.</p>`;
}
