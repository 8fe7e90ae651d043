import type { InputProblem } from "../lib/errors.js";
import type { JsonResult } from "../result/json-result.js";
import type { ExpectOutcome } from "./expect.js";

/**
 * What `llm-cac check` found for one file: a valid scenario with its result and each
 * expectation checked, or an invalid one with its problems. Renderers turn a list of
 * these into text; they compute nothing.
 */
export type FileCheck = (
  | { file: string; valid: true; result: JsonResult; outcome: ExpectOutcome }
  | { file: string; valid: false; errors: InputProblem[] }
) & { timing?: CheckTiming };

/** When a file's check started (ISO 8601, UTC, to the second, no zone: JUnit's form) and how long it took: for JUnit's timestamp and time. */
export interface CheckTiming {
  started: string;
  seconds: number;
}

function filePassed(check: FileCheck): boolean {
  return check.valid && check.outcome.passed;
}

/** cli.md: 0 when every expectation held, 1 when one failed, 2 when a file is invalid (which wins). */
export function checkExitCode(checks: readonly FileCheck[]): 0 | 1 | 2 {
  if (checks.some((check) => !check.valid)) return 2;
  return checks.every(filePassed) ? 0 : 1;
}
