import { isNode, visit } from "yaml";
import { UserError } from "../errors.js";
import { parseYaml, type ScenarioDocument } from "./document.js";
import { type LoadOptions, type Scenario, scenarioFromDocument } from "./load.js";
import { applyOverrides, type Override, resolveOverridePath, setValue } from "./overrides.js";
import type { ScenarioSource } from "./read.js";

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
    const resolved = resolveOverridePath(this.source, override);
    if (!resolved.ok) throw UserError.fromProblems([resolved.problem]);
    return { name: override.segments.join("."), path: resolved.path, emptyParents: resolved.emptyParents };
  }

  /** The scenario with these settings. Call it with the same inputs each time: a setting stays in the document until set again. */
  at(settings: readonly Setting[]): Scenario {
    for (const setting of settings) setValue(this.source, setting.input.path, setting.value, setting.input.emptyParents);
    const overrides = [...(this.source.overrides ?? []), ...settings.map((setting) => ({ path: setting.input.path, label: setting.label }))];
    return scenarioFromDocument({ ...this.source, overrides }, this.options);
  }

  /**
   * The anchor (`&name`) on the value at an input's path when aliases (`*name`) elsewhere
   * share it: setting that value alone would leave them pointing at nothing.
   */
  sharedAnchor(input: VariedInput): string | undefined {
    const node = this.source.document.getIn(input.path, true);
    const anchor = isNode(node) ? node.anchor : undefined;
    if (anchor === undefined) return undefined;
    let shared = false;
    visit(this.source.document, {
      Alias(_key, alias) {
        if (alias.source !== anchor) return undefined;
        shared = true;
        return visit.BREAK;
      },
    });
    return shared ? anchor : undefined;
  }
}
