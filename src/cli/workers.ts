import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";
import { UserError } from "../lib/errors.js";
import type { Scenario } from "../scenario/load.js";
import { evaluatePoint } from "../scenario/evaluate.js";
import type { ScenarioSource } from "../lib/read.js";
import type { Override } from "../scenario/overrides.js";
import { type BlockPool, type BlockResult, type DrawBlock, evaluateBlock } from "../uncertainty/sample.js";
import { ScenarioSampler } from "../uncertainty/sampling.js";
import { PatchedPoints } from "../whatif/patched-points.js";
import {
  axesOfStart,
  evaluateSweepBlock,
  type PointBlock,
  type SweepBlock,
  type WorkerBlock,
  type SweepPool,
  type SweepStart,
} from "../whatif/sweep-report.js";

/**
 * `--jobs N`: `run --samples` and `sweep` on worker threads. Each worker starts from what
 * the main thread validated (the file's text and single run for samples; the scenario and
 * every axis value validated alone for a sweep) and evaluates the blocks it is sent; the
 * main thread takes the blocks back in order (uncertainty/sample.ts, whatif/sweep-report.ts),
 * so the output is the same for any N. Workers run the built bundle: from the TypeScript
 * sources (the tests) everything stays in this thread.
 */

/** Fewer samples than this are evaluated in this thread: starting workers would cost more. */
const MIN_SAMPLES_FOR_WORKERS = 2000;
/**
 * A sweep with fewer points x horizon days than this stays in this thread. Measured with
 * --cpu-prof and paired runs on a 2-core machine: a worker costs 0.4-0.9 s of a core
 * beside its share of the points (Node's start in a new thread, the bundle, warming up
 * its own JIT, its own garbage: some 6,000 more page faults), while a point costs some
 * 0.1 µs per horizon day; a 100 x 100 sweep at 365 days took longer with a worker, both
 * at about 1 s in one thread and again at about 0.5 s once each axis value was validated
 * once (one worker: +0.4-0.65 s of CPU, wall time up). So workers start only where a sweep
 * is several seconds of evaluation: 10,000 points at 2,000 days, or 5,500 at 3,650.
 */
const MIN_SWEEP_DAY_POINTS = 20_000_000;
const MAX_JOBS = 256;
/** What a worker says once it has loaded and can take blocks. */
const READY = "ready";
/**
 * A sample worker's garbage is one draw's arrays, dead by the next draw: a small young
 * generation collects it as fast, and keeps each worker some 10 MB smaller than V8's
 * default would (100,000 samples on two workers: 159 MB peak instead of 181 MB, same time).
 * A sweep is far smaller in memory, and its workers keep V8's default.
 */
const SAMPLE_WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };
/** Blocks of draws a sample worker holds at once (one it evaluates, the rest queued). */
const SAMPLE_BLOCKS_HELD = 4;

/** `--jobs N` checked: a whole number from 1 to 256; absent, the machine's available parallelism. */
export function parseJobs(text: string | undefined, availableParallelism: number): number {
  if (text === undefined) return Math.max(1, Math.min(MAX_JOBS, availableParallelism));
  const trimmed = text.trim();
  const jobs = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!(jobs >= 1 && jobs <= MAX_JOBS))
    throw new UserError(`--jobs ${text}: expected a whole number from 1 to ${MAX_JOBS}`, {
      hint: "e.g. --jobs 4; --jobs 1 evaluates in one thread",
    });
  return jobs;
}

/** What a worker is started with: which work, and what it needs for it. */
type WorkerStart =
  | { kind: "samples"; source: ScenarioSource; overrides: readonly Override[]; base: Scenario; seed: number; segments: string[][] }
  | { kind: "sweep"; sweep: SweepStart };

/** The bundle this code runs from, or undefined when it runs from its TypeScript sources. */
function bundleFile(): string | undefined {
  const file = fileURLToPath(import.meta.url);
  return file.endsWith(".cjs") ? file : undefined;
}

/** A worker that can take another request, and how to hand it one (`undefined`: hand the worker back unused). */
type Sender<Request, Reply> = (request: Request | undefined) => Promise<Reply | undefined>;

/**
 * `count` workers started on `start`. A worker can take requests once it has loaded and
 * says so, up to `depth` outstanding, and answers them in order: `nextWorker` resolves
 * with a sender once one can.
 */
async function startPool<Request, Reply>(
  bundle: string,
  count: number,
  depth: number,
  start: WorkerStart,
  resourceLimits: { maxYoungGenerationSizeMb?: number } = {},
): Promise<{ nextWorker: () => Promise<Sender<Request, Reply>>; close: () => Promise<void> }> {
  const { Worker } = await import("node:worker_threads");
  // The worker loads the bundle as bin/ does (launch.cjs, with its code cache) and serves blocks.
  const code = `require(${JSON.stringify(join(dirname(bundle), "launch.cjs"))}).loadBundle().cli.serveBlocks();`;
  const workers = Array.from({ length: count }, () => new Worker(code, { eval: true, workerData: start, resourceLimits }));
  const failed = new Map<Worker, Error>();
  let closing = false;
  const senders = new Map<Worker, (request: Request) => Promise<Reply>>();
  const free: Worker[] = [];
  const waiting: ((worker: Worker) => void)[] = [];
  const release = (worker: Worker) => {
    const next = waiting.shift();
    if (next) next(worker);
    else free.push(worker);
  };
  for (const worker of workers) {
    const queue: { resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
    let ready = false;
    worker.on("message", (message: Reply | { error: string } | typeof READY) => {
      // Referenced while it loads or owes an answer, so that the process waits for it; idle, it keeps nothing alive.
      if (!ready && message === READY) {
        ready = true;
        if (!closing) worker.unref();
        for (let slot = 0; slot < depth; slot++) release(worker);
        return;
      }
      const next = queue.shift();
      if (queue.length === 0 && !closing) worker.unref();
      if (message !== null && typeof message === "object" && "error" in message) next?.reject(new Error(message.error));
      else next?.resolve(message as Reply);
    });
    // A worker that failed answers nothing more: the requests waiting on it, and any sent later, fail rather than wait forever.
    const fail = (error: Error) => {
      failed.set(worker, error);
      for (const one of queue.splice(0)) one.reject(error);
    };
    worker.on("error", fail);
    // Ending without an error event (or being ended) fails it too, with the error it had if any.
    worker.on("exit", (code: number) => fail(failed.get(worker) ?? new Error(`a worker thread ended (exit code ${code})`)));
    // A reply that could not be read: the requests waiting fail rather than take later replies.
    worker.on("messageerror", fail);
    const send = (request: Request) =>
      new Promise<Reply>((resolve, reject) => {
        const error = failed.get(worker);
        if (error !== undefined) return reject(error);
        queue.push({ resolve, reject });
        worker.ref();
        worker.postMessage(request);
      });
    senders.set(worker, send);
  }
  const acquire = () =>
    new Promise<Worker>((resolve) => {
      const worker = free.shift();
      if (worker) resolve(worker);
      else waiting.push(resolve);
    });
  const nextWorker = async (): Promise<Sender<Request, Reply>> => {
    const worker = await acquire();
    return async (request) => {
      try {
        return request === undefined ? undefined : await senders.get(worker)!(request);
      } finally {
        release(worker);
      }
    };
  };
  // An idle worker is unreferenced: referenced again (and kept so, whatever it still answers), so that the process waits for it to end.
  const close = async () => {
    closing = true;
    await Promise.all(
      workers.map((worker) => {
        worker.ref();
        return worker.terminate();
      }),
    );
  };
  return { nextWorker, close };
}

/** A pool of `jobs - 1` workers for one scenario's draws beside this thread, or undefined where this thread should do them all. */
export async function samplePool(
  jobs: number,
  samples: number,
  sampler: ScenarioSampler,
  seed: number,
  segments: string[][],
): Promise<BlockPool | undefined> {
  const bundle = bundleFile();
  if (jobs <= 1 || samples < MIN_SAMPLES_FOR_WORKERS || bundle === undefined) return undefined;
  const start: WorkerStart = {
    kind: "samples",
    source: sampler.origin.source,
    overrides: sampler.origin.overrides,
    base: sampler.base,
    seed,
    segments,
  };
  // This thread evaluates blocks too (uncertainty/sample.ts), so `--jobs N` starts N - 1 workers.
  // It hands out blocks only between its own, so each worker holds a few: enough to stay busy
  // through one of this thread's blocks, which run slower while its code warms up.
  const workers = jobs - 1;
  const pool = await startPool<DrawBlock, BlockResult>(bundle, workers, SAMPLE_BLOCKS_HELD, start, SAMPLE_WORKER_LIMITS);
  return { nextWorker: pool.nextWorker, parallel: SAMPLE_BLOCKS_HELD * workers, close: pool.close };
}

/**
 * Workers for a sweep's blocks beside the main thread (which evaluates blocks too, so
 * `--jobs N` starts N - 1 of them), or undefined where the sweep is too small to pay for them.
 */
export async function sweepPool(jobs: number, start: SweepStart): Promise<SweepPool | undefined> {
  const bundle = bundleFile();
  const points = start.axes.reduce((product, axis) => product * axis.values.length, 1);
  const days = Math.max(start.base.input.horizonDays, start.base.input.usage.lifetimeDays);
  if (jobs <= 1 || points * days < MIN_SWEEP_DAY_POINTS || bundle === undefined) return undefined;
  const workers = jobs - 1;
  const pool = await startPool<WorkerBlock, SweepBlock>(bundle, workers, 2, { kind: "sweep", sweep: start });
  return { nextWorker: pool.nextWorker, parallel: workers, close: pool.close };
}

/** A worker's loop: evaluate each block it is sent and send the result back (its arrays moved, not copied). */
export async function serveBlocks(): Promise<void> {
  const { parentPort, workerData } = await import("node:worker_threads");
  const start = workerData as WorkerStart;
  const evaluateOne = workerTask(start);
  parentPort!.postMessage(READY);
  parentPort!.on("message", (block: DrawBlock | PointBlock) => {
    try {
      const { reply, transfer } = evaluateOne(block);
      parentPort!.postMessage(reply, transfer);
    } catch (error) {
      parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
    }
  });
}

/** What a worker does with one block, by the work it was started for. */
function workerTask(start: WorkerStart): (block: DrawBlock | PointBlock) => { reply: unknown; transfer: ArrayBuffer[] } {
  if (start.kind === "samples") {
    const sampler = ScenarioSampler.fromValidated(start.source, start.overrides, start.base);
    return (block) => {
      const result = evaluateBlock(sampler, start.seed, block, start.segments, evaluatePoint);
      return { reply: result, transfer: [result.accepted.buffer, result.rows.buffer, result.holds.buffer] as ArrayBuffer[] };
    };
  }
  const { sweep } = start;
  const axes = axesOfStart(sweep);
  let points: PatchedPoints | undefined;
  return (block) => {
    const { validated, ...range } = block as WorkerBlock;
    points ??= new PatchedPoints(undefined, {}, sweep.base, validated);
    const result = evaluateSweepBlock(points, axes, sweep.columns, range, evaluatePoint);
    return { reply: result, transfer: [result.evaluated.buffer, result.holds.buffer] as ArrayBuffer[] };
  };
}
