import { visit } from "yaml";
import { documentValue, type ScenarioDocument } from "../lib/document.js";
import { withValueAt } from "../lib/value-at.js";
import { type LoadOptions, type Scenario, scenarioFromValue } from "../scenario/load.js";
import { toModelInput } from "../scenario/model-input.js";
import { crossFieldProblems } from "../scenario/rules.js";
import type { ScenarioData } from "../scenario/schema.js";

type Path = readonly (string | number)[];

/** One value set at one path, as ScenarioVariants' settings give it. */
export interface PointSetting {
  input: { path: (string | number)[]; emptyParents: (string | number)[][] };
  value: unknown;
  label: string;
}

/**
 * Validate once, evaluate many: a sweep of 100 x 100 points sets only 200 distinct values.
 * Each distinct value is validated once, alone in the file's plain value, by the same
 * stages as a point; when it changed nothing but its own field, a point is the file's data with each
 * setting's validated value patched in, checked by the rules across fields and turned
 * into the model's input, without parsing or validating the YAML again.
 *
 * Anything else returns undefined and the caller validates the point in full, so every
 * error (which value, which rule, which `--vary`) stays what it was: a value that is
 * invalid alone, a point that breaks a rule across fields, a value whose validation
 * changed other fields (a currency, a model whose price fills in others).
 */
export class PatchedPoints {
  /** The file's plain value (with its `--set` overrides), null when it has aliases. */
  private fileValue: Record<string, unknown> | null | undefined;
  /** The validated value of each distinct setting, or null where it cannot be patched in. */
  private readonly values = new Map<string, { value: unknown } | null>();

  constructor(
    private readonly source: ScenarioDocument,
    private readonly options: LoadOptions,
    private readonly base: Scenario,
  ) {}

  scenarioAt(settings: readonly PointSetting[]): Scenario | undefined {
    let data: unknown = this.base.data;
    for (const setting of settings) {
      const validated = this.validated(setting);
      if (validated === null) return undefined;
      data = withValueAt(data, setting.input.path, validated.value);
    }
    const patched = data as ScenarioData;
    if (crossFieldProblems(patched).length > 0) return undefined;
    return { file: this.base.file, data: patched, input: toModelInput(patched) };
  }

  private validated(setting: PointSetting): { value: unknown } | null {
    const key = `${setting.input.path.join("\u0000")}\u0001${JSON.stringify(setting.value)}`;
    let validated = this.values.get(key);
    if (validated === undefined) {
      validated = this.validateAlone(setting);
      this.values.set(key, validated);
    }
    return validated;
  }

  private validateAlone(setting: PointSetting): { value: unknown } | null {
    // YAML aliases would carry a value set at an anchor elsewhere, which the plain value cannot: such files are validated in full.
    this.fileValue ??= hasAliases(this.source.document) ? null : documentValue(this.source);
    if (this.fileValue === null) return null;
    const value = withValueAt(this.fileValue, setting.input.path, plainOf(setting.value)) as Record<string, unknown>;
    const overrides = [...(this.source.overrides ?? []), { path: setting.input.path, label: setting.label }];
    let scenario: Scenario;
    try {
      scenario = scenarioFromValue({ ...this.source, overrides }, value, this.options);
    } catch {
      return null;
    }
    if (!sameExceptAt(this.base.data, scenario.data, setting.input.path)) return null;
    return { value: valueAtPath(scenario.data, setting.input.path) };
  }
}

function hasAliases(document: ScenarioDocument["document"]): boolean {
  let found = false;
  visit(document, {
    Alias() {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

/** The value as the document would read it back once set: YAML holds plain data only. */
function plainOf(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function valueAtPath(value: unknown, path: Path): unknown {
  let at = value;
  for (const key of path) at = at === null || typeof at !== "object" ? undefined : (at as Record<string | number, unknown>)[key];
  return at;
}

/** Whether `a` and `b` are equal everywhere except at or below `path` (both must hold every object on the path). */
export function sameExceptAt(a: unknown, b: unknown, path: Path): boolean {
  if (path.length === 0) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object" || Array.isArray(a) !== Array.isArray(b)) return false;
  const [key, ...rest] = path;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const other of keys) {
    if (other === String(key)) continue;
    if (!deepEqual(left[other], right[other])) return false;
  }
  return String(key) in left && String(key) in right && sameExceptAt(left[String(key)], right[String(key)], rest);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object" || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => key in right && deepEqual(left[key], right[key]));
}
