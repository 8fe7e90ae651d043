import { channelCpa } from "../acquisition.js";
import type { ModelInput } from "../types.js";

/**
 * The keys of the model input the fast path knows, object by object. An input with any
 * other key (a model feature added since) goes to evaluate(), so the fast path can never
 * silently ignore an effect; tests/model/fast.test.ts lists every key of types.ts.
 */
const KNOWN_KEYS = {
  input: new Set(["horizonDays", "acquisition", "retention", "retentionTail", "usage", "tokens", "inference", "training", "revenue"]),
  acquisition: new Set(["buying", "channels", "durationDays", "schedule", "annualCostChange", "organicInstallsPerDay", "organicRatio"]),
  channel: new Set(["name", "share", "cost", "annualCostChange", "saturation"]),
  usage: new Set(["sessionsPerDau", "turns", "maxTurnsPerDay", "lifetimeDays"]),
  tokens: new Set(["system", "context", "input", "output", "reasoning", "history", "historyIncludesContext", "cacheHitRate"]),
  inference: new Set(["routes", "routesGiven"]),
  route: new Set(["name", "share", "serving", "annualPriceChange", "tokens"]),
  training: new Set(["runs", "usefulLifeDays", "retrain", "annualCostChange", "appShare"]),
  revenue: new Set(["kind", "arpdau", "payingShare", "arppuMonthly", "conversion", "priceMonthly", "monthlyChurn", "storeFee"]),
};

function onlyKnown(value: object, known: ReadonlySet<string>): boolean {
  for (const key in value) if (!known.has(key)) return false;
  return true;
}

/**
 * Whether evaluateFast() gives evaluate()'s result for this input: every key known, the
 * schedule in order, and every channel buying at a finite positive CPA (installs mode
 * divides by the channels' installs per unit of money).
 */
export function fastPathCovers(input: ModelInput): boolean {
  const { acquisition, inference, usage, tokens, training, revenue } = input;
  if (!onlyKnown(input, KNOWN_KEYS.input) || !onlyKnown(acquisition, KNOWN_KEYS.acquisition)) return false;
  if (!onlyKnown(usage, KNOWN_KEYS.usage) || !onlyKnown(tokens, KNOWN_KEYS.tokens) || !onlyKnown(training, KNOWN_KEYS.training))
    return false;
  if (!onlyKnown(inference, KNOWN_KEYS.inference) || (revenue !== null && !onlyKnown(revenue, KNOWN_KEYS.revenue))) return false;
  for (const route of inference.routes) {
    if (!onlyKnown(route, KNOWN_KEYS.route) || !onlyKnown(route.tokens, KNOWN_KEYS.tokens)) return false;
  }
  for (const channel of acquisition.channels) {
    if (!onlyKnown(channel, KNOWN_KEYS.channel)) return false;
    const cpa = channelCpa(channel.cost);
    if (!(cpa > 0) || !Number.isFinite(cpa)) return false;
  }
  const schedule = acquisition.schedule;
  if (schedule) for (let i = 1; i < schedule.length; i++) if (!(schedule[i]!.fromDay > schedule[i - 1]!.fromDay)) return false;
  return input.horizonDays >= 1 && Number.isInteger(input.horizonDays) && Number.isInteger(usage.lifetimeDays);
}
