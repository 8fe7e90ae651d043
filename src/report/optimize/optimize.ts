import { Chalk } from "chalk";
import Table from "cli-table3";
import type { OptimizeReport } from "../../whatif/optimize-report.js";
import { type Cell, csvTable, flatten } from "../shared/csv.js";
import { formatMoney, formatNumber, formatPercent, NOT_AVAILABLE, plural } from "../shared/format.js";
import { jsonText } from "../shared/json.js";
import { mdTable, mdText } from "../shared/markdown.js";
import type { RenderOptions } from "../shared/options.js";
import type { Renderers } from "../shared/render.js";
import { wrapText } from "../shared/width.js";
import { renderMarkdown } from "../run/md.js";
import { renderTable } from "../run/table.js";

export const optimizeRenderers: Renderers<OptimizeReport> = {
  json: (report) => jsonText(optimizeJson(report)),
  csv: (report) => csvTable([csvRow(report)]),
  md: (report) => markdownText(report),
  table: (report, options) => tableText(report, options),
};

/** The JSON of cli.md: `{ schema_version, scenario, current, best, result }`. */
export function optimizeJson(report: OptimizeReport) {
  return {
    schema_version: report.schema_version,
    scenario: report.scenario,
    current: report.current,
    best: report.best,
    result: report.result,
  };
}

/** One row: the scenario, current and best as dotted paths, then the re-run's figures under `result.`. */
function csvRow(report: OptimizeReport): Map<string, Cell> {
  // The best split's shares as one column per channel even when there is none, so the header stays the same.
  const bestShares = report.best.shares ?? Object.fromEntries(Object.keys(report.current.shares).map((name) => [name, null]));
  const row = flatten({ scenario: report.scenario, current: report.current, best: { ...report.best, shares: bestShares } });
  if (report.result !== null) {
    const { schema_version: _version, scenario: _scenario, channels: _channels, timeline: _timeline, ...figures } = report.result;
    flatten(figures, "result", row);
  }
  return row;
}

function heading(report: OptimizeReport): string {
  return `Optimize the paid split: ${report.scenario.name}`;
}

function scenarioLine(report: OptimizeReport): string {
  const { currency, horizon_days, file } = report.scenario;
  return `${currency}, ${plural(horizon_days, "day")}, ${file}`;
}

function money(report: OptimizeReport, value: number | null): string {
  return formatMoney(value, report.scenario.currency);
}

/** Shares by channel, then the budget, installs, average and marginal CAC, current against best. */
function rows(report: OptimizeReport): string[][] {
  const { current, best } = report;
  const share = (shares: Record<string, number> | null, name: string) =>
    shares === null ? NOT_AVAILABLE : formatPercent(shares[name] ?? null);
  return [
    ...Object.keys(current.shares).map((name) => [`share: ${name}`, share(current.shares, name), share(best.shares, name)]),
    ["daily budget", money(report, current.daily_budget), money(report, best.daily_budget)],
    ["paid installs a day", formatNumber(current.paid_installs_per_day), formatNumber(best.paid_installs_per_day)],
    ["average CAC (paid)", money(report, current.average_cpa), money(report, best.average_cpa)],
    ["marginal CAC", "", money(report, best.marginal_cpa)],
    ...(best.unbounded ? [["unbounded", "", "yes"]] : []),
  ];
}

function markdownText(report: OptimizeReport): string {
  const blocks = [
    `## ${mdText(heading(report))}`,
    mdText(scenarioLine(report)),
    mdTable(
      ["", "current", "best"],
      rows(report).map((row) => row.map(mdText)),
      ["left", "right", "right"],
    ),
    ...report.notes.map(mdText),
  ];
  if (report.result !== null) blocks.push("### At the best split", renderMarkdown([report.result]).trimEnd());
  return `${blocks.join("\n\n")}\n`;
}

function tableText(report: OptimizeReport, options: RenderOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const table = new Table({
    head: ["", "current", "best"].map((text) => chalk.bold(text)),
    colAligns: ["left", "right", "right"],
    style: { head: [], border: [], compact: true },
  });
  for (const row of rows(report)) table.push(row);
  const blocks = [[chalk.bold(heading(report)), scenarioLine(report)].join("\n"), table.toString()];
  const notes = report.notes.flatMap((note) => wrapText(note, options.width));
  if (notes.length > 0) blocks.push(notes.map((line) => chalk.yellow(line)).join("\n"));
  if (report.result !== null) blocks.push(`${chalk.bold("At the best split")}\n\n${renderTable([report.result], options).trimEnd()}`);
  return `${blocks.join("\n\n")}\n`;
}
