import type { SensitivityReport } from "../../whatif/sensitivity-report.js";
import type { SensitivitySide as Side } from "../../whatif/sensitivity.js";
import { metricKind } from "../../whatif/metrics.js";
import { formatPercent, formatPrecise } from "../shared/format.js";
import { type Bar, horizontalBars } from "./charts/bars.js";
import { figure, legend } from "./charts/figure.js";
import { metricText, metricTick, unitOf } from "./common.js";
import { type Html, html } from "./html.js";
import { type HtmlOptions, page } from "./page.js";

const factor = (value: number) => `x${Number(value.toPrecision(12))}`;

/** A side whose ladder verdict differs from the scenario's as given. */
function flips(report: SensitivityReport, side: Side): boolean {
  return side.ladder_holds !== null && side.ladder_holds !== report.base.ladder_holds;
}

const verdictWords = (holds: boolean) => (holds ? "holds" : "does not hold");

/**
 * `sensitivity --format html`: the tornado (each input's low and high move as bars from
 * the metric as given, largest effect first), the moves that change the ladder's verdict
 * outlined and listed, then the table.
 */
export function renderSensitivityHtml(report: SensitivityReport, options: HtmlOptions): string {
  const { scenario, metric, delta, base } = report;
  const kind = metricKind(metric);
  const currency = scenario.currency;
  const [lowLabel, highLabel] = [factor(1 - delta), factor(1 + delta)];
  const flipped = report.rows.flatMap((row) =>
    [
      [row.low, lowLabel],
      [row.high, highLabel],
    ].flatMap(([side, label]) => (flips(report, side as Side) ? [{ row, side: side as Side, label: label as string }] : [])),
  );
  const lead = html`<p class="verdict ${base.ladder_holds ? "holds" : "fails"}" data-holds="${String(base.ladder_holds)}"><span class="verdict-text">As given, the ladder ${
    base.ladder_holds ? "holds" : `does not hold (${base.ladder_order.join(" < ")})`
  }.</span> <span class="muted">${metric} is ${metricText(base.metric, kind, currency)}; ${
    flipped.length === 0
      ? `no single input moved ±${formatPercent(delta)} changes the verdict.`
      : `${flipped.length} move${flipped.length === 1 ? "" : "s"} of ±${formatPercent(delta)} change${flipped.length === 1 ? "s" : ""} the verdict (outlined).`
  }</span></p>`;
  const rows = report.rows.map((row) => ({
    label: row.input,
    bars: [
      [row.low, lowLabel, "low"],
      [row.high, highLabel, "high"],
    ].flatMap(([side, label, series]): Bar[] => {
      const one = side as Side;
      // No change, no bar: the row's note says so.
      if (one.change === null || one.change === 0) return [];
      return [
        {
          value: one.change,
          series: series as string,
          flagged: flips(report, one),
          tooltip: `${row.input} ${label} = ${formatPrecise(one.value)}: ${metric} ${metricText(one.metric, kind, currency)}${flips(report, one) ? `; the ladder ${verdictWords(one.ladder_holds!)}` : ""}`,
        },
      ];
    }),
    note: [row.low, row.high].some((side) => flips(report, side)) ? "verdict changes" : row.effect === 0 ? "no change" : undefined,
  }));
  const tick = metricTick(kind, currency);
  const chart = horizontalBars({
    rows: rows.map((row) => (row.note === undefined ? { label: row.label, bars: row.bars } : row)),
    tick: (value) => (value > 0 ? `+${tick(value)}` : tick(value)),
    axisTitle: `change of ${metric}${unitOf(kind, currency)}`,
    layout: "overlay",
    width: 760,
    noteWidth: 100,
    rowHeight: 24,
  });
  const tornado = figure({
    id: "tornado",
    title: `Change of ${metric}, each input moved ${lowLabel} and ${highLabel}`,
    description: `A tornado of ${report.rows.length} inputs, largest effect first: ${report.rows
      .slice(0, 3)
      .map((row) => row.input)
      .join(", ")}${report.rows.length > 3 ? ", ..." : ""}.`,
    box: chart.box,
    body: chart.body,
    table: {
      head: ["input", "as given", `at ${lowLabel}`, `at ${highLabel}`],
      rows: report.rows.map((row) => [
        row.input,
        formatPrecise(row.value),
        sideText(report, row.low, kind, currency),
        sideText(report, row.high, kind, currency),
      ]),
    },
    legend: legend([
      { series: "low", label: `input ${lowLabel}` },
      { series: "high", label: `input ${highLabel}` },
    ]),
  });
  const verdicts =
    flipped.length === 0
      ? ""
      : html`<h2>Moves that change the verdict</h2><ul class="flips">${flipped.map(
          ({ row, side, label }) =>
            html`<li><code>${row.input}</code> ${label} = ${formatPrecise(side.value)}: the ladder ${verdictWords(side.ladder_holds!)}${side.ladder_order === null ? "" : ` (${side.ladder_order.join(" < ")})`}</li>`,
        )}</ul>`;
  const invalid = report.rows.flatMap((row) => [row.low, row.high].filter((side) => side.invalid !== null).map((side) => ({ row, side })));
  const body = html`<section><div class="panel">${tornado}</div></section>${verdicts}${table(report, kind, currency, [lowLabel, highLabel])}${
    invalid.length === 0
      ? ""
      : html`<h3>Moves the scenario format rejects</h3><ul>${invalid.map(({ row, side }) => html`<li><code>${row.input}</code> = ${formatPrecise(side.value)}: ${side.invalid}</li>`)}</ul>`
  }${report.skipped.length === 0 ? "" : html`<h3>Inputs not moved</h3><ul>${report.skipped.map((input) => html`<li><code>${input.name}</code>: ${input.reason}</li>`)}</ul>`}`;
  return page(
    {
      title: `${scenario.name}: sensitivity of ${metric}`,
      kicker: "Sensitivity · llm-cac sensitivity",
      heading: `${scenario.name}: what moves ${metric}`,
      lead,
      body,
      files: [scenario.file],
    },
    options,
  );
}

function sideText(report: SensitivityReport, side: Side, kind: ReturnType<typeof metricKind>, currency: string): string {
  if (side.invalid !== null) return "invalid";
  const text = metricText(side.metric, kind, currency);
  return flips(report, side) ? `${text} (ladder ${verdictWords(side.ladder_holds!)})` : text;
}

function table(report: SensitivityReport, kind: ReturnType<typeof metricKind>, currency: string, [low, high]: [string, string]): Html {
  return html`<h2>Every input</h2><div class="table-wrap"><table><thead><tr><th scope="col">#</th><th scope="col" class="text">input</th><th scope="col">as given</th><th scope="col">at ${low}</th><th scope="col">at ${high}</th></tr></thead><tbody>${report.rows.map(
    (row, index) =>
      html`<tr><td>${index + 1}</td><th scope="row" class="text"><code>${row.input}</code></th><td>${formatPrecise(row.value)}</td><td>${sideText(report, row.low, kind, currency)}</td><td>${sideText(
        report,
        row.high,
        kind,
        currency,
      )}</td></tr>`,
  )}</tbody></table></div>`;
}
