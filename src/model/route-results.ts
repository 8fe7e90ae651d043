import type { RouteCost } from "./routes.js";
import type { ModelResult, PricesPerMillion, SessionTokens, SessionTokensResult } from "./types.js";

/** Session tokens in the JSON result's names. */
export function tokensResult(tokens: SessionTokens): SessionTokensResult {
  return { input: tokens.input, cached_input: tokens.cachedInput, output: tokens.output, reasoning: tokens.reasoning };
}

/** A route's day-0 base prices per 1M (`unit.serving_price`). */
export function pricesPerMillion(route: RouteCost): PricesPerMillion {
  const { input, cachedInput, output, reasoning } = route.prices.base;
  return { input, cached_input: cachedInput, output, reasoning };
}

/** One entry of the result's `routes` list. */
export function routeResult(route: RouteCost): NonNullable<ModelResult["routes"]>[number] {
  return { name: route.name, share: route.share, tokens_per_session: tokensResult(route.tokens), cost_per_session: route.costPerSession };
}
