/**
 * Percentiles of samples, by nearest rank: the P-th percentile of n values is the
 * ⌈P·n/100⌉-th smallest (at least the first). Every percentile is a value some sample
 * had, so a day stays a whole day and no value is made up between two samples.
 *
 * A figure the model leaves null in a sample (a milestone not reached, a ratio over
 * zero) is NaN here and counts as above every number: for a milestone, "never" is later
 * than any day. A percentile that lands among them is NaN, reported as null.
 */

/** The percentiles `run --samples` reports, in the order it reports them. */
export const PERCENTILES = [10, 50, 90] as const;
export type Percentile = (typeof PERCENTILES)[number];

/** The rank (1-based) of the P-th percentile of n values. */
export function nearestRank(percent: number, n: number): number {
  return Math.min(n, Math.max(1, Math.ceil((percent * n) / 100)));
}

/**
 * The P-th percentile of `values` for each P of `percents` (ascending), as if the values
 * were sorted ascending with NaN last: NaN for none or where a rank lands among the NaNs.
 * Reorders `values` in place. Selection instead of a sort: 100,000 samples of 45 figures
 * sort in about a second, and three ranks are found in a few passes over each column.
 */
export function percentilesOf(values: Float64Array, percents: readonly number[]): number[] {
  const numbers = partitionNaNLast(values);
  let from = 0;
  return percents.map((percent) => {
    const rank = nearestRank(percent, values.length);
    if (values.length === 0 || rank > numbers) return Number.NaN;
    const value = select(values, from, numbers - 1, rank - 1);
    // Everything before rank - 1 is now at most the value: the next, higher rank is at or after it.
    from = rank - 1;
    return value === 0 ? signedZeroAt(values, numbers, rank) : value;
  });
}

/** Moves the NaNs to the end; how many numbers come before them. */
function partitionNaNLast(values: Float64Array): number {
  let numbers = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (Number.isNaN(value)) continue;
    values[index] = values[numbers]!;
    values[numbers++] = value;
  }
  return numbers;
}

/**
 * The value that would sit at `k` were `values[left..right]` sorted, moved there, with no
 * greater value before it and no smaller one after (Hoare's FIND, as Wirth writes it;
 * equal values stop both scans, so a column of one repeated value splits in the middle).
 */
function select(values: Float64Array, left: number, right: number, k: number): number {
  let low = left;
  let high = right;
  while (low < high) {
    const pivot = medianOfThree(values[low]!, values[(low + high) >>> 1]!, values[high]!);
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i++] = values[j]!;
        values[j--] = swap;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else break;
  }
  return values[k]!;
}

function medianOfThree(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : Math.max(a, c)) : a < c ? a : Math.max(b, c);
}

/** -0 or 0 at `rank` among the first `numbers` values: a sort puts every -0 before every 0. */
function signedZeroAt(values: Float64Array, numbers: number, rank: number): number {
  let below = 0;
  let negativeZeros = 0;
  for (let index = 0; index < numbers; index++) {
    const value = values[index]!;
    if (value < 0) below++;
    else if (Object.is(value, -0)) negativeZeros++;
  }
  return rank <= below + negativeZeros ? -0 : 0;
}
