import type { HistoryMode, SessionTokens, TokenPrices, TokensPerTurn } from "./types.js";

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

/** `IN`, `CACHED` and `OUT` of one conversation of `turns` turns. */
export function sessionTokens(tokens: TokensPerTurn, turns: number): SessionTokens {
  let input = 0;
  let cachedInput = 0;
  for (let turn = 1; turn <= turns; turn++) {
    const prefix = prefixTokens(tokens, turn);
    input += prefix + tokens.context + tokens.input;
    cachedInput += tokens.cacheHitRate * prefix;
  }
  const output = turns * (tokens.output + tokens.reasoning);
  return { input, cachedInput, output };
}

/** Cost of a conversation's tokens at prices per 1M tokens. */
export function sessionCost(session: SessionTokens, prices: TokenPrices): number {
  const uncachedInput = session.input - session.cachedInput;
  return (
    (uncachedInput * prices.input + session.cachedInput * prices.cachedInput + session.output * prices.output) /
    1e6
  );
}
