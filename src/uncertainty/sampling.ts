import { documentValue, parseYaml, type ScenarioDocument } from "../lib/document.js";
import { inputName } from "../scenario/input-paths.js";
import type { FieldProblem } from "../lib/issues.js";
import { type LoadOptions, type Scenario, scenarioFromDocument } from "../scenario/load.js";
import { toModelInput } from "../scenario/model-input.js";
import { overlayPrice, type ResolvedPrice } from "../catalog/model-price.js";
import { applyOverrides, type Override } from "../scenario/overrides.js";
import { centralValue, type Distribution, Range, type RangePicker } from "../scenario/range.js";
import type { ScenarioSource } from "../lib/read.js";
import { resolveValues } from "../scenario/resolve.js";
import { crossFieldProblems, problemsWhereChanged } from "../scenario/rules.js";
import type { ScenarioData } from "../scenario/schema.js";
import { parseScenario } from "../scenario/parse.js";
import { type PathTree, pathTrees, withValuesAt } from "../lib/value-at.js";

/** One draw of a scenario: valid, or the rules across fields it breaks (it is then drawn again). */
export type Draw = { ok: true; scenario: Scenario } | { ok: false; problems: FieldProblem[] };

/**
 * One scenario file, validated once as a single run (central values), then drawn many
 * times for `run --samples`. Validate once, draw many: the parsed value is resolved once
 * (money converted, every range at its central value) and each range's converted bounds
 * are kept; a draw picks every range in order, patches the picked numbers into that
 * resolved value (sharing everything off their paths), and checks the rules across fields.
 * That is exactly what resolving the parsed value again with a drawing picker gives: the
 * picker is called only at ranges, in the same depth-first order, with the same bounds.
 *
 * What a draw does where a rule could break:
 * - channel and route shares given as ranges are divided by their sums, so that they sum
 *   to 1: a share is a weight of the spend or of the sessions (the central values must
 *   still sum to 1, as for a run);
 * - any other rule broken (retention rising where two ranges overlap) rejects the draw,
 *   so the samples follow the ranges restricted to valid scenarios.
 * The schema's bounds need no check: a draw lies between its range's bounds, which the
 * schema checked, and whole-number fields are rounded as their central value is.
 */
export class ScenarioSampler {
  private constructor(
    /** The single run: every range at its central value, validated like `run` validates it. */
    readonly base: Scenario,
    /** The parsed value resolved once: money converted, every range at its central value. */
    private readonly central: ScenarioData,
    /** Each range, in the order they are drawn: where it lies in the data and its converted bounds. */
    private readonly drawn: readonly DrawnRange[],
    /** The ranges' paths merged, to patch a draw's picks into `central` in one copy. */
    private readonly drawnPaths: readonly PathTree[],
    /** The ranges' paths, as `--set` names them, in the order they are drawn. */
    readonly ranges: string[],
    private readonly sharesDrawn: boolean,
    /** The inference section of every draw, when no range lies in it (shares divided, catalog prices laid under). */
    private readonly fixedInference: ScenarioData["inference"] | undefined,
    /** The top-level keys that hold ranges, where only their rules need checking in a draw; undefined: check every rule. */
    private readonly drawnSections: ReadonlySet<string> | undefined,
    /** The file's text and the `--set` overrides on it: what a worker thread loads the same sampler from. */
    readonly origin: { source: ScenarioSource; overrides: readonly Override[] },
  ) {}

  static load(source: ScenarioSource, options: LoadOptions = {}): ScenarioSampler {
    const overrides = options.overrides ?? [];
    const document = applyOverrides(parseYaml(source.text, source.file), overrides);
    return ScenarioSampler.withBase(document, scenarioFromDocument(document, options), { source, overrides });
  }

  /**
   * The sampler of a file whose single run `base` was validated already (in another
   * thread: a worker of `run --samples --jobs N` gets the text, the overrides and the
   * validated data, and needs no catalog).
   */
  static fromValidated(source: ScenarioSource, overrides: readonly Override[], base: Scenario): ScenarioSampler {
    return ScenarioSampler.withBase(applyOverrides(parseYaml(source.text, source.file), overrides), base, { source, overrides });
  }

  private static withBase(document: ScenarioDocument, base: Scenario, origin: ScenarioSampler["origin"]): ScenarioSampler {
    const parsed = parseScenario(documentValue(document));
    // The same document just passed the schema in scenarioFromDocument.
    if (!parsed.success) throw new Error(`${document.file}: the schema rejected a document it accepted before`);
    const paths = rangePaths(parsed.data);
    const ranges = paths.map((path) => inputName(base.data, path));
    const sharesDrawn = paths.some(
      (path) =>
        path[3] === "share" && ((path[0] === "acquisition" && path[1] === "channels") || (path[0] === "inference" && path[1] === "routes")),
    );
    const { currency, fx = {} } = parsed.data;
    const problems: FieldProblem[] = [];
    const drawn: DrawnRange[] = [];
    // The central picker, recording each range's bounds as resolveValues hands them to a picker.
    const central = resolveValues(parsed.data, { currency, fx }, problems, (low, high, dist, mode, integer) => {
      drawn.push({ path: paths[drawn.length]!, low, high, dist, mode, integer });
      return centralValue(low, high, dist, mode, integer);
    });
    // The same value passed resolveValues in scenarioFromDocument, every range with it.
    if (problems.length > 0 || drawn.length !== paths.length) throw new Error(`${document.file}: resolving the ranges again went wrong`);
    const inferenceDrawn = paths.some((path) => path[0] === "inference");
    const centralDraw = finished(central, sharesDrawn, base.data);
    const fixedInference = inferenceDrawn ? undefined : centralDraw.inference;
    // A draw differs from the central one only in the sections that hold ranges: where the central one meets every rule, only those can break one.
    const drawnSections = crossFieldProblems(centralDraw).length === 0 ? new Set(paths.map((path) => String(path[0]))) : undefined;
    return new ScenarioSampler(base, central, drawn, pathTrees(paths), ranges, sharesDrawn, fixedInference, drawnSections, origin);
  }

  /** The scenario with every range drawn by `pick` (one call per range, in the order of `ranges`). */
  draw(pick: RangePicker): Draw {
    const picks = this.drawn.map((range) => pick(range.low, range.high, range.dist, range.mode, range.integer));
    let data = withValuesAt(this.central, this.drawnPaths, picks) as ScenarioData;
    if (this.fixedInference === undefined) data = finished(data, this.sharesDrawn, this.base.data);
    else data = { ...(this.sharesDrawn ? withChannelSharesSummingToOne(data) : data), inference: this.fixedInference };
    const problems = this.drawnSections === undefined ? crossFieldProblems(data) : problemsWhereChanged(data, this.drawnSections);
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, scenario: { file: this.base.file, data, input: toModelInput(data) } };
  }
}

/** A range of the parsed value: its path in the data and its bounds in the scenario's currency. */
interface DrawnRange {
  path: (string | number)[];
  low: number;
  high: number;
  dist: Distribution;
  mode: number | undefined;
  integer: boolean;
}

/** Resolved data as a draw uses it: drawn shares divided by their sums, the catalog's prices under the file's own. */
function finished(data: ScenarioData, sharesDrawn: boolean, base: ScenarioData): ScenarioData {
  return withCatalogPrice(sharesDrawn ? withSharesSummingToOne(data) : data, base);
}

/** Where the parsed value holds a range, depth first: the order resolveValues picks them in. */
function rangePaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value instanceof Range) return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => rangePaths(item, [...path, index]));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => rangePaths(item, [...path, key]));
  return [];
}

/** Channel and route shares divided by their sums: the drawn weights of the spend and of the sessions, each summing to 1. */
function withSharesSummingToOne(data: ScenarioData): ScenarioData {
  return withRouteSharesSummingToOne(withChannelSharesSummingToOne(data));
}

function withRouteSharesSummingToOne(data: ScenarioData): ScenarioData {
  const routes = data.inference.routes;
  if (routes === undefined || routes.length < 2) return data;
  const total = routes.reduce((sum, route) => sum + route.share, 0);
  if (!(total > 0)) return data;
  return { ...data, inference: { ...data.inference, routes: routes.map((route) => ({ ...route, share: route.share / total })) } };
}

function withChannelSharesSummingToOne(data: ScenarioData): ScenarioData {
  const channels = data.acquisition?.channels;
  if (data.acquisition === undefined || channels === undefined || channels.length < 2) return data;
  const total = channels.reduce((sum, channel) => sum + (channel.share ?? 0), 0);
  if (!(total > 0)) return data;
  return {
    ...data,
    acquisition: {
      ...data.acquisition,
      channels: channels.map((channel) => ({ ...channel, share: channel.share === undefined ? undefined : channel.share / total })),
    },
  };
}

/**
 * The prices of `inference.model` and the routes' models as the single run found them,
 * under the draw's own `price` fields (which take precedence, as they do in a run): the
 * catalog is looked up once, not once per draw.
 */
function withCatalogPrice(data: ScenarioData, base: ScenarioData): ScenarioData {
  const inference = data.inference;
  if (inference.model === undefined && !inference.routes?.some((route) => route.model !== undefined)) return data;
  const price =
    inference.model === undefined || base.inference.price === undefined
      ? inference.price
      : overlayPrice(base.inference.price as ResolvedPrice, inference.price ?? {});
  const routes = inference.routes?.map((route, index) => {
    const central = base.inference.routes?.[index]?.price;
    return route.model === undefined || central === undefined
      ? route
      : { ...route, price: overlayPrice(central as ResolvedPrice, route.price ?? {}) };
  });
  return { ...data, inference: { ...inference, ...(price === undefined ? {} : { price }), ...(routes === undefined ? {} : { routes }) } };
}
