import type { TimelinePeriod } from "../model/index.js";
import { showControls } from "../lib/control.js";
import { UserError } from "../lib/errors.js";
import { samplesRegistry } from "../report/samples/index.js";
import { evaluatePoint } from "../scenario/evaluate.js";
import { parseSampling, sampledRuns } from "../uncertainty/sampled-run.js";
import { ScenarioSampler } from "../uncertainty/sampling.js";
import type { CliIo } from "./io.js";
import type { ScenarioOptionValues } from "./options.js";
import { emitReport, type ReportOptionValues } from "./output.js";
import { loadEach } from "./scenarios.js";
import { overridesOf } from "./whatif.js";
import { parseJobs, samplePool } from "./workers.js";
import { progressReporter } from "./progress.js";
import { availableParallelism } from "node:os";

/** What `run --samples` reads of run's options. */
export interface SampleRunOptions extends ScenarioOptionValues, ReportOptionValues {
  timeline?: TimelinePeriod;
  samples?: string;
  seed?: string;
  /** `--jobs N`: worker threads for the draws (default: the available parallelism). */
  jobs?: string;
}

/**
 * `run --samples N [--seed S]`: each scenario's single run, plus N draws of its ranges
 * summarised (src/uncertainty/sampled-run.ts); a warning where a file has no range or
 * many draws broke a rule.
 */
export async function runSampled(files: readonly string[], options: SampleRunOptions, io: CliIo): Promise<number> {
  const sampling = parseSampling(options.samples, options.seed);
  if (options.timeline !== undefined) {
    throw new UserError("--timeline and --samples do not combine: the calendar is one run's; drop --timeline, or run it without --samples");
  }
  const loadOptions = { overrides: overridesOf(options), prices: options.prices, quiet: options.quiet };
  const samplers = loadEach(files, io, loadOptions, ScenarioSampler.load, (sampler) => sampler.base);
  // Only the HTML report draws histograms; the other formats never carry them.
  const jobs = parseJobs(options.jobs, availableParallelism());
  const progress = progressReporter(io, options, "samples");
  const pool = {
    open: (sampler: ScenarioSampler, seed: number, segments: string[][]) => samplePool(jobs, sampling.n, sampler, seed, segments),
    progress: progress?.update,
  };
  let runs: Awaited<ReturnType<typeof sampledRuns>>;
  try {
    runs = await sampledRuns(samplers, { ...sampling, histograms: options.format === "html" }, evaluatePoint, pool);
  } finally {
    progress?.done();
  }
  if (!options.quiet) for (const warning of runs.flatMap((run) => run.warnings)) io.stderr(`warning: ${showControls(warning)}\n`);
  await emitReport(
    samplesRegistry,
    runs.map((run) => run.result),
    options,
    io,
  );
  return 0;
}
