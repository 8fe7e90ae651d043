import type { ChannelResponse, OptimizeReport } from "../../whatif/optimize-report.js";
import { formatMoney, formatNumber, formatPercent } from "../shared/format.js";
import { figure, legend } from "./charts/figure.js";
import { lineChart, type Marker, yDomainOf } from "./charts/lines.js";
import { countTick, moneyTick } from "./charts/tick-format.js";
import { type Html, html } from "./html.js";
import { type HtmlOptions, page } from "./page.js";
import { ladderChart, verdict } from "./run.js";

/**
 * `optimize --format html`: the best split against the current one in a sentence, each
 * channel's response curve (installs a day against its daily spend) with the current and
 * the best spend marked, the split in a table, and the ladder at the best split.
 */
export function renderOptimizeHtml(report: OptimizeReport, options: HtmlOptions): string {
  const { scenario, current, best } = report;
  const currency = scenario.currency;
  const money = (value: number | null) => formatMoney(value, currency);
  const lead = html`<p class="verdict ${best.unbounded ? "fails" : "holds"}" data-unbounded="${String(best.unbounded)}"><span class="verdict-text">${
    best.unbounded
      ? "No finite budget is best: a channel buys below the target at any spend."
      : `Best: ${money(best.daily_budget)} a day buys ${formatNumber(best.paid_installs_per_day)} paid installs a day at an average CPA of ${money(best.average_cpa)}.`
  }</span> <span class="muted">Now: ${money(current.daily_budget)} a day, ${formatNumber(current.paid_installs_per_day)} installs, average CPA ${money(current.average_cpa)}.</span></p>${
    report.notes.length === 0 ? "" : html`<p class="lede">${report.notes.join(" ")}</p>`
  }`;
  const curves = html`<section><h2>Each channel's response</h2><div class="grid">${report.responses.map((response, index) => html`<div class="panel">${curveFigure(response, index, currency)}</div>`)}</div></section>`;
  const split = html`<section><h2>The split</h2><div class="table-wrap"><table><thead><tr><th scope="col" class="text">channel</th><th scope="col">share now</th><th scope="col">spend now</th><th scope="col">best share</th><th scope="col">best spend</th></tr></thead><tbody>${report.responses.map(
    (response) =>
      html`<tr><th scope="row" class="text">${response.name}</th><td>${formatPercent(current.shares[response.name] ?? null)}</td><td>${money(response.currentSpend)}</td><td>${formatPercent(
        best.shares?.[response.name] ?? null,
      )}</td><td>${money(response.bestSpend)}</td></tr>`,
  )}</tbody></table></div></section>`;
  const result =
    report.result === null
      ? ""
      : html`<section><h2>The ladder at the best split</h2>${verdict(report.result, 0, false)}<div class="grid"><div class="panel">${ladderChart(report.result, 0)}</div></div></section>`;
  return page(
    {
      title: `${scenario.name}: the best split`,
      kicker: "Budget · llm-cac optimize",
      heading: `${scenario.name}: where the budget buys most`,
      lead,
      body: html`${curves}${split}${result}`,
      files: [scenario.file],
    },
    options,
  );
}

function curveFigure(response: ChannelResponse, index: number, currency: string): Html {
  const markers: Marker[] = [
    ...(response.currentSpend === null
      ? []
      : [{ x: response.currentSpend, y: installsForChannelSpendAt(response, response.currentSpend), label: "now" }]),
    ...(response.bestSpend === null
      ? []
      : [{ x: response.bestSpend, y: installsForChannelSpendAt(response, response.bestSpend), label: "best" }]),
  ];
  const series = [{ series: "acquisition", label: `${response.name}: installs a day`, points: response.curve }];
  const top = response.curve.at(-1)?.[0] ?? 1;
  const { box, body } = lineChart({
    series,
    xDomain: [0, top],
    yDomain: yDomainOf(series),
    xTick: moneyTick(currency),
    yTick: countTick,
    xTitle: `daily spend (${currency})`,
    xTicks: 4,
    markers,
  });
  return figure({
    id: `response-${index}`,
    title: `${response.name}: paid installs a day`,
    description: `Installs a day against daily spend on ${response.name}; now ${formatMoney(response.currentSpend, currency)}, best ${formatMoney(response.bestSpend, currency)}.`,
    box,
    body,
    table: {
      head: ["daily spend", "installs a day"],
      rows: response.curve
        .filter((_, step) => step % 6 === 0)
        .map(([spend, installs]) => [formatMoney(spend, currency), formatNumber(installs)]),
    },
    legend: legend([{ series: "acquisition", label: "installs a day" }]),
  });
}

/**
 * Installs a day at `spend` on a response curve, by straight lines between its points:
 * where the current or best spend sits on the drawn line.
 */
function installsForChannelSpendAt(response: ChannelResponse, spend: number): number {
  const { curve } = response;
  for (let index = 1; index < curve.length; index++) {
    const [x0, y0] = curve[index - 1]!;
    const [x1, y1] = curve[index]!;
    if (spend <= x1) return x1 === x0 ? y1 : y0 + ((y1 - y0) * (spend - x0)) / (x1 - x0);
  }
  return curve.at(-1)?.[1] ?? 0;
}
