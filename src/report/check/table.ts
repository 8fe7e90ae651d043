import { Chalk } from "chalk";
import { formatProblem } from "../../lib/errors.js";
import { expectationText, plural, summarize, summaryLine } from "./check.js";
import type { FileCheck } from "../../scenario/check.js";
import { ladderVerdict } from "../shared/ladder.js";
import type { RenderOptions } from "../shared/options.js";

/**
 * One line per file, then the summary. Marks are words (PASS, FAIL, INVALID) so that logs
 * stay plain ASCII and searchable; on a colour terminal they are ✓ and ✗.
 */
export function renderCheckTable(checks: readonly FileCheck[], options: RenderOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const marks = options.color
    ? { pass: chalk.green("✓"), fail: chalk.red("✗"), invalid: chalk.red("✗") }
    : { pass: "PASS   ", fail: "FAIL   ", invalid: "INVALID" };
  const lines = checks.flatMap((check): string[] => {
    if (!check.valid) {
      return [
        `${marks.invalid} ${check.file}  ${plural(check.errors.length, "problem")}`,
        ...check.errors.map((problem) => `    ${formatProblem(problem)}`),
      ];
    }
    const { outcome, result } = check;
    if (outcome.passed) {
      const count = outcome.checks.length === 0 ? "no expectations" : `${plural(outcome.checks.length, "expectation")} met`;
      return [`${marks.pass} ${check.file}  ladder ${ladderVerdict(result.ladder)}; ${count}`];
    }
    const failures = outcome.failures.map((failure) => expectationText(failure, result.scenario.currency));
    return [`${marks.fail} ${check.file}  ${outcome.failures.length} of ${outcome.checks.length} failed: ${failures.join("; ")}`];
  });
  const summary = summarize(checks);
  const verdict = summary.failed + summary.invalid === 0 ? chalk.green : chalk.red;
  return `${[...lines, verdict(summaryLine(summary))].join("\n")}\n`;
}
