import type { LoadOptions } from "../scenario/load.js";
import { type Override, parseOverride } from "../scenario/overrides.js";
import { ScenarioVariants } from "../scenario/variants.js";
import type { CliIo } from "./io.js";
import type { ScenarioOptionValues } from "./options.js";
import { priceSources } from "./prices.js";
import { printWarnings, readSources } from "./scenarios.js";


export function overridesOf(options: ScenarioOptionValues): Override[] {
  return (options.set ?? []).map((text) => parseOverride(text));
}

/** What the loader needs from the command line, as `loadScenarios` builds it. */
export function loadOptionsOf(io: CliIo, options: ScenarioOptionValues, overrides: readonly Override[] = overridesOf(options)): LoadOptions {
  return { overrides, priceSources: priceSources(io, options.prices), today: io.today };
}

/** One scenario file (or stdin), ready to be evaluated at many settings; its warnings printed once. */
export function loadVariants(file: string, io: CliIo, options: ScenarioOptionValues): ScenarioVariants {
  const [source] = readSources([file], io);
  const variants = ScenarioVariants.load(source!, loadOptionsOf(io, options));
  if (!options.quiet) printWarnings(variants.base.warnings ?? [], io);
  return variants;
}
