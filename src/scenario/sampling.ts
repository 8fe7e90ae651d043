import { documentValue, parseYaml } from "./document.js";
import { inputName } from "./input-paths.js";
import type { FieldProblem } from "./issues.js";
import { type LoadOptions, type Scenario, scenarioFromDocument } from "./load.js";
import { toModelInput } from "./model-input.js";
import type { ResolvedPrice } from "./model-price.js";
import { applyOverrides } from "./overrides.js";
import { Range, type RangePicker } from "./range.js";
import type { ScenarioSource } from "./read.js";
import { resolveValues } from "./resolve.js";
import { crossFieldProblems } from "./rules.js";
import { type ParsedScenario, type ScenarioData, scenarioSchema } from "./schema.js";

/** One draw of a scenario: valid, or the rules across fields it breaks (it is then drawn again). */
export type Draw = { ok: true; scenario: Scenario } | { ok: false; problems: FieldProblem[] };

/**
 * One scenario file, validated once as a single run (central values), then drawn many
 * times for `run --samples`: each draw resolves the schema's parsed value again with a
 * picker that draws every range, and is checked against the rules across fields.
 *
 * What a draw does where a rule could break:
 * - channel shares given as ranges are divided by their sum, so that they sum to 1: a
 *   share is a weight of the spend (the central values must still sum to 1, as for a run);
 * - any other rule broken (retention rising where two ranges overlap) rejects the draw,
 *   so the samples follow the ranges restricted to valid scenarios.
 * The schema's bounds need no check: a draw lies between its range's bounds, which the
 * schema checked, and whole-number fields are rounded as their central value is.
 */
export class ScenarioSampler {
  private constructor(
    /** The single run: every range at its central value, validated like `run` validates it. */
    readonly base: Scenario,
    private readonly parsed: ParsedScenario,
    /** The ranges' paths, as `--set` names them, in the order they are drawn. */
    readonly ranges: string[],
    private readonly sharesDrawn: boolean,
  ) {}

  static load(source: ScenarioSource, options: LoadOptions = {}): ScenarioSampler {
    const document = applyOverrides(parseYaml(source.text, source.file), options.overrides ?? []);
    const base = scenarioFromDocument(document, options);
    const parsed = scenarioSchema.safeParse(documentValue(document));
    // The same document just passed the schema in scenarioFromDocument.
    if (!parsed.success) throw new Error(`${source.file}: the schema rejected a document it accepted before`);
    const paths = rangePaths(parsed.data);
    const ranges = paths.map((path) => inputName(base.data, path));
    const sharesDrawn = paths.some((path) => path[0] === "acquisition" && path[1] === "channels" && path[3] === "share");
    return new ScenarioSampler(base, parsed.data, ranges, sharesDrawn);
  }

  /** The scenario with every range drawn by `pick` (one call per range, in the order of `ranges`). */
  draw(pick: RangePicker): Draw {
    const problems: FieldProblem[] = [];
    const { currency, fx = {} } = this.parsed;
    let data: ScenarioData = resolveValues(this.parsed, { currency, fx }, problems, pick);
    if (this.sharesDrawn) data = withSharesSummingToOne(data);
    data = withCatalogPrice(data, this.base.data);
    problems.push(...crossFieldProblems(data));
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, scenario: { file: this.base.file, data, input: toModelInput(data) } };
  }
}

/** Where the parsed value holds a range, depth first: the order resolveValues picks them in. */
function rangePaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value instanceof Range) return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => rangePaths(item, [...path, index]));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => rangePaths(item, [...path, key]));
  return [];
}

/** Channel shares divided by their sum: the drawn weights of the spend, summing to 1. */
function withSharesSummingToOne(data: ScenarioData): ScenarioData {
  const channels = data.acquisition?.channels;
  if (data.acquisition === undefined || channels === undefined || channels.length < 2) return data;
  const total = channels.reduce((sum, channel) => sum + (channel.share ?? 0), 0);
  if (!(total > 0)) return data;
  return { ...data, acquisition: { ...data.acquisition, channels: channels.map((channel) => ({ ...channel, share: channel.share === undefined ? undefined : channel.share / total })) } };
}

/**
 * The price of `inference.model` as the single run found it, under the draw's own
 * `inference.price` fields (which take precedence, as they do in a run): the catalog is
 * looked up once, not once per draw.
 */
function withCatalogPrice(data: ScenarioData, base: ScenarioData): ScenarioData {
  if (data.inference.model === undefined || base.inference.price === undefined) return data;
  const central = base.inference.price as ResolvedPrice;
  const own = data.inference.price ?? {};
  const cached = own.cached_input ?? central.cached_input;
  const price: ResolvedPrice = { input: own.input ?? central.input, ...(cached === undefined ? {} : { cached_input: cached }), output: own.output ?? central.output };
  return { ...data, inference: { ...data.inference, price } };
}
