import { showControls } from "./control.js";

/** Where in which input a problem is, as far as it is known. */
export interface InputProblem {
  file: string;
  line?: number;
  col?: number;
  /** Dotted path of the field, e.g. `acquisition.channels.0.cpa`. */
  path?: string;
  message: string;
  hint?: string;
}

/**
 * Anything the user can fix: bad input, bad usage. The CLI maps it to exit 2 and
 * prints each problem on its own line; there is no stack trace to show.
 */
export class UserError extends Error {
  readonly problems: InputProblem[];
  readonly hint: string | undefined;

  constructor(message: string, options: { problems?: InputProblem[]; hint?: string } = {}) {
    super(message);
    this.name = "UserError";
    this.problems = options.problems ?? [];
    this.hint = options.hint;
  }

  /** A problem with a whole file (missing, unreadable, not UTF-8): no line or field to point at. */
  static inFile(file: string, message: string): UserError {
    return UserError.fromProblems([{ file, message }]);
  }

  static fromProblems(problems: InputProblem[]): UserError {
    const files = [...new Set(problems.map((problem) => problem.file))];
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    return new UserError(`${files.join(", ")}: ${count}`, { problems });
  }
}

/**
 * `file:line:col  path: message (hint)`, the one line a problem prints as; control
 * characters a file name, a path or a quoted value carries are shown escaped, so that the
 * line stays one line and cannot rewrite the terminal.
 */
export function formatProblem(problem: InputProblem): string {
  const where = [problem.file, problem.line, problem.col].filter((part) => part !== undefined).join(":");
  const field = problem.path ? `${problem.path}: ` : "";
  const hint = problem.hint ? ` (${problem.hint})` : "";
  // Two spaces after a position, as compilers print it; a plain colon after a bare file name.
  const separator = problem.line === undefined ? ": " : "  ";
  return showControls(`${where}${separator}${field}${problem.message}${hint}`);
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/** A user error as problems, one per line of its message. */
export function problemsOf(error: UserError): InputProblem[] {
  return error.problems.length > 0 ? error.problems : [{ file: "llm-cac", message: error.message }];
}
