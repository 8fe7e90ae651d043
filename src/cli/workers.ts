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

/**
 * `--jobs N`: `run --samples` on N worker threads. Each worker loads the same sampler
 * from the file's text and the validated single run, and evaluates the blocks of draws
 * it is sent; the main thread takes the blocks back in order (uncertainty/sample.ts), so
 * the output is the same for any N. Workers run the built bundle: from the TypeScript
 * sources (the tests) the draws stay in this thread.
 */

/** Fewer samples than this are evaluated in this thread: starting workers would cost more. */
const MIN_SAMPLES_FOR_WORKERS = 2000;
const MAX_JOBS = 256;

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

/** What a worker is started with. */
interface WorkerStart {
  source: ScenarioSource;
  overrides: readonly Override[];
  base: Scenario;
  seed: number;
  segments: string[][];
}

/** The bundle this code runs from, or undefined when it runs from its TypeScript sources. */
function bundleFile(): string | undefined {
  const file = fileURLToPath(import.meta.url);
  return file.endsWith(".cjs") ? file : undefined;
}

/** A pool of `jobs` workers for one scenario's draws, or undefined where this thread should do them. */
export async function samplePool(
  jobs: number,
  samples: number,
  sampler: ScenarioSampler,
  seed: number,
  segments: string[][],
): Promise<BlockPool | undefined> {
  const bundle = bundleFile();
  if (jobs <= 1 || samples < MIN_SAMPLES_FOR_WORKERS || bundle === undefined) return undefined;
  const { Worker } = await import("node:worker_threads");
  const start: WorkerStart = { source: sampler.origin.source, overrides: sampler.origin.overrides, base: sampler.base, seed, segments };
  // The worker loads the bundle as bin/ does (launch.cjs, with its code cache) and serves blocks.
  const code = `require(${JSON.stringify(join(dirname(bundle), "launch.cjs"))}).loadBundle().cli.serveSampleBlocks();`;
  const workers = Array.from({ length: jobs }, () => new Worker(code, { eval: true, workerData: start }));
  const idle: Worker[] = [...workers];
  const waiting: ((worker: Worker) => void)[] = [];
  const release = (worker: Worker) => {
    const next = waiting.shift();
    if (next) next(worker);
    else idle.push(worker);
  };
  const acquire = () =>
    new Promise<Worker>((resolve) => {
      const worker = idle.pop();
      if (worker) resolve(worker);
      else waiting.push(resolve);
    });
  const runBlock = async (block: DrawBlock): Promise<BlockResult> => {
    const worker = await acquire();
    try {
      return await new Promise<BlockResult>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        worker.once("error", onError);
        worker.once("message", (message: BlockResult | { error: string }) => {
          worker.off("error", onError);
          if ("error" in message) reject(new Error(message.error));
          else resolve(message);
        });
        worker.postMessage(block);
      });
    } finally {
      release(worker);
    }
  };
  for (const worker of workers) worker.unref();
  return { runBlock, parallel: jobs, close: async () => void (await Promise.all(workers.map((worker) => worker.terminate()))) };
}

/** A worker's loop: evaluate each block it is sent and send the result back (its arrays moved, not copied). */
export async function serveSampleBlocks(): Promise<void> {
  const { parentPort, workerData } = await import("node:worker_threads");
  const start = workerData as WorkerStart;
  const sampler = ScenarioSampler.fromValidated(start.source, start.overrides, start.base);
  parentPort!.on("message", (block: DrawBlock) => {
    try {
      const result = evaluateBlock(sampler, start.seed, block, start.segments, evaluatePoint);
      parentPort!.postMessage(result, [
        result.accepted.buffer as ArrayBuffer,
        result.rows.buffer as ArrayBuffer,
        result.holds.buffer as ArrayBuffer,
      ]);
    } catch (error) {
      parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
    }
  });
}
