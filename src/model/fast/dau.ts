/**
 * `DAU(t) = Σ_{d<=t} installs(d) R(t - d)` in O(H) per term instead of O(H²), for installs
 * that are, on a day range `[from, to)`, a constant or a geometric series `amount * q^(d - from)`
 * (what paid buying gives: a budget buys at a CPA drifting by a fixed factor a day).
 */

/** Installs of `amount * q^(d - from)` a day on the days `from <= d < to`. */
export interface InstallTerm {
  from: number;
  to: number;
  amount: number;
  /** The daily factor; 1 for a constant. */
  q: number;
}

/**
 * Error amplification allowed between two direct sums when `q > 1`: the recurrence
 * multiplies the rounding of each step by `q`, so after `k` steps by `q^k`. Re-anchoring
 * once `q^k` reaches 256 keeps the result within about 1e-13 of the direct sum.
 */
const MAX_GROWTH = 256;

/**
 * Adds one term's DAU to `dau[t]` for every `t < dau.length`. With
 * `W(t) = Σ_{from<=d<=min(t,to-1)} q^(d-from) R(t-d)`:
 * - a constant: `W(t) = CR(t - from) - CR(t - to)` from the running sums of retention;
 * - otherwise `W(t) = q W(t-1) + R(t - from) - [t >= to] q^(to-from) R(t - to)`, which is
 *   stable for `q <= 1` (rounding shrinks); for `q > 1` W is summed directly every few steps.
 */
export function addTermDau(
  term: InstallTerm,
  retention: Float64Array,
  cumulativeRetention: Float64Array,
  dau: Float64Array,
  horizonDays: number,
): void {
  const { from, to, amount, q } = term;
  if (amount === 0 || from >= horizonDays) return;
  const last = Math.min(to, horizonDays);
  if (q === 1) {
    for (let t = from; t < last; t++) dau[t]! += amount * cumulativeRetention[t - from]!;
    for (let t = last; t < horizonDays; t++) dau[t]! += amount * (cumulativeRetention[t - from]! - cumulativeRetention[t - to]!);
    return;
  }
  const qSpan = q ** (to - from);
  const anchorEvery = q > 1 ? Math.max(1, Math.floor(Math.log(MAX_GROWTH) / Math.log(q))) : Number.POSITIVE_INFINITY;
  let window = 0;
  let sinceAnchor = 0;
  for (let t = from; t < horizonDays; t++) {
    if (++sinceAnchor >= anchorEvery) {
      window = directWindow(term, retention, t);
      sinceAnchor = 0;
    } else if (t < to) {
      window = q * window + retention[t - from]!;
    } else {
      window = q * window + retention[t - from]! - qSpan * retention[t - to]!;
    }
    dau[t]! += amount * window;
  }
}

/** `W(t)` summed term by term: the reference the recurrence re-anchors to. */
function directWindow(term: InstallTerm, retention: Float64Array, t: number): number {
  const last = Math.min(t, term.to - 1);
  let power = 1;
  let window = 0;
  for (let d = term.from; d <= last; d++) {
    window += power * retention[t - d]!;
    power *= term.q;
  }
  return window;
}
