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

/** `in(k)`, `cached(k)`, `out(k)` (reasoning included) and the reasoning of turn `k`. */
function turnTokens(tokens: TokensPerTurn, turn: number): SessionTokens {
  const prefix = prefixTokens(tokens, turn);
  return {
    input: prefix + tokens.context + tokens.input,
    cachedInput: tokens.cacheHitRate * prefix,
    output: tokens.output + tokens.reasoning,
    reasoning: tokens.reasoning,
  };
}

const NO_TOKENS: SessionTokens = { input: 0, cachedInput: 0, output: 0, reasoning: 0 };

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
  let session = NO_TOKENS;
  for (let turn = 1; turn <= survival.length; turn++) {
    session = addTokens(session, turnTokens(tokens, turn), survival[turn - 1]!);
  }
  return session;
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
  const byTier: SessionTokens[] = new Array<SessionTokens>(price.tiers.length + 1).fill(NO_TOKENS);
  for (let turn = 1; turn <= survival.length; turn++) {
    const turnTokensOf = turnTokens(tokens, turn);
    const tier = tierIndex(price, turnTokensOf.input);
    byTier[tier] = addTokens(byTier[tier]!, turnTokensOf, survival[turn - 1]!);
  }
  let cost = tokensCost(byTier[0]!, price.base);
  for (let i = 0; i < price.tiers.length; i++) cost += tokensCost(byTier[i + 1]!, price.tiers[i]!.prices);
  return cost;
}
