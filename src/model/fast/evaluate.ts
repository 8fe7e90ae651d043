import { ratio, settled } from "../arithmetic.js";
import { channelResult, evaluate } from "../evaluate.js";
import { costLadder } from "../ladder.js";
import { pricesPerMillion, routeResult, tokensResult } from "../route-results.js";
import { breakevenTurns, usersForTrainingBelowCac } from "../milestones.js";
import { arpdau, netShare } from "../revenue.js";
import { costRoutes, mixedSessionCost, mixedTokens, type RouteCost } from "../routes.js";
import { sessionsPerDauDay } from "../serving.js";
import { attributedTraining, trainingGenerations } from "../training.js";
import { meanTurns, survival } from "../turns.js";
import { cacIncremental } from "../unit.js";
import type { ModelInput, ModelResult } from "../types.js";
import { acquisitionDays, type AcquisitionDays } from "./acquisition.js";
import { addTermDau } from "./dau.js";
import { retentionCurves } from "./retention.js";
import { scratch, scratchZeros } from "./scratch.js";
import { fastPathCovers } from "./covers.js";

/**
 * The model's result for many inputs in a row (sweep, solve, sensitivity, samples): the
 * fast path where it covers the input, evaluate() otherwise. Without the calendar (a
 * `--timeline` run uses evaluate()). Agrees with evaluate() to 1e-9 relative
 * (tests/model/fast.test.ts).
 */
export function evaluateResult(input: ModelInput): ModelResult {
  return fastPathCovers(input) ? evaluateFast(input) : evaluate(input).result;
}

/**
 * evaluate() in O(H + L) per route and channel instead of O(H²) + O(H L):
 * - DAU from running sums of retention, installs being a constant plus geometric series
 *   on each buying segment (dau.ts);
 * - the cohort-weighted serving cost at age a, `Σ_d w_d serve(d + a)`, as
 *   `sessions Σ_r share_r cost_r g_r^a Σ_d w_d g_r^d` (model-v2.md 9);
 * - one pass over the days for the calendar's sums and the milestones, one over the ages
 *   for the unit view, in reused arrays.
 * Only for inputs fastPathCovers() accepts.
 */
export function evaluateFast(input: ModelInput): ModelResult {
  const { horizonDays, usage, tokens, inference, acquisition } = input;
  const lifetimeDays = usage.lifetimeDays;
  const days = Math.max(horizonDays, lifetimeDays);
  const { rate: retention, cumulative } = retentionCurves(input.retention, days, input.retentionTail ?? "power");

  const turnSurvival = survival(usage.turns);
  const turnsPerSession = meanTurns(usage.turns);
  const routes = costRoutes(inference.routes, tokens, turnSurvival);
  const costPerSession = mixedSessionCost(routes, 0);
  const sessions = sessionsPerDauDay(usage, turnsPerSession);
  const prices = routePrices(routes);

  const trainingHorizon = attributedTraining(input.training, horizonDays);
  const { bought, dau } = boughtAndDau(input, retention, cumulative);

  const calendar = calendarSums(input, bought, dau, prices, sessions);
  const totalAcquisition = bought.totalSpend;
  const installs = bought.totalInstalls;
  const paidInstalls = bought.totalPaidInstalls;
  const cacBlended = ratio(totalAcquisition, installs);
  const trainingPerUser = ratio(trainingHorizon, installs);
  const costPerTurn = costPerSession / turnsPerSession;

  const unit = unitSums(input, installs, retention, prices, sessions, cacBlended);

  return {
    totals: {
      acquisition: totalAcquisition,
      inference: calendar.totalInference,
      training: trainingHorizon,
      total: totalAcquisition + calendar.totalInference + trainingHorizon,
      revenue: calendar.revenue,
      installs,
      paid_installs: paidInstalls,
      organic_installs: bought.totalOrganicInstalls,
      peak_dau: calendar.peakDau,
      avg_dau: calendar.dauSum / horizonDays,
    },
    unit: {
      cac_paid: ratio(totalAcquisition, paidInstalls),
      cac_blended: cacBlended,
      cac_incremental: cacIncremental(totalAcquisition, paidInstalls, acquisition.organicRatio),
      inference_per_user: unit.inferencePerUser,
      inference_per_user_day0: unit.inferencePerUserDay0,
      training_per_user: trainingPerUser,
      cost_per_turn: costPerTurn,
      cost_per_session: costPerSession,
      mean_turns_per_session: turnsPerSession,
      serve_per_dau_day: sessions * costPerSession,
      serving_price: routes.length === 1 ? pricesPerMillion(routes[0]!) : null,
      tokens_per_session: tokensResult(mixedTokens(routes)),
      ltv: unit.ltv,
      ltv_to_cac: ratio(unit.ltv, cacBlended),
      payback_day: unit.paybackDay,
    },
    ladder: costLadder(unit.inferencePerUser, trainingPerUser, cacBlended),
    milestones: {
      breakeven_turns: breakevenTurns(cacBlended, costPerTurn),
      users_for_training_below_cac: usersForTrainingBelowCac(trainingHorizon, cacBlended),
      inference_overtakes_training_day: calendar.overtakesTrainingDay,
      inference_overtakes_acquisition_day: calendar.overtakesAcquisitionDay,
    },
    channels: acquisition.channels.map((channel, i) =>
      channelResult(channel, bought.spend[0]!, bought.channelSpend[i]!, bought.channelInstalls[i]!),
    ),
    routes: inference.routesGiven ? routes.map(routeResult) : null,
  };
}

/**
 * The last evaluation's days bought and DAU, with what they were made from. A sweep over
 * anything but acquisition and retention evaluates many inputs that share those sections
 * (the same objects: the model's input is never changed once made), and their days and DAU
 * are then the same arrays, still holding what the last evaluation left in them. (The
 * retention rates below the horizon, all the DAU reads, do not depend on the lifetime.)
 */
let lastBought:
  | {
      acquisition: ModelInput["acquisition"];
      retention: ModelInput["retention"];
      retentionTail: ModelInput["retentionTail"];
      horizonDays: number;
      bought: AcquisitionDays;
      dau: Float64Array;
    }
  | undefined;

/** The days bought (acquisition.ts) and the DAU from them (dau.ts), or the last evaluation's where its input shares them. */
function boughtAndDau(
  input: ModelInput,
  retention: Float64Array,
  cumulative: Float64Array,
): { bought: AcquisitionDays; dau: Float64Array } {
  const { acquisition, horizonDays } = input;
  const last = lastBought;
  if (
    last !== undefined &&
    last.acquisition === acquisition &&
    last.retention === input.retention &&
    last.retentionTail === input.retentionTail &&
    last.horizonDays === horizonDays
  ) {
    return last;
  }
  const bought = acquisitionDays(acquisition, horizonDays);
  const dau = scratchZeros("dau", horizonDays);
  for (const term of bought.terms) addTermDau(term, retention, cumulative, dau, horizonDays);
  lastBought = {
    acquisition,
    retention: input.retention,
    retentionTail: input.retentionTail,
    horizonDays,
    bought,
    dau,
  };
  return lastBought;
}

/**
 * Each route's day-0 share of a session's cost `share_r cost_r`, its daily price factor
 * `g_r`, and room for `g_r^t` and for `Σ_d installs(d) g_r^d`: scratch, one entry a route.
 */
interface RoutePrices {
  count: number;
  base: Float64Array;
  growth: Float64Array;
  drift: Float64Array;
  installsAtPrice: Float64Array;
}

function routePrices(routes: readonly RouteCost[]): RoutePrices {
  const count = routes.length;
  const base = scratch("routeBase", count);
  const growth = scratch("routeGrowth", count);
  for (let r = 0; r < count; r++) {
    const route = routes[r]!;
    base[r] = route.share * route.costPerSession;
    growth[r] = route.annualPriceChange === 0 ? 1 : (1 + route.annualPriceChange) ** (1 / 365);
  }
  return { count, base, growth, drift: scratch("routeDrift", count), installsAtPrice: scratchZeros("routeInstalls", count) };
}

interface CalendarSums {
  totalInference: number;
  revenue: number | null;
  peakDau: number;
  dauSum: number;
  overtakesTrainingDay: number | null;
  overtakesAcquisitionDay: number | null;
}

/**
 * The calendar's totals and its two day milestones in one pass: `serve(t)` as a running
 * product per route, revenue per active user or the subscriptions' decaying running sum
 * (revenue.ts), the training committed by each day (training.ts). Leaves
 * `Σ_d installs(d) g_r^d` in `prices.installsAtPrice` for the unit view.
 */
function calendarSums(input: ModelInput, bought: AcquisitionDays, dau: Float64Array, prices: RoutePrices, sessions: number): CalendarSums {
  const horizonDays = input.horizonDays;
  const revenue = input.revenue;
  const subscription = revenue?.kind === "subscription";
  const perActiveUser = revenue === null || revenue.kind === "subscription" ? 0 : arpdau(revenue) * netShare(revenue);
  const perSubscriberDay = revenue?.kind === "subscription" ? ((revenue.conversion * revenue.priceMonthly) / 30) * netShare(revenue) : 0;
  const dailyStay = revenue?.kind === "subscription" ? (1 - revenue.monthlyChurn) ** (1 / 30) : 0;
  const generations = trainingGenerations(input.training, horizonDays);
  const { count: routeCount, base, growth, drift, installsAtPrice } = prices;
  const { spend, installs } = bought;
  for (let r = 0; r < routeCount; r++) drift[r] = 1;

  let spent = 0;
  let totalInference = 0;
  let totalRevenue = 0;
  let peakDau = 0;
  let dauSum = 0;
  let subscribers = 0;
  let committed = 0;
  let nextGeneration = 0;
  let nextGenerationDay = generations[0]?.day ?? horizonDays;
  let overtakesTrainingDay: number | null = null;
  let overtakesAcquisitionDay: number | null = null;
  // One route (most scenarios) keeps its running product in locals rather than arrays: the
  // day's work is then free of a store and reload of the same entry.
  const single = routeCount === 1;
  const singleBase = base[0]!;
  const singleGrowth = growth[0]!;
  let singleDrift = 1;
  let singleInstallsAtPrice = 0;
  for (let day = 0; day < horizonDays; day++) {
    const dayInstalls = installs[day]!;
    let costOfSession = 0;
    if (single) {
      costOfSession = singleBase * singleDrift;
      singleInstallsAtPrice += dayInstalls * singleDrift;
      singleDrift *= singleGrowth;
    } else {
      for (let r = 0; r < routeCount; r++) {
        const priceFactor = drift[r]!;
        costOfSession += base[r]! * priceFactor;
        installsAtPrice[r]! += dayInstalls * priceFactor;
        drift[r] = priceFactor * growth[r]!;
      }
    }
    const active = dau[day]!;
    totalInference += active * (sessions * costOfSession);
    spent += spend[day]!;
    dauSum += active;
    if (active > peakDau) peakDau = active;
    if (subscription) {
      subscribers = subscribers * dailyStay + dayInstalls;
      totalRevenue += subscribers * perSubscriberDay;
    } else {
      totalRevenue += active * perActiveUser;
    }
    while (nextGenerationDay <= day) {
      committed += generations[nextGeneration++]!.cost;
      nextGenerationDay = generations[nextGeneration]?.day ?? horizonDays;
    }
    if (overtakesTrainingDay === null && committed > 0 && totalInference >= committed) overtakesTrainingDay = day;
    if (overtakesAcquisitionDay === null && spent > 0 && totalInference >= spent) overtakesAcquisitionDay = day;
  }
  if (single) installsAtPrice[0] = singleInstallsAtPrice;
  return {
    totalInference,
    revenue: revenue === null ? null : totalRevenue,
    peakDau,
    dauSum,
    overtakesTrainingDay,
    overtakesAcquisitionDay,
  };
}

interface UnitSums {
  inferencePerUser: number;
  inferencePerUserDay0: number;
  ltv: number | null;
  paybackDay: number | null;
}

/**
 * The unit view over ages `a < L` (unit.ts): the day-0 user's serving cost, the average
 * acquired user's `R(a) Σ_d w_d serve(d + a)` with `Σ_d w_d serve(d + a) =
 * sessions Σ_r share_r cost_r g_r^a G_r`, `G_r = Σ_d installs(d) g_r^d / N` (from
 * calendarSums), and the margin, LTV and payback.
 */
function unitSums(
  input: ModelInput,
  installs: number,
  retention: Float64Array,
  prices: RoutePrices,
  sessions: number,
  cacBlended: number | null,
): UnitSums {
  const lifetimeDays = input.usage.lifetimeDays;
  const { count: routeCount, base, growth, drift, installsAtPrice } = prices;
  // unit.ts's weights are installs(d) / N, or the day-0 user alone (G_r = 1) when N is 0.
  const weighted = scratch("routeWeighted", routeCount);
  for (let r = 0; r < routeCount; r++) {
    weighted[r] = installs > 0 ? base[r]! * (installsAtPrice[r]! / installs) : base[r]!;
    drift[r] = 1;
  }
  const revenue = input.revenue;
  const subscription = revenue?.kind === "subscription";
  const perActiveUser = revenue === null || revenue.kind === "subscription" ? 0 : arpdau(revenue) * netShare(revenue);
  const perInstallDay = revenue?.kind === "subscription" ? ((revenue.conversion * revenue.priceMonthly) / 30) * netShare(revenue) : 0;
  // `(1 - churn) ** (a / 30)` as a running product.
  const dailyStay = revenue?.kind === "subscription" ? (1 - revenue.monthlyChurn) ** (1 / 30) : 1;

  let inferencePerUser = 0;
  let inferencePerUserDay0 = 0;
  let ltv = 0;
  // The size of the terms ltv is the difference of (unit.ts, turnoverByAge).
  let turnover = 0;
  let stayed = 1;
  let paybackDay: number | null = null;
  const payback = revenue !== null && cacBlended !== null;
  const payable = cacBlended ?? 0;
  // One route in locals, as in calendarSums.
  const single = routeCount === 1;
  const singleBase = base[0]!;
  const singleWeighted = weighted[0]!;
  const singleGrowth = growth[0]!;
  let singleDrift = 1;
  for (let age = 0; age < lifetimeDays; age++) {
    let servedDay0 = 0;
    let servedAverage = 0;
    if (single) {
      servedDay0 = singleBase * singleDrift;
      servedAverage = singleWeighted * singleDrift;
      singleDrift *= singleGrowth;
    } else {
      for (let r = 0; r < routeCount; r++) {
        const priceFactor = drift[r]!;
        servedDay0 += base[r]! * priceFactor;
        servedAverage += weighted[r]! * priceFactor;
        drift[r] = priceFactor * growth[r]!;
      }
    }
    const stay = retention[age]!;
    const serving = stay * (sessions * servedAverage);
    inferencePerUser += serving;
    inferencePerUserDay0 += stay * (sessions * servedDay0);
    const earned = subscription ? perInstallDay * stayed : stay * perActiveUser;
    stayed *= dailyStay;
    ltv += earned - serving;
    turnover += Math.abs(earned) + serving;
    if (payback && paybackDay === null && settled(ltv - payable, turnover + payable) >= 0) paybackDay = age;
  }
  return { inferencePerUser, inferencePerUserDay0, ltv: revenue === null ? null : settled(ltv, turnover), paybackDay };
}
