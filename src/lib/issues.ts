import type { z } from "zod";
import { keysAt } from "./schema-walk.js";
import { didYouMean } from "./suggest.js";

/** A problem found in a scenario, located by its path in the document. */
export interface FieldProblem {
  path: PropertyKey[];
  message: string;
  hint?: string;
  /** Point at the key rather than its value (unknown keys). */
  atKey?: boolean;
  /** The other fields a rule compared this one with (d1 for "d7 is above d1"): a `--set` of one of them is named as the cause. */
  related?: PropertyKey[][];
  /**
   * The fields whose values this one depends on where it stands (the currency and the fx rate
   * a money amount converts with): a `--set` or `--vary` of one of them that broke it is named
   * as the cause, this field's path after it.
   */
  causes?: PropertyKey[][];
  /** The other fields a rule counted by their presence (cpa beside cpm): a `--set` that added one of them is named as the cause, not one that only changed its value. */
  relatedPresent?: PropertyKey[][];
}

type Issue = z.core.$ZodIssue;

/** A found value, as a user would recognise it from their YAML. */
export function describeFound(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
  if (typeof value === "number") {
    if (Number.isNaN(value)) return ".nan";
    if (!Number.isFinite(value)) return value > 0 ? ".inf" : "-.inf";
    return String(value);
  }
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  // YAML's own types: timestamps (2024-01-01) and !!binary.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "a date" : `the date ${value.toISOString().slice(0, 10)}`;
  if (value instanceof Uint8Array) return "binary data";
  return "a mapping";
}

const NOUN: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "a string",
  boolean: "true or false",
  object: "a mapping",
  array: "a list",
  record: "a mapping",
};

function found(issue: Issue): string {
  const received = (issue as { received?: unknown }).received;
  if (received === "Infinity" || received === "NaN") return received === "NaN" ? ".nan" : ".inf";
  return describeFound(issue.input);
}

/** What a union expected, from the first issue of each of its branches. */
function expectedOf(issue: Issue): string[] {
  switch (issue.code) {
    case "invalid_type":
      return [NOUN[issue.expected] ?? issue.expected];
    case "invalid_value":
      return issue.values.map((value) => JSON.stringify(value));
    case "invalid_union":
      return issue.errors.flatMap((branch) => branch.flatMap(expectedOf));
    default:
      return [];
  }
}

/** True when a branch failed on the value's type itself, not on something inside it. */
function failedAtRoot(branch: readonly Issue[]): boolean {
  return branch.every(
    (issue) =>
      issue.path.length === 0 && (issue.code === "invalid_type" || (issue.code === "invalid_union" && issue.errors.every(failedAtRoot))),
  );
}

function comparison(issue: Issue & { code: "too_small" | "too_big" }): string {
  const limit = issue.code === "too_small" ? issue.minimum : issue.maximum;
  const limitText =
    typeof limit === "bigint" ? String(limit) : Number(limit).toLocaleString("en-US", { maximumFractionDigits: 20, useGrouping: false });
  if (issue.origin === "array") {
    return issue.code === "too_small" ? `expected at least ${limitText} item(s)` : `expected at most ${limitText} item(s)`;
  }
  if (issue.origin === "string")
    return issue.code === "too_small" ? "expected a non-empty string" : `expected at most ${limitText} characters`;
  const sign = issue.code === "too_small" ? (issue.inclusive ? ">=" : ">") : issue.inclusive ? "<=" : "<";
  return `expected a number ${sign} ${limitText}, found ${describeFound(issue.input)}`;
}

/** Exchange rates are the one kind of number that takes no range (docs/model.md, Ranges). */
const FX_RANGE_HINT = "an exchange rate is a plain number, never a range: put the uncertainty on the amounts it converts";

/** YAML 1.1's merge key, which YAML 1.2 (the scenario's YAML) reads as a plain key. */
const MERGE_KEY = "<<";
const MERGE_HINT =
  "merge keys (<<) are not supported: write the keys out, or share a whole value with an anchor (&name) and an alias (*name)";

/** Every zod issue as field problems with messages that say what was expected and what was found. */
export function problemsFromIssues(issues: readonly Issue[], schema: z.core.$ZodType, prefix: readonly PropertyKey[] = []): FieldProblem[] {
  return issues.flatMap((issue): FieldProblem[] => {
    const path = [...prefix, ...issue.path];
    switch (issue.code) {
      case "unrecognized_keys": {
        const allowed = keysAt(schema, path);
        return issue.keys.map((key) => ({
          path: [...path, key],
          message: `unknown key "${key}"`,
          hint: key === MERGE_KEY ? MERGE_HINT : (didYouMean(key, allowed) ?? `allowed here: ${allowed.join(", ")}`),
          atKey: true,
        }));
      }
      case "invalid_type": {
        if (issue.input === undefined && !("received" in issue))
          return [{ path, message: `required, expected ${NOUN[issue.expected] ?? issue.expected}` }];
        const fxRange = path[0] === "fx" && issue.input !== null && typeof issue.input === "object";
        return [
          {
            path,
            message: `expected ${NOUN[issue.expected] ?? issue.expected}, found ${found(issue)}`,
            ...(fxRange ? { hint: FX_RANGE_HINT } : {}),
          },
        ];
      }
      case "too_small":
      case "too_big":
        return [{ path, message: comparison(issue) }];
      case "invalid_value": {
        const hint = typeof issue.input === "string" ? didYouMean(issue.input, issue.values.map(String)) : undefined;
        return [
          {
            path,
            message: `expected ${issue.values.map((value) => JSON.stringify(value)).join(" or ")}, found ${describeFound(issue.input)}`,
            ...(hint ? { hint } : {}),
          },
        ];
      }
      case "invalid_union": {
        // Report the branch the value was meant for: the one that got past the type check.
        const meant = issue.errors.filter((branch) => !failedAtRoot(branch));
        if (meant.length > 0) return problemsFromIssues(meant[0]!, schema, path);
        // The only mappings a union takes in this schema are uncertainty ranges.
        const expected = [...new Set(expectedOf(issue).map((noun) => (noun === NOUN.object ? "a range { low, high }" : noun)))];
        if (issue.input === undefined) return [{ path, message: `required, expected ${expected.join(" or ")}` }];
        return [{ path, message: `expected ${expected.join(" or ")}, found ${found(issue)}` }];
      }
      case "invalid_key": {
        // A record's key (an fx currency) failed its own schema: report that schema's words at the key.
        const inner = issue.issues.map((keyIssue) => keyIssue.message);
        return [{ path, message: inner[0] ?? `unexpected key ${describeFound(issue.input)}`, atKey: true }];
      }
      default:
        return [{ path, message: issue.message }];
    }
  });
}
