import type { FileCheck } from "../../scenario/check.js";
import type { ExpectationCheck } from "../../scenario/expect.js";
import { metricKind } from "../../whatif/metrics.js";
import { summarize } from "../check/check.js";
import { ladderVerdict } from "../shared/ladder.js";
import { metricText } from "./common.js";
import { type Html, html } from "./html.js";
import { type HtmlOptions, page } from "./page.js";

type Status = "pass" | "fail" | "invalid";

function statusOf(check: FileCheck): Status {
  return !check.valid ? "invalid" : check.outcome.passed ? "pass" : "fail";
}

const STATUS_WORD: Record<Status, string> = { pass: "PASS", fail: "FAIL", invalid: "INVALID" };

/** A bound as a reader says it: `at most ¥12.00`, `at least 3`, `the ladder holds`. */
function boundText(check: ExpectationCheck, currency: string): string {
  if (check.kind === "ladder") return check.bound ? "the ladder holds" : "the ladder does not hold";
  const kind = metricKind(check.metric);
  if (check.kind === "max_increase" || check.kind === "max_decrease") {
    // A change rule (check --baseline): the limit, and where the figure stood in the baseline.
    const limit = check.relative ? `${check.bound} %` : metricText(check.bound, kind, currency);
    return `${check.kind === "max_increase" ? "rises at most" : "falls at most"} ${limit} from the baseline's ${metricText(check.baseline, kind, currency)}`;
  }
  return `${check.kind === "max" ? "at most" : "at least"} ${metricText(check.bound, kind, currency)}`;
}

/**
 * `check --format html`: the summary, then one row per file with PASS, FAIL or INVALID;
 * under a failed file each failed expectation with its metric, bound and value, under an
 * invalid one each problem with its place in the file.
 */
export function renderCheckHtml(checks: readonly FileCheck[], options: HtmlOptions): string {
  const summary = summarize(checks);
  const passed = summary.failed === 0 && summary.invalid === 0;
  const heading = `${summary.files} scenario file${summary.files === 1 ? "" : "s"} checked`;
  const lead = html`<p class="verdict ${passed ? "holds" : "fails"}" data-passed="${String(passed)}"><span class="verdict-text">${summary.passed} passed, ${summary.failed} failed, ${summary.invalid} invalid.</span> <span class="muted">${
    summary.failedExpectations
  } of ${summary.expectations} expectation${summary.expectations === 1 ? "" : "s"} failed.</span></p>`;
  const rows = checks.map((check) => row(check));
  const body = html`<section><h2>Files</h2><div class="table-wrap"><table class="checks"><thead><tr><th scope="col" class="text">file</th><th scope="col" class="text">status</th><th scope="col" class="text">ladder</th><th scope="col">expectations</th></tr></thead><tbody>${rows}</tbody></table></div></section>${details(checks)}`;
  return page(
    {
      title: `llm-cac check: ${summary.passed} passed, ${summary.failed} failed, ${summary.invalid} invalid`,
      kicker: "Expectations · llm-cac check",
      heading,
      lead,
      body,
      files: checks.map((check) => check.file),
    },
    options,
  );
}

function row(check: FileCheck): Html {
  const status = statusOf(check);
  const badge = html`<span class="badge ${status}" data-status="${status}">${STATUS_WORD[status]}</span>`;
  if (!check.valid) {
    return html`<tr><th scope="row" class="text"><code>${check.file}</code></th><td class="text">${badge}</td><td class="text muted">not evaluated</td><td>${check.errors.length} problem${check.errors.length === 1 ? "" : "s"}</td></tr>`;
  }
  const { checks: expectations, failures } = check.outcome;
  return html`<tr><th scope="row" class="text"><code>${check.file}</code><br><span class="muted">${check.result.scenario.name}</span></th><td class="text">${badge}</td><td class="text">${ladderVerdict(check.result.ladder)}</td><td>${
    expectations.length - failures.length
  } of ${expectations.length} held</td></tr>`;
}

/** Each failure with its metric, bound and value; each invalid file's problems. */
function details(checks: readonly FileCheck[]): Html {
  const failed = checks.filter((check) => check.valid && !check.outcome.passed);
  const invalid = checks.filter((check) => !check.valid);
  const failures = failed.map((check) => {
    if (!check.valid) return "";
    const currency = check.result.scenario.currency;
    const broken = check.outcome.checks.filter((expectation) => !expectation.passed);
    return html`<h3><code>${check.file}</code></h3><div class="table-wrap"><table class="failures"><thead><tr><th scope="col" class="text">metric</th><th scope="col" class="text">expected</th><th scope="col">found</th></tr></thead><tbody>${broken.map(
      (expectation) =>
        html`<tr><th scope="row" class="text"><code>${expectation.metric}</code></th><td class="text">${boundText(expectation, currency)}</td><td>${
          expectation.kind === "ladder"
            ? ladderVerdict(check.result.ladder)
            : metricText(expectation.value, metricKind(expectation.metric), currency)
        }${expectation.reason === undefined ? "" : html`<br><span class="muted">${expectation.reason}</span>`}</td></tr>`,
    )}</tbody></table></div>`;
  });
  const problems = invalid.map((check) =>
    check.valid
      ? ""
      : html`<h3><code>${check.file}</code></h3><ul class="problems">${check.errors.map(
          (problem) =>
            html`<li><code>${problem.file}${problem.line === undefined ? "" : `:${problem.line}`}${problem.col === undefined ? "" : `:${problem.col}`}</code>${problem.path === undefined ? "" : html` <code>${problem.path}</code>`}: ${problem.message}${
              problem.hint === undefined ? "" : html` <span class="muted">(${problem.hint})</span>`
            }</li>`,
        )}</ul>`,
  );
  return html`${failed.length === 0 ? "" : html`<section><h2>Failed expectations</h2>${failures}</section>`}${invalid.length === 0 ? "" : html`<section><h2>Invalid files</h2>${problems}</section>`}`;
}
