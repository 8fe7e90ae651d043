import { Chalk, type ChalkInstance } from "chalk";
import { LADDER_ROWS } from "../shared/ladder.js";
import Table from "cli-table3";
import type { SampledResult } from "../../uncertainty/sample.js";
import type { PercentileKey } from "../../uncertainty/summary.js";
import { valueAt } from "../../lib/value-at.js";
import { csvTable, flatten } from "../shared/csv.js";
import { formatNumber, formatProbability } from "../shared/format.js";
import { renderJson } from "../run/json.js";
import { mdRow, mdStrong, mdText } from "../shared/markdown.js";
import { renderMarkdown } from "../run/md.js";
import { type MetricRow, SECTIONS } from "../../result/sections.js";
import { formatMetric } from "../shared/metric-cell.js";
import type { RenderOptions } from "../shared/options.js";
import type { Renderers } from "../shared/render.js";
import { renderTable } from "../run/table.js";

const PERCENTILE_COLUMNS: readonly { key: PercentileKey; label: string }[] = [
  { key: "p10", label: "P10" },
  { key: "p50", label: "P50" },
  { key: "p90", label: "P90" },
];

const NOTE =
  "Each figure's own percentiles over the samples (nearest rank: P10 is a value 10 % of samples are at or below); " +
  "a figure that is n/a in a sample counts as above every number.";

/**
 * `run --samples`: JSON and CSV are the run's with a `samples` object (CSV: its dotted
 * columns, `samples.p10.unit.cac_blended`, ...); the table and Markdown add a section per
 * scenario with the ladder's odds and the percentiles of the key figures.
 */
export const samplesRenderers: Renderers<readonly SampledResult[]> = {
  json: (results) => renderJson(results),
  // One cell for the list of ranges, as for ladder.order.
  csv: (results) =>
    csvTable(results.map((result) => flatten({ ...result, samples: { ...result.samples, ranges: result.samples.ranges.join("; ") } }))),
  md: (results) => `${renderMarkdown(results).trimEnd()}\n\n${results.map(samplesMarkdown).join("\n\n")}\n`,
  table: (results, options) =>
    `${renderTable(results, options).trimEnd()}\n\n${results.map((result) => samplesTable(result, options)).join("\n\n")}\n`,
};

function cells(result: SampledResult, row: MetricRow): string[] {
  const currency = result.scenario.currency;
  const trees: unknown[] = [result, ...PERCENTILE_COLUMNS.map((column) => result.samples[column.key])];
  return trees.map((tree) => formatMetric(valueAt(tree, row.path), row.kind, currency));
}

function headline(result: SampledResult): string {
  const { n, seed } = result.samples;
  return `Uncertainty over ${formatNumber(n)} sample${n === 1 ? "" : "s"} (seed ${seed}): ${result.scenario.name}`;
}

/** What was drawn (and redrawn), and the line that matters most: how often the ladder held. */
function facts(result: SampledResult): { notes: string[]; odds: string } {
  const { ranges, rejected, ladder_holds_probability: probability } = result.samples;
  return {
    notes: [
      ranges.length === 0 ? "No value is a range: every sample is the single run." : `Ranges drawn: ${ranges.join(", ")}`,
      ...(rejected > 0 ? [`${formatNumber(rejected)} draws broke a rule across fields and were drawn again.`] : []),
    ],
    odds: `Ladder holds in ${formatProbability(probability)} of samples (the central run: ${result.ladder.holds ? "holds" : "does not hold"})`,
  };
}

const HEAD = ["central", ...PERCENTILE_COLUMNS.map((column) => column.label)];

function samplesTable(result: SampledResult, options: RenderOptions): string {
  const chalk: ChalkInstance = new Chalk({ level: options.color ? 1 : 0 });
  const table = (title: string, rows: readonly MetricRow[]) => {
    const drawn = new Table({
      head: [title, ...HEAD].map((text) => chalk.bold(text)),
      colAligns: ["left", ...HEAD.map(() => "right" as const)],
      style: { head: [], border: [], compact: true },
    });
    for (const row of rows) drawn.push([row.label, ...cells(result, row)]);
    return drawn.toString();
  };
  const { notes, odds } = facts(result);
  return [
    [chalk.bold(headline(result)), ...notes.map((line) => `  ${line}`), `  ${chalk.bold(odds)}`].join("\n"),
    table("Cost ladder per user", LADDER_ROWS),
    ...SECTIONS.map((section) => table(section.title, section.rows)),
    NOTE,
  ].join("\n\n");
}

function samplesMarkdown(result: SampledResult): string {
  const line = (row: string[]) => mdRow(row.map(mdText));
  const table = (title: string, rows: readonly MetricRow[]) =>
    [
      line([title, ...HEAD]),
      `| --- |${HEAD.map(() => " ---: |").join("")}`,
      ...rows.map((row) => line([row.label.trim(), ...cells(result, row)])),
    ].join("\n");
  const { notes, odds } = facts(result);
  return [
    `## ${mdText(headline(result))}`,
    [...notes.map(mdText), mdStrong(odds)].join("\n\n"),
    table("rung", LADDER_ROWS),
    ...SECTIONS.map((section) => `### ${section.title}\n\n${table("figure", section.rows)}`),
    `_${mdText(NOTE)}_`,
  ].join("\n\n");
}
