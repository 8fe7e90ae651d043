import type { ExpectationFailure } from "../../scenario/expect.js";
import type { FileCheck } from "../../scenario/check.js";
import { jsonText } from "../shared/json.js";

/**
 * A failed expectation as docs/ci.md documents it, keys in this order: `bound` is the
 * threshold (the expected verdict for the ladder), `kind` max, min or ladder, `value` the
 * figure found (null when it is n/a), `reason` only where the comparison needs one.
 */
function failureJson(failure: ExpectationFailure) {
  const { metric, kind, bound, value, reason } = failure;
  // A change rule (check --baseline) also says whether bound is in percent, the baseline's value and the change.
  const change = "relative" in failure ? { relative: failure.relative, baseline: failure.baseline, change: failure.change } : {};
  return { metric, kind, bound, value, ...change, ...(reason === undefined ? {} : { reason }) };
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
  return jsonText(entries);
}
