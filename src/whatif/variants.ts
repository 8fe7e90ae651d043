import { isMap, isScalar } from "yaml";
import { UserError } from "../lib/errors.js";
import { isUnparsed, parseYaml, type ScenarioDocument, unparsedView } from "../lib/document.js";
import { type LoadOptions, type Scenario, scenarioFromDocument } from "../scenario/load.js";
import {
  appliedUnparsed,
  applyOverrides,
  type Override,
  resolveOverridePath,
  resolvePlainOverride,
  sharedAnchorAt,
  sharedAnchorProblem,
} from "../scenario/overrides.js";
import type { ScenarioSource } from "../lib/read.js";
import { PatchedPoints } from "./patched-points.js";
import { ownValueAt } from "../lib/value-at.js";

/** An input path checked once against a scenario, to be set to many values. */
export interface VariedInput {
  /** The path as typed, e.g. `acquisition.channels.bilibili.cpa`. */
  name: string;
  /** With list items as indices, e.g. `acquisition.channels.0.cpa`: the path into the scenario's data. */
  path: (string | number)[];
  emptyParents: (string | number)[][];
}

/** One value for one varied input; `label` names it in messages (`--vary usage.turns_per_session=0`). */
export interface Setting {
  input: VariedInput;
  value: unknown;
  label: string;
}

/**
 * One scenario file, parsed once, evaluated at many settings of a few inputs (`sweep`,
 * `solve`): each variant sets its values in the same document and is validated like
 * the file itself, so a point that breaks a rule is reported as the setting that did.
 */
export class ScenarioVariants {
  private constructor(
    private readonly source: ScenarioDocument,
    private readonly options: LoadOptions,
    /** The scenario as the file (and its `--set` overrides) gives it. */
    readonly base: Scenario,
  ) {}

  static load(source: ScenarioSource, options: LoadOptions = {}): ScenarioVariants {
    const document = applyOverrides(parseYaml(source.text, source.file), options.overrides ?? []);
    const { overrides: _applied, ...pointOptions } = options;
    return new ScenarioVariants(document, pointOptions, scenarioFromDocument(document, options));
  }

  /** Checks an input path (`segments` from a parsed override) against the file and the schema. */
  input(override: Override): VariedInput {
    // In the plain value while the YAML is unparsed (a valid sweep then loads no yaml package); in the document otherwise, or to word a problem.
    const value = unparsedView(this.source);
    const plain = value === undefined ? undefined : resolvePlainOverride(value, override);
    if (plain !== undefined) return { name: override.segments.join("."), path: plain.path, emptyParents: plain.emptyParents };
    const resolved = resolveOverridePath(this.source, override);
    if (!resolved.ok) throw UserError.fromProblems([resolved.problem]);
    return { name: override.segments.join("."), path: resolved.path, emptyParents: resolved.emptyParents };
  }

  /** Distinct values validated once, patched into the file's data (patched-points.ts). */
  private patched: PatchedPoints | undefined;

  get patchedPoints(): PatchedPoints {
    this.patched ??= new PatchedPoints(this.source, this.options, this.base);
    return this.patched;
  }

  /**
   * The scenario with these settings (and the file's values everywhere else).
   * Points whose values patch into the file's data cleanly skip the YAML; any other point is validated in full, as before.
   */
  at(settings: readonly Setting[]): Scenario {
    return this.patchedPoints.scenarioAt(settings) ?? this.validatedInFull(settings);
  }

  /**
   * The scenario with these settings validated like the file itself, in a copy of the file
   * (the file's own document is never changed, so no setting lingers from one point to the
   * next); a point that breaks a rule is reported as the setting that did. Each setting is
   * written at its path as resolved once against the file (a list item named there stays
   * the item at that index, as in the points patchedPoints makes), as a `--set` of that path
   * would be: one inside another setting's value is resolved in what that one wrote, and
   * where that is a single value, or a list without the item, it is reported as the setting.
   */
  validatedInFull(settings: readonly Setting[]): Scenario {
    const overrides = settings.map((setting) => ({ segments: setting.input.path.map(String), value: setting.value, label: setting.label }));
    const unparsed = appliedUnparsed(this.source, overrides);
    if (unparsed !== undefined) return scenarioFromDocument(unparsed, this.options);
    const point: ScenarioDocument = { ...this.source, document: this.source.document.clone() as ScenarioDocument["document"] };
    // Each input was checked once for a value that aliases share (settableInput); a sensitivity
    // move writes the other shares back as well, anchored or not, as a point patched in place does.
    return scenarioFromDocument(applyOverrides(point, overrides, { sharedAnchors: "written" }), this.options);
  }

  /**
   * The value at a data path as the document writes it, where that is not a plain number:
   * a money string (`$2`, `20万元`) or a range (`0.1..0.2`, `$1..$3`); undefined otherwise.
   * `at` never changes the file's document, so this is always the file's own writing.
   */
  writtenAt(path: readonly (string | number)[]): string | undefined {
    const value = unparsedView(this.source);
    if (value !== undefined) return writtenInPlain(value, path);
    const node = this.source.document.getIn(path, true);
    if (isScalar(node)) return typeof node.value === "string" ? node.value : undefined;
    if (!isMap(node)) return undefined;
    const [low, high] = [node.get("low", true), node.get("high", true)];
    return isScalar(low) && isScalar(high) ? `${String(low.value)}..${String(high.value)}` : undefined;
  }

  /**
   * The anchor (`&name`) on the value at an input's path when aliases (`*name`) elsewhere
   * share it: setting that value alone would leave them pointing at nothing.
   */
  sharedAnchor(input: VariedInput): string | undefined {
    // A document plain-yaml.ts read has no anchors.
    return isUnparsed(this.source) ? undefined : sharedAnchorAt(this.source.document, input.path);
  }

  /** An input that a sweep or solve sets at every point: one that aliases share cannot be (overrides.ts). */
  settableInput(override: Override): VariedInput {
    const input = this.input(override);
    const anchor = this.sharedAnchor(input);
    if (anchor !== undefined) throw UserError.fromProblems([sharedAnchorProblem(this.source, override.label, anchor)]);
    return input;
  }
}

/** ScenarioVariants.writtenAt in the plain value of a document plain-yaml.ts read: a scalar is whatever is no mapping or list. */
function writtenInPlain(root: Readonly<Record<string, unknown>>, path: readonly (string | number)[]): string | undefined {
  const node = ownValueAt(root, path);
  const isScalar = (value: unknown) => value === null || typeof value !== "object";
  if (isScalar(node)) return typeof node === "string" ? node : undefined;
  if (Array.isArray(node)) return undefined;
  const mapping = node as Record<string, unknown>;
  const [low, high] = [mapping.low, mapping.high];
  const held = Object.hasOwn(mapping, "low") && Object.hasOwn(mapping, "high");
  return held && isScalar(low) && isScalar(high) ? `${String(low)}..${String(high)}` : undefined;
}
