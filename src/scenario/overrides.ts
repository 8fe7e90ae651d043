import { isAlias, isCollection, isMap, isNode, isScalar, isSeq, parseDocument, visit, type YAMLMap } from "yaml";
import { type InputProblem, UserError } from "../lib/errors.js";
import {
  type AppliedOverride,
  documentValue,
  MAX_ALIAS_COUNT,
  MAX_DEPTH,
  type ScenarioDocument,
  unparsedView,
  writtenUnparsed,
} from "../lib/document.js";
import { describeFound, type FieldProblem } from "../lib/issues.js";
import { plainYamlValue } from "../lib/plain-yaml.js";
import { scenarioKeysAt, scenarioKindsAt } from "./parse.js";
import { closest, didYouMean } from "../lib/suggest.js";
import { ownValueAt, withValueAt } from "../lib/value-at.js";

/**
 * `--set PATH=VALUE`: a change to a scenario made on the command line. It is applied to
 * the parsed YAML document before validation, so the result is validated exactly like
 * the file, and a problem with the value is reported as the `--set` that caused it.
 */
export interface Override {
  /** The dotted path as typed, split at its dots: `acquisition`, `channels`, `bilibili`, `cpa`. */
  segments: string[];
  /** The value, read as YAML: a number, a money string, true/false, `full`, or a flow mapping such as `{ low: 1, high: 2 }`. */
  value: unknown;
  /** How messages name it: `--set acquisition.channels.bilibili.cpa=50`. */
  label: string;
}

/** A path segment for a list item: its index, or the `name` of the item. */
const INDEX = /^\d+$/;

/** Reads `PATH=VALUE` (split at the first `=`); `flag` names the option in messages. */
export function parseOverride(text: string, flag = "--set"): Override {
  const { segments, valueText, label } = splitAssignment(text, flag, "VALUE");
  return { segments, value: parseValue(valueText, label), label };
}

/** `PATH=REST` split at the first `=`, the path at its dots: shared by `--set`, `--vary` and `--for`. */
export function splitAssignment(text: string, flag: string, valueName: string): { segments: string[]; valueText: string; label: string } {
  const equals = text.indexOf("=");
  const label = `${flag} ${text}`;
  if (equals <= 0) {
    throw new UserError(
      `${label}: expected PATH=${valueName}, e.g. ${flag} acquisition.channels.0.cpa=${valueName === "VALUE" ? "20" : "10..50:5"}`,
      {
        hint: "PATH is the dotted path of a scenario key; list items by index or by name (acquisition.channels.bilibili.cpa)",
      },
    );
  }
  return { segments: parsePath(text.slice(0, equals), label), valueText: text.slice(equals + 1), label };
}

/** A dotted scenario path as its parts; an empty part is a typo. */
export function parsePath(text: string, label: string): string[] {
  const pathText = text.trim();
  const segments = pathText.split(".");
  if (segments.some((segment) => segment === "")) {
    throw new UserError(`${label}: "${pathText}" has an empty part; write the path as dotted keys, e.g. usage.max_turns_per_day`);
  }
  if (segments.includes("__proto__"))
    throw new UserError(`${label}: the key __proto__ is not allowed (JavaScript would drop it in silence)`);
  return segments;
}

/** A value as YAML reads it; an empty value stays empty (null) for the schema to report. */
export function parseValue(text: string, label: string): unknown {
  const plain = plainValueText(text);
  if (plain !== undefined) {
    const shape = valueShapeProblem(plain.value);
    if (shape !== undefined) throw new UserError(`${label}: ${shape}`);
    return plain.value;
  }
  const document = parseDocument(text, { strict: true, uniqueKeys: true, prettyErrors: false, logLevel: "error" });
  const error = document.errors[0];
  const invalid = (message: string) => new UserError(`${label}: the value is not valid YAML: ${message.split("\n")[0]}`);
  if (error !== undefined) throw invalid(error.message);
  // As in a file: an unknown tag (`!money 10`) would otherwise be read as a plain value in silence.
  const tag = document.warnings.find((warning) => warning.code === "TAG_RESOLVE_FAILED");
  if (tag !== undefined) throw new UserError(`${label}: unknown YAML tag in the value; a value is plain YAML (remove the tag)`);
  let value: unknown;
  try {
    // A value stands alone: an alias in it (`*a`) has no anchor to refer to.
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (thrown) {
    throw invalid(thrown instanceof Error ? thrown.message : String(thrown));
  }
  const shape = valueShapeProblem(value);
  if (shape !== undefined) throw new UserError(`${label}: ${shape}`);
  return value;
}

/**
 * A value on one line in the plain style of the scenario files (`20`, `¥30`, `full`,
 * `{ low: 1, high: 2 }`), read by plain-yaml.ts as the value of a key, so that a `--set`
 * needs no `yaml` package; undefined for anything else, which `yaml` reads as before. A
 * text alone is a document, where `...`, `---` and `%` at its start mean more than as the
 * value of a key: those are left to `yaml`.
 */
export function plainValueText(text: string): { value: unknown } | undefined {
  if (text.includes("\n") || /^(?:---|\.\.\.|%)/.test(text)) return undefined;
  const document = plainYamlValue(`v: ${text}`);
  return document === undefined ? undefined : { value: document.v };
}

/** As in a file: no `__proto__` key (JavaScript would drop it in silence), no nesting deeper than a scenario's. Walked without recursion. */
function valueShapeProblem(value: unknown): string | undefined {
  const stack: { item: unknown; depth: number }[] = [{ item: value, depth: 0 }];
  while (stack.length > 0) {
    const { item, depth } = stack.pop()!;
    if (item === null || typeof item !== "object") continue;
    if (depth > MAX_DEPTH) return `the value is nested more than ${MAX_DEPTH} levels deep`;
    if (Object.hasOwn(item, "__proto__")) return "the key __proto__ is not allowed (JavaScript would drop it in silence)";
    for (const child of Object.values(item)) stack.push({ item: child, depth: depth + 1 });
  }
  return undefined;
}

type Resolution = { ok: true; path: (string | number)[]; emptyParents: (string | number)[][] } | { ok: false; problem: InputProblem };

/**
 * The path of an override in one document: each segment checked against the schema
 * (a bad key lists the keys allowed there), list items found by index or by name.
 * Keys the file lacks but the schema allows may be created; list items may not.
 */
export function resolveOverridePath(source: ScenarioDocument, override: Override, written: readonly AppliedOverride[] = []): Resolution {
  const path: (string | number)[] = [];
  const emptyParents: (string | number)[][] = [];
  const fail = (message: string, hint?: string): Resolution => ({
    ok: false,
    problem: { file: source.file, path: override.label, message, ...(hint ? { hint } : {}) },
  });
  // Where the value at the path so far came from: the file, or the last of the overrides `written` before this one at or around it.
  const from = () => {
    const writer = written.findLast((earlier) => earlier.path.length <= path.length && samePath(earlier.path, path, earlier.path.length));
    return writer === undefined ? "in the file" : `after ${writer.label}`;
  };
  let node: unknown = source.document.contents;
  const { segments } = override;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const here = path.length === 0 ? "the top level" : path.join(".");
    const inHere = path.length === 0 ? "at the top level" : `in ${here}`;
    if (isAlias(node)) return fail(`${here} is a YAML alias (*${node.source}); --set cannot change a value shared through an anchor`);
    if (isScalar(node) && node.value === null) {
      emptyParents.push([...path]);
      node = undefined;
    }
    const kinds = scenarioKindsAt(path);
    if (kinds.has("record")) {
      // A mapping with free keys (fx, expect.max): the rest of the path is the key, dots and all.
      const key = segments.slice(i).join(".");
      if (node !== undefined && !isMap(node)) return fail(`${here} is ${describeNode(node)} ${from()}, not a mapping`);
      path.push(key);
      return { ok: true, path, emptyParents };
    }
    if (kinds.has("array")) {
      if (node === undefined)
        return fail(
          `there is no list ${here} in the file to pick item "${segment}" from; --set changes list items but does not create them`,
        );
      if (!isSeq(node)) return fail(`${here} is ${describeNode(node)} ${from()}, not a list`);
      if (node.items.length === 0) return fail(`${here} is an empty list; --set changes list items but does not create them`);
      const names = node.items
        .map((item) => (isMap(item) ? item.get("name") : undefined))
        .filter((name): name is string => typeof name === "string");
      let index: number;
      if (INDEX.test(segment)) {
        index = Number(segment);
        if (index >= node.items.length) {
          const count = node.items.length;
          return fail(
            `${here} has ${count} item${count === 1 ? "" : "s"}, so the index is 0..${count - 1}, not ${segment}; --set cannot add list items`,
            names.length > 0 ? `items by name: ${names.join(", ")}` : undefined,
          );
        }
      } else {
        index = node.items.findIndex((item) => isMap(item) && item.get("name") === segment);
        if (index < 0) {
          const near = didYouMean(segment, names);
          const listed =
            names.length > 0 ? `names: ${names.join(", ")}` : `no item of ${here} has a name; use an index 0..${node.items.length - 1}`;
          return fail(`no item named "${segment}" in ${here}`, near ? `${near} ${listed}` : listed);
        }
      }
      path.push(index);
      node = node.items[index];
      continue;
    }
    const keys = scenarioKeysAt(path);
    if (keys.length === 0) {
      return fail(
        `${here} takes a single value, so "${segments.slice(i).join(".")}" cannot follow it`,
        `set it whole: --set ${segments.slice(0, i).join(".")}=VALUE`,
      );
    }
    if (!keys.includes(segment)) {
      const near = closest(segment, keys);
      return fail(
        `unknown key "${segment}" ${inHere}; valid keys: ${keys.join(", ")}`,
        near.length > 0 ? `did you mean ${near.map((key) => `"${key}"`).join(" or ")}?` : undefined,
      );
    }
    if (node !== undefined && !isMap(node)) {
      const given = segments.slice(0, i).join(".");
      return fail(
        `${here} is ${describeNode(node)} ${from()}, not a mapping`,
        `set it whole, e.g. --set ${given}="{ low: 10, high: 20 }" for a range`,
      );
    }
    node = node === undefined ? undefined : (node as YAMLMap).get(segment, true);
    path.push(segment);
  }
  return { ok: true, path, emptyParents };
}

/** A mapping of a plain value, as the YAML package's `isMap` knows a mapping node. */
function isPlainMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * resolveOverridePath in the plain value of a document that plain-yaml.ts read (no anchor,
 * alias or tag in it): the same path and empty parents where that resolves the path, and
 * undefined wherever it might not. A key of a record that is no name (`1`, which YAML reads
 * as a number) is left to the document too.
 */
export function resolvePlainOverride(
  root: Readonly<Record<string, unknown>>,
  override: Override,
): { path: (string | number)[]; emptyParents: (string | number)[][] } | undefined {
  const path: (string | number)[] = [];
  const emptyParents: (string | number)[][] = [];
  let node: unknown = root;
  const { segments } = override;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (node === null) {
      emptyParents.push([...path]);
      node = undefined;
    }
    const kinds = scenarioKindsAt(path);
    if (kinds.has("record")) {
      const key = segments.slice(i).join(".");
      if ((node !== undefined && !isPlainMapping(node)) || !/^[A-Za-z_]/.test(key)) return undefined;
      path.push(key);
      return { path, emptyParents };
    }
    if (kinds.has("array")) {
      if (!Array.isArray(node)) return undefined;
      const index = INDEX.test(segment) ? Number(segment) : node.findIndex((item) => isPlainMapping(item) && item.name === segment);
      if (index < 0 || index >= node.length) return undefined;
      path.push(index);
      node = node[index];
      continue;
    }
    if (!scenarioKeysAt(path).includes(segment) || (node !== undefined && !isPlainMapping(node))) return undefined;
    node = node !== undefined && Object.hasOwn(node, segment) ? node[segment] : undefined;
    path.push(segment);
  }
  return { path, emptyParents };
}

/** heldDepth in a plain value: a mapping or a list is a collection, null (an empty value) is none. */
function heldPlainDepth(root: Readonly<Record<string, unknown>>, path: readonly (string | number)[]): number {
  const isCollection = (value: unknown) => typeof value === "object" && value !== null;
  let depth = 0;
  while (depth < path.length - 1 && isCollection(ownValueAt(root, path.slice(0, depth + 1)))) depth++;
  const value = ownValueAt(root, path);
  if (depth === path.length - 1 && value !== undefined && value !== null) depth++;
  return depth;
}

/**
 * The overrides written on the plain value of a document plain-yaml.ts read (isUnparsed),
 * each resolved in what the ones before it wrote, as applyOverrides does in the document,
 * and the YAML left unparsed until something asks for it (a problem's line and column),
 * when setValue makes the same writes on it: a valid `run --set` loads no `yaml` package.
 * Undefined where the document is parsed, or any override might not resolve: applyOverrides
 * then writes them all on the YAML, and words every problem.
 */
export function appliedUnparsed(source: ScenarioDocument, overrides: readonly Override[]): ScenarioDocument | undefined {
  let value = unparsedView(source);
  if (value === undefined) return undefined;
  const applied: AppliedOverride[] = [...(source.overrides ?? [])];
  const writes: { path: (string | number)[]; emptyParents: (string | number)[][]; override: Override }[] = [];
  for (const override of overrides) {
    const resolved = resolvePlainOverride(value, override);
    if (resolved === undefined) return undefined;
    applied.push({ path: resolved.path, label: override.label, held: heldPlainDepth(value, resolved.path) });
    // As setValue writes the document: an empty parent (`revenue:`) or a missing one becomes a mapping.
    value = withValueAt(value, resolved.path, structuredClone(override.value)) as Readonly<Record<string, unknown>>;
    writes.push({ ...resolved, override });
  }
  return writtenUnparsed(source, value, applied, (parsed) => {
    for (const { path, emptyParents, override } of writes) setValue(parsed, path, override.value, emptyParents, override.label);
  });
}

/**
 * The anchor (`&name`) on the value at `path` when aliases (`*name`) elsewhere share it:
 * setting that value alone would leave them pointing at nothing.
 */
export function sharedAnchorAt(document: ScenarioDocument["document"], path: readonly (string | number)[]): string | undefined {
  const node = document.getIn(path, true);
  const anchor = isNode(node) ? node.anchor : undefined;
  if (anchor === undefined) return undefined;
  let shared = false;
  visit(document, {
    Alias(_key, alias) {
      if (alias.source !== anchor) return undefined;
      shared = true;
      return visit.BREAK;
    },
  });
  return shared ? anchor : undefined;
}

/** The problem of setting a value that aliases share, named by the option that tried (`--set`, `--vary`, `--for`). */
export function sharedAnchorProblem(source: ScenarioDocument, label: string, anchor: string): InputProblem {
  return {
    file: source.file,
    path: label,
    message: `the value is shared through the YAML anchor &${anchor}: setting it alone would orphan its aliases (*${anchor})`,
    hint: `write the value out in place of each *${anchor}, drop &${anchor}, then set each place`,
  };
}

function describeNode(node: unknown): string {
  if (isScalar(node)) return `a single value (${describeFound(node.value)})`;
  if (isSeq(node)) return "a list";
  if (isMap(node)) return "a mapping";
  return "not a mapping";
}

/**
 * Applies overrides, in order, to the document (the last of two on the same path wins).
 * Every bad path is reported at once; the document is then validated as usual, and the
 * returned document remembers the overrides so that its problems name them.
 */
export function applyOverrides(
  source: ScenarioDocument,
  overrides: readonly Override[],
  { sharedAnchors = "refused" }: { sharedAnchors?: "refused" | "written" } = {},
): ScenarioDocument {
  if (overrides.length === 0) return source;
  const unparsed = appliedUnparsed(source, overrides);
  if (unparsed !== undefined) return unparsed;
  // An empty file or a root that is not a mapping is reported as such, before any path.
  documentValue(source);
  const problems: InputProblem[] = [];
  const applied: AppliedOverride[] = [...(source.overrides ?? [])];
  for (const override of overrides) {
    const resolved = resolveOverridePath(source, override, applied);
    if (!resolved.ok) {
      problems.push(resolved.problem);
      continue;
    }
    const anchor = sharedAnchors === "refused" ? sharedAnchorAt(source.document, resolved.path) : undefined;
    if (anchor !== undefined) {
      problems.push(sharedAnchorProblem(source, override.label, anchor));
      continue;
    }
    applied.push(setValue(source, resolved.path, override.value, resolved.emptyParents, override.label));
  }
  if (problems.length > 0) throw UserError.fromProblems(problems);
  return { ...source, overrides: applied };
}

/**
 * Sets a resolved path as the override `label`; parents written as an empty value
 * (`revenue:`) become mappings first. Returns the override as applied, with how much of
 * its path the document held (attributeProblem names the override by it).
 */
function setValue(
  source: ScenarioDocument,
  path: (string | number)[],
  value: unknown,
  emptyParents: readonly (string | number)[][],
  label: string,
): AppliedOverride {
  const { document } = source;
  const held = heldDepth(document, path);
  for (const parent of emptyParents) {
    // Still empty (a second override under the same parent finds a mapping already).
    const node = document.getIn(parent, true);
    // Made by the document, so that it knows the schema: a `new YAMLMap()` cannot make the mappings below it
    // (`--set revenue.subscription.conversion=0.1` under `revenue:` was an internal error).
    if (isScalar(node) && node.value === null) document.setIn(parent, document.createNode({}));
  }
  document.setIn(path, document.createNode(value));
  return { path, label, held };
}

/**
 * How many keys of `path`, from the top, the document holds as a mapping or a list (an
 * empty value, `revenue:`, is none), all of them where it holds a value at `path` itself:
 * a value set at `path` creates the mappings below them, and adds its key unless all.
 */
function heldDepth(document: ScenarioDocument["document"], path: readonly (string | number)[]): number {
  let depth = 0;
  while (depth < path.length - 1 && isCollection(document.getIn(path.slice(0, depth + 1), true))) depth++;
  if (depth === path.length - 1 && hasValue(document.getIn(path, true))) depth++;
  return depth;
}

function hasValue(node: unknown): boolean {
  return node !== undefined && !(isScalar(node) && node.value === null);
}

/** Whether an override added its key (`--set ...cpm=12` where the channel has no cpm), rather than replacing a value. */
const addedKey = (override: AppliedOverride) => (override.held ?? override.path.length) < override.path.length;

/** Whether `a` and `b` agree on their first `length` keys (an index and its digits alike). */
export const samePath = (a: readonly PropertyKey[], b: readonly PropertyKey[], length: number) => {
  for (let i = 0; i < length; i++) if (String(a[i]) !== String(b[i])) return false;
  return true;
};

/**
 * Whether an override put the value at `path` where it is: it set that value or one
 * around it whole, or it created a mapping around it (`--set ...saturation.elasticity=0.3`
 * where the channel has no saturation creates one, lacking every other field).
 */
function wroteAround(override: AppliedOverride, path: readonly PropertyKey[]): boolean {
  let common = 0;
  while (common < override.path.length && common < path.length && String(override.path[common]) === String(path[common])) common++;
  return common === override.path.length || common > (override.held ?? override.path.length);
}

/**
 * A problem found in a document with overrides, named after the override that caused
 * it: a problem at a path an override set (or inside it, or inside a mapping it created)
 * is reported as the last such override, `file: --set usage.turns_per_session=0: expected
 * a number >= 1, found 0`, so that a field missing from a mapping is the override's that
 * made the mapping, not an earlier one's around it; a problem just above one (a rule
 * across fields) keeps its place in the file and names it in its hint.
 */
export function attributeProblem(source: ScenarioDocument, problem: FieldProblem, located: InputProblem): InputProblem {
  const overrides = source.overrides ?? [];
  const field = problem.path.map(String).join(".");
  // The problem as the override's, `path` naming it (and the field, where that is not its own path).
  const asOverride = (path: string): InputProblem => ({
    file: source.file,
    path,
    message: problem.message,
    ...(problem.hint ? { hint: problem.hint } : {}),
  });
  for (let i = overrides.length - 1; i >= 0; i--) {
    const override = overrides[i]!;
    if (wroteAround(override, problem.path)) {
      const own = problem.path.length === override.path.length && samePath(problem.path, override.path, override.path.length);
      return asOverride(own ? override.label : `${override.label}: ${field}`);
    }
  }
  // A value an override broke by changing what it depends on (--vary currency=USD, and a "¥30" with no rate to USD): that override, then the field.
  for (let i = overrides.length - 1; i >= 0 && problem.causes !== undefined; i--) {
    const override = overrides[i]!;
    if (problem.causes.some((cause) => samePath(cause, override.path, Math.min(cause.length, override.path.length)))) {
      return asOverride(`${override.label}: ${field}`);
    }
  }
  // A rule that compared this field with one an override set (d7 above a --set d1), or that counted
  // one an override added (a second cost form): the override is the cause.
  const related = [
    ...(problem.related ?? []).map((path) => ({ path, cause: (_: AppliedOverride) => true })),
    ...(problem.relatedPresent ?? []).map((path) => ({ path, cause: addedKey })),
  ];
  for (const { path, cause: causes } of related) {
    const cause = [...overrides]
      .reverse()
      .find((override) => samePath(path, override.path, Math.min(path.length, override.path.length)) && causes(override));
    if (cause !== undefined) return asOverride(cause.label);
  }
  if (problem.path.length === 0) return located;
  const below = overrides.filter(
    (override) => override.path.length > problem.path.length && samePath(problem.path, override.path, problem.path.length),
  );
  if (below.length === 0) return located;
  const after = `after ${below.map((override) => override.label).join(", ")}`;
  return { ...located, hint: located.hint ? `${located.hint}; ${after}` : after };
}
