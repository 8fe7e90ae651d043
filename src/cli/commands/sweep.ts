import { Command, Option } from "commander";
import { UserError } from "../../errors.js";
import type { Format } from "../../report/index.js";
import type { SweepAxis, SweepPoint, SweepReport } from "../../report/sweep.js";
import { splitAssignment } from "../../scenario/overrides.js";
import type { Setting, VariedInput } from "../../scenario/variants.js";
import { valueAt } from "../../value-at.js";
import { checkMetric, LADDER_HOLDS, metricValue, parseMetricList } from "../../whatif/metrics.js";
import { gridSize, parseSpec } from "../../whatif/spec.js";
import { findFlips, gridPoints } from "../../whatif/sweep.js";
import { type CliIo, renderOptionsFor } from "../io.js";
import { formatOption, outputOptions, scenarioOptions, type ScenarioOptionValues } from "../options.js";
import { evaluateScenario } from "../scenarios.js";
import { loadVariants } from "../whatif.js";
import { emit } from "./run.js";

export interface SweepOptions extends ScenarioOptionValues {
  vary?: string[];
  metrics?: string;
  metric?: string;
  format: Format;
  output?: string;
  force: boolean;
  color: boolean;
}

/** The figures a sweep shows when `--metrics` is not given: the ladder's rungs, its verdict and the return on a user. */
const DEFAULT_SWEEP_METRICS = ["unit.cac_blended", "unit.inference_per_user", "unit.training_per_user", "unit.ltv_to_cac", "totals.total", LADDER_HOLDS];
const DEFAULT_MATRIX_METRIC = "unit.cac_blended";

/**
 * `llm-cac sweep FILE --vary PATH=SPEC [--vary PATH=SPEC]`: the scenario evaluated at
 * every point of a grid over one or two inputs.
 */
export async function runSweep(file: string, options: SweepOptions, io: CliIo): Promise<number> {
  const vary = options.vary ?? [];
  if (vary.length === 0) throw new UserError("sweep needs --vary PATH=SPEC, e.g. --vary acquisition.channels.0.cpa=10..50:5");
  if (vary.length > 2) throw new UserError(`sweep varies one or two inputs; ${vary.length} --vary options were given`);
  const metrics = options.metrics === undefined ? undefined : parseMetricList(options.metrics, "--metrics");
  const matrixMetric = checkMetric(options.metric ?? DEFAULT_MATRIX_METRIC, "--metric");
  const chosen = metrics ?? (options.metric !== undefined && vary.length === 1 ? [matrixMetric] : DEFAULT_SWEEP_METRICS);
  const columns = vary.length === 2 && !chosen.includes(matrixMetric) ? [matrixMetric, ...chosen] : chosen;

  const specs = vary.map((text) => {
    const { segments, valueText: spec, label } = splitAssignment(text, "--vary", "SPEC");
    return { override: { segments, value: null, label }, spec, axis: parseSpec(spec, label) };
  });
  gridSize(specs.map((one) => one.axis), vary.map((text) => `--vary ${text}`).join(" "));

  const variants = loadVariants(file, io, options);
  const inputs: VariedInput[] = specs.map((one) => variants.input(one.override));
  const lengths = specs.map((one) => one.axis.values.length);
  const resolved = specs.map((one) => new Array<unknown>(one.axis.values.length));
  const points: SweepPoint[] = gridPoints(lengths).map((indices) => {
    const settings: Setting[] = indices.map((index, axis) => ({
      input: inputs[axis]!,
      value: specs[axis]!.axis.values[index],
      label: `--vary ${inputs[axis]!.name}=${specs[axis]!.axis.labels[index]}`,
    }));
    const scenario = variants.at(settings);
    indices.forEach((index, axis) => (resolved[axis]![index] ??= valueAt(scenario.data, inputs[axis]!.path)));
    const result = evaluateScenario(scenario);
    return { indices, metrics: Object.fromEntries(columns.map((metric) => [metric, metricValue(result, metric)])), holds: result.ladder.holds };
  });

  const base = variants.base;
  const header = { name: base.data.name, file: base.file, currency: base.data.currency, horizon_days: base.data.horizon_days };
  const axes: SweepAxis[] = specs.map((one, axis) => ({ path: inputs[axis]!.name, spec: one.spec, labels: one.axis.labels, values: resolved[axis]! }));
  const report: SweepReport = { scenario: header, axes, metrics: columns, matrixMetric, points, flips: findFlips(lengths, points.map((point) => point.holds)) };
  // Loaded on demand, like run's renderers: chalk and cli-table3 only when a table is drawn.
  const { renderSweep } = await import("../../report/sweep.js");
  emit(renderSweep(options.format, report, renderOptionsFor(io, options)), options, io);
  return 0;
}

export function sweepCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command("sweep")
    .description("evaluate a scenario over a grid of one or two inputs; SPEC is a..b:step, a..b/count or v1,v2,...")
    .argument("<file>", "scenario file (YAML), - for stdin")
    .addOption(
      new Option("--vary <PATH=SPEC>", "an input and its values, e.g. acquisition.channels.0.cpa=10..50:5 (once or twice)")
        .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
    )
    .option("--metrics <list>", `metrics per point, comma-separated (default ${DEFAULT_SWEEP_METRICS.join(",")})`)
    .option("--metric <path>", `the metric of the matrix when two inputs vary (default ${DEFAULT_MATRIX_METRIC})`)
    .addOption(formatOption())
;
  outputOptions(scenarioOptions(command)).action(async (file: string, options: SweepOptions) => {
    exit(await runSweep(file, options, io));
  });
  return command;
}
