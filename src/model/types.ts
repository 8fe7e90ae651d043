/**
 * Plain data in and out of the cost model. Money is in the scenario currency,
 * already converted; token prices are money per 1M tokens; days are whole numbers.
 */

export type HistoryMode = { kind: "full" } | { kind: "none" } | { kind: "window"; turns: number };

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
  reasoning: number;
}

/** The prices of a turn whose whole prompt is longer than `above` tokens. */
export interface PriceTier {
  above: number;
  prices: TokenPrices;
}

/** A price with its context-length tiers, `above` strictly increasing (model-v2.md, section 2). */
export interface PriceList {
  base: TokenPrices;
  tiers: PriceTier[];
}

/** A model served on one's own GPUs (model-v2.md, section 3); throughputs in tokens per GPU-second. */
export interface SelfHosted {
  gpuHourPrice: number;
  inputTokensPerGpuSecond: number;
  outputTokensPerGpuSecond: number;
  cachedInputTokensPerGpuSecond: number;
  /** Share of paid GPU time that is busy, (0, 1]. */
  utilization: number;
}

export type Serving = { kind: "price"; price: PriceList } | { kind: "self_hosted"; selfHosted: SelfHosted };

/** Tokens of one conversation (expected, over the turn distribution). */
export interface SessionTokens {
  input: number;
  cachedInput: number;
  /** Every output-billed token, reasoning included (v1's meaning). */
  output: number;
  /** The reasoning part of `output`. */
  reasoning: number;
}

export type ChannelCost =
  | { kind: "cpa"; cpa: number }
  | { kind: "cpm"; cpm: number; ctr: number; cvr: number }
  | { kind: "cpc"; cpc: number; cvr: number };

/** A channel's CPA rising with its own daily spend (model-v2.md 5). */
export interface Saturation {
  /** `S_i`, money per day, > 0. */
  referenceDailySpend: number;
  /** `e_i`, 0 <= e < 1. */
  elasticity: number;
}

export interface Channel {
  name: string;
  /** Share of paid spend, 0..1; the shares of a scenario sum to 1. */
  share: number;
  cost: ChannelCost;
  /** This channel's CPA drift per year; absent: the acquisition's `annualCostChange`. */
  annualCostChange?: number | undefined;
  /** Absent or null: the CPA does not depend on spend (v1). */
  saturation?: Saturation | null | undefined;
}

export type BuyingMode = { kind: "budget"; dailyBudget: number } | { kind: "installs"; dailyInstalls: number };

/** One entry of a spend schedule: its buying mode holds from `fromDay` until the next entry's. */
export interface ScheduleEntry {
  fromDay: number;
  buying: BuyingMode;
}

export interface Acquisition {
  /** null: no paid buying (organic only). */
  buying: BuyingMode | null;
  channels: Channel[];
  durationDays: number;
  /** When given (from_day strictly increasing, the first 0), replaces `buying` and `durationDays`. */
  schedule?: ScheduleEntry[] | null | undefined;
  annualCostChange: number;
  organicInstallsPerDay: number;
  organicRatio: number;
}

export interface RetentionPoint {
  day: number;
  rate: number;
}

/** How retention continues past the last given point (model-v2.md 6). */
export type RetentionTail = "power" | "exponential" | "flat";

/** Turns per conversation: a fixed count, a geometric length with a mean, or a histogram. */
export type TurnsDistribution =
  | { kind: "fixed"; turns: number }
  | { kind: "geometric"; mean: number }
  | { kind: "shares"; shares: Array<{ turns: number; share: number }> };

export interface Usage {
  sessionsPerDau: number;
  turns: TurnsDistribution;
  maxTurnsPerDay: number | null;
  lifetimeDays: number;
}

/** One way a conversation is served (model-v2.md, section 4). */
export interface InferenceRoute {
  name: string;
  /** Share of sessions, 0..1; the shares of a scenario sum to 1. */
  share: number;
  serving: Serving;
  annualPriceChange: number;
  /** Keys that replace the scenario's `tokens` for this route's sessions. */
  tokens: Partial<TokensPerTurn>;
}

export interface Inference {
  /** v1's single model or price is one route, `default` with share 1. */
  routes: InferenceRoute[];
  /** Whether the scenario listed `inference.routes` (the result then reports each route). */
  routesGiven: boolean;
}

export type TrainingRun =
  | { name: string; kind: "cost"; cost: number }
  | { name: string; kind: "gpu"; gpuHours: number; gpuHourPrice: number };

export interface Training {
  runs: TrainingRun[];
  usefulLifeDays: number;
  /** A new model every `usefulLifeDays` (model-v2.md 7); default false. */
  retrain?: boolean | undefined;
  /** Growth of each retrain's cost per year; default 0. */
  annualCostChange?: number | undefined;
  /** Share of training charged to this app, (0, 1]; default 1. */
  appShare?: number | undefined;
}

export type RevenueForm =
  | { kind: "arpdau"; arpdau: number }
  | { kind: "paying"; payingShare: number; arppuMonthly: number }
  | { kind: "subscription"; conversion: number; priceMonthly: number; monthlyChurn: number };

/** `storeFee` in [0, 1), default 0: every revenue figure is net of it. */
export type Revenue = RevenueForm & { storeFee?: number | undefined };

export interface ModelInput {
  horizonDays: number;
  acquisition: Acquisition;
  retention: RetentionPoint[];
  /** Default "power" (v1). */
  retentionTail?: RetentionTail | undefined;
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
    cac_incremental: number | null;
    inference_per_user: number;
    inference_per_user_day0: number;
    training_per_user: number | null;
    cost_per_turn: number;
    cost_per_session: number;
    mean_turns_per_session: number;
    serve_per_dau_day: number;
    serving_price: PricesPerMillion | null;
    tokens_per_session: SessionTokensResult;
    ltv: number | null;
    ltv_to_cac: number | null;
    payback_day: number | null;
  };
  ladder: {
    inference: number | null;
    training: number | null;
    acquisition: number | null;
    /** The rungs with a value, cheapest first (ties in the ladder's own order). */
    order: RungName[];
    /** The rungs without a value (n/a: no installs, no training), which `order` leaves out. */
    not_available: RungName[];
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
    marginal_cpa: number;
    spend: number;
    installs: number;
  }>;
  /** Each route's sessions, when the scenario listed `inference.routes`; null otherwise. */
  routes: RouteResult[] | null;
}

/** Day-0 money per 1M tokens, as the JSON result names them. */
export interface PricesPerMillion {
  input: number;
  cached_input: number;
  output: number;
  reasoning: number;
}

export interface SessionTokensResult {
  input: number;
  cached_input: number;
  output: number;
  reasoning: number;
}

export interface RouteResult {
  name: string;
  share: number;
  tokens_per_session: SessionTokensResult;
  cost_per_session: number;
}
