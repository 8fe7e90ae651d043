import { ratio } from "../../model/arithmetic.js";
import type { RungName } from "../../model/index.js";
import type { JsonResult } from "../../result/json-result.js";
import { distinctMoney, formatMoney } from "./format.js";
import type { MetricRow } from "../../result/sections.js";

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

/**
 * Each rung's money as a report shows it. Where two neighbouring rungs differ but would
 * print alike (training ¥1.99999, acquisition ¥2.00: both `¥2.00`, and a verdict that
 * turns on the difference), both show the digits that tell them apart.
 */
export function rungTexts(ladder: JsonResult["ladder"], currency: string): string[] {
  const texts = LADDER.map((name) => formatMoney(ladder[name], currency));
  for (let i = 1; i < LADDER.length; i++) {
    const [low, high] = [ladder[LADDER[i - 1]!], ladder[LADDER[i]!]];
    if (low === null || high === null) continue;
    const [lowText, highText] = distinctMoney(low, high, currency);
    // A rung already widened for its lower neighbour keeps the longer of its two texts.
    if (lowText.length > texts[i - 1]!.length) texts[i - 1] = lowText;
    texts[i] = highText;
  }
  return texts;
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

/** The ladder's rungs as rows of figures, cheapest first, for the reports that tabulate them. */
export const LADDER_ROWS: readonly MetricRow[] = LADDER.map((name) => ({ path: `ladder.${name}`, label: name, kind: "money" }));
