import { UserError } from "../lib/errors.js";
import { valueAt } from "../lib/value-at.js";
import type { JsonResult } from "../result/json-result.js";
import type { Scenario } from "../scenario/load.js";
import type { ScenarioSampler } from "./sampling.js";
import { drawingPicker } from "./distributions.js";
import { HISTOGRAM_BINS, HISTOGRAM_FIGURES, type Histograms } from "./histogram.js";
import { mulberry32After } from "./random.js";
import { constantSummary, figureRow, SampleCollector, type SamplesSummary } from "./summary.js";

/**
 * A run's result with its uncertainty run (`run --samples`); with `histograms` only when
 * asked (the HTML report draws them; the JSON result never has them).
 */
export type SampledResult = JsonResult & { samples: SamplesSummary; histograms?: Histograms };

/** Draws that broke a rule, by the field the rule names: the commonest is worth a warning. */
export interface Rejections {
  count: number;
  /** The field most draws broke a rule at, with one of its messages. */
  commonest?: { path: string; message: string; count: number };
}

export interface SampleRun {
  summary: SamplesSummary;
  rejections: Rejections;
  /** With `histograms: true`: the samples of HISTOGRAM_FIGURES binned. */
  histograms?: Histograms;
}

/** Give up once this many draws were rejected and fewer than one in ten was valid. */
const REJECTIONS_BEFORE_GIVING_UP = 1000;

/** The draws `first .. first + count - 1` of a run, evaluated: what one worker does with one block. */
export interface DrawBlock {
  first: number;
  count: number;
}

/**
 * A block's draws in order: `accepted[i]` 1 when draw `first + i` met every rule; the
 * figures of the accepted ones, one row each (SampleCollector's `figureSegments`), and
 * whether the ladder held; for a rejected one, the first problem's field and message.
 */
export interface BlockResult {
  accepted: Uint8Array;
  rows: Float64Array;
  holds: Uint8Array;
  problems: ({ path: string; message: string } | null)[];
}

/**
 * Worker threads evaluating blocks of draws beside this one: `nextWorker` resolves once one
 * can take a block, with a sender (give it the block, or undefined to hand the worker back),
 * so that a worker still loading holds no block back; `close` ends them.
 */
export interface BlockPool {
  nextWorker: () => Promise<(block: DrawBlock | undefined) => Promise<BlockResult | undefined>>;
  /** How many blocks the workers take at once. */
  parallel: number;
  close: () => Promise<void>;
}

/** How `run --samples` spreads its draws: a pool per scenario (given the figures to return), and progress. */
export interface SamplingPool {
  open?: (sampler: ScenarioSampler, seed: number, segments: string[][]) => Promise<BlockPool | undefined>;
  progress?: SampleProgress;
}

/** Draws per block: enough to outweigh passing a block to a worker, few enough to keep every thread busy to the end. */
const DRAWS_PER_BLOCK = 500;

/**
 * Draws `first ..` of a scenario from the stream of `seed`: draw `i` takes the `i * k`-th
 * to the `(i + 1) * k - 1`-th uniform of the stream (one per range, `k` ranges), so a block
 * is the same wherever it is evaluated.
 */
export function evaluateBlock(
  sampler: ScenarioSampler,
  seed: number,
  block: DrawBlock,
  segments: readonly (readonly string[])[],
  evaluate: (scenario: Scenario) => JsonResult,
): BlockResult {
  const pick = drawingPicker(mulberry32After(seed, block.first * sampler.ranges.length));
  const accepted = new Uint8Array(block.count);
  const holds = new Uint8Array(block.count);
  const rows = new Float64Array(block.count * segments.length);
  const problems: BlockResult["problems"] = [];
  let row = 0;
  for (let i = 0; i < block.count; i++) {
    const draw = sampler.draw(pick);
    if (!draw.ok) {
      const first = draw.problems[0]!;
      problems.push({ path: first.path.map(String).join(".") || "(top level)", message: first.message });
      continue;
    }
    const result = evaluate(draw.scenario);
    accepted[i] = 1;
    holds[row] = result.ladder.holds ? 1 : 0;
    figureRow(result, segments, rows, row * segments.length);
    problems.push(null);
    row++;
  }
  return { accepted, rows, holds, problems };
}

/** Progress of a run: samples done out of the total. */
export type SampleProgress = (done: number, total: number) => void;

/**
 * `n` valid draws of a scenario, evaluated, summarised. The generator starts from `seed`
 * for each scenario, so a file gives the same samples alone or beside others. A scenario
 * without ranges is its single run `n` times, summarised without evaluating it again.
 *
 * The draws are evaluated in blocks (in this thread, and by the pool's workers where it
 * gives some) and taken strictly in order, stopping at the same draw as one loop would:
 * the result is the same for any number of workers.
 */
export async function sampleScenario(
  sampler: ScenarioSampler,
  central: JsonResult,
  options: { n: number; seed: number; histograms?: boolean },
  evaluate: (scenario: Scenario) => JsonResult,
  pool: SamplingPool = {},
): Promise<SampleRun> {
  const { n, seed } = options;
  if (sampler.ranges.length === 0) {
    return {
      summary: constantSummary(central, { n, seed }),
      rejections: { count: 0 },
      ...(options.histograms ? { histograms: constantHistograms(central, n) } : {}),
    };
  }
  const collector = new SampleCollector(central, n);
  const segments = collector.figureSegments;
  const workers = await pool.open?.(sampler, seed, segments);
  const here = (block: DrawBlock) => evaluateBlock(sampler, seed, block, segments, evaluate);
  try {
    return await collect(sampler, collector, options, here, workers, pool.progress);
  } finally {
    await workers?.close();
  }
}

/**
 * Blocks of draws evaluated by this thread and by the workers (each claims the next block
 * once it can take one), taken strictly in order until `n` draws were valid: the samples,
 * and the draw a run stops at, are the same for any number of workers. With workers,
 * block `k` is the draws from `k * DRAWS_PER_BLOCK`; without, each block starts where the
 * last one ended and holds no more draws than are still needed. No block is claimed past
 * what the draws still needed should take at the acceptance rate so far (or past
 * `ahead` blocks beyond the next to be taken): the workers and this thread do not
 * evaluate far beyond the last draw used.
 */
async function collect(
  sampler: ScenarioSampler,
  collector: SampleCollector,
  options: { n: number; seed: number; histograms?: boolean },
  here: (block: DrawBlock) => BlockResult,
  workers: BlockPool | undefined,
  progress: SampleProgress | undefined,
): Promise<SampleRun> {
  const { n, seed } = options;
  const width = collector.figureSegments.length;
  const byPath = new Map<string, { message: string; count: number }>();
  const ahead = workers === undefined ? 1 : workers.parallel + 2;
  const answered = new Map<number, BlockResult>();
  let rejected = 0;
  let nextBlock = 0;
  let drawn = 0;
  let taken = 0;
  let stopped = false;
  // Blocks a worker failed on: the run fails only if it needs one of them.
  const failed = new Map<number, unknown>();
  // This thread waits for an answer (`wake`); a feeder that may not claim a block yet waits for the next block taken.
  let wake: (() => void) | undefined;
  let takenWaiters: (() => void)[] = [];
  const blockTaken = () => {
    for (const resolve of takenWaiters) resolve();
    takenWaiters = [];
  };
  const nextTaken = () => new Promise<void>((resolve) => takenWaiters.push(resolve));
  const answer = (index: number, block: BlockResult) => {
    answered.set(index, block);
    wake?.();
  };
  const mayClaim = () => {
    const seen = collector.size + rejected;
    const acceptance = seen === 0 ? 1 : Math.max(collector.size / seen, 0.05);
    const stillNeeded = Math.ceil((n - collector.size) / (acceptance * DRAWS_PER_BLOCK));
    return nextBlock < taken + Math.min(ahead, stillNeeded);
  };
  const blockAt = (index: number): DrawBlock => {
    if (workers !== undefined) return { first: index * DRAWS_PER_BLOCK, count: DRAWS_PER_BLOCK };
    const block = { first: drawn, count: Math.min(DRAWS_PER_BLOCK, Math.max(1, n - collector.size)) };
    drawn += block.count;
    return block;
  };
  const feed = async (pool: BlockPool) => {
    for (;;) {
      const send = await pool.nextWorker();
      if (stopped) return void send(undefined);
      if (!mayClaim()) {
        void send(undefined);
        await nextTaken();
        continue;
      }
      const index = nextBlock++;
      try {
        answer(index, (await send(blockAt(index)))!);
      } catch (error) {
        failed.set(index, error);
        stopped = true;
        wake?.();
        return;
      }
    }
  };
  if (workers !== undefined) for (let feeder = 0; feeder < workers.parallel; feeder++) void feed(workers);
  const take = (block: BlockResult) => {
    let row = 0;
    for (let i = 0; i < block.accepted.length && collector.size < n; i++) {
      if (block.accepted[i] === 1) {
        collector.addRow(block.rows, row * width, block.holds[row] === 1);
        row++;
        continue;
      }
      rejected++;
      const first = block.problems[i]!;
      const seen = byPath.get(first.path);
      if (seen === undefined) byPath.set(first.path, { message: first.message, count: 1 });
      else seen.count++;
      if (rejected >= REJECTIONS_BEFORE_GIVING_UP && rejected > 9 * collector.size) {
        throw tooManyRejections(sampler, collector.size, rejected, commonestOf(byPath)!);
      }
    }
    progress?.(collector.size, n);
  };
  try {
    while (collector.size < n) {
      const block = answered.get(taken);
      if (block !== undefined) {
        answered.delete(taken++);
        take(block);
        blockTaken();
      } else if (failed.has(taken)) {
        throw failed.get(taken);
      } else if (mayClaim()) {
        const index = nextBlock++;
        answer(index, here(blockAt(index)));
        // Lets the workers' answers in, and hands them their next blocks.
        if (workers !== undefined) await new Promise((resolve) => setImmediate(resolve));
      } else {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    }
  } finally {
    // Blocks drawn ahead are not needed: the feeders hand their workers back, and closing the pool ends them.
    stopped = true;
    blockTaken();
  }
  const commonest = commonestOf(byPath);
  return {
    summary: collector.summary({ seed, ranges: sampler.ranges, rejected }),
    rejections: { count: rejected, ...(commonest === undefined ? {} : { commonest }) },
    ...(options.histograms
      ? { histograms: Object.fromEntries(HISTOGRAM_FIGURES.map((path) => [path, collector.histogram(path, HISTOGRAM_BINS)])) }
      : {}),
  };
}

function tooManyRejections(
  sampler: ScenarioSampler,
  valid: number,
  rejected: number,
  most: NonNullable<Rejections["commonest"]>,
): UserError {
  const draws = valid + rejected;
  return UserError.fromProblems([
    {
      file: sampler.base.file,
      path: most.path,
      message: `the ranges rarely give a valid scenario: ${valid} of ${draws} draws (${((valid / draws) * 100).toFixed(1)} %) met every rule; ${most.count} broke this one: ${most.message}`,
      hint: "narrow the ranges that overlap, e.g. retention points whose ranges cross",
    },
  ]);
}

/** Every sample the single run: each figure's n samples in one bin at its value (none where it is n/a). */
function constantHistograms(central: JsonResult, n: number): Histograms {
  return Object.fromEntries(
    HISTOGRAM_FIGURES.map((path) => {
      const value = valueAt(central, path);
      return [
        path,
        typeof value === "number" && Number.isFinite(value)
          ? { edges: [value, value], counts: [n], missing: 0 }
          : { edges: [], counts: [], missing: n },
      ];
    }),
  );
}

/** The field most rejected draws broke a rule at (the first such field on a tie). */
function commonestOf(byPath: ReadonlyMap<string, { message: string; count: number }>): Rejections["commonest"] {
  let best: Rejections["commonest"];
  for (const [path, { message, count }] of byPath) if (best === undefined || count > best.count) best = { path, message, count };
  return best;
}
