import { compoundedOnDay } from "./growth.js";
import { sessionCost } from "./tokens.js";
import type { SessionTokens, TokenPrices, Usage } from "./types.js";

/** Conversations per active user per day, after the daily turn cap. */
export function sessionsPerDauDay(usage: Usage): number {
  const turnsPerDay = usage.sessionsPerDau * usage.turnsPerSession;
  if (usage.maxTurnsPerDay !== null && turnsPerDay > usage.maxTurnsPerDay) {
    return usage.maxTurnsPerDay / usage.turnsPerSession;
  }
  return usage.sessionsPerDau;
}

/** `p(t)`: every price drifted by the annual price change. */
export function pricesOnDay(prices: TokenPrices, annualPriceChange: number, day: number): TokenPrices {
  return {
    input: compoundedOnDay(prices.input, annualPriceChange, day),
    cachedInput: compoundedOnDay(prices.cachedInput, annualPriceChange, day),
    output: compoundedOnDay(prices.output, annualPriceChange, day),
  };
}

/** `serve(t) = sessions * session_cost(p(t))`, for days 0..days-1. */
export function servePerDauDay(
  session: SessionTokens,
  sessionsPerDay: number,
  prices: TokenPrices,
  annualPriceChange: number,
  days: number,
): number[] {
  const serve = new Array<number>(days);
  for (let day = 0; day < days; day++) {
    serve[day] = sessionsPerDay * sessionCost(session, pricesOnDay(prices, annualPriceChange, day));
  }
  return serve;
}
