import type { ExpectationFailure } from "../scenario/expect.js";
import type { FileCheck } from "./check.js";
import { finiteOrNull } from "./json.js";

/**
 * A failed expectation as docs/ci.md documents it, keys in this order: `bound` is the
 * threshold (the expected verdict for the ladder), `kind` max, min or ladder, `value` the
 * figure found (null when it is n/a), `reason` only where the comparison needs one.
 */
function failureJson({ metric, kind, bound, value, reason }: ExpectationFailure) {
  return { metric, kind, bound, value, ...(reason === undefined ? {} : { reason }) };
}

/**
 * An array of `{ file, valid, passed, errors, failures, result }` (issue 4); a valid file's
 * result is the JSON result of `run` with `expect: { passed, failures }` added (cli.md).
 */
export function renderCheckJson(checks: readonly FileCheck[]): string {
  const entries = checks.map((check) => {
    if (!check.valid) return { file: check.file, valid: false, passed: false, errors: check.errors, failures: [], result: null };
    const { passed } = check.outcome;
    const failures = check.outcome.failures.map(failureJson);
    return { file: check.file, valid: true, passed, errors: [], failures, result: { ...check.result, expect: { passed, failures } } };
  });
  return `${JSON.stringify(entries, finiteOrNull, 2)}\n`;
}
