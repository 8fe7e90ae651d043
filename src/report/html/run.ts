import type { TimelineRow } from "../../model/index.js";
import type { JsonResult } from "../../result/json-result.js";
import { SECTIONS } from "../../result/sections.js";
import { formatMoney, formatNumber, formatPercent, formatTimes, plural } from "../shared/format.js";
import { ladderVerdict, rungs } from "../shared/ladder.js";
import { metricCell } from "../shared/metric-cell.js";
import { barDomain, horizontalBars, labelRoom } from "./charts/bars.js";
import { type DataTable, figure, legend } from "./charts/figure.js";
import { type LineSeries, lineChart, type Marker, type Point, yDomainOf } from "./charts/lines.js";
import { countTick, dayTick, moneyTick } from "./charts/tick-format.js";
import { type Html, html } from "./html.js";
import { type HtmlOptions, page } from "./page.js";

/**
 * `run --format html`: per scenario, the verdict, the ladder, the cumulative costs and DAU
 * over the horizon (from the day-by-day timeline, when the result carries one), the
 * channel split, then every figure in tables. Several scenarios sit side by side on the
 * same axes, so that the pictures compare.
 */
export function renderRunHtml(results: readonly JsonResult[], options: HtmlOptions): string {
  const names = results.map((result) => result.scenario.name);
  const heading = results.length === 1 ? names[0]! : `${results.length} scenarios: ${names.join(", ")}`;
  const lead = html`<div class="verdicts">${results.map((result, index) => verdict(result, index, results.length > 1))}</div>`;
  const body = html`${chartSections(results)}${figureTables(results)}`;
  return page(
    {
      title: `${heading}: cost ladder`,
      kicker: "Cost ladder · llm-cac run",
      heading,
      lead,
      body,
      files: results.map((result) => result.scenario.file),
    },
    options,
  );
}

/** The verdict in one sentence, then the three rungs with their values. */
export function verdict(result: JsonResult, index: number, named: boolean): Html {
  const { ladder, scenario } = result;
  const values = rungs(ladder)
    .map((rung) => `${rung.name} ${formatMoney(rung.value, scenario.currency)}`)
    .join(", ");
  return html`<p class="verdict ${ladder.holds ? "holds" : "fails"}" data-scenario="${index}" data-holds="${String(ladder.holds)}">${
    named ? html`<strong>${scenario.name}:</strong> ` : ""
  }<span class="verdict-text">The ladder ${ladderVerdict(ladder)}.</span> <span class="muted">Per user: ${values}.</span></p>`;
}

/** Money axes are shared only between scenarios of one currency. */
function sameCurrency(results: readonly JsonResult[]): boolean {
  return new Set(results.map((result) => result.scenario.currency)).size === 1;
}

/** One kind of chart: its section title and a panel per scenario. */
interface ChartKind {
  title: string;
  panel: (result: JsonResult, index: number) => Html;
}

/**
 * One scenario: every chart in one grid, two to a row on a wide screen. Several: a
 * section per kind of chart, the scenarios side by side on the same axes.
 */
function chartSections(results: readonly JsonResult[]): Html {
  const kinds = [ladderKind(results), ...timelineKinds(results), ...channelKinds(results)];
  if (results.length === 1) {
    return html`<section><h2 class="visually-hidden">Charts</h2><div class="grid">${kinds.map((kind) => html`<div class="panel">${kind.panel(results[0]!, 0)}</div>`)}</div></section>`;
  }
  return html`${kinds.map(
    (kind) =>
      html`<section><h2>${kind.title}</h2><div class="grid side" style="--cols:${Math.min(results.length, 3)}">${results.map((result, index) => html`<div class="panel"><h3>${result.scenario.name}</h3>${kind.panel(result, index)}</div>`)}</div></section>`,
  )}`;
}

function ladderKind(results: readonly JsonResult[]): ChartKind {
  const values = results.flatMap((result) => rungs(result.ladder).map((rung) => rung.value ?? 0));
  const shared = sameCurrency(results) ? barDomain(values) : undefined;
  return { title: "The ladder, per user", panel: (result, index) => ladderChart(result, index, shared) };
}

export function ladderChart(result: JsonResult, index: number, domain?: [number, number]): Html {
  const currency = result.scenario.currency;
  const views = rungs(result.ladder);
  const rows = views.map((rung) => ({
    label: rung.name,
    bars:
      rung.value === null
        ? []
        : [{ value: rung.value, series: rung.name, tooltip: `${rung.name} per user: ${formatMoney(rung.value, currency)}` }],
    note: `${formatMoney(rung.value, currency)}${rung.timesBelow === null ? "" : ` · ${formatTimes(rung.timesBelow)}`}`,
  }));
  const { box, body } = horizontalBars({
    rows,
    ...(domain === undefined ? {} : { domain }),
    tick: moneyTick(currency),
    axisTitle: `per user (${currency})`,
    labelWidth: 86,
    noteWidth: 100,
  });
  const table: DataTable = {
    head: ["rung", "per user", "times the rung below"],
    rows: views.map((rung) => [rung.name, formatMoney(rung.value, currency), formatTimes(rung.timesBelow)]),
  };
  return figure({
    id: `ladder-${index}`,
    title: "Cost per user: the three rungs",
    description: `Per user, ${views.map((rung) => `${rung.name} ${formatMoney(rung.value, currency)}`).join(", ")}; the ladder ${ladderVerdict(result.ladder)}.`,
    box,
    body,
    table,
  });
}

const CUMULATIVE_SERIES = [
  { series: "acquisition", label: "acquisition", value: (row: TimelineRow) => row.cumulative_acquisition },
  { series: "inference", label: "inference", value: (row: TimelineRow) => row.cumulative_inference },
  { series: "training", label: "training", value: (row: TimelineRow) => row.cumulative_training },
] as const;

/** A cumulative series as points: (0, 0), then its value at the end of each period. */
function cumulativePoints(rows: readonly TimelineRow[], value: (row: TimelineRow) => number): Point[] {
  return [[0, 0], ...rows.map((row): Point => [row.end_day + 1, value(row)])];
}

function cumulativeSeries(result: JsonResult): LineSeries[] {
  const rows = result.timeline ?? [];
  const series: LineSeries[] = CUMULATIVE_SERIES.map((one) => ({
    series: one.series,
    label: `${one.label}, cumulative`,
    points: cumulativePoints(rows, one.value),
  }));
  if (rows.length > 0 && rows[0]!.cumulative_revenue !== null) {
    series.push({
      series: "revenue",
      label: "revenue, cumulative",
      points: cumulativePoints(rows, (row) => row.cumulative_revenue ?? 0),
      dashed: true,
    });
  }
  return series;
}

/** The days inference overtakes training and acquisition, where they fall within the horizon. */
function milestoneMarkers(result: JsonResult): Marker[] {
  const rows = result.timeline ?? [];
  const marks: { day: number | null; label: string }[] = [
    { day: result.milestones.inference_overtakes_training_day, label: "inference passes training" },
    { day: result.milestones.inference_overtakes_acquisition_day, label: "inference passes acquisition" },
  ];
  return marks.flatMap(({ day, label }) => {
    if (day === null) return [];
    const row = rows.find((one) => one.start_day <= day && day <= one.end_day);
    return row === undefined ? [] : [{ x: day + 1, y: row.cumulative_inference, label: `${label}, day ${day}` }];
  });
}

function timelineKinds(results: readonly JsonResult[]): ChartKind[] {
  if (results.every((result) => (result.timeline ?? []).length === 0)) return [];
  const horizon = Math.max(...results.map((result) => result.scenario.horizon_days));
  const shareMoney = sameCurrency(results);
  const allSeries = results.map(cumulativeSeries);
  const moneyDomain = yDomainOf(allSeries.flat());
  const dauSeries = results.map(
    (result): LineSeries => ({
      series: "dau",
      label: "DAU",
      points: (result.timeline ?? []).map((row): Point => [row.start_day, row.dau]),
      filled: true,
    }),
  );
  const dauDomain = yDomainOf(dauSeries);
  const cumulative = (result: JsonResult, index: number) => {
    const series = allSeries[index]!;
    const currency = result.scenario.currency;
    const markers = milestoneMarkers(result);
    const { box, body } = lineChart({
      series,
      xDomain: [0, horizon],
      yDomain: shareMoney ? moneyDomain : yDomainOf(series),
      xTick: dayTick,
      yTick: moneyTick(currency),
      xTitle: "days since launch",
      markers,
    });
    const rows = result.timeline ?? [];
    const table: DataTable = {
      head: ["through day", ...series.map((one) => one.label.replace(", cumulative", ""))],
      rows: sampleRows(rows).map((row) => [
        String(row.end_day),
        formatMoney(row.cumulative_acquisition, currency),
        formatMoney(row.cumulative_inference, currency),
        formatMoney(row.cumulative_training, currency),
        ...(series.length > 3 ? [formatMoney(row.cumulative_revenue, currency)] : []),
      ]),
    };
    return figure({
      id: `cumulative-${index}`,
      title: "Cumulative cost since launch",
      description: `Cumulative acquisition, inference and training${series.length > 3 ? " and revenue" : ""} over ${plural(result.scenario.horizon_days, "day")}. ${
        markers.length === 0
          ? "Inference passes neither acquisition nor training within the horizon."
          : `${markers.map((marker) => marker.label).join("; ")}.`
      }`,
      box,
      body,
      table,
      legend: legend(
        series.map((one) => ({ series: one.series, label: one.label.replace(", cumulative", ""), dashed: one.dashed === true })),
      ),
    });
  };
  const dau = (result: JsonResult, index: number) => {
    const series = dauSeries[index]!;
    const { box, body } = lineChart({
      series: [series],
      xDomain: [0, horizon],
      yDomain: dauDomain,
      xTick: dayTick,
      yTick: countTick,
      xTitle: "days since launch",
    });
    const table: DataTable = {
      head: ["day", "DAU"],
      rows: sampleRows(result.timeline ?? []).map((row) => [String(row.start_day), formatNumber(row.dau)]),
    };
    return figure({
      id: `dau-${index}`,
      title: "Daily active users",
      description: `DAU over ${plural(result.scenario.horizon_days, "day")}: peak ${formatNumber(result.totals.peak_dau)}, average ${formatNumber(result.totals.avg_dau)}.`,
      box,
      body,
      table,
    });
  };
  return [
    { title: "Cumulative cost over the horizon", panel: cumulative },
    { title: "Daily active users", panel: dau },
  ];
}

/** At most about 13 rows of a long timeline for the table beside a chart: every k-th, and the last. */
export function sampleRows<T>(rows: readonly T[], most = 13): T[] {
  if (rows.length <= most) return [...rows];
  const step = Math.ceil(rows.length / (most - 1));
  const picked = rows.filter((_, index) => index % step === 0);
  if (picked.at(-1) !== rows.at(-1)) picked.push(rows.at(-1)!);
  return picked;
}

function channelKinds(results: readonly JsonResult[]): ChartKind[] {
  if (results.every((result) => result.channels.length === 0)) return [];
  const spends = results.flatMap((result) => result.channels.map((channel) => channel.spend));
  const shared = sameCurrency(results) ? barDomain(spends) : undefined;
  // One label room for all, so that the bars of every scenario start at the same place.
  const labelWidth = labelRoom(results.flatMap((result) => result.channels.map((channel) => channel.name)));
  return [{ title: "Paid channels", panel: (result, index) => channelChart(result, index, labelWidth, shared) }];
}

function channelChart(result: JsonResult, index: number, labelWidth: number, domain?: [number, number]): Html {
  const currency = result.scenario.currency;
  if (result.channels.length === 0) return html`<p class="muted">No paid channels: every install is organic.</p>`;
  const rows = result.channels.map((channel) => ({
    label: channel.name,
    bars: [
      {
        value: channel.spend,
        series: "acquisition",
        tooltip: `${channel.name}: ${formatMoney(channel.spend, currency)} spent, ${formatNumber(channel.installs)} installs`,
      },
    ],
    note: `${formatPercent(channel.share)} · CPA ${formatMoney(channel.cpa, currency)}`,
  }));
  const { box, body } = horizontalBars({
    rows,
    ...(domain === undefined ? {} : { domain }),
    tick: moneyTick(currency),
    axisTitle: `spend over the horizon (${currency})`,
    noteWidth: 118,
    labelWidth,
  });
  return figure({
    id: `channels-${index}`,
    title: "Spend by channel",
    description: result.channels
      .map((channel) => `${channel.name}: ${formatPercent(channel.share)} of paid spend, ${formatMoney(channel.spend, currency)}`)
      .join("; "),
    box,
    body,
    table: {
      head: ["channel", "share", "CPA", "spend", "installs"],
      rows: result.channels.map((channel) => [
        channel.name,
        formatPercent(channel.share),
        formatMoney(channel.cpa, currency),
        formatMoney(channel.spend, currency),
        formatNumber(channel.installs),
      ]),
    },
  });
}

/** A route of `inference.routes` as the result reports it (v2). */
interface RouteRow {
  name: string;
  share: number;
  cost_per_session: number;
}

function routesOf(result: JsonResult): RouteRow[] {
  const routes = (result as { routes?: RouteRow[] | null }).routes;
  return Array.isArray(routes) ? routes : [];
}

/** Totals, unit economics and milestones: one column per scenario; then channels and routes per scenario. */
function figureTables(results: readonly JsonResult[]): Html {
  const head = html`<thead><tr><th scope="col">figure</th>${results.map((result) => html`<th scope="col">${result.scenario.name}</th>`)}</tr></thead>`;
  const sections = SECTIONS.map(
    (section) =>
      html`<tr class="section"><th colspan="${results.length + 1}" scope="rowgroup">${section.title}</th></tr>${section.rows.map(
        (row) =>
          html`<tr><th scope="row"${row.label.startsWith("  ") ? html` class="indent"` : ""}>${row.label.trim()}</th>${results.map((result) => html`<td>${metricCell(result, row)}</td>`)}</tr>`,
      )}`,
  );
  const channels = results.map((result) =>
    result.channels.length === 0
      ? ""
      : html`<h3>Channels${results.length > 1 ? html` · ${result.scenario.name}` : ""}</h3><div class="table-wrap"><table><thead><tr><th scope="col">channel</th><th scope="col">share</th><th scope="col">CPA</th><th scope="col">spend</th><th scope="col">installs</th></tr></thead><tbody>${result.channels.map(
          (channel) =>
            html`<tr><th scope="row" class="text">${channel.name}</th><td>${formatPercent(channel.share)}</td><td>${formatMoney(channel.cpa, result.scenario.currency)}</td><td>${formatMoney(
              channel.spend,
              result.scenario.currency,
            )}</td><td>${formatNumber(channel.installs)}</td></tr>`,
        )}</tbody></table></div>`,
  );
  const routes = results.map((result) => {
    const rows = routesOf(result);
    return rows.length === 0
      ? ""
      : html`<h3>Routes${results.length > 1 ? html` · ${result.scenario.name}` : ""}</h3><div class="table-wrap"><table><thead><tr><th scope="col">route</th><th scope="col">share of sessions</th><th scope="col">cost per session</th></tr></thead><tbody>${rows.map(
          (route) =>
            html`<tr><th scope="row" class="text">${route.name}</th><td>${formatPercent(route.share)}</td><td>${formatMoney(route.cost_per_session, result.scenario.currency)}</td></tr>`,
        )}</tbody></table></div>`;
  });
  const milestones = results.some(
    (result) =>
      result.milestones.inference_overtakes_training_day !== null || result.milestones.inference_overtakes_acquisition_day !== null,
  )
    ? ""
    : html`<p class="muted">Inference passes neither training nor acquisition within the horizon${results.length > 1 ? " of any scenario" : ""}.</p>`;
  return html`<section><h2>Figures</h2><div class="table-wrap"><table class="figures">${head}<tbody>${sections}</tbody></table></div>${milestones}${channels}${routes}</section>`;
}
