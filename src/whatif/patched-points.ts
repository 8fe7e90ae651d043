import { visit } from "yaml";
import { documentValue, isUnparsed, type ScenarioDocument, withOverrides } from "../lib/document.js";
import { withValueAt } from "../lib/value-at.js";
import { type LoadOptions, type Scenario, scenarioFromValue } from "../scenario/load.js";
import { SECTION_INPUTS, toModelInput } from "../scenario/model-input.js";
import type { ModelInput } from "../model/index.js";
import { KEYS_READ_TOGETHER, problemsWhereChanged } from "../scenario/rules.js";
import { samePath } from "../scenario/overrides.js";
import type { FieldProblem } from "../lib/issues.js";
import { resolveValues } from "../scenario/resolve.js";
import type { ScenarioData } from "../scenario/schema.js";
import { parseFieldAt } from "../scenario/parse.js";

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
  /** The validated value of each distinct setting (by `settingKey`), or null where it cannot be patched in. */
  private readonly values: Map<string, ValidatedSetting>;
  /** The same, by the setting object itself: a sweep makes each axis value's setting once. */
  private readonly bySetting = new WeakMap<PointSetting, ValidatedSetting>();
  /** The file's data, copied once for `combined` to copy at each point. */
  private baseData: Record<string, unknown> | undefined;
  /** Each setting's section with it in place (sectionPatch), by the setting object. */
  private readonly patches = new WeakMap<PointSetting, SectionPatch | null>();

  /**
   * Without a `source` (a worker thread of `sweep --jobs N`), only the `values` given are
   * known: a point with any other setting is left to the caller, like one that cannot be patched.
   */
  constructor(
    private readonly source: ScenarioDocument | undefined,
    private readonly options: LoadOptions,
    private readonly base: Scenario,
    values: Iterable<[string, ValidatedSetting]> = [],
  ) {
    this.values = new Map(values);
  }

  scenarioAt(settings: readonly PointSetting[]): Scenario | undefined {
    const patches = new Array<SectionPatch>(settings.length);
    for (let i = 0; i < settings.length; i++) {
      const patch = this.sectionPatch(settings[i]!);
      if (patch === null) return undefined;
      patches[i] = patch;
    }
    if (apart(patches)) return this.combined(patches);
    // A value validated alone was checked where the file holds its parents: under another setting's value it must be validated in full.
    if (nested(settings)) return undefined;
    let data: unknown = this.base.data;
    const changed = new Set<string>();
    for (const [i, setting] of settings.entries()) {
      data = withValueAt(data, setting.input.path, this.validated(setting)!.value);
      changed.add(patches[i]!.section);
    }
    const patched = data as ScenarioData;
    // The file met every rule, and only the sections set here changed.
    if (problemsWhereChanged(patched, changed).length > 0) return undefined;
    return { file: this.base.file, data: patched, input: toModelInput(patched) };
  }

  /**
   * A point of settings in sections apart: the file's data and model input with each
   * setting's section and its part of the input in place, the rules' verdict each setting's own.
   */
  private combined(patches: readonly SectionPatch[]): Scenario | undefined {
    // A copy of the data made by a spread spreads some ten times faster than the loader's own object (its keys are all in the object).
    this.baseData ??= { ...this.base.data };
    const data: Record<string, unknown> = { ...this.baseData };
    const input: ModelInput = { ...this.base.input };
    for (const patch of patches) {
      if (patch.breaksRule) return undefined;
      data[patch.section] = patch.value;
      Object.assign(input, patch.input);
    }
    return { file: this.base.file, data: data as ScenarioData, input };
  }

  /** The file's data with one setting, seen from its section; null where the setting cannot be patched in. */
  private sectionPatch(setting: PointSetting): SectionPatch | null {
    let patch = this.patches.get(setting);
    if (patch !== undefined) return patch;
    const validated = this.validated(setting);
    if (validated === null) patch = null;
    else {
      const section = String(setting.input.path[0]);
      const data = withValueAt(this.base.data, setting.input.path, validated.value) as ScenarioData;
      const value = (data as Record<string, unknown>)[section];
      const breaksRule = problemsWhereChanged(data, new Set([section])).length > 0;
      patch = {
        section,
        value,
        breaksRule,
        input: breaksRule || !Object.hasOwn(SECTION_INPUTS, section) ? undefined : SECTION_INPUTS[section]!(data),
        readWith: new Set(KEYS_READ_TOGETHER.filter((keys) => keys.includes(section)).flat()),
      };
    }
    this.patches.set(setting, patch);
    return patch;
  }

  /** The setting's value as validated alone (in the scenario's units), or null where it cannot be patched in. */
  validated(setting: PointSetting): ValidatedSetting {
    let validated = this.bySetting.get(setting);
    if (validated !== undefined) return validated;
    const key = settingKey(setting);
    validated = this.values.get(key);
    if (validated === undefined) {
      validated = this.validateAlone(setting);
      if (this.source !== undefined) this.values.set(key, validated);
    }
    this.bySetting.set(setting, validated);
    return validated;
  }

  /**
   * A setting inside a self-contained section validated by that section's schema alone, as
   * the whole file's validation would parse and resolve it; undefined for any other path.
   * A value its section rejects is left to a full validation, which reports it.
   */
  private validateInSection(fileValue: Record<string, unknown>, setting: PointSetting): ValidatedSetting | undefined {
    const path = setting.input.path;
    const [section, ...rest] = path;
    if (typeof section !== "string" || !SELF_CONTAINED_SECTIONS.has(section) || rest.length === 0) return undefined;
    const problems: FieldProblem[] = [];
    const { currency, fx = {} } = this.base.data;
    // The field alone where nothing above it checks more than a list's length, and the file and its data hold the field's parents and the data the field: the section's parse then differs only there.
    if (written(fileValue, path.slice(0, -1)) && written(this.base.data, path)) {
      const parsed = parseFieldAt(path, plainOf(setting.value));
      if (parsed !== undefined) {
        if (!parsed.success) return null;
        const value = resolveValues(parsed.data, { currency, fx }, problems);
        return problems.length > 0 ? null : { value };
      }
    }
    const parsed = parseFieldAt([section], withValueAt(fileValue[section], rest, plainOf(setting.value)));
    if (parsed === undefined || !parsed.success) return null;
    const resolved = resolveValues(parsed.data, { currency, fx }, problems);
    const central = (this.base.data as Record<string, unknown>)[section];
    if (problems.length > 0 || !sameExceptAt(central, resolved, rest)) return null;
    return { value: valueAtPath(resolved, rest) };
  }

  /** Every setting validated so far: what a worker thread starts from. */
  validatedSettings(): [string, ValidatedSetting][] {
    return [...this.values];
  }

  private validateAlone(setting: PointSetting): ValidatedSetting {
    if (this.source === undefined) return null;
    // YAML aliases would carry a value set at an anchor elsewhere, which the plain value cannot: such files are validated in full.
    this.fileValue ??= !isUnparsed(this.source) && hasAliases(this.source.document) ? null : documentValue(this.source);
    if (this.fileValue === null) return null;
    const inSection = this.validateInSection(this.fileValue, setting);
    if (inSection !== undefined) return inSection;
    const value = withValueAt(this.fileValue, setting.input.path, plainOf(setting.value)) as Record<string, unknown>;
    const overrides = [...(this.source.overrides ?? []), { path: setting.input.path, label: setting.label }];
    let scenario: Scenario;
    try {
      scenario = scenarioFromValue(withOverrides(this.source, overrides), value, this.options);
    } catch {
      return null;
    }
    if (!sameExceptAt(this.base.data, scenario.data, setting.input.path)) return null;
    return { value: valueAtPath(scenario.data, setting.input.path) };
  }
}

/**
 * The sections whose validation depends on nothing outside them but the currency and fx:
 * the schema parses each section of the file on its own (the whole is a strict object of
 * them, with no rule over the whole), money converts at the file's rates, and the catalog's
 * prices touch only `inference`. (The rules across fields are checked at every point.)
 */
const SELF_CONTAINED_SECTIONS: ReadonlySet<string> = new Set(["acquisition", "retention", "usage", "tokens", "training", "revenue"]);

/** One setting seen from its top-level section (`section`: its first key), in the file's data. */
interface SectionPatch {
  section: string;
  /** The section with the setting's validated value in place. */
  value: unknown;
  /** Whether the file's data with this setting alone breaks a rule across fields (problemsWhereChanged). */
  breaksRule: boolean;
  /** The section's part of the model input (SECTION_INPUTS); undefined where it has none (horizon_days, currency, ...). */
  input: Partial<ModelInput> | undefined;
  /** The top-level keys a rule reads together with the section (KEYS_READ_TOGETHER). */
  readWith: ReadonlySet<string>;
}

/** Whether one setting's path lies inside another's (`channels.2` and `channels.2.saturation.elasticity`). */
function nested(settings: readonly PointSetting[]): boolean {
  for (const setting of settings) {
    const path = setting.input.path;
    for (const other of settings) {
      const outer = other.input.path;
      if (other !== setting && outer.length < path.length && samePath(outer, path, outer.length)) return true;
    }
  }
  return false;
}

/**
 * Whether a point's settings combine section by section: each in a section of its own with
 * its part of the model input, and no rule reading two of their sections (KEYS_READ_TOGETHER).
 * Then the point's problems are those of each setting alone, and its input is the file's
 * with each part in place, as toModelInput would build it.
 */
function apart(patches: readonly SectionPatch[]): boolean {
  for (let i = 0; i < patches.length; i++) {
    const patch = patches[i]!;
    if (patch.input === undefined && !patch.breaksRule) return false;
    for (let j = 0; j < i; j++) {
      const other = patches[j]!.section;
      if (other === patch.section || patch.readWith.has(other)) return false;
    }
  }
  return true;
}

/** A setting's value validated alone, or null where the point must be validated in full. */
export type ValidatedSetting = { value: unknown } | null;

/** What names a distinct setting: its path and its value (the label only names it in messages). */
function settingKey(setting: PointSetting): string {
  return `${setting.input.path.join("\u0000")}\u0001${JSON.stringify(setting.value)}`;
}

/** Whether `value` holds every key of `path`, each through an object or a list. */
function written(value: unknown, path: Path): boolean {
  let at = value;
  for (const key of path) {
    if (at === null || typeof at !== "object" || !Object.hasOwn(at, key)) return false;
    at = (at as Record<string | number, unknown>)[key];
  }
  return true;
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
