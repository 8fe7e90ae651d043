import { tierIndex } from "./prices.js";
import type { HistoryMode, PriceList, SessionTokens, TokenPrices, TokensPerTurn } from "./types.js";

/** `h(k)`: earlier turns resent with turn `k` (1-based). */
export function resentTurns(history: HistoryMode, turn: number): number {
  switch (history.kind) {
    case "full":
      return turn - 1;
    case "none":
      return 0;
    case "window":
      return Math.min(turn - 1, history.turns);
  }
}

/** `per_turn`: tokens one earlier turn adds to the resent prefix. */
export function resentTokensPerTurn(tokens: TokensPerTurn): number {
  return tokens.input + tokens.output + (tokens.historyIncludesContext ? tokens.context : 0);
}

/** `prefix(k) = system + h(k) * per_turn`. */
export function prefixTokens(tokens: TokensPerTurn, turn: number): number {
  return tokens.system + resentTurns(tokens.history, turn) * resentTokensPerTurn(tokens);
}

/** `in(k) = prefix(k) + context + input`: the prompt of turn `k`, which picks its price tier. */
function turnInput(tokens: TokensPerTurn, prefix: number): number {
  return prefix + tokens.context + tokens.input;
}

/**
 * Turn `k`'s `in(k)`, `cached(k)`, `out(k)` (reasoning included) and reasoning, from its
 * `prefix(k)`, each times `weight`, added to the four sums at `sums[at..at + 3]`. Sums in an
 * array rather than an object per turn: a sweep or a sample run prices every point's
 * conversation, and those objects were some 0.6 KB of the 7 KB a point allocated (a 100 x
 * 100 sweep: 75 MB -> 69 MB).
 */
function addTurn(sums: Float64Array, at: number, tokens: TokensPerTurn, prefix: number, weight: number): void {
  sums[at]! += weight * turnInput(tokens, prefix);
  sums[at + 1]! += weight * (tokens.cacheHitRate * prefix);
  sums[at + 2]! += weight * (tokens.output + tokens.reasoning);
  sums[at + 3]! += weight * tokens.reasoning;
}

/** Four sums (addTurn) a price tier, zeroed: reused, as no caller holds them past its return. */
let tierSums = new Float64Array(8);
function zeroedSums(length: number): Float64Array {
  if (tierSums.length < length) tierSums = new Float64Array(length);
  return tierSums.fill(0, 0, length);
}

function tokensAt(sums: Float64Array, at: number): SessionTokens {
  return { input: sums[at]!, cachedInput: sums[at + 1]!, output: sums[at + 2]!, reasoning: sums[at + 3]! };
}

/** `total + weight * tokens`, field by field. */
export function addTokens(total: SessionTokens, tokens: SessionTokens, weight = 1): SessionTokens {
  return {
    input: total.input + weight * tokens.input,
    cachedInput: total.cachedInput + weight * tokens.cachedInput,
    output: total.output + weight * tokens.output,
    reasoning: total.reasoning + weight * tokens.reasoning,
  };
}

/**
 * The expected `IN`, `CACHED`, `OUT` and reasoning of one conversation:
 * `Σ_k S(k) x(k)` over the survival `S` of its length (turns.ts).
 */
export function sessionTokens(tokens: TokensPerTurn, survival: readonly number[]): SessionTokens {
  const sums = zeroedSums(4);
  for (let turn = 1; turn <= survival.length; turn++) addTurn(sums, 0, tokens, prefixTokens(tokens, turn), survival[turn - 1]!);
  return tokensAt(sums, 0);
}

/**
 * Cost of tokens at prices per 1M:
 * `((IN - CACHED) p.input + CACHED p.cached_input + (OUT - REASONING) p.output + REASONING p.reasoning) / 1e6`.
 */
export function tokensCost(tokens: SessionTokens, prices: TokenPrices): number {
  const uncachedInput = tokens.input - tokens.cachedInput;
  const reply = tokens.output - tokens.reasoning;
  return (
    (uncachedInput * prices.input + tokens.cachedInput * prices.cachedInput + reply * prices.output + tokens.reasoning * prices.reasoning) /
    1e6
  );
}

/**
 * The expected cost of one conversation, `Σ_k S(k) cost(k)`. Each turn is billed entirely
 * at the tier its own prompt `in(k)` falls in, so the turns' tokens are summed per tier
 * and each tier's sum priced at that tier's prices.
 */
export function sessionCost(tokens: TokensPerTurn, survival: readonly number[], price: PriceList): number {
  const byTier = zeroedSums(4 * (price.tiers.length + 1));
  for (let turn = 1; turn <= survival.length; turn++) {
    const prefix = prefixTokens(tokens, turn);
    addTurn(byTier, 4 * tierIndex(price, turnInput(tokens, prefix)), tokens, prefix, survival[turn - 1]!);
  }
  let cost = tokensCost(tokensAt(byTier, 0), price.base);
  for (let i = 0; i < price.tiers.length; i++) cost += tokensCost(tokensAt(byTier, 4 * (i + 1)), price.tiers[i]!.prices);
  return cost;
}
