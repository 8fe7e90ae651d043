import { Chalk } from "chalk";
import { SCHEMA_VERSION } from "../../result/json-result.js";
import { metricKind, type MetricValue } from "../../whatif/metrics.js";
import type { Solution, SolveRule } from "../../whatif/solve.js";
import type { SolveReport } from "../../whatif/solve-report.js";
import { shareHint } from "../../whatif/shares.js";
import { csvTable } from "../shared/csv.js";
import { formatPrecise, NOT_AVAILABLE, scenarioLine } from "../shared/format.js";
import { jsonText } from "../shared/json.js";
import { mdText } from "../shared/markdown.js";
import { formatMetric } from "../shared/metric-cell.js";
import type { Renderers } from "../shared/render.js";
import { wrapText } from "../shared/width.js";

const RULE_NAME: Record<SolveRule, string> = { equal: "equal", "at-most": "at_most", is: "is" };

export const solveRenderers: Renderers<SolveReport> = {
  json: (report) => jsonText(solveJson(report)),
  csv: (report) => csvTable([new Map(Object.entries(csvRow(report)))]),
  md: (report) =>
    `## ${mdText(heading(report))}\n\n${mdText(scenarioLine(report.scenario, [report.input]))}\n\n${lines(report)
      .map((line) => `- ${mdText(line.trim())}`)
      .join("\n")}\n`,
  table: (report, options) => {
    const chalk = new Chalk({ level: options.color ? 1 : 0 });
    // Each line within the width, its continuation indented under its text.
    const wrap = (line: string) => wrapText(line, options.width, `${" ".repeat(line.length - line.trimStart().length)}    `);
    const paint = (line: string) =>
      line.startsWith("  solution") ? chalk.green.bold : line.startsWith("  no solution") ? chalk.red.bold : (text: string) => text;
    const body = lines(report).flatMap((line) => wrap(line).map((text) => paint(line)(text)));
    return `${[chalk.bold(wrap(heading(report)).join("\n")), ...wrap(scenarioLine(report.scenario, [report.input])), "", ...body].join("\n")}\n`;
  },
};

export function solveJson(report: SolveReport) {
  const solution = (found: Solution) => ({
    value: found.x,
    metric: found.metric,
    target: found.target,
    exact: found.exact,
    ...(found.edge ? { edge: found.edge } : {}),
  });
  return {
    schema_version: SCHEMA_VERSION,
    scenario: report.scenario,
    for: report.input,
    target: {
      metric: report.metric,
      ...("metric" in report.target ? { equals_metric: report.target.metric } : { value: report.target.value }),
    },
    rule: RULE_NAME[report.rule],
    range: report.range,
    current: report.current,
    solution: report.solutions[0] === undefined ? null : solution(report.solutions[0]),
    solutions: report.solutions.map(solution),
    evaluations: report.evaluations,
  };
}

function csvRow(report: SolveReport): Record<string, string | number | boolean | null> {
  const first = report.solutions[0];
  return {
    "scenario.name": report.scenario.name,
    "scenario.file": report.scenario.file,
    for: report.input,
    "target.metric": report.metric,
    "target.value": "metric" in report.target ? report.target.metric : report.target.value,
    rule: RULE_NAME[report.rule],
    "range.low": report.range.low,
    "range.high": report.range.high,
    "current.value": report.current.value,
    "current.metric": report.current.metric,
    "solution.value": first?.x ?? null,
    "solution.metric": first?.metric ?? null,
    "solution.target": first?.target ?? null,
    solutions: report.solutions.length,
    evaluations: report.evaluations,
  };
}

function targetText(report: SolveReport): string {
  if ("metric" in report.target) return report.target.metric;
  if (typeof report.target.value === "boolean") return String(report.target.value);
  return metricText(report, report.metric, report.target.value);
}

function heading(report: SolveReport): string {
  const relation = report.rule === "at-most" ? "on or before" : report.rule === "is" ? "is" : "=";
  return `Solve for ${report.input}: ${report.metric} ${relation} ${targetText(report)}`;
}

function metricText(report: SolveReport, metric: string, value: MetricValue): string {
  const kind = metricKind(metric);
  if (kind === "verdict") return value === null ? NOT_AVAILABLE : String(value);
  if (typeof value !== "number") return NOT_AVAILABLE;
  // Ratios and money at full precision, as the search found them; days as days.
  if (kind === "day") return formatMetric(value, kind, report.scenario.currency);
  if (kind === "money") return `${formatPrecise(value)} ${report.scenario.currency}`;
  return formatPrecise(value);
}

function achieved(report: SolveReport, metric: MetricValue, target: MetricValue): string {
  const reached = `${report.metric} = ${metricText(report, report.metric, metric)}`;
  return "metric" in report.target ? `${reached}, ${report.target.metric} = ${metricText(report, report.target.metric, target)}` : reached;
}

function inputText(report: SolveReport, value: number | null): string {
  return `${report.input} = ${formatPrecise(value)}`;
}

/** The body: the range searched, the value now, and the solution or why there is none. */
function lines(report: SolveReport): string[] {
  const { range, current } = report;
  const out = [
    `  range     ${formatPrecise(range.low)} .. ${formatPrecise(range.high)}  (${range.from}${report.integer ? "; whole numbers" : ""})`,
    `  now       ${inputText(report, current.value)}  ->  ${achieved(report, current.metric, current.target)}`,
  ];
  const [first, ...others] = report.solutions;
  if (first !== undefined) {
    const approximate = report.rule === "equal" && !first.exact && report.integer ? " (the closest whole number)" : "";
    out.push(`  solution  ${inputText(report, first.x)}  ->  ${achieved(report, first.metric, first.target)}${approximate}`);
    if (report.rule !== "equal") {
      const relation = report.rule === "at-most" ? "is on or before" : "is";
      out.push(
        `            the ${first.edge ?? "lowest"} value of ${report.input.split(".").at(-1)} at which ${report.metric} ${relation} ${targetText(report)}${first.edge === "highest" ? " (above it, it is not)" : " (below it, it is not)"}`,
      );
    }
    if (others.length > 0) out.push(`  also at   ${others.map((other) => formatPrecise(other.x)).join(", ")}`);
  } else {
    out.push(`  no solution in [${formatPrecise(range.low)}, ${formatPrecise(range.high)}]: ${noSolutionReason(report)}`);
    // No other range helps a share whose sum with the others pins it to one value.
    out.push(`            ${report.shares === undefined ? "try another --range lo..hi" : shareHint(report.shares, report.input)}`);
  }
  if (report.invalid.count > 0) {
    out.push(
      `  note      ${report.invalid.count} of ${report.observed.samples} scanned values were not valid scenarios${report.invalid.first ? `, e.g. ${report.invalid.first}` : ""}`,
    );
  }
  out.push(`  (${report.evaluations} evaluations: a scan of the range, then bisection)`);
  return out;
}

function noSolutionReason(report: SolveReport): string {
  const { observed } = report;
  if (observed.samples === report.invalid.count)
    return report.shares === undefined
      ? "no value in the range gives a valid scenario"
      : `every value breaks the rule that ${report.shares.noun} shares sum to 1`;
  const valid = observed.samples - report.invalid.count;
  if (report.rule === "is")
    return `${report.metric} is ${observed.hits === valid ? "" : "not "}${targetText(report)} at every value scanned`;
  if (report.rule === "at-most") {
    if (observed.hits === valid) return `${report.metric} is on or before ${targetText(report)} at every value scanned`;
    const earliest = observed.min === null ? "it is never reached" : `the earliest is ${metricText(report, report.metric, observed.min)}`;
    return `${report.metric} is never on or before ${targetText(report)} there (${earliest})`;
  }
  if (observed.min === null || observed.max === null) return `${report.metric} is n/a at every value scanned`;
  if ("metric" in report.target) {
    return `${report.metric} - ${report.target.metric} runs from ${formatPrecise(observed.min)} to ${formatPrecise(observed.max)} there, never 0`;
  }
  return `${report.metric} runs from ${metricText(report, report.metric, observed.min)} to ${metricText(report, report.metric, observed.max)} there, never ${targetText(report)}`;
}
