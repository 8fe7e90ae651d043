import { UserError } from "../lib/errors.js";
import type { JsonResult } from "../result/json-result.js";
import type { Scenario } from "../scenario/load.js";
import { MAX_SEED } from "./random.js";
import { type SampledResult, type SamplingPool, sampleScenario } from "./sample.js";
import type { ScenarioSampler } from "./sampling.js";

/** At most this many samples: 100,000 take about half a minute at a 365-day horizon. */
const MAX_SAMPLES = 100_000;
/** The seed when `--samples` comes without `--seed`, so that a plain `--samples` run is reproducible. */
const DEFAULT_SEED = 1;

const WHOLE_NUMBER = /^\d+$/;

/** How many samples to draw, from which seed. */
export interface Sampling {
  n: number;
  seed: number;
}

/** `--samples N [--seed S]` checked: N in 1..100,000, S in 0..2^32-1 (default 1); a seed alone is a usage error. */
export function parseSampling(samples: string | undefined, seed: string | undefined): Sampling {
  if (samples === undefined)
    throw new UserError(`--seed ${seed ?? ""}: a seed needs --samples N (an uncertainty run), e.g. --samples 1000 --seed ${seed ?? 1}`);
  const n = wholeNumber(samples);
  if (n === undefined || n < 1 || n > MAX_SAMPLES) {
    throw new UserError(`--samples ${samples}: expected a whole number from 1 to ${MAX_SAMPLES.toLocaleString("en-US")}`, {
      hint: "e.g. --samples 1000",
    });
  }
  if (seed === undefined) return { n, seed: DEFAULT_SEED };
  const s = wholeNumber(seed);
  if (s === undefined || s > MAX_SEED) throw new UserError(`--seed ${seed}: expected a whole number from 0 to ${MAX_SEED}`);
  return { n, seed: s };
}

function wholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return WHOLE_NUMBER.test(trimmed) ? Number(trimmed) : undefined;
}

/** One scenario's uncertainty run, and what the user should hear about it (`file: message`). */
export interface SampledRun {
  result: SampledResult;
  warnings: string[];
}

/** Each scenario's single run plus its samples summarised (P10 / P50 / P90 of every figure and how often the ladder holds). */
export async function sampledRuns(
  samplers: readonly ScenarioSampler[],
  sampling: Sampling & { histograms?: boolean },
  evaluate: (scenario: Scenario) => JsonResult,
  pool: SamplingPool = {},
): Promise<SampledRun[]> {
  const runs: SampledRun[] = [];
  for (const sampler of samplers) runs.push(await sampledRun(sampler, sampling, evaluate, pool));
  return runs;
}

async function sampledRun(
  sampler: ScenarioSampler,
  sampling: Sampling & { histograms?: boolean },
  evaluate: (scenario: Scenario) => JsonResult,
  pool: SamplingPool,
): Promise<SampledRun> {
  const central = evaluate(sampler.base);
  const { summary, rejections, histograms } = await sampleScenario(sampler, central, sampling, evaluate, pool);
  const file = sampler.base.file;
  const warnings: string[] = [];
  if (sampler.ranges.length === 0) {
    warnings.push(`${file}: no value is a range, so every sample is the single run (write a value as { low: 10, high: 15 } to sample it)`);
  }
  const { count, commonest } = rejections;
  if (count > 0 && commonest !== undefined) {
    warnings.push(
      `${file}: ${count} of ${count + summary.n} draws broke a rule and were drawn again (the samples follow the ranges restricted to valid scenarios); ` +
        `most at ${commonest.path}: ${commonest.message}`,
    );
  }
  return { result: { ...central, samples: summary, ...(histograms === undefined ? {} : { histograms }) }, warnings };
}
