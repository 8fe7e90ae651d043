import type { BuyingMode, Channel, ChannelCost, HistoryMode, ModelInput, Revenue, TrainingRun } from "../model/index.js";
import { RETENTION_DAYS, type RetentionKey, type ScenarioData } from "./schema.js";

/**
 * The model's input from a valid scenario: defaults filled in (model.md), names in the
 * model's terms. Call only after crossFieldProblems found nothing.
 */
export function toModelInput(scenario: ScenarioData): ModelInput {
  const horizonDays = scenario.horizon_days;
  const acquisition = scenario.acquisition;
  const { tokens, usage, inference } = scenario;
  const price = inference.price ?? {};
  return {
    horizonDays,
    acquisition: {
      buying: buyingMode(acquisition),
      channels: (acquisition?.channels ?? []).map(toChannel),
      durationDays: acquisition?.duration_days ?? horizonDays,
      annualCostChange: acquisition?.annual_cost_change ?? 0,
      organicInstallsPerDay: acquisition?.organic_installs_per_day ?? 0,
      organicRatio: acquisition?.organic_ratio ?? 0,
    },
    retention: (Object.keys(RETENTION_DAYS) as RetentionKey[])
      .filter((key) => scenario.retention[key] !== undefined)
      .map((key) => ({ day: RETENTION_DAYS[key], rate: scenario.retention[key]! })),
    usage: {
      sessionsPerDau: usage.sessions_per_dau,
      turnsPerSession: usage.turns_per_session,
      maxTurnsPerDay: usage.max_turns_per_day ?? null,
      lifetimeDays: usage.lifetime_days ?? horizonDays,
    },
    tokens: {
      system: tokens.system,
      context: tokens.context,
      input: tokens.input,
      output: tokens.output,
      reasoning: tokens.reasoning,
      history: historyMode(tokens.history),
      historyIncludesContext: tokens.history_includes_context,
      cacheHitRate: tokens.cache_hit_rate,
    },
    inference: {
      price: { input: price.input!, cachedInput: price.cached_input ?? price.input!, output: price.output! },
      annualPriceChange: inference.annual_price_change,
    },
    training: {
      runs: (scenario.training?.runs ?? []).map(toTrainingRun),
      usefulLifeDays: scenario.training?.useful_life_days ?? horizonDays,
    },
    revenue: toRevenue(scenario.revenue),
  };
}

function buyingMode(acquisition: ScenarioData["acquisition"]): BuyingMode | null {
  if (acquisition?.channels === undefined) return null;
  if (acquisition.daily_budget !== undefined) return { kind: "budget", dailyBudget: acquisition.daily_budget };
  return { kind: "installs", dailyInstalls: acquisition.daily_installs! };
}

type ScenarioChannel = NonNullable<NonNullable<ScenarioData["acquisition"]>["channels"]>[number];

function toChannel(channel: ScenarioChannel): Channel {
  return { name: channel.name, share: channel.share ?? 1, cost: channelCost(channel) };
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
  if (revenue.arpdau !== undefined) return { kind: "arpdau", arpdau: revenue.arpdau };
  return { kind: "paying", payingShare: revenue.paying_share!, arppuMonthly: revenue.arppu_monthly! };
}
