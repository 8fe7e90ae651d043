import type { LoadOptions } from "../scenario/load.js";
import { type Override, parseOverride } from "../scenario/overrides.js";
import { ScenarioVariants } from "../scenario/variants.js";
import type { CliIo } from "./io.js";
import { priceSources } from "./prices.js";
import { printWarnings, readSources } from "./scenarios.js";

/** The options `compare`, `sweep` and `solve` share with `run`. */
export interface WhatIfOptions {
  set?: string[];
  prices?: string;
  quiet?: boolean;
}

export function overridesOf(options: WhatIfOptions): Override[] {
  return (options.set ?? []).map((text) => parseOverride(text));
}

/** What the loader needs from the command line, as `loadScenarios` builds it. */
export function loadOptionsOf(io: CliIo, options: WhatIfOptions, overrides: readonly Override[] = overridesOf(options)): LoadOptions {
  return { overrides, priceSources: priceSources(io, options.prices), today: io.today };
}

/** One scenario file (or stdin), ready to be evaluated at many settings; its warnings printed once. */
export function loadVariants(file: string, io: CliIo, options: WhatIfOptions): ScenarioVariants {
  const [source] = readSources([file], io);
  const variants = ScenarioVariants.load(source!, loadOptionsOf(io, options));
  if (!options.quiet) printWarnings(variants.base.warnings ?? [], io);
  return variants;
}
