/**
 * Plain data in and out of the cost model. Money is in the scenario currency,
 * already converted; token prices are money per 1M tokens; days are whole numbers.
 */

export type HistoryMode =
  | { kind: "full" }
  | { kind: "none" }
  | { kind: "window"; turns: number };

export interface TokensPerTurn {
  system: number;
  context: number;
  input: number;
  output: number;
  reasoning: number;
  history: HistoryMode;
  historyIncludesContext: boolean;
  cacheHitRate: number;
}

/** Money per 1M tokens. */
export interface TokenPrices {
  input: number;
  cachedInput: number;
  output: number;
}

export interface SessionTokens {
  input: number;
  cachedInput: number;
  output: number;
}

export type ChannelCost =
  | { kind: "cpa"; cpa: number }
  | { kind: "cpm"; cpm: number; ctr: number; cvr: number }
  | { kind: "cpc"; cpc: number; cvr: number };

export interface Channel {
  name: string;
  /** Share of paid spend, 0..1; the shares of a scenario sum to 1. */
  share: number;
  cost: ChannelCost;
}

export type BuyingMode =
  | { kind: "budget"; dailyBudget: number }
  | { kind: "installs"; dailyInstalls: number };

export interface Acquisition {
  /** null: no paid buying (organic only). */
  buying: BuyingMode | null;
  channels: Channel[];
  durationDays: number;
  annualCostChange: number;
  organicInstallsPerDay: number;
  organicRatio: number;
}

export interface RetentionPoint {
  day: number;
  rate: number;
}

export interface Usage {
  sessionsPerDau: number;
  turnsPerSession: number;
  maxTurnsPerDay: number | null;
  lifetimeDays: number;
}

export interface Inference {
  price: TokenPrices;
  annualPriceChange: number;
}

export type TrainingRun =
  | { name: string; kind: "cost"; cost: number }
  | { name: string; kind: "gpu"; gpuHours: number; gpuHourPrice: number };

export interface Training {
  runs: TrainingRun[];
  usefulLifeDays: number;
}

export type Revenue =
  | { kind: "arpdau"; arpdau: number }
  | { kind: "paying"; payingShare: number; arppuMonthly: number };

export interface ModelInput {
  horizonDays: number;
  acquisition: Acquisition;
  retention: RetentionPoint[];
  usage: Usage;
  tokens: TokensPerTurn;
  inference: Inference;
  training: Training;
  revenue: Revenue | null;
}

/** Day-by-day series, each of length horizonDays. */
export interface Calendar {
  paidInstalls: number[];
  organicInstalls: number[];
  installs: number[];
  dau: number[];
  acquisition: number[];
  inference: number[];
  training: number[];
  /** null without a revenue block. */
  revenue: number[] | null;
}

export type RungName = "inference" | "training" | "acquisition";

/** The result in the shape of the JSON contract (cli.md), without the scenario header. */
export interface ModelResult {
  totals: {
    acquisition: number;
    inference: number;
    training: number;
    total: number;
    revenue: number | null;
    installs: number;
    paid_installs: number;
    organic_installs: number;
    peak_dau: number;
    avg_dau: number;
  };
  unit: {
    cac_paid: number | null;
    cac_blended: number | null;
    inference_per_user: number;
    training_per_user: number | null;
    cost_per_turn: number;
    cost_per_session: number;
    serve_per_dau_day: number;
    tokens_per_session: { input: number; cached_input: number; output: number };
    ltv: number | null;
    ltv_to_cac: number | null;
    payback_day: number | null;
  };
  ladder: {
    inference: number | null;
    training: number | null;
    acquisition: number | null;
    order: RungName[];
    holds: boolean;
  };
  milestones: {
    breakeven_turns: number | null;
    users_for_training_below_cac: number | null;
    inference_overtakes_training_day: number | null;
    inference_overtakes_acquisition_day: number | null;
  };
  channels: Array<{
    name: string;
    share: number;
    cpa: number;
    spend: number;
    installs: number;
  }>;
}
