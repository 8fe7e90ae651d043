import { UserError } from "../errors.js";
import type { JsonResult } from "../result/json-result.js";
import type { Scenario } from "../scenario/load.js";
import type { ScenarioSampler } from "../scenario/sampling.js";
import { drawingPicker } from "./distributions.js";
import { mulberry32 } from "./random.js";
import { constantSummary, SampleCollector, type SamplesSummary } from "./summary.js";

/** Draws that broke a rule, by the field the rule names: the commonest is worth a warning. */
export interface Rejections {
  count: number;
  /** The field most draws broke a rule at, with one of its messages. */
  commonest?: { path: string; message: string; count: number };
}

export interface SampleRun {
  summary: SamplesSummary;
  rejections: Rejections;
}

/** Give up once this many draws were rejected and fewer than one in ten was valid. */
const REJECTIONS_BEFORE_GIVING_UP = 1000;

/**
 * `n` valid draws of a scenario, evaluated, summarised. The generator starts from `seed`
 * for each scenario, so a file gives the same samples alone or beside others. A scenario
 * without ranges is its single run `n` times, summarised without evaluating it again.
 */
export function sampleScenario(
  sampler: ScenarioSampler,
  central: JsonResult,
  options: { n: number; seed: number },
  evaluate: (scenario: Scenario) => JsonResult,
): SampleRun {
  const { n, seed } = options;
  if (sampler.ranges.length === 0) return { summary: constantSummary(central, { n, seed }), rejections: { count: 0 } };
  const pick = drawingPicker(mulberry32(seed));
  const collector = new SampleCollector(central, n);
  const byPath = new Map<string, { message: string; count: number }>();
  let rejected = 0;
  while (collector.size < n) {
    const draw = sampler.draw(pick);
    if (draw.ok) {
      collector.add(evaluate(draw.scenario));
      continue;
    }
    rejected++;
    const first = draw.problems[0]!;
    const path = first.path.map(String).join(".") || "(top level)";
    const seen = byPath.get(path);
    if (seen === undefined) byPath.set(path, { message: first.message, count: 1 });
    else seen.count++;
    if (rejected >= REJECTIONS_BEFORE_GIVING_UP && rejected > 9 * collector.size) {
      const draws = collector.size + rejected;
      const most = commonestOf(byPath)!;
      throw UserError.fromProblems([
        {
          file: sampler.base.file,
          path: most.path,
          message: `the ranges rarely give a valid scenario: ${collector.size} of ${draws} draws (${((collector.size / draws) * 100).toFixed(1)} %) met every rule; ${most.count} broke this one: ${most.message}`,
          hint: "narrow the ranges that overlap, e.g. retention points whose ranges cross",
        },
      ]);
    }
  }
  const commonest = commonestOf(byPath);
  return {
    summary: collector.summary({ seed, ranges: sampler.ranges, rejected }),
    rejections: { count: rejected, ...(commonest === undefined ? {} : { commonest }) },
  };
}

/** The field most rejected draws broke a rule at (the first such field on a tie). */
function commonestOf(byPath: ReadonlyMap<string, { message: string; count: number }>): Rejections["commonest"] {
  let best: Rejections["commonest"];
  for (const [path, { message, count }] of byPath) if (best === undefined || count > best.count) best = { path, message, count };
  return best;
}
