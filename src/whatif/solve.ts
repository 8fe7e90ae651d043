/**
 * Solving for one input: the value at which a metric hits a target, by bracketing (a scan
 * of the range) and bisection. Pure: the caller passes the evaluation as a function.
 *
 * What "hits" means depends on the metric:
 * - `equal`: a continuous metric equals the target (or another metric): a root of
 *   `metric - target`, found to 1e-12 relative in the input
 * - `at-most`: a day metric (payback, milestones) happens on or before the target day:
 *   the boundary between inputs where it does and where it does not (n/a = never);
 *   the value reported is on the side where it does
 * - `is`: a true/false metric (ladder.holds) has the target value: the boundary, and the
 *   value reported is on the side where it has it
 */

export type SolveRule = "equal" | "at-most" | "is";

export type Measurement =
  | { valid: true; metric: number | boolean | null; target: number | boolean | null }
  | { valid: false; reason: string };

export interface SolveSpec {
  low: number;
  high: number;
  /** The input takes whole numbers only. */
  integer: boolean;
  rule: SolveRule;
  evaluate: (x: number) => Measurement;
  /** Intervals of the scan that looks for brackets; default 100. */
  intervals?: number;
  /** Called after each value of the scan (most of the evaluations; the bisections after it are few). */
  progress?: (done: number, total: number) => void;
}

export interface Solution {
  x: number;
  metric: number | boolean | null;
  target: number | boolean | null;
  /** The metric equals the target exactly (always for `at-most` and `is`, where the boundary is the answer). */
  exact: boolean;
  /** For `at-most` and `is`: the answer is the lowest input of the values that hit above it, or the highest of those below it. */
  edge?: "lowest" | "highest";
}

export interface SolveOutcome {
  /** Every crossing found in the range, lowest input first; empty when there is none. */
  solutions: Solution[];
  evaluations: number;
  /** The scan: each sample with its evaluation, lowest first. */
  samples: { x: number; evaluation: Measurement }[];
}

const RELATIVE_TOLERANCE = 1e-12;
const MAX_BISECTIONS = 200;

/** -1, 0, +1 for `equal`; true (hit) / false for the others; null where it cannot be told. */
export type BracketSide = number | boolean | null;

function sideOf(rule: SolveRule, evaluation: Measurement): BracketSide {
  if (!evaluation.valid) return null;
  const { metric, target } = evaluation;
  switch (rule) {
    case "equal":
      return typeof metric === "number" && typeof target === "number" ? Math.sign(metric - target) : null;
    case "at-most":
      // A milestone never reached (null) is not on or before any day.
      if (typeof target !== "number") return null;
      return typeof metric === "number" && metric <= target;
    case "is":
      return typeof metric === "boolean" ? metric === target : null;
  }
}

function distance(evaluation: Measurement): number {
  if (!evaluation.valid || typeof evaluation.metric !== "number" || typeof evaluation.target !== "number") return Number.POSITIVE_INFINITY;
  return Math.abs(evaluation.metric - evaluation.target);
}

/** The points of the scan: every whole number of a short integer range, else log-spaced over wide positive ranges, else even. */
export function scanPoints(low: number, high: number, integer: boolean, intervals = 100): number[] {
  if (integer) {
    const [first, last] = [Math.ceil(low), Math.floor(high)];
    if (last - first <= 2 * intervals) return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
  }
  const logarithmic = low > 0 && high / low >= 10;
  const points = Array.from({ length: intervals + 1 }, (_, i) => {
    if (i === intervals) return high;
    return logarithmic ? low * (high / low) ** (i / intervals) : low + ((high - low) * i) / intervals;
  });
  return integer ? [...new Set(points.map(Math.round))].filter((x) => x >= low && x <= high) : points;
}

export function solve(spec: SolveSpec): SolveOutcome {
  let evaluations = 0;
  const evaluate = (x: number): Measurement => {
    evaluations++;
    return spec.evaluate(x);
  };
  const scan = scanPoints(spec.low, spec.high, spec.integer, spec.intervals);
  const samples = scan.map((x, index) => {
    const sample = { x, evaluation: evaluate(x) };
    spec.progress?.(index + 1, scan.length);
    return sample;
  });
  const known = samples
    .map((sample) => ({ ...sample, side: sideOf(spec.rule, sample.evaluation) }))
    .filter((sample) => sample.side !== null);

  const solutions: Solution[] = [];
  for (let i = 0; i < known.length; i++) {
    const current = known[i]!;
    if (spec.rule === "equal" && current.side === 0) {
      solutions.push(solutionAt(current.x, current.evaluation, true));
      continue;
    }
    const next = known[i + 1];
    if (next === undefined || next.side === 0) continue;
    const crosses = spec.rule === "equal" ? (current.side as number) * (next.side as number) < 0 : current.side !== next.side;
    if (crosses) solutions.push(bisect(spec, evaluate, current, next));
  }
  return { solutions, evaluations, samples };
}

/** What an evaluation found, as the report shows it: nulls where the value was invalid. */
export function measurementValues(evaluation: Measurement): { metric: number | boolean | null; target: number | boolean | null } {
  return evaluation.valid ? { metric: evaluation.metric, target: evaluation.target } : { metric: null, target: null };
}

/**
 * The scan at a glance: how many values it tried, the smallest and largest of the metric
 * there (of metric - target, for a metric target), and for `at-most` and `is` how many hit.
 */
export interface Observed {
  samples: number;
  min: number | null;
  max: number | null;
  hits: number;
}

export function observe(samples: readonly { x: number; evaluation: Measurement }[], rule: SolveRule, metricTarget: boolean): Observed {
  const numbers: number[] = [];
  let hits = 0;
  for (const { evaluation } of samples) {
    if (!evaluation.valid) continue;
    if (sideOf(rule, evaluation) === true) hits++;
    const { metric, target } = evaluation;
    if (typeof metric !== "number") continue;
    // For a metric target the distance to it tells more than the metric alone.
    if (metricTarget) {
      if (typeof target === "number") numbers.push(metric - target);
    } else {
      numbers.push(metric);
    }
  }
  return {
    samples: samples.length,
    min: numbers.length === 0 ? null : Math.min(...numbers),
    max: numbers.length === 0 ? null : Math.max(...numbers),
    hits: rule === "equal" ? 0 : hits,
  };
}

function solutionAt(x: number, evaluation: Measurement, exact: boolean): Solution {
  return { x, ...measurementValues(evaluation), exact };
}

interface Bound {
  x: number;
  evaluation: Measurement;
  side: BracketSide;
}

/** Narrows a bracket whose ends lie on different sides to where the side changes. */
function bisect(spec: SolveSpec, evaluate: (x: number) => Measurement, start: Bound, end: Bound): Solution {
  let [left, right] = [start, end];
  for (let step = 0; step < MAX_BISECTIONS; step++) {
    const middle = spec.integer ? Math.floor((left.x + right.x) / 2) : (left.x + right.x) / 2;
    if (middle === left.x || middle === right.x) break;
    if (!spec.integer && Math.abs(right.x - left.x) <= RELATIVE_TOLERANCE * Math.max(Math.abs(left.x), Math.abs(right.x))) break;
    const evaluation = evaluate(middle);
    const side = sideOf(spec.rule, evaluation);
    // Where the metric cannot be told, the bracket cannot be narrowed further.
    if (side === null) break;
    if (spec.rule === "equal" && side === 0) return solutionAt(middle, evaluation, true);
    if (side === left.side) left = { x: middle, evaluation, side };
    else right = { x: middle, evaluation, side };
  }
  if (spec.rule === "equal") {
    const closer = distance(left.evaluation) <= distance(right.evaluation) ? left : right;
    return solutionAt(closer.x, closer.evaluation, false);
  }
  // The boundary: reported on the side where the rule holds.
  const hitOnLeft = left.side === true;
  const hit = hitOnLeft ? left : right;
  return { ...solutionAt(hit.x, hit.evaluation, true), edge: hitOnLeft === left.x < right.x ? "highest" : "lowest" };
}
