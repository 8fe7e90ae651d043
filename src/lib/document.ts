import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { describeControl, firstNonPrintable } from "./control.js";
import { type InputProblem, UserError } from "./errors.js";
import type { FieldProblem } from "./issues.js";
import { plainYamlValue } from "./plain-yaml.js";

/**
 * A scenario's YAML document, kept with its source positions so that every problem
 * can be reported at `file:line:col`.
 */
/** An override as applied to one document (`--set`, a sweep's point): its path with list items as indices. */
export interface AppliedOverride {
  path: (string | number)[];
  label: string;
  /**
   * How many keys of `path`, from the top, the document held as a mapping or a list when
   * the override was written: the write created the mappings below them (`--set
   * revenue.subscription.conversion=0.1` where the file has `revenue` but no subscription: 1).
   * All of `path`: the document had a value there, which the override replaced. Absent: it created none.
   */
  held?: number;
}

export interface ScenarioDocument {
  file: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** `--set` overrides applied to the document, so that problems they cause can name them. */
  overrides?: readonly AppliedOverride[];
}

/** Aliases may expand a document a hundredfold at most: beyond is a "billion laughs" attack. */
export const MAX_ALIAS_COUNT = 100;

/**
 * The scenario document of a YAML text, or its problems, each at its place. A text in
 * the plain style of the scenario files is read by plain-yaml.ts alone, and parsed by the
 * `yaml` package only when its nodes are asked for (a problem to locate, an override to
 * write): a valid file then costs no more than that quick pass (start-up time).
 */
export function parseYaml(text: string, file: string): ScenarioDocument {
  rejectNonPrintable(text, file);
  const plain = plainYamlValue(text);
  return plain === undefined ? parsedYaml(text, file) : unparsedYaml(text, file, plain);
}

/**
 * What a document made by unparsedYaml (or by writtenUnparsed or withOverrides from one) keeps
 * while its YAML is not parsed: its plain value, and how to parse it anew, with what was
 * written on it replayed. Once parsed, the document may be written to (applyOverrides), and
 * its value is read from it again.
 */
interface Unparsed {
  value: Readonly<Record<string, unknown>>;
  parse: () => ScenarioDocument;
}
const unparsedDocuments = new WeakMap<ScenarioDocument, Unparsed>();

/**
 * A document whose `document` and `lineCounter` are parsed (by `parse`) at the first read
 * of either. They are properties of its own, so that a copy (`{ ...source, overrides }`)
 * reads them and holds the parsed document.
 */
function deferredDocument(
  file: string,
  value: Readonly<Record<string, unknown>>,
  parse: () => ScenarioDocument,
  overrides: readonly AppliedOverride[] | undefined,
): ScenarioDocument {
  let parsed: ScenarioDocument | undefined;
  const source = (overrides === undefined ? { file } : { file, overrides }) as ScenarioDocument;
  const parsedOnce = (): ScenarioDocument => {
    if (parsed === undefined) {
      parsed = parse();
      unparsedDocuments.delete(source);
    }
    return parsed;
  };
  Object.defineProperties(source, {
    document: { enumerable: true, get: () => parsedOnce().document },
    lineCounter: { enumerable: true, get: () => parsedOnce().lineCounter },
  });
  unparsedDocuments.set(source, { value, parse });
  return source;
}

function unparsedYaml(text: string, file: string, plain: Record<string, unknown>): ScenarioDocument {
  return deferredDocument(file, plain, () => parsedYaml(text, file), undefined);
}

/**
 * The value plain-yaml.ts read (and what was written on it since), while the YAML is not
 * parsed; undefined once it is, or where the YAML package read the file. Not a copy: for
 * readers, and for writers that copy what they change (withValueAt), as nothing ever
 * writes into it.
 */
export function unparsedView(source: ScenarioDocument): Readonly<Record<string, unknown>> | undefined {
  return unparsedDocuments.get(source)?.value;
}

/** unparsedView's value as a copy to write into, as the document's own toJS makes one at each call. */
function unparsedValue(source: ScenarioDocument): Record<string, unknown> | undefined {
  const value = unparsedView(source);
  return value === undefined ? undefined : structuredClone(value);
}

/**
 * Whether the document is one plain-yaml.ts read and nothing has parsed since: it then has
 * no anchor, alias or tag (plain-yaml.ts declines them all).
 */
export function isUnparsed(source: ScenarioDocument): boolean {
  return unparsedDocuments.has(source);
}

/**
 * An unparsed document (isUnparsed) after writes made on its plain value, which is now
 * `value`: still unparsed, its overrides `overrides`. Its YAML, once asked for, is the
 * source's parsed anew with `replay` making the same writes on it.
 */
export function writtenUnparsed(
  source: ScenarioDocument,
  value: Readonly<Record<string, unknown>>,
  overrides: readonly AppliedOverride[],
  replay: (parsed: ScenarioDocument) => void,
): ScenarioDocument {
  const { parse } = unparsedDocuments.get(source)!;
  return deferredDocument(
    source.file,
    value,
    () => {
      const parsed = parse();
      replay(parsed);
      return parsed;
    },
    overrides,
  );
}

/**
 * The document with other overrides to name in its problems: `{ ...source, overrides }`,
 * which for an unparsed document would parse its YAML (the spread reads `document`).
 */
export function withOverrides(source: ScenarioDocument, overrides: readonly AppliedOverride[]): ScenarioDocument {
  const unparsed = unparsedDocuments.get(source);
  if (unparsed === undefined) return { ...source, overrides };
  return deferredDocument(source.file, unparsed.value, unparsed.parse, overrides);
}

function parsedYaml(text: string, file: string): ScenarioDocument {
  const lineCounter = new LineCounter();
  // logLevel "error": the yaml package's warnings would go to the process's stderr as Node
  // warnings, outside the CLI's own messages; whatever matters is an error or a schema problem.
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
    stringKeys: false,
    logLevel: "error",
  });
  const problems: InputProblem[] = document.errors.map((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { file, line, col, message: `invalid YAML: ${YAML_ERROR_WORDS[error.code] ?? firstLine(error.message)}` };
  });
  if (problems.length > 0) throw UserError.fromProblems(problems);
  const source = { file, document, lineCounter };
  const structure = structureProblems(source);
  if (structure.length > 0) throw UserError.fromProblems(structure);
  return source;
}

/** The yaml package's words for some errors, in the user's terms rather than its API's. */
const YAML_ERROR_WORDS: Partial<Record<string, string>> = {
  MULTIPLE_DOCS: "a scenario file holds one YAML document, and a second one starts here (remove it, or put it in a file of its own)",
  RESOURCE_EXHAUSTION: "nested too deeply for a scenario (a scenario is a few levels deep)",
};

/** Deeper than any scenario (about six levels) by far, and shallow enough for every recursive step after the parse. */
export const MAX_DEPTH = 64;

/**
 * What parses as YAML but cannot be a scenario, each at its place: a tag the YAML core
 * schema does not know (`!!js/function`, `!money`), which yaml would read as a plain
 * value in silence; a `__proto__` key, which a JavaScript object drops in silence; and
 * nesting deeper than MAX_DEPTH. Walked without recursion, whatever the depth.
 */
function structureProblems(source: ScenarioDocument): InputProblem[] {
  const { file, document } = source;
  const at = (node: unknown) => positionOf(source, node as Node);
  const problems: InputProblem[] = document.warnings
    .filter((warning) => warning.code === "TAG_RESOLVE_FAILED")
    .map((warning) => ({
      file,
      ...source.lineCounter.linePos(warning.pos[0]),
      message: `unknown YAML tag ${showTag(warning.message)}: a scenario takes plain YAML values`,
      hint: "remove the tag",
    }));
  const stack: { node: unknown; path: string[] }[] = [{ node: document.contents, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (path.length > MAX_DEPTH) {
      problems.push({ file, ...at(node), message: `nested more than ${MAX_DEPTH} levels deep: too deeply for a scenario` });
      break;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (key === "__proto__") {
          problems.push({
            file,
            ...at(pair.key),
            path: [...path, "__proto__"].join("."),
            message: "the key __proto__ is not allowed (JavaScript would drop it in silence)",
          });
        }
        stack.push({ node: pair.value, path: [...path, String(key)] });
      }
    } else if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) stack.push({ node: item, path: [...path, String(index)] });
    }
  }
  return problems;
}

/** The tag of yaml's "Unresolved tag: tag:yaml.org,2002:js/function" as written: `!!js/function`. */
function showTag(message: string): string {
  const tag = message
    .replace(/^Unresolved tag: /, "")
    .split("\n")[0]!
    .trim();
  return tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice("tag:yaml.org,2002:".length)}` : tag;
}

/** The plain value of the document; an error for an empty file, alias bombs and non-mapping roots. */
export function documentValue(source: ScenarioDocument): Record<string, unknown> {
  const unparsed = unparsedValue(source);
  if (unparsed !== undefined) return unparsed;
  const { document, file } = source;
  if (document.contents === null || (isScalar(document.contents) && document.contents.value === null)) {
    throw UserError.fromProblems([{ file, message: "the file is empty: a scenario is a YAML mapping (see `llm-cac init -`)" }]);
  }
  const value = plainValue(source);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const at = positionOf(source, document.contents);
    throw UserError.fromProblems([
      {
        file,
        ...at,
        message: `expected a mapping of scenario keys at the top level, found ${Array.isArray(value) ? "a list" : "a single value"}`,
      },
    ]);
  }
  return value as Record<string, unknown>;
}

/** The plain value of the document, whatever it is; an error for alias bombs. */
export function plainValue(source: ScenarioDocument): unknown {
  const unparsed = unparsedValue(source);
  if (unparsed !== undefined) return unparsed;
  try {
    return source.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw UserError.fromProblems([
      { file: source.file, message: `invalid YAML: ${firstLine(error instanceof Error ? error.message : String(error))}` },
    ]);
  }
}

/** A raw control character (a NUL, an ESC) is no YAML, and would reach a terminal as it is: refused at its place. */
function rejectNonPrintable(text: string, file: string): void {
  const found = firstNonPrintable(text);
  if (found === undefined) return;
  const before = text.slice(0, found.offset);
  const line = before.split("\n").length;
  const col = found.offset - before.lastIndexOf("\n");
  const message = `invalid YAML: ${describeControl(found.char)} is not allowed raw in YAML; write it as an escape in a double-quoted string ("\\x1b") or remove it`;
  throw UserError.fromProblems([{ file, line, col, message }]);
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
      const pair = node.items.find(
        (item) =>
          (isScalar(item.key) ? item.key.value : item.key) === segment ||
          String(isScalar(item.key) ? item.key.value : item.key) === String(segment),
      );
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
