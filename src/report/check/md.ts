import { formatProblem } from "../../lib/errors.js";
import { type CheckSummary, expectationText, plural, summarize, summaryLine } from "./check.js";
import type { FileCheck } from "../../scenario/check.js";
import { mdCode, mdCodeBlock, mdRow, mdText } from "../shared/markdown.js";

/** `✅ llm-cac check: all 3 files passed`, or `❌ llm-cac check: 1 failed, 1 invalid of 3 files` */
function title(summary: CheckSummary): string {
  if (summary.failed + summary.invalid === 0)
    return `✅ llm-cac check: ${summary.files === 1 ? "the file passed" : `all ${summary.files} files passed`}`;
  const bad = [...(summary.failed > 0 ? [`${summary.failed} failed`] : []), ...(summary.invalid > 0 ? [`${summary.invalid} invalid`] : [])];
  return `❌ llm-cac check: ${bad.join(", ")} of ${plural(summary.files, "file")}`;
}

/** A summary table for a pull-request comment, then the problems of invalid files. */
export function renderCheckMarkdown(checks: readonly FileCheck[]): string {
  const summary = summarize(checks);
  const rows = checks.map((check) => {
    if (!check.valid) return ["⚠️", mdCode(check.file), "", "", "", mdText(`invalid: ${plural(check.errors.length, "problem")}`)];
    const { outcome, result } = check;
    const failures = outcome.failures.map((failure) => expectationText(failure, result.scenario.currency));
    return [
      outcome.passed ? "✅" : "❌",
      mdCode(check.file),
      mdText(result.scenario.name),
      result.ladder.holds ? "holds" : "does not hold",
      String(outcome.checks.length),
      outcome.passed ? "passed" : mdText(failures.join("; ")),
    ];
  });
  const table = [
    "| | file | scenario | ladder | expectations | result |",
    "| --- | --- | --- | --- | ---: | --- |",
    ...rows.map(mdRow),
  ].join("\n");
  const blocks = [`## ${title(summary)}`, table, mdText(summaryLine(summary))];
  const invalid = checks.flatMap((check) => (check.valid ? [] : check.errors.map(formatProblem)));
  if (invalid.length > 0) blocks.push(`### Problems\n\n${mdCodeBlock(invalid.join("\n"), "text")}`);
  return `${blocks.join("\n\n")}\n`;
}
