import type { Distribution, RangePicker } from "../scenario/range.js";
import type { Random } from "./random.js";

/**
 * The inverse cumulative distribution functions of the three range forms of model.md:
 * given `u` in [0, 1), the value below which a share `u` of the distribution lies. A
 * uniform draw of `u` through one of them is a draw of the distribution (inverse-CDF
 * sampling), one uniform per range, so every range costs the generator the same.
 */

/** Uniform on [low, high]: `low + u * (high - low)`. */
export function uniformQuantile(low: number, high: number, u: number): number {
  return low + u * (high - low);
}

/**
 * Triangular on [low, high] with its peak at `mode`. The CDF is
 * `(x - low)² / ((high - low)(mode - low))` up to the mode, where it reaches
 * `(mode - low) / (high - low)`, and `1 - (high - x)² / ((high - low)(high - mode))` after;
 * solved for x on each side.
 */
export function triangularQuantile(low: number, high: number, mode: number, u: number): number {
  const width = high - low;
  if (width === 0) return low;
  if (u < (mode - low) / width) return low + Math.sqrt(u * width * (mode - low));
  return high - Math.sqrt((1 - u) * width * (high - mode));
}

/** Log-uniform on [low, high], low > 0: uniform in ln x, so `low * (high / low) ** u`. */
export function loguniformQuantile(low: number, high: number, u: number): number {
  return Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)));
}

export function quantile(low: number, high: number, dist: Distribution, mode: number | undefined, u: number): number {
  switch (dist) {
    case "uniform":
      return uniformQuantile(low, high, u);
    case "triangular":
      return triangularQuantile(low, high, mode ?? low, u);
    case "loguniform":
      return loguniformQuantile(low, high, u);
  }
}

/**
 * A RangePicker that draws: each call takes one uniform from `random` and returns that
 * quantile, kept within [low, high] (exp and log may step a hair outside a bound, and a
 * rate must not exceed 1), rounded for whole-number fields as the central value is.
 */
export function drawingPicker(random: Random): RangePicker {
  return (low, high, dist, mode, integer) => {
    const value = Math.min(high, Math.max(low, quantile(low, high, dist, mode, random())));
    return integer ? Math.round(value) : value;
  };
}
