import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { type InputProblem, UserError } from "../errors.js";
import type { FieldProblem } from "./issues.js";
import type { AppliedOverride } from "./overrides.js";

/**
 * A scenario's YAML document, kept with its source positions so that every problem
 * can be reported at `file:line:col`.
 */
export interface ScenarioDocument {
  file: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** `--set` overrides applied to the document, so that problems they cause can name them. */
  overrides?: readonly AppliedOverride[];
}

/** Aliases may expand a document a hundredfold at most: beyond is a "billion laughs" attack. */
export const MAX_ALIAS_COUNT = 100;

export function parseYaml(text: string, file: string): ScenarioDocument {
  const lineCounter = new LineCounter();
  // logLevel "error": the yaml package's warnings would go to the process's stderr as Node
  // warnings, outside the CLI's own messages; whatever matters is an error or a schema problem.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, stringKeys: false, logLevel: "error" });
  const problems: InputProblem[] = document.errors.map((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { file, line, col, message: `invalid YAML: ${firstLine(error.message)}` };
  });
  if (problems.length > 0) throw UserError.fromProblems(problems);
  return { file, document, lineCounter };
}

/** The plain value of the document; an error for an empty file, alias bombs and non-mapping roots. */
export function documentValue(source: ScenarioDocument): Record<string, unknown> {
  const { document, file } = source;
  if (document.contents === null || (isScalar(document.contents) && document.contents.value === null)) {
    throw UserError.fromProblems([{ file, message: "the file is empty: a scenario is a YAML mapping (see `llm-cac init -`)" }]);
  }
  const value = plainValue(source);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const at = positionOf(source, document.contents);
    throw UserError.fromProblems([{ file, ...at, message: `expected a mapping of scenario keys at the top level, found ${Array.isArray(value) ? "a list" : "a single value"}` }]);
  }
  return value as Record<string, unknown>;
}

/** The plain value of the document, whatever it is; an error for alias bombs. */
export function plainValue(source: ScenarioDocument): unknown {
  try {
    return source.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw UserError.fromProblems([{ file: source.file, message: `invalid YAML: ${firstLine(error instanceof Error ? error.message : String(error))}` }]);
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.trim();
}

function positionOf(source: ScenarioDocument, node: Node | null | undefined): { line?: number; col?: number } {
  const offset = node?.range?.[0];
  if (offset === undefined) return {};
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, col };
}

/**
 * Line and column of the node at `path`: the value there, or its key with `atKey`,
 * or the deepest node on the way where the path leaves the document (a missing key
 * is reported at the mapping that should hold it).
 */
export function locate(source: ScenarioDocument, path: readonly PropertyKey[], atKey = false): { line?: number; col?: number } {
  let node: unknown = source.document.contents;
  let located: unknown = node;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(source.document);
    const segment = path[i];
    if (isMap(node)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === segment || String(isScalar(item.key) ? item.key.value : item.key) === String(segment));
      if (!pair) break;
      const last = i === path.length - 1;
      node = pair.value;
      located = last && (atKey || pair.value === null) ? pair.key : (pair.value ?? pair.key);
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (item === undefined) break;
      node = item;
      located = item;
    } else {
      break;
    }
  }
  return positionOf(source, located as Node);
}

/** A problem at its line and column in the document, its path dotted. */
export function locateProblem(source: ScenarioDocument, problem: FieldProblem): InputProblem {
  return {
    file: source.file,
    ...locate(source, problem.path, problem.atKey),
    path: problem.path.map(String).join(".") || "(top level)",
    message: problem.message,
    ...(problem.hint ? { hint: problem.hint } : {}),
  };
}

/**
 * Every problem at its line and column, in the order of the file, as the one error to
 * throw; `place` locates a problem where plain `locateProblem` is not enough.
 */
export function problemsError(
  source: ScenarioDocument,
  problems: readonly FieldProblem[],
  place: (source: ScenarioDocument, problem: FieldProblem) => InputProblem = locateProblem,
): UserError {
  return UserError.fromProblems(problems.map((problem) => place(source, problem)).sort(byPosition));
}

function byPosition(a: InputProblem, b: InputProblem): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0);
}
