import { formatProblem } from "../../lib/errors.js";
import { expectationName, expectationText, plural, summarize } from "./check.js";
import { STDIN_NAME } from "../../lib/read.js";
import type { FileCheck } from "../../scenario/check.js";

/** Characters XML 1.0 cannot hold at all, even escaped; replaced so that the report stays well formed. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text safe in XML content and in double-quoted attributes. Line breaks become character
 * references: an attribute keeps them (a reader would turn a raw one into a space), and a
 * multi-line message stays one line of the file, so indenting the report cannot shift it.
 */
export function xmlEscape(text: string): string {
  return text
    .replace(NOT_XML, "\uFFFD")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;")
    .replaceAll("\r", "&#13;")
    .replaceAll("\n", "&#10;");
}

function element(name: string, attributes: Record<string, string | number>, children: string[] | string | null): string {
  const attributeText = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${xmlEscape(String(value))}"`)
    .join("");
  if (children === null) return `<${name}${attributeText}/>`;
  if (typeof children === "string") return `<${name}${attributeText}>${xmlEscape(children)}</${name}>`;
  return [`<${name}${attributeText}>`, ...children.map((child) => indent(child)), `</${name}>`].join("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

/** `file` (the scenario, for CI systems that link to it), and where measured, `time` in seconds and the `timestamp` it started. */
function suiteTiming(check: FileCheck): Record<string, string> {
  const file: Record<string, string> = check.file === STDIN_NAME ? {} : { file: check.file };
  return check.timing === undefined ? file : { ...file, time: seconds(check.timing.seconds), timestamp: check.timing.started };
}

/** Seconds as JUnit's time: digits, a point, milliseconds (the XSD's SUREFIRE_TIME allows no exponent). */
function seconds(value: number): string {
  return value.toFixed(3);
}

/**
 * JUnit XML for CI systems: a test suite per file and a test case per expectation; an
 * invalid file is one test case with an <error> listing its problems.
 */
export function renderCheckJunit(checks: readonly FileCheck[]): string {
  const suites = checks.map((check) => {
    if (!check.valid) {
      const error = element(
        "error",
        { message: plural(check.errors.length, "problem"), type: "invalid scenario" },
        check.errors.map(formatProblem).join("\n"),
      );
      const testcase = element("testcase", { classname: check.file, name: "valid scenario" }, [error]);
      return element("testsuite", { name: check.file, tests: 1, failures: 0, errors: 1, ...suiteTiming(check) }, [testcase]);
    }
    const currency = check.result.scenario.currency;
    const testcases = check.outcome.checks.map((item) => {
      const attributes = { classname: check.file, name: expectationName(item) };
      if (item.passed) return element("testcase", attributes, null);
      const message = expectationText(item, currency);
      return element("testcase", attributes, [element("failure", { message, type: item.kind }, item.reason ?? message)]);
    });
    return element(
      "testsuite",
      { name: check.file, tests: check.outcome.checks.length, failures: check.outcome.failures.length, errors: 0, ...suiteTiming(check) },
      testcases.length > 0 ? testcases : null,
    );
  });
  const summary = summarize(checks);
  const root = element(
    "testsuites",
    {
      name: "llm-cac check",
      tests: summary.expectations + summary.invalid,
      failures: summary.failedExpectations,
      errors: summary.invalid,
      ...(checks.every((check) => check.timing !== undefined)
        ? { time: seconds(checks.reduce((total, check) => total + (check.timing?.seconds ?? 0), 0)) }
        : {}),
    },
    suites.length > 0 ? suites : null,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}
