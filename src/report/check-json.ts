import type { FileCheck } from "./check.js";
import { finiteOrNull } from "./json.js";

/**
 * An array of `{ file, valid, passed, errors, failures, result }` (issue 4); a valid file's
 * result is the JSON result of `run` with `expect: { passed, failures }` added (cli.md).
 */
export function renderCheckJson(checks: readonly FileCheck[]): string {
  const entries = checks.map((check) =>
    check.valid
      ? {
          file: check.file,
          valid: true,
          passed: check.outcome.passed,
          errors: [],
          failures: check.outcome.failures,
          result: { ...check.result, expect: { passed: check.outcome.passed, failures: check.outcome.failures } },
        }
      : { file: check.file, valid: false, passed: false, errors: check.errors, failures: [], result: null },
  );
  return `${JSON.stringify(entries, finiteOrNull, 2)}\n`;
}
