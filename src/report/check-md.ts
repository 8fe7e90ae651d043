import { formatProblem } from "../errors.js";
import { type CheckSummary, expectationText, type FileCheck, plural, summarize, summaryLine } from "./check.js";
import { mdCell } from "./md.js";

/** A run of backticks longer than any in `text` (and at least `shortest`), so that text cannot close it. */
function fenceFor(text: string, shortest: number): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return "`".repeat(Math.max(shortest, longest + 1));
}

/** Inline code that survives any text. */
function code(text: string): string {
  const fence = fenceFor(text, 1);
  return text.includes("`") ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

/** `✅ llm-cac check: all 3 files passed`, or `❌ llm-cac check: 1 failed, 1 invalid of 3 files` */
function title(summary: CheckSummary): string {
  if (summary.failed + summary.invalid === 0) return `✅ llm-cac check: ${summary.files === 1 ? "the file passed" : `all ${summary.files} files passed`}`;
  const bad = [...(summary.failed > 0 ? [`${summary.failed} failed`] : []), ...(summary.invalid > 0 ? [`${summary.invalid} invalid`] : [])];
  return `❌ llm-cac check: ${bad.join(", ")} of ${plural(summary.files, "file")}`;
}

/** A summary table for a pull-request comment, then the problems of invalid files. */
export function renderCheckMarkdown(checks: readonly FileCheck[]): string {
  const summary = summarize(checks);
  const rows = checks.map((check) => {
    if (!check.valid) return ["⚠️", code(check.file), "", "", "", `invalid: ${plural(check.errors.length, "problem")}`];
    const { outcome, result } = check;
    const failures = outcome.failures.map((failure) => expectationText(failure, result.scenario.currency));
    return [
      outcome.passed ? "✅" : "❌",
      code(check.file),
      result.scenario.name,
      result.ladder.holds ? "holds" : "does not hold",
      String(outcome.checks.length),
      outcome.passed ? "passed" : failures.join("; "),
    ];
  });
  const table = [
    "| | file | scenario | ladder | expectations | result |",
    "| --- | --- | --- | --- | ---: | --- |",
    ...rows.map((cells) => `| ${cells.map(mdCell).join(" | ")} |`),
  ].join("\n");
  const blocks = [`## ${title(summary)}`, table, summaryLine(summary)];
  const invalid = checks.flatMap((check) => (check.valid ? [] : check.errors.map(formatProblem)));
  if (invalid.length > 0) {
    const text = invalid.join("\n");
    const fence = fenceFor(text, 3);
    blocks.push(`### Problems\n\n${fence}text\n${text}\n${fence}`);
  }
  return `${blocks.join("\n\n")}\n`;
}
