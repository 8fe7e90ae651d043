import type {
  BuyingMode,
  Channel,
  ChannelCost,
  HistoryMode,
  Inference,
  InferenceRoute,
  ModelInput,
  PriceList,
  Revenue,
  ScheduleEntry,
  Serving,
  TokensPerTurn,
  TrainingRun,
  TurnsDistribution,
} from "../model/index.js";
import { RETENTION_DAYS, RETENTION_KEYS, type ScenarioData } from "./schema.js";

/**
 * The model's input from a valid scenario: defaults filled in (model.md), names in the
 * model's terms. Call only after crossFieldProblems found nothing.
 */
export function toModelInput(scenario: ScenarioData): ModelInput {
  const horizonDays = scenario.horizon_days;
  return {
    horizonDays,
    acquisition: acquisitionInput(scenario.acquisition, horizonDays),
    retention: retentionPoints(scenario.retention),
    retentionTail: retentionTail(scenario.retention),
    usage: usageInput(scenario.usage, horizonDays),
    tokens: tokensInput(scenario.tokens),
    inference: toInference(scenario.inference),
    training: trainingInput(scenario.training, horizonDays),
    revenue: toRevenue(scenario.revenue),
  };
}

/**
 * Each top-level section's part of toModelInput, read from that section and horizon_days
 * alone: a scenario that differs from another in such sections only has the other's input
 * with those parts in place of its own (sweep points, whatif/patched-points.ts).
 */
export const SECTION_INPUTS: Readonly<Record<string, (scenario: ScenarioData) => Partial<ModelInput>>> = {
  acquisition: (scenario) => ({ acquisition: acquisitionInput(scenario.acquisition, scenario.horizon_days) }),
  retention: (scenario) => ({ retention: retentionPoints(scenario.retention), retentionTail: retentionTail(scenario.retention) }),
  usage: (scenario) => ({ usage: usageInput(scenario.usage, scenario.horizon_days) }),
  tokens: (scenario) => ({ tokens: tokensInput(scenario.tokens) }),
  inference: (scenario) => ({ inference: toInference(scenario.inference) }),
  training: (scenario) => ({ training: trainingInput(scenario.training, scenario.horizon_days) }),
  revenue: (scenario) => ({ revenue: toRevenue(scenario.revenue) }),
};

function acquisitionInput(acquisition: ScenarioData["acquisition"], horizonDays: number): ModelInput["acquisition"] {
  return {
    buying: buyingMode(acquisition),
    channels: (acquisition?.channels ?? []).map(toChannel),
    durationDays: acquisition?.duration_days ?? horizonDays,
    annualCostChange: acquisition?.annual_cost_change ?? 0,
    organicInstallsPerDay: acquisition?.organic_installs_per_day ?? 0,
    organicRatio: acquisition?.organic_ratio ?? 0,
    schedule: toSchedule(acquisition),
  };
}

function retentionPoints(retention: ScenarioData["retention"]): ModelInput["retention"] {
  return RETENTION_KEYS.filter((key) => retention[key] !== undefined).map((key) => ({ day: RETENTION_DAYS[key], rate: retention[key]! }));
}

function retentionTail(retention: ScenarioData["retention"]): NonNullable<ModelInput["retentionTail"]> {
  return retention.tail ?? "power";
}

function usageInput(usage: ScenarioData["usage"], horizonDays: number): ModelInput["usage"] {
  return {
    sessionsPerDau: usage.sessions_per_dau,
    turns: turnsDistribution(usage),
    maxTurnsPerDay: usage.max_turns_per_day ?? null,
    lifetimeDays: usage.lifetime_days ?? horizonDays,
  };
}

function tokensInput(tokens: ScenarioData["tokens"]): ModelInput["tokens"] {
  return {
    system: tokens.system,
    context: tokens.context,
    input: tokens.input,
    output: tokens.output,
    reasoning: tokens.reasoning,
    history: historyMode(tokens.history),
    historyIncludesContext: tokens.history_includes_context,
    cacheHitRate: tokens.cache_hit_rate,
  };
}

function trainingInput(training: ScenarioData["training"], horizonDays: number): ModelInput["training"] {
  return {
    runs: (training?.runs ?? []).map(toTrainingRun),
    usefulLifeDays: training?.useful_life_days ?? horizonDays,
    retrain: training?.retrain ?? false,
    annualCostChange: training?.annual_cost_change ?? 0,
    appShare: training?.app_share ?? 1,
  };
}

function buyingMode(acquisition: ScenarioData["acquisition"]): BuyingMode | null {
  if (acquisition?.channels === undefined || acquisition.schedule !== undefined) return null;
  if (acquisition.daily_budget !== undefined) return { kind: "budget", dailyBudget: acquisition.daily_budget };
  return { kind: "installs", dailyInstalls: acquisition.daily_installs! };
}

type ScenarioChannel = NonNullable<NonNullable<ScenarioData["acquisition"]>["channels"]>[number];

function toChannel(channel: ScenarioChannel): Channel {
  const saturation = channel.saturation;
  return {
    name: channel.name,
    share: channel.share ?? 1,
    cost: channelCost(channel),
    ...(channel.annual_cost_change !== undefined ? { annualCostChange: channel.annual_cost_change } : {}),
    saturation:
      saturation === undefined ? null : { referenceDailySpend: saturation.reference_daily_spend, elasticity: saturation.elasticity },
  };
}

function toSchedule(acquisition: ScenarioData["acquisition"]): ScheduleEntry[] | null {
  if (acquisition?.schedule === undefined || acquisition.channels === undefined) return null;
  return acquisition.schedule.map((entry) => ({
    fromDay: entry.from_day,
    buying:
      entry.daily_budget !== undefined
        ? { kind: "budget", dailyBudget: entry.daily_budget }
        : { kind: "installs", dailyInstalls: entry.daily_installs! },
  }));
}

function channelCost(channel: ScenarioChannel): ChannelCost {
  if (channel.cpa !== undefined) return { kind: "cpa", cpa: channel.cpa };
  if (channel.cpm !== undefined) return { kind: "cpm", cpm: channel.cpm, ctr: channel.ctr!, cvr: channel.cvr! };
  return { kind: "cpc", cpc: channel.cpc!, cvr: channel.cvr! };
}

function historyMode(history: ScenarioData["tokens"]["history"]): HistoryMode {
  if (history === "full" || history === "none") return { kind: history };
  return { kind: "window", turns: history };
}

type ScenarioRun = NonNullable<ScenarioData["training"]>["runs"][number];

function toTrainingRun(run: ScenarioRun, index: number): TrainingRun {
  const name = run.name ?? `run ${index + 1}`;
  if (run.cost !== undefined) return { name, kind: "cost", cost: run.cost };
  return { name, kind: "gpu", gpuHours: run.gpu_hours!, gpuHourPrice: run.gpu_hour_price! };
}

function toRevenue(revenue: ScenarioData["revenue"]): Revenue | null {
  if (revenue === undefined) return null;
  const storeFee = revenue.store_fee ?? 0;
  if (revenue.arpdau !== undefined) return { kind: "arpdau", arpdau: revenue.arpdau, storeFee };
  const subscription = revenue.subscription;
  if (subscription !== undefined) {
    return {
      kind: "subscription",
      conversion: subscription.conversion,
      priceMonthly: subscription.price_monthly,
      monthlyChurn: subscription.monthly_churn,
      storeFee,
    };
  }
  return { kind: "paying", payingShare: revenue.paying_share!, arppuMonthly: revenue.arppu_monthly!, storeFee };
}

function turnsDistribution(usage: ScenarioData["usage"]): TurnsDistribution {
  const distribution = usage.turns_distribution;
  if (distribution?.geometric !== undefined) return { kind: "geometric", mean: distribution.geometric.mean };
  if (distribution?.shares !== undefined) {
    const shares = Object.entries(distribution.shares).map(([turns, share]) => ({ turns: Number(turns), share }));
    return { kind: "shares", shares: shares.sort((a, b) => a.turns - b.turns) };
  }
  return { kind: "fixed", turns: usage.turns_per_session! };
}

type ScenarioInference = ScenarioData["inference"];
type ScenarioRoute = NonNullable<ScenarioInference["routes"]>[number];
type ScenarioPrice = NonNullable<ScenarioInference["price"]>;
type ScenarioSelfHosted = NonNullable<ScenarioInference["self_hosted"]>;

/** v1's single model or price is the route `default` with share 1 (model-v2.md 4). */
function toInference(inference: ScenarioInference): Inference {
  const change = inference.annual_price_change;
  if (inference.routes === undefined) {
    return {
      routes: [{ name: "default", share: 1, serving: toServing(inference), annualPriceChange: change, tokens: {} }],
      routesGiven: false,
    };
  }
  return { routes: inference.routes.map((route) => toRoute(route, change)), routesGiven: true };
}

function toRoute(route: ScenarioRoute, annualPriceChange: number): InferenceRoute {
  return {
    name: route.name,
    share: route.share,
    serving: toServing(route),
    annualPriceChange: route.annual_price_change ?? annualPriceChange,
    tokens: route.tokens === undefined ? {} : routeTokens(route.tokens),
  };
}

/** A model's price has been written into `price` by the loader, so a route has a price or self_hosted. */
function toServing(serving: { price?: ScenarioPrice; self_hosted?: ScenarioSelfHosted }): Serving {
  if (serving.self_hosted !== undefined) {
    const hosted = serving.self_hosted;
    return {
      kind: "self_hosted",
      selfHosted: {
        gpuHourPrice: hosted.gpu_hour_price,
        inputTokensPerGpuSecond: hosted.input_tokens_per_gpu_second,
        outputTokensPerGpuSecond: hosted.output_tokens_per_gpu_second,
        cachedInputTokensPerGpuSecond: hosted.cached_input_tokens_per_gpu_second ?? hosted.input_tokens_per_gpu_second,
        utilization: hosted.utilization,
      },
    };
  }
  return { kind: "price", price: toPriceList(serving.price!) };
}

/** Defaults of model.md and model-v2.md 2: cached input at the input price, reasoning at the output price, in each tier too. */
function toPriceList(price: ScenarioPrice): PriceList {
  const prices = (given: { input?: number; cached_input?: number; output?: number; reasoning?: number }) => ({
    input: given.input!,
    cachedInput: given.cached_input ?? given.input!,
    output: given.output!,
    reasoning: given.reasoning ?? given.output!,
  });
  return { base: prices(price), tiers: (price.tiers ?? []).map((tier) => ({ above: tier.above, prices: prices(tier) })) };
}

/** A route's own token keys in the model's terms; keys it does not give stay absent. */
function routeTokens(tokens: NonNullable<ScenarioRoute["tokens"]>): Partial<TokensPerTurn> {
  const own: Partial<TokensPerTurn> = {};
  if (tokens.system !== undefined) own.system = tokens.system;
  if (tokens.context !== undefined) own.context = tokens.context;
  if (tokens.input !== undefined) own.input = tokens.input;
  if (tokens.output !== undefined) own.output = tokens.output;
  if (tokens.reasoning !== undefined) own.reasoning = tokens.reasoning;
  if (tokens.history !== undefined) own.history = historyMode(tokens.history);
  if (tokens.history_includes_context !== undefined) own.historyIncludesContext = tokens.history_includes_context;
  if (tokens.cache_hit_rate !== undefined) own.cacheHitRate = tokens.cache_hit_rate;
  return own;
}
