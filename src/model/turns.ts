import type { TurnsDistribution } from "./types.js";

/** The geometric sum stops at the first turn whose survival falls below this (model-v2.md, section 1). */
export const GEOMETRIC_TAIL = 1e-15;

/**
 * `S(k) = P(n >= k)` for k = 1, 2, ...: entry `k - 1` is `S(k)`, and every later turn has
 * `S(k) = 0` (below GEOMETRIC_TAIL for a geometric length). Every per-session
 * expectation is `Σ_k S(k) x(k)` over this list.
 */
export function survival(turns: TurnsDistribution): number[] {
  switch (turns.kind) {
    case "fixed":
      return new Array<number>(turns.turns).fill(1);
    case "geometric":
      return geometricSurvival(turns.mean);
    case "shares":
      return sharesSurvival(turns.shares);
  }
}

/** `P(n = k) = (1 - q) q^(k-1)` with `q = 1 - 1/mean`, so `S(k) = q^(k-1)`. */
function geometricSurvival(mean: number): number[] {
  const q = 1 - 1 / mean;
  const out: number[] = [];
  for (let turn = 1; ; turn++) {
    const survivor = q ** (turn - 1);
    if (survivor < GEOMETRIC_TAIL) return out;
    out.push(survivor);
  }
}

/** `S(k) = Σ_{j >= k} P(n = j)`, summed from the longest length down. */
function sharesSurvival(shares: readonly { turns: number; share: number }[]): number[] {
  const longest = Math.max(0, ...shares.map((entry) => entry.turns));
  const probability = new Array<number>(longest + 1).fill(0);
  for (const entry of shares) probability[entry.turns]! += entry.share;
  const out = new Array<number>(longest);
  let tail = 0;
  for (let turn = longest; turn >= 1; turn--) {
    tail += probability[turn]!;
    out[turn - 1] = tail;
  }
  return out;
}

/**
 * `E[n] = Σ_k S(k)`, the mean turns of a conversation. A geometric length gives its
 * `mean` exactly (the closed form of the sum, which the truncated sum meets to 1e-15).
 */
export function meanTurns(turns: TurnsDistribution): number {
  if (turns.kind === "geometric") return turns.mean;
  if (turns.kind === "fixed") return turns.turns;
  let total = 0;
  for (const survivor of survival(turns)) total += survivor;
  return total;
}
