import { Command, Option } from "commander";
import { sweepRegistry } from "../../report/sweep/index.js";
import { evaluatePointFigures } from "../../scenario/evaluate.js";
import { availableParallelism } from "node:os";
import {
  DEFAULT_MATRIX_METRIC,
  DEFAULT_SWEEP_METRICS,
  planSweep,
  type SweepReport,
  type SweepRequest,
  sweepReport,
  sweepReportOn,
} from "../../whatif/sweep-report.js";
import type { CliIo } from "../io.js";
import { scenarioOptions, type ScenarioOptionValues } from "../options.js";
import { emitReport, formatOption, outputOptions, type ReportOptionValues } from "../output.js";
import { progressReporter } from "../progress.js";
import { loadVariants } from "../whatif.js";
import { parseJobs, sweepPool } from "../workers.js";

export interface SweepOptions extends SweepRequest, ScenarioOptionValues, ReportOptionValues {
  /** `--jobs N`: threads for the points (default: the available parallelism). */
  jobs?: string;
}

/**
 * `llm-cac sweep FILE --vary PATH=SPEC [--vary PATH=SPEC]`: the scenario evaluated at
 * every point of a grid over one or two inputs.
 */
async function runSweep(file: string, options: SweepOptions, io: CliIo): Promise<number> {
  const plan = planSweep(options);
  const jobs = parseJobs(options.jobs, availableParallelism());
  const variants = loadVariants(file, io, options);
  const progress = progressReporter(io, options, "points");
  let report: SweepReport;
  try {
    report =
      jobs > 1
        ? await sweepReportOn(variants, plan, evaluatePointFigures, { open: (start) => sweepPool(jobs, start), progress: progress?.update })
        : sweepReport(variants, plan, evaluatePointFigures, progress?.update);
  } finally {
    progress?.done();
  }
  await emitReport(sweepRegistry, report, options, io);
  return 0;
}

export function sweepCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command("sweep")
    .description("evaluate a scenario over a grid of one or two inputs; SPEC is a..b:step, a..b/count or v1,v2,...")
    .argument("<file>", "scenario file (YAML), - for stdin")
    .addOption(
      new Option("--vary <PATH=SPEC>", "an input and its values, e.g. acquisition.channels.0.cpa=10..50:5 (once or twice)").argParser(
        (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
      ),
    )
    .option("--metrics <list>", `metrics per point, comma-separated (default ${DEFAULT_SWEEP_METRICS.join(", ")})`)
    .option("--metric <path>", `the metric of the matrix when two inputs vary (default ${DEFAULT_MATRIX_METRIC})`)
    .option("--jobs <N>", "evaluate on N threads (default: the available cores); the output is the same for any N")
    .addOption(formatOption(sweepRegistry));
  outputOptions(scenarioOptions(command), { arguments: true }).action(async (file: string, options: SweepOptions) => {
    exit(await runSweep(file, options, io));
  });
  return command;
}
