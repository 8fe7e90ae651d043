import { UserError } from "../lib/errors.js";
import { valueAt } from "../lib/value-at.js";
import type { JsonResult, ScenarioHeader } from "../result/json-result.js";
import { scenarioHeader } from "../scenario/evaluate.js";
import type { Scenario } from "../scenario/load.js";
import { samePath, splitAssignment } from "../scenario/overrides.js";
import { checkMetric, LADDER_HOLDS, type MetricValue, metricValue, parseMetricList } from "./metrics.js";
import { type AxisValues, gridSize, parseSpec } from "./spec.js";
import { type Flip, findFlips, indicesAt } from "./sweep.js";
import type { PatchedPoints, ValidatedSetting } from "./patched-points.js";
import { type ShareGroup, shareGroup, withShareHints } from "./shares.js";
import type { ScenarioVariants, Setting, VariedInput } from "./variants.js";

/** What a sweep reads of a point's evaluation: the sections of the JSON result its metrics name (metrics.ts). */
export type PointFigures = Pick<JsonResult, "totals" | "unit" | "ladder" | "milestones">;

/** One `--vary`: its path as typed, its SPEC, and each value as written and as the scenario resolved it. */
export interface SweepAxis {
  path: string;
  spec: string;
  labels: string[];
  /** In the scenario's units: money in its currency, ranges at their central value. */
  values: unknown[];
}

export interface SweepPoint {
  /** The index into each axis. */
  indices: number[];
  metrics: Record<string, MetricValue>;
  holds: boolean;
}

/**
 * Metrics in typed arrays, each a number (in `values`), true, false or null (`kinds`): ten
 * thousand points' boxed numbers would outlive many collections, each copying them.
 */
export interface MetricCells {
  values: Float64Array;
  /** What each metric is: METRIC_NULL, METRIC_NUMBER (its value in `values`), METRIC_FALSE or METRIC_TRUE. */
  kinds: Uint8Array;
}

/** Every point's metrics and verdict, row-major: metric `m` of point `p` at `p * metrics.length + m` (metricAt). */
export interface PointTable extends MetricCells {
  /** The number of values of each axis. */
  lengths: number[];
  /** 1 where the ladder holds at the point. */
  holds: Uint8Array;
}

/** What `sweep` found: the data of its report. */
export interface SweepReport {
  scenario: ScenarioHeader;
  axes: SweepAxis[];
  /** The metrics of every point (JSON, CSV, and the table of one axis). */
  metrics: string[];
  /** The metric of the matrix (two axes). */
  matrixMetric: string;
  /** The points' figures as the CSV reads them. */
  table: PointTable;
  /** The same points as objects, made on first use. */
  readonly points: SweepPoint[];
  flips: Flip[];
}

/** What `sweep` was asked, as typed: `--vary` (once or twice), `--metrics`, `--metric`. */
export interface SweepRequest {
  vary?: readonly string[];
  metrics?: string;
  metric?: string;
}

/** A request checked before any file is read: the axes and the metrics to compute. */
export interface SweepPlan {
  axes: { segments: string[]; label: string; spec: string; axis: AxisValues }[];
  columns: string[];
  matrixMetric: string;
}

/** The figures a sweep shows when `--metrics` is not given: the ladder's rungs, its verdict and the return on a user. */
export const DEFAULT_SWEEP_METRICS = [
  "unit.cac_blended",
  "unit.inference_per_user",
  "unit.training_per_user",
  "unit.ltv_to_cac",
  "totals.total",
  LADDER_HOLDS,
];
export const DEFAULT_MATRIX_METRIC = "unit.cac_blended";

export function planSweep(request: SweepRequest): SweepPlan {
  const vary = request.vary ?? [];
  if (vary.length === 0) throw new UserError("sweep needs --vary PATH=SPEC, e.g. --vary acquisition.channels.0.cpa=10..50:5");
  if (vary.length > 2) throw new UserError(`sweep varies one or two inputs; ${vary.length} --vary options were given`);
  const metrics = request.metrics === undefined ? undefined : parseMetricList(request.metrics, "--metrics");
  const matrixMetric = checkMetric(request.metric ?? DEFAULT_MATRIX_METRIC, "--metric");
  const chosen = metrics ?? (request.metric !== undefined && vary.length === 1 ? [matrixMetric] : DEFAULT_SWEEP_METRICS);
  const columns = vary.length === 2 && !chosen.includes(matrixMetric) ? [matrixMetric, ...chosen] : chosen;
  const axes = vary.map((text) => {
    const { segments, valueText: spec, label } = splitAssignment(text, "--vary", "SPEC");
    return { segments, label, spec, axis: parseSpec(spec, label) };
  });
  gridSize(
    axes.map((one) => one.axis),
    vary.map((text) => `--vary ${text}`).join(" "),
  );
  return { axes, columns, matrixMetric };
}

/** Points per block: a block is what one thread evaluates at a time (sweepReportOn). */
const POINTS_PER_BLOCK = 250;

/** One axis as a point sees it: the input, and one setting per value, each made once. */
export interface SweepGridAxis {
  input: VariedInput;
  settings: Setting[];
}

/** The axes of a plan's grid, checked against the scenario. */
function sweepAxes(variants: ScenarioVariants, plan: SweepPlan): SweepGridAxis[] {
  const axes = plan.axes.map((one) => {
    const input = variants.settableInput({ segments: one.segments, value: null, label: one.label });
    const settings = one.axis.values.map((value, index) => ({ input, value, label: `--vary ${input.name}=${one.axis.labels[index]}` }));
    return { input, settings };
  });
  // Two axes on one input would be one column of the CSV, its values the second axis's alone.
  const [first, second] = axes;
  const same = (a: readonly PropertyKey[], b: readonly PropertyKey[]) => a.length === b.length && samePath(a, b, a.length);
  if (first !== undefined && second !== undefined && same(first.input.path, second.input.path)) {
    throw new UserError(`--vary ${second.input.name} is given twice: a sweep's two axes are two different inputs`, {
      hint: `give all its values in one --vary, e.g. --vary ${first.input.name}=10,20,30`,
    });
  }
  return axes;
}

/** The points `first .. first + count - 1` of a grid, row-major. */
export interface PointBlock {
  first: number;
  count: number;
}

/**
 * What a block's points gave, in order: `evaluated[i]` 1 where point `first + i` patched
 * cleanly and was evaluated (its `columns` metrics at `i * columns.length ..`, whether the
 * ladder held at `holds[i]`), 0 where it is left to be validated in full.
 */
export interface SweepBlock extends MetricCells {
  evaluated: Uint8Array;
  holds: Uint8Array;
}

const [METRIC_NULL, METRIC_NUMBER, METRIC_FALSE, METRIC_TRUE] = [0, 1, 2, 3];

/** The metric at `at` of `cells`. */
export function metricAt(cells: MetricCells, at: number): MetricValue {
  const kind = cells.kinds[at];
  return kind === METRIC_NUMBER ? cells.values[at]! : kind === METRIC_NULL ? null : kind === METRIC_TRUE;
}

/** Stores a metric at `at` of `cells`. */
function storeMetric(cells: MetricCells, at: number, value: MetricValue): void {
  if (typeof value === "number") {
    cells.values[at] = value;
    cells.kinds[at] = METRIC_NUMBER;
  } else cells.kinds[at] = value === null ? METRIC_NULL : value ? METRIC_TRUE : METRIC_FALSE;
}

/**
 * Evaluates the points of a block that patch cleanly into the file's data (`points`); the
 * others, which may break a rule, are left to `SweepPoints.take`, which validates them in
 * full in order, so that the first error is the one a point-by-point loop would meet.
 */
export function evaluateSweepBlock(
  points: PatchedPoints,
  axes: readonly SweepGridAxis[],
  columns: readonly string[],
  block: PointBlock,
  evaluate: (scenario: Scenario) => PointFigures,
): SweepBlock {
  const paths = columns.map((metric) => metric.split("."));
  const evaluated = new Uint8Array(block.count);
  const holds = new Uint8Array(block.count);
  const cells: MetricCells = {
    values: new Float64Array(block.count * columns.length),
    kinds: new Uint8Array(block.count * columns.length),
  };
  const indices = indicesAt(lengthsOf(axes), block.first);
  const settings = indices.map((index, axis) => axes[axis]!.settings[index]!);
  for (let i = 0; i < block.count; i++) {
    if (i > 0) nextPoint(axes, indices, settings);
    const scenario = points.scenarioAt(settings);
    if (scenario === undefined) continue;
    const result = evaluate(scenario);
    evaluated[i] = 1;
    holds[i] = result.ladder.holds ? 1 : 0;
    for (let column = 0; column < paths.length; column++)
      storeMetric(cells, i * paths.length + column, metricValue(result, paths[column]!));
  }
  return { evaluated, ...cells, holds };
}

/** Steps `indices` (and the `settings` at them) to the next point of the grid, row-major. */
function nextPoint(axes: readonly SweepGridAxis[], indices: number[], settings: Setting[]): void {
  for (let axis = axes.length - 1; axis >= 0; axis--) {
    const values = axes[axis]!.settings;
    const index = indices[axis]! + 1 < values.length ? indices[axis]! + 1 : 0;
    indices[axis] = index;
    settings[axis] = values[index]!;
    if (index > 0) return;
  }
}

/** The number of values of each axis. */
function lengthsOf(axes: readonly SweepGridAxis[]): number[] {
  return axes.map((axis) => axis.settings.length);
}

/** A sweep's points taken block by block, in order, and the report they make. */
class SweepPoints {
  private readonly resolved: unknown[][];
  private readonly lengths: number[];
  private readonly table: PointTable;
  /** The points taken so far. */
  private taken = 0;

  constructor(
    private readonly variants: ScenarioVariants,
    private readonly plan: SweepPlan,
    readonly axes: readonly SweepGridAxis[],
    private readonly evaluate: (scenario: Scenario) => PointFigures,
  ) {
    this.resolved = axes.map((axis) => new Array<unknown>(axis.settings.length));
    this.lengths = lengthsOf(axes);
    const cells = this.total * plan.columns.length;
    this.table = {
      lengths: this.lengths,
      values: new Float64Array(cells),
      kinds: new Uint8Array(cells),
      holds: new Uint8Array(this.total),
    };
  }

  get total(): number {
    return this.lengths.reduce((product, length) => product * length, 1);
  }

  /** The next block's points: evaluated ones as they came, the others validated in full here (a point that breaks a rule throws). */
  take(block: SweepBlock): void {
    const columns = this.plan.columns;
    const width = columns.length;
    for (let i = 0; i < block.evaluated.length; i++) {
      const position = this.taken++;
      const indices = indicesAt(this.lengths, position);
      if (block.evaluated[i] === 1) {
        for (let axis = 0; axis < indices.length; axis++) {
          const setting = this.axes[axis]!.settings[indices[axis]!]!;
          this.resolved[axis]![indices[axis]!] ??= this.variants.patchedPoints.validated(setting)!.value;
        }
        for (let column = 0; column < width; column++) {
          this.table.values[position * width + column] = block.values[i * width + column]!;
          this.table.kinds[position * width + column] = block.kinds[i * width + column]!;
        }
        this.table.holds[position] = block.holds[i]!;
        continue;
      }
      const scenario = this.validatedInFull(indices);
      for (const [axis, index] of indices.entries()) this.resolved[axis]![index] ??= valueAt(scenario.data, this.axes[axis]!.input.path);
      const result = this.evaluate(scenario);
      for (let column = 0; column < width; column++)
        storeMetric(this.table, position * width + column, metricValue(result, columns[column]!));
      this.table.holds[position] = result.ladder.holds ? 1 : 0;
    }
  }

  /** The axes that are shares summing to 1 with others (shares.ts), found at the first point that breaks a rule. */
  private shares: { group: ShareGroup; name: string }[] | undefined;

  /** The point at `indices` validated in full; a point whose shares no longer sum to 1 because an axis moved one says so. */
  private validatedInFull(indices: readonly number[]): Scenario {
    try {
      return this.variants.at(indices.map((index, axis) => this.axes[axis]!.settings[index]!));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      this.shares ??= this.axes.flatMap(({ input }) => {
        const group = shareGroup(this.variants.base.data, input.path);
        return group === undefined ? [] : [{ group, name: input.name }];
      });
      throw withShareHints(error, this.shares);
    }
  }

  report(): SweepReport {
    const axes: SweepAxis[] = this.plan.axes.map((one, axis) => ({
      path: this.axes[axis]!.input.name,
      spec: one.spec,
      labels: one.axis.labels,
      values: this.resolved[axis]!,
    }));
    const { table } = this;
    const metrics = this.plan.columns;
    let points: SweepPoint[] | undefined;
    return {
      scenario: scenarioHeader(this.variants.base),
      axes,
      metrics,
      matrixMetric: this.plan.matrixMetric,
      table,
      get points() {
        points ??= pointsOf(table, metrics);
        return points;
      },
      flips: findFlips(
        this.lengths,
        Array.from(table.holds, (holds) => holds === 1),
      ),
    };
  }
}

/** A table's points as objects. */
function pointsOf(table: PointTable, metrics: readonly string[]): SweepPoint[] {
  return Array.from(table.holds, (holds, position) => {
    const values: Record<string, MetricValue> = {};
    for (const [column, metric] of metrics.entries()) values[metric] = metricAt(table, position * metrics.length + column);
    return { indices: indicesAt(table.lengths, position), metrics: values, holds: holds === 1 };
  });
}

/** The blocks of a grid of `total` points, in order. */
function blocksOf(total: number): PointBlock[] {
  const blocks: PointBlock[] = [];
  for (let first = 0; first < total; first += POINTS_PER_BLOCK) blocks.push({ first, count: Math.min(POINTS_PER_BLOCK, total - first) });
  return blocks;
}

/** The scenario evaluated at every point of the plan's grid, row-major, in this thread; a point that breaks a rule is the user's error. */
export function sweepReport(
  variants: ScenarioVariants,
  plan: SweepPlan,
  evaluate: (scenario: Scenario) => PointFigures,
  progress?: (done: number, total: number) => void,
): SweepReport {
  const run = new SweepPoints(variants, plan, sweepAxes(variants, plan), evaluate);
  // Points are made once every block is evaluated: made as the blocks come, they would survive
  // the evaluations' many young-generation collections, each copy of them growing the heap.
  const done: SweepBlock[] = [];
  for (const block of blocksOf(run.total)) {
    progress?.(block.first, run.total);
    done.push(evaluateSweepBlock(variants.patchedPoints, run.axes, plan.columns, block, evaluate));
  }
  for (const block of done) run.take(block);
  return run.report();
}

/** What a worker thread of `sweep --jobs N` starts from: the validated scenario and the grid. */
export interface SweepStart {
  base: Scenario;
  axes: { input: VariedInput; values: unknown[]; labels: string[] }[];
  columns: string[];
}

/**
 * A block for a worker, with every axis value validated alone (PatchedPoints): they come
 * with the blocks, so that the workers load while this thread validates them.
 */
export interface WorkerBlock extends PointBlock {
  validated: [string, ValidatedSetting][];
}

/**
 * Threads evaluating blocks of a sweep's points beside this one: `nextWorker` resolves once
 * one can take a block, with a sender (give it the block, or undefined to hand the worker
 * back), so that a block is claimed only by a worker ready for it; `close` ends them.
 */
export interface SweepPool {
  nextWorker: () => Promise<(block: WorkerBlock | undefined) => Promise<SweepBlock | undefined>>;
  parallel: number;
  close: () => Promise<void>;
}

/** A worker's settings from its start: the same labels and values as `sweepAxes` made. */
export function axesOfStart(start: SweepStart): SweepGridAxis[] {
  return start.axes.map((axis) => ({
    input: axis.input,
    settings: axis.values.map((value, index) => ({ input: axis.input, value, label: `--vary ${axis.input.name}=${axis.labels[index]}` })),
  }));
}

/**
 * sweepReport with its blocks shared between this thread and a pool of workers (opened
 * by `open`, or undefined where this thread does it all). The blocks are taken strictly in order whoever evaluated them: the report, and
 * the first point that breaks a rule, are the same for any number of workers.
 */
export async function sweepReportOn(
  variants: ScenarioVariants,
  plan: SweepPlan,
  evaluate: (scenario: Scenario) => PointFigures,
  options: { open: (start: SweepStart) => Promise<SweepPool | undefined>; progress?: (done: number, total: number) => void },
): Promise<SweepReport> {
  const axes = sweepAxes(variants, plan);
  const run = new SweepPoints(variants, plan, axes, evaluate);
  const pool = await options.open({
    base: variants.base,
    axes: plan.axes.map((one, axis) => ({ input: axes[axis]!.input, values: one.axis.values, labels: one.axis.labels })),
    columns: plan.columns,
  });
  if (pool === undefined) return sweepReport(variants, plan, evaluate, options.progress);
  const points = variants.patchedPoints;
  for (const axis of axes) for (const setting of axis.settings) points.validated(setting);
  const validated = points.validatedSettings();
  const blocks = blocksOf(run.total);
  const results = new Array<SweepBlock>(blocks.length);
  let next = 0;
  let done = 0;
  const finished = (index: number, block: SweepBlock) => {
    results[index] = block;
    done += blocks[index]!.count;
    options.progress?.(done, run.total);
  };
  // Blocks sent to workers, each settled: a worker's failure is thrown once this thread's loop is done.
  const sent: Promise<void>[] = [];
  let failure: { error: unknown } | undefined;
  // A worker claims the next block only once it can take it (loaded, at most two queued), so
  // that a worker still loading holds none back: this thread takes them meanwhile.
  const feed = async () => {
    for (;;) {
      const send = await pool.nextWorker();
      if (next >= blocks.length || failure !== undefined) return void send(undefined);
      const index = next++;
      const answer = send({ ...blocks[index]!, validated }).then((block) => finished(index, block!));
      sent.push(
        answer.catch((error: unknown) => {
          failure ??= { error };
        }),
      );
      await answer.catch(() => {});
    }
  };
  try {
    for (let loop = 0; loop < 2 * pool.parallel; loop++) void feed();
    while (next < blocks.length) {
      const index = next++;
      finished(index, evaluateSweepBlock(points, axes, plan.columns, blocks[index]!, evaluate));
      // Lets the workers' answers in, and hands them their next blocks.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(sent);
    if (failure !== undefined) throw failure.error;
  } finally {
    await pool.close();
  }
  for (const block of results) run.take(block);
  return run.report();
}
