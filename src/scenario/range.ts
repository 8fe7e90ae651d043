/** A numeric leaf given as an uncertainty range (model.md: "Any numeric leaf may instead be a range"). */
export type Distribution = "uniform" | "triangular" | "loguniform";

export class Range<T> {
  constructor(
    readonly low: T,
    readonly high: T,
    readonly dist: Distribution,
    readonly mode: T | undefined,
    /** The leaf takes whole numbers, so its central value is rounded to one. */
    readonly integer: boolean,
  ) {}
}

/**
 * The value a single (non-sampled) run uses: the midpoint, the mode, or the geometric
 * mean `sqrt(low * high)`. Rounded for whole-number fields, so that e.g. a range of
 * turns per session still gives a whole number of turns.
 */
export function centralValue(low: number, high: number, dist: Distribution, mode: number | undefined, integer: boolean): number {
  const central = dist === "triangular" ? mode! : dist === "loguniform" ? Math.sqrt(low * high) : (low + high) / 2;
  return integer ? Math.round(central) : decimalCentral(central);
}

/**
 * The central value as the decimal a user would work out: (0.1 + 0.2) / 2 is
 * 0.15000000000000002 in binary, which a rule would then find "above 0.15". Fifteen
 * significant digits are exact for every double written with fewer, and drop only the
 * last bit of noise; 0 stays 0.
 */
function decimalCentral(value: number): number {
  // An invalid range (a triangular one without its mode) has no central value; its problem is reported elsewhere.
  return Number.isFinite(value) ? Number(value.toPrecision(15)) : value;
}

/** How a range becomes one number: `centralValue` for a single run, a random draw for `run --samples`. */
export type RangePicker = (low: number, high: number, dist: Distribution, mode: number | undefined, integer: boolean) => number;

/** What is wrong with a range's bounds, or null when it is well formed. */
export function rangeProblem(low: number, high: number, dist: Distribution, mode: number | undefined): string | null {
  if (low > high) return `low (${low}) must not be above high (${high})`;
  if (dist === "triangular") {
    if (mode === undefined) return "a triangular range needs a mode";
    if (mode < low || mode > high) return `mode (${mode}) must lie between low (${low}) and high (${high})`;
  } else if (mode !== undefined) {
    return `mode is only used with dist: triangular (dist is ${dist})`;
  }
  if (dist === "loguniform" && low <= 0) return `a loguniform range needs low > 0 (low is ${low})`;
  return null;
}
