import { formatProblem, type InputProblem, UserError } from "../../src/lib/errors.js";

/** The UserError a call throws, so that its problems can be checked. */
export function userError(call: () => unknown): UserError {
  try {
    call();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error("expected a UserError");
}

/** The lines the CLI prints for the UserError a call throws: `file:line:col  path: message (hint)` each. */
export function problemLines(call: () => unknown): string[] {
  return userError(call).problems.map(formatProblem);
}

/** The problems of the UserError a call throws. */
export function problemsOf(call: () => unknown): InputProblem[] {
  return userError(call).problems;
}
