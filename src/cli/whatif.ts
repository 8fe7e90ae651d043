import { UserError } from "../lib/errors.js";
import { type LoadOptions, loadScenario, type Scenario } from "../scenario/load.js";
import { type Override, parseOverride } from "../scenario/overrides.js";
import { ScenarioVariants } from "../whatif/variants.js";
import type { CliIo } from "./io.js";
import type { ScenarioOptionValues } from "./options.js";
import { priceSources } from "./prices.js";
import { loadScenarios, printWarnings, readSources } from "./scenarios.js";

/** `--set PATH=VALUE` options, parsed. */
export function overridesOf(options: ScenarioOptionValues): Override[] {
  return (options.set ?? []).map((text) => parseOverride(text));
}

/** What the loader needs from the command line, as `loadScenarios` builds it. */
export function loadOptionsOf(
  io: CliIo,
  options: ScenarioOptionValues,
  overrides: readonly Override[] = overridesOf(options),
): LoadOptions {
  return { overrides, priceSources: priceSources(io, options.prices), today: io.today };
}

/** One scenario file (or stdin), ready to be evaluated at many settings; its warnings printed once. */
export function loadVariants(file: string, io: CliIo, options: ScenarioOptionValues): ScenarioVariants {
  const [source] = readSources([file], io);
  const variants = ScenarioVariants.load(source!, loadOptionsOf(io, options));
  if (!options.quiet) printWarnings(variants.base.warnings ?? [], io);
  return variants;
}

/**
 * `compare`'s scenarios: BASE and OTHERs, `--set` applied to all; with no OTHER, BASE and
 * BASE with its `--set` changes (read once, so that BASE may be stdin).
 */
export function loadCompared(base: string, others: readonly string[], io: CliIo, options: ScenarioOptionValues): Scenario[] {
  const overrides = overridesOf(options);
  if (others.length > 0) return loadScenarios([base, ...others], io, { overrides, prices: options.prices, quiet: options.quiet });
  if (overrides.length === 0) {
    throw new UserError(
      "compare needs a scenario to set against BASE: give OTHER files, or --set PATH=VALUE to compare BASE with a variant of itself",
      {
        hint: "llm-cac compare base.yaml --set acquisition.channels.0.cpa=50",
      },
    );
  }
  const [source] = readSources([base], io);
  const loadOptions = loadOptionsOf(io, options, []);
  const scenarios = [loadScenario(source!, loadOptions), loadScenario(source!, { ...loadOptions, overrides })];
  if (!options.quiet) printWarnings(scenarios[0]!.warnings ?? [], io);
  return scenarios;
}
