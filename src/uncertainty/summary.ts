import type { JsonResult } from "../result/json-result.js";
import { valueAt } from "../lib/value-at.js";
import { PERCENTILES, type Percentile, percentilesOf } from "./percentile.js";
import { type Histogram, histogramOf } from "./histogram.js";

/**
 * The figures of many sampled results, summarised: the P10, P50 and P90 of every
 * figure, in the shape of the result itself, and how often the ladder held. Pure.
 */

/** A result's figures with one number (or null) per figure: `totals`, `unit`, `ladder`, `milestones`, `channels`. */
export interface FigureTree {
  [key: string]: number | string | null | FigureTree | FigureTree[];
}

export type PercentileKey = `p${Percentile}`;

export interface SamplesSummary {
  /** Samples evaluated (each one met every rule). */
  n: number;
  seed: number;
  /** The inputs given as ranges, as `--set` would name them. */
  ranges: string[];
  /** Draws that broke a rule across fields and were drawn again (not counted in n). */
  rejected: number;
  /** The share of samples in which inference < training < acquisition. */
  ladder_holds_probability: number;
  p10: FigureTree;
  p50: FigureTree;
  p90: FigureTree;
}

/** The figures that get percentiles: the sections `compare` sets against a base, and each channel's numbers. */
function figuresOf(result: JsonResult): FigureTree {
  const { inference, training, acquisition } = result.ladder;
  return {
    totals: { ...result.totals },
    unit: {
      ...result.unit,
      serving_price: result.unit.serving_price === null ? null : { ...result.unit.serving_price },
      tokens_per_session: { ...result.unit.tokens_per_session },
    },
    ladder: { inference, training, acquisition },
    milestones: { ...result.milestones },
    channels: result.channels.map((channel) => ({ ...channel })),
  };
}

/** The tree with each number-or-null leaf replaced by `leaf(path)`; strings (channel names) kept. */
function mapLeaves(tree: FigureTree, leaf: (path: string) => number | null, prefix = ""): FigureTree {
  const out: FigureTree = {};
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (Array.isArray(value)) out[key] = value.map((item, index) => mapLeaves(item, leaf, `${path}.${index}`));
    else if (value !== null && typeof value === "object") out[key] = mapLeaves(value, leaf, path);
    else out[key] = typeof value === "string" ? value : leaf(path);
  }
  return out;
}

function leafPaths(tree: FigureTree): string[] {
  const paths: string[] = [];
  mapLeaves(tree, (path) => {
    paths.push(path);
    return null;
  });
  return paths;
}

/**
 * Collects the figures of `capacity` samples of one scenario, one column of numbers per
 * figure (null as NaN), without keeping the results themselves: 100,000 samples of
 * about 45 figures take up to 36 MB. A figure no range moves (the training total, the
 * tokens of a session when only budgets are ranges) keeps its one value until a sample
 * differs, and only then gets its column: on these machines, memory touched for the
 * first time costs tens of microseconds a page.
 */
export class SampleCollector {
  private readonly template: FigureTree;
  private readonly paths: string[];
  private readonly segments: string[][];
  /** A figure's samples, or undefined while every sample had `first[index]` (the same by Object.is). */
  private readonly columns: (Float64Array | undefined)[];
  private readonly first: Float64Array;
  private count = 0;
  private holds = 0;

  /** `template`: any result of the scenario (the central run); every sample has its shape. */
  constructor(
    template: JsonResult,
    private readonly capacity: number,
  ) {
    this.template = figuresOf(template);
    this.paths = leafPaths(this.template);
    this.segments = this.paths.map((path) => path.split("."));
    this.columns = this.paths.map(() => undefined);
    this.first = new Float64Array(this.paths.length);
  }

  /** The samples of one figure (a path of the result, e.g. `unit.cac_blended`) in equal-width bins. */
  histogram(path: string, bins: number): Histogram {
    const index = this.paths.indexOf(path);
    if (index < 0) throw new Error(`SampleCollector: no figure ${path}`);
    return histogramOf(this.column(index), bins);
  }

  get size(): number {
    return this.count;
  }

  /** Each figure's path split at the dots, in the order of `addRow`'s values. */
  get figureSegments(): string[][] {
    return this.segments;
  }

  /**
   * One sample given as its figures (`figureRow`, in the order of `figureSegments`) from
   * `rows[offset]` on, and whether the ladder held.
   */
  addRow(rows: Float64Array, offset: number, holds: boolean): void {
    if (this.count >= this.capacity) throw new Error(`SampleCollector: more than ${this.capacity} samples`);
    for (let index = 0; index < this.columns.length; index++) this.put(index, rows[offset + index]!);
    if (holds) this.holds++;
    this.count++;
  }

  add(result: JsonResult): void {
    const row = new Float64Array(this.segments.length);
    figureRow(result, this.segments, row);
    this.addRow(row, 0, result.ladder.holds);
  }

  /** Sample `count`'s value of figure `index`: a column is made once a value differs from the first. */
  private put(index: number, value: number): void {
    const column = this.columns[index];
    if (column !== undefined) column[this.count] = value;
    else if (this.count === 0) this.first[index] = value;
    else if (!Object.is(value, this.first[index]!)) {
      const made = new Float64Array(this.capacity);
      made.fill(this.first[index]!, 0, this.count);
      made[this.count] = value;
      this.columns[index] = made;
    }
  }

  /** A figure's samples so far, as one array (made for a figure that kept its first value). */
  private column(index: number): Float64Array {
    return this.columns[index]?.subarray(0, this.count) ?? new Float64Array(this.count).fill(this.first[index]!);
  }

  summary(details: { seed: number; ranges: string[]; rejected: number }): SamplesSummary {
    // Each column's percentiles, in the order of PERCENTILES (the columns are reordered: histograms do not mind).
    // A figure that kept one value has it at every percentile (none: NaN, as percentilesOf gives).
    const found = new Map(
      this.paths.map((path, index) => [
        path,
        this.columns[index] === undefined
          ? PERCENTILES.map(() => (this.count === 0 ? Number.NaN : this.first[index]!))
          : percentilesOf(this.column(index), PERCENTILES),
      ]),
    );
    const tree = (at: number) =>
      mapLeaves(this.template, (path) => {
        const value = found.get(path)![at]!;
        return Number.isNaN(value) ? null : value;
      });
    const [p10, p50, p90] = PERCENTILES.map((_, at) => tree(at)) as [FigureTree, FigureTree, FigureTree];
    return {
      n: this.count,
      seed: details.seed,
      ranges: details.ranges,
      rejected: details.rejected,
      ladder_holds_probability: this.count === 0 ? 0 : this.holds / this.count,
      p10,
      p50,
      p90,
    };
  }
}

/**
 * Every sample the same (a scenario without ranges): the summary of `n` copies of one
 * result, without evaluating it n times.
 */
export function constantSummary(result: JsonResult, details: { n: number; seed: number }): SamplesSummary {
  const collector = new SampleCollector(result, 1);
  collector.add(result);
  const one = collector.summary({ seed: details.seed, ranges: [], rejected: 0 });
  return { ...one, n: details.n };
}

/** A result's figures in the order of `segments` (SampleCollector's `figureSegments`), n/a as NaN. */
export function figureRow(result: JsonResult, segments: readonly (readonly string[])[], out: Float64Array, offset = 0): void {
  for (let index = 0; index < segments.length; index++) {
    const value = valueAt(result, segments[index]!);
    out[offset + index] = typeof value === "number" && Number.isFinite(value) ? value : Number.NaN;
  }
}
