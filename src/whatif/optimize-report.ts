import { UserError } from "../lib/errors.js";
import { MAX_MONEY } from "../lib/money.js";
import { channelAnnualCostChange, channelCpa, installsForChannelSpend, saturates, spendForInstalls } from "../model/acquisition.js";
import { ratio } from "../model/arithmetic.js";
import type { ModelInput } from "../model/index.js";
import {
  averageInstallsPerMoney,
  bestSplit,
  budgetForInstalls,
  budgetForMarginalCpa,
  type Split,
  type SplitChannel,
  splitInstalls,
} from "../model/optimize.js";
import { type JsonResult, SCHEMA_VERSION, type ScenarioHeader } from "../result/json-result.js";
import { scenarioHeader } from "../scenario/evaluate.js";
import type { Scenario } from "../scenario/load.js";
import { type Amount, amountIn, parseAmount } from "./amount.js";

/** What `optimize` was asked, as typed: `--budget MONEY`, `--marginal-cac MONEY|ltv`. */
export interface OptimizeRequest {
  budget?: string;
  marginalCac?: string;
}

/** The request checked before any file is read. */
export interface OptimizePlan {
  budget: Amount | null;
  /** A target marginal CPA, or the scenario's own LTV. */
  marginalCac: Amount | "ltv" | null;
}

/** A split as the JSON shows it: the channels' shares of the spend by name. */
export type Shares = Record<string, number>;

/** What `optimize` found: the data of its report, in the JSON shape of cli.md. */
export interface OptimizeReport {
  schema_version: typeof SCHEMA_VERSION;
  scenario: ScenarioHeader;
  current: {
    daily_budget: number | null;
    shares: Shares;
    paid_installs_per_day: number | null;
    average_cpa: number | null;
  };
  best: {
    daily_budget: number | null;
    shares: Shares | null;
    paid_installs_per_day: number | null;
    average_cpa: number | null;
    marginal_cpa: number | null;
    unbounded: boolean;
  };
  /** The scenario re-run at the best split; null when unbounded. */
  result: JsonResult | null;
  /** Why the best split is what it is, in words, for the human reports (not in the JSON). */
  notes: string[];
  /** Each channel's installs a day against its daily spend, for the HTML report's curves (not in the JSON). */
  responses: ChannelResponse[];
}

/** A channel's response curve, with the spends of the current and the best split on it. */
export interface ChannelResponse {
  name: string;
  currentSpend: number | null;
  bestSpend: number | null;
  /** `[daily spend, paid installs a day]`, from 0 past the larger of the two spends. */
  curve: [number, number][];
}

/** Points of a response curve: enough for a smooth line at a chart's size. */
const RESPONSE_POINTS = 48;

/** Each channel's installs a day at spends from 0 to 1.5 x the larger of its current and best spend. */
function responsesOf(
  names: readonly string[],
  channels: readonly SplitChannel[],
  currentSpends: readonly (number | null)[],
  bestSpends: readonly (number | null)[],
): ChannelResponse[] {
  return channels.map((channel, index) => {
    const [current, best] = [currentSpends[index] ?? null, bestSpends[index] ?? null];
    const top = 1.5 * Math.max(current ?? 0, best ?? 0) || 1;
    const curve = Array.from({ length: RESPONSE_POINTS + 1 }, (_, step): [number, number] => {
      const spend = (top * step) / RESPONSE_POINTS;
      return [spend, installsForChannelSpend(spend, channel.installsPerMoney, channel.saturation)];
    });
    return { name: names[index]!, currentSpend: current, bestSpend: best, curve };
  });
}

/** A corner when no channel saturates, unbounded, or nothing worth buying. */
function notesOn(best: Split, saturating: readonly boolean[]): string[] {
  const notes: string[] = [];
  if (best.unbounded) {
    notes.push(
      "Unbounded: a channel without saturation buys installs below the target marginal CAC at any spend, so no budget is large enough. Add saturation to it (reference_daily_spend, elasticity) to find a finite budget.",
    );
  } else if (best.dailyBudget === 0) {
    notes.push("No channel's first install is worth the target marginal CAC: the right budget is 0.");
  } else if (!saturating.some(Boolean)) {
    notes.push(
      "No channel saturates, so each keeps its CPA at any spend: the best split is a corner, all of the budget to the cheapest channel. Give channels a saturation (reference_daily_spend, elasticity) for a split that spreads.",
    );
  }
  return notes;
}

export function planOptimize(request: OptimizeRequest): OptimizePlan {
  const budget = request.budget === undefined ? null : parseAmount(request.budget, "--budget");
  if (budget !== null && !(budget.value >= 0)) throw new UserError(`--budget: expected money >= 0, found "${request.budget}"`);
  // The bound a scenario's daily_budget has: far beyond it installs and costs overflow to Infinity.
  if (budget !== null && budget.value > MAX_MONEY)
    throw new UserError(`--budget: "${request.budget}" is too large (at most ${MAX_MONEY.toExponential()})`);
  let marginalCac: OptimizePlan["marginalCac"] = null;
  if (request.marginalCac !== undefined) {
    marginalCac = request.marginalCac.trim() === "ltv" ? "ltv" : parseAmount(request.marginalCac, "--marginal-cac");
    if (marginalCac !== "ltv" && !(marginalCac.value > 0)) {
      throw new UserError(`--marginal-cac: expected money > 0 or ltv, found "${request.marginalCac}"`);
    }
    if (marginalCac !== "ltv" && marginalCac.value > MAX_MONEY) {
      throw new UserError(`--marginal-cac: "${request.marginalCac}" is too large (at most ${MAX_MONEY.toExponential()})`);
    }
  }
  if (budget !== null && marginalCac !== null) {
    throw new UserError("give --budget or --marginal-cac, not both: --marginal-cac finds the budget itself");
  }
  return { budget, marginalCac };
}

/** Each channel's `k_i` over the paid period `t < D = min(duration_days, H)` and its saturation. */
function splitChannels(input: ModelInput): SplitChannel[] {
  const { acquisition } = input;
  const paidDays = Math.min(acquisition.durationDays, input.horizonDays);
  return acquisition.channels.map((channel) => ({
    installsPerMoney: averageInstallsPerMoney(channelCpa(channel.cost), channelAnnualCostChange(channel, acquisition), paidDays),
    saturation: channel.saturation,
  }));
}

/**
 * The best split of the scenario's (or `--budget`'s) daily budget, or the right budget
 * for a target marginal CAC, and the scenario re-evaluated at it (model-v2.md 5b).
 */
export function optimizeReport(scenario: Scenario, plan: OptimizePlan, evaluate: (scenario: Scenario) => JsonResult): OptimizeReport {
  const { input, data } = scenario;
  const { acquisition } = input;
  if (acquisition.schedule) {
    throw new UserError(`${scenario.file}: optimize needs acquisition.daily_budget or daily_installs, not a schedule`, {
      hint: "a schedule changes the budget over time; optimize the split of one daily budget with --set acquisition.daily_budget=... on a copy without the schedule",
    });
  }
  if (acquisition.buying === null || acquisition.channels.length === 0) {
    throw new UserError(`${scenario.file}: optimize needs paid channels and a daily_budget or daily_installs`);
  }
  const money = (amount: Amount, label: string) => amountIn(amount, data.currency, data.fx ?? {}, label);
  const channels = splitChannels(input);
  const names = acquisition.channels.map((channel) => channel.name);
  const currentShares = acquisition.channels.map((channel) => channel.share);

  const buying = plan.budget !== null ? { kind: "budget" as const, dailyBudget: money(plan.budget, "--budget") } : acquisition.buying;
  const current = currentSplit(channels, currentShares, buying);

  let best: Split;
  if (plan.marginalCac !== null) {
    best = budgetForMarginalCpa(channels, targetCpa(scenario, plan.marginalCac, evaluate, money));
  } else if (buying.kind === "budget") {
    best = bestSplit(channels, buying.dailyBudget);
  } else {
    best = budgetForInstalls(channels, buying.dailyInstalls);
  }
  const bestShares = sharesOf(best);
  const rerun =
    best.unbounded || best.dailyBudget === null
      ? null
      : evaluate({
          ...scenario,
          input: atSplit(
            input,
            bestShares ?? currentShares,
            plan.marginalCac === null && buying.kind === "installs" ? buying : { kind: "budget", dailyBudget: best.dailyBudget },
          ),
        });
  return {
    schema_version: SCHEMA_VERSION,
    scenario: scenarioHeader(scenario),
    current: {
      daily_budget: current.dailyBudget,
      shares: byName(names, currentShares),
      paid_installs_per_day: current.installs,
      average_cpa: ratio(current.dailyBudget, current.installs),
    },
    best: {
      daily_budget: best.dailyBudget,
      shares: bestShares === null ? null : byName(names, bestShares),
      paid_installs_per_day: best.installsPerDay,
      average_cpa: ratio(best.dailyBudget, best.installsPerDay),
      marginal_cpa: best.marginalCpa,
      unbounded: best.unbounded,
    },
    result: rerun,
    notes: notesOn(
      best,
      acquisition.channels.map((channel) => saturates(channel.saturation)),
    ),
    responses: responsesOf(
      names,
      channels,
      currentShares.map((share) => (current.dailyBudget === null ? null : share * current.dailyBudget)),
      names.map((_, i) => (bestShares === null || best.dailyBudget === null ? null : bestShares[i]! * best.dailyBudget)),
    ),
  };
}

function currentSplit(
  channels: readonly SplitChannel[],
  shares: readonly number[],
  buying: NonNullable<ModelInput["acquisition"]["buying"]>,
): { dailyBudget: number | null; installs: number | null } {
  if (buying.kind === "budget") {
    return {
      dailyBudget: buying.dailyBudget,
      installs: splitInstalls(
        channels,
        shares.map((share) => share * buying.dailyBudget),
      ),
    };
  }
  const terms = channels.map((channel, i) => ({
    share: shares[i]!,
    installsPerMoney: channel.installsPerMoney,
    saturation: channel.saturation,
  }));
  return { dailyBudget: spendForInstalls(terms, buying.dailyInstalls), installs: buying.dailyInstalls };
}

/** The target marginal CPA: as given, or the scenario's own cohort-weighted LTV (> 0). */
function targetCpa(
  scenario: Scenario,
  target: Amount | "ltv",
  evaluate: (scenario: Scenario) => JsonResult,
  money: (amount: Amount, label: string) => number,
): number {
  if (target !== "ltv") return money(target, "--marginal-cac");
  const ltv = evaluate(scenario).unit.ltv;
  if (ltv === null || !(ltv > 0)) {
    throw new UserError(
      `${scenario.file}: --marginal-cac ltv needs a positive LTV, found ${ltv === null ? "none (the scenario has no revenue block)" : ltv}`,
      { hint: "give a revenue block, or a target in money: --marginal-cac 20" },
    );
  }
  return ltv;
}

/** The shares of a split's spends; null when it spends nothing (or is unbounded). */
function sharesOf(split: Split): number[] | null {
  if (split.spends === null || split.dailyBudget === null || split.dailyBudget <= 0) return null;
  const total = split.spends.reduce((sum, spend) => sum + spend, 0);
  return split.spends.map((spend) => spend / total);
}

/** The model input with the channels' shares replaced and one buying mode. */
function atSplit(input: ModelInput, shares: readonly number[], buying: NonNullable<ModelInput["acquisition"]["buying"]>): ModelInput {
  return {
    ...input,
    acquisition: {
      ...input.acquisition,
      buying,
      channels: input.acquisition.channels.map((channel, i) => ({ ...channel, share: shares[i]! })),
    },
  };
}

function byName(names: readonly string[], values: readonly number[]): Shares {
  return Object.fromEntries(names.map((name, i) => [name, values[i]!]));
}
