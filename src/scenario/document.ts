import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { type InputProblem, UserError } from "../errors.js";
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
const MAX_ALIAS_COUNT = 100;

export function parseYaml(text: string, file: string): ScenarioDocument {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, stringKeys: false });
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
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw UserError.fromProblems([{ file, message: `invalid YAML: ${firstLine(error instanceof Error ? error.message : String(error))}` }]);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const at = positionOf(source, document.contents);
    throw UserError.fromProblems([{ file, ...at, message: `expected a mapping of scenario keys at the top level, found ${Array.isArray(value) ? "a list" : "a single value"}` }]);
  }
  return value as Record<string, unknown>;
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
