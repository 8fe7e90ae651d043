import { compoundedOnDay } from "./growth.js";
import { selfHostedPrices } from "./prices.js";
import { addTokens, sessionCost, sessionTokens } from "./tokens.js";
import type { InferenceRoute, PriceList, Serving, SessionTokens, TokensPerTurn } from "./types.js";

/** A route's conversation, priced at day 0 (model-v2.md, section 4). */
export interface RouteCost {
  name: string;
  share: number;
  annualPriceChange: number;
  /** Day-0 base prices per 1M (a self-hosted route's derived prices). */
  prices: PriceList;
  tokens: SessionTokens;
  /** `E[cost]` of one conversation at the day-0 prices. */
  costPerSession: number;
}

/** The route's price list; a self-hosted model's GPU cost as per-1M prices, without tiers. */
function routePrice(serving: Serving): PriceList {
  return serving.kind === "price" ? serving.price : { base: selfHostedPrices(serving.selfHosted), tiers: [] };
}

/** The scenario's tokens with the route's own keys in their place. */
export function routeTokens(tokens: TokensPerTurn, overrides: Partial<TokensPerTurn>): TokensPerTurn {
  let merged: TokensPerTurn | undefined;
  for (const key of Object.keys(overrides) as (keyof TokensPerTurn)[]) {
    if (overrides[key] === undefined) continue;
    merged ??= { ...tokens };
    Object.assign(merged, { [key]: overrides[key] });
  }
  // A route that changes nothing (most) reads the scenario's own tokens: no copy a point.
  return merged ?? tokens;
}

/** Each route's expected tokens and day-0 cost per conversation, over the turn survival `S`. */
export function costRoutes(routes: readonly InferenceRoute[], tokens: TokensPerTurn, survival: readonly number[]): RouteCost[] {
  return routes.map((route) => {
    const own = routeTokens(tokens, route.tokens);
    const prices = routePrice(route.serving);
    return {
      name: route.name,
      share: route.share,
      annualPriceChange: route.annualPriceChange,
      prices,
      tokens: sessionTokens(own, survival),
      costPerSession: sessionCost(own, survival, prices),
    };
  });
}

/** Share-weighted tokens of a conversation over all routes. */
export function mixedTokens(routes: readonly RouteCost[]): SessionTokens {
  let mixed: SessionTokens = { input: 0, cachedInput: 0, output: 0, reasoning: 0 };
  for (const route of routes) mixed = addTokens(mixed, route.tokens, route.share);
  return mixed;
}

/**
 * `Σ_r share_r session_cost_r(t)`: the cost of an average conversation on day `t`, every
 * route's prices (tiers included) drifting by its own annual change.
 */
export function mixedSessionCost(routes: readonly RouteCost[], day: number): number {
  let cost = 0;
  for (const route of routes) cost += route.share * compoundedOnDay(route.costPerSession, route.annualPriceChange, day);
  return cost;
}
