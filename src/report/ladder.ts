import { ratio } from "../model/arithmetic.js";
import type { RungName } from "../model/index.js";
import type { JsonResult } from "../result/json-result.js";

const LADDER: readonly RungName[] = ["inference", "training", "acquisition"];

export interface RungView {
  name: RungName;
  value: number | null;
  /** This rung over the rung below it on the ladder (training / inference, acquisition / training). */
  timesBelow: number | null;
}

export function rungs(ladder: JsonResult["ladder"]): RungView[] {
  return LADDER.map((name, index) => ({
    name,
    value: ladder[name],
    timesBelow: index === 0 ? null : ratio(ladder[name], ladder[LADDER[index - 1]!]),
  }));
}

/** "holds", or which rung is out of order: "does not hold: training < inference". */
export function ladderVerdict(ladder: JsonResult["ladder"]): string {
  if (ladder.holds) return "holds: inference < training < acquisition";
  const broken: string[] = [];
  for (let i = 1; i < LADDER.length; i++) {
    const [lower, upper] = [LADDER[i - 1]!, LADDER[i]!];
    const [low, high] = [ladder[lower], ladder[upper]];
    if (low === null || high === null) continue;
    if (high < low) broken.push(`${upper} < ${lower}`);
    else if (high === low) broken.push(`${upper} = ${lower}`);
  }
  const unknown = LADDER.filter((name) => ladder[name] === null).map((name) => `${name} is n/a`);
  return `does not hold: ${[...broken, ...unknown].join(", ")}`;
}
