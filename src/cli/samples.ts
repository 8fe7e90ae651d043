import { UserError } from "../errors.js";
import type { SampledResult } from "../report/samples.js";
import { parseOverride } from "../scenario/overrides.js";
import { ScenarioSampler } from "../scenario/sampling.js";
import { MAX_SEED } from "../uncertainty/random.js";
import { sampleScenario } from "../uncertainty/sample.js";
import { emit, type RunOptions } from "./commands/run.js";
import { type CliIo, renderOptionsFor } from "./io.js";
import { evaluateScenario, loadEach } from "./scenarios.js";

/** At most this many samples: 100,000 take about half a minute at a 365-day horizon. */
const MAX_SAMPLES = 100_000;
/** The seed when `--samples` comes without `--seed`, so that a plain `--samples` run is reproducible. */
const DEFAULT_SEED = 1;

const WHOLE_NUMBER = /^\d+$/;

/** `--samples N [--seed S]` checked: N in 1..100,000, S in 0..2^32-1 (default 1); a seed alone is a usage error. */
function sampleOptions(samples: string | undefined, seed: string | undefined): { n: number; seed: number } {
  if (samples === undefined) throw new UserError(`--seed ${seed ?? ""}: a seed needs --samples N (an uncertainty run), e.g. --samples 1000 --seed ${seed ?? 1}`);
  const n = wholeNumber(samples);
  if (n === undefined || n < 1 || n > MAX_SAMPLES) {
    throw new UserError(`--samples ${samples}: expected a whole number from 1 to ${MAX_SAMPLES.toLocaleString("en-US")}`, { hint: "e.g. --samples 1000" });
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

/**
 * `run --samples N [--seed S]`: each scenario's single run, plus N draws of its ranges
 * summarised (P10 / P50 / P90 of every figure and how often the ladder holds).
 */
export async function runSampled(files: readonly string[], options: RunOptions, io: CliIo): Promise<number> {
  const sampling = sampleOptions(options.samples, options.seed);
  if (options.timeline !== undefined) {
    throw new UserError("--timeline and --samples do not combine: the calendar is one run's; drop --timeline, or run it without --samples");
  }
  const overrides = (options.set ?? []).map((text) => parseOverride(text));
  const samplers = loadEach(files, io, { overrides, prices: options.prices, quiet: options.quiet }, ScenarioSampler.load, (sampler) => sampler.base);
  const results: SampledResult[] = samplers.map((sampler) => {
    const central = evaluateScenario(sampler.base);
    const { summary, rejections } = sampleScenario(sampler, central, sampling, (scenario) => evaluateScenario(scenario));
    if (!options.quiet) {
      const file = sampler.base.file;
      if (sampler.ranges.length === 0) {
        io.stderr(`warning: ${file}: no value is a range, so every sample is the single run (write a value as { low: 10, high: 15 } to sample it)\n`);
      }
      const { count, commonest } = rejections;
      if (count > 0 && commonest !== undefined) {
        io.stderr(
          `warning: ${file}: ${count} of ${count + summary.n} draws broke a rule and were drawn again (the samples follow the ranges restricted to valid scenarios); ` +
            `most at ${commonest.path}: ${commonest.message}\n`,
        );
      }
    }
    return { ...central, samples: summary };
  });
  // Loaded on demand, like run's renderers.
  const { renderSamples } = await import("../report/samples.js");
  emit(renderSamples(options.format, results, renderOptionsFor(io, options)), options, io);
  return 0;
}
