import { mixedSessionCost, type RouteCost } from "./routes.js";
import type { Usage } from "./types.js";

/**
 * Conversations per active user per day, after the daily turn cap: above
 * `max_turns_per_day`, sessions are cut to `max_turns_per_day / E[n]`.
 */
export function sessionsPerDauDay(usage: Usage, meanTurns: number): number {
  const turnsPerDay = usage.sessionsPerDau * meanTurns;
  if (usage.maxTurnsPerDay !== null && turnsPerDay > usage.maxTurnsPerDay) {
    return usage.maxTurnsPerDay / meanTurns;
  }
  return usage.sessionsPerDau;
}

/** `serve(t) = sessions * Σ_r share_r session_cost_r(t)`, for days 0..days-1. */
export function servePerDauDay(routes: readonly RouteCost[], sessionsPerDay: number, days: number): number[] {
  const serve = new Array<number>(days);
  for (let day = 0; day < days; day++) serve[day] = sessionsPerDay * mixedSessionCost(routes, day);
  return serve;
}
