import { ratio } from "../arithmetic.js";
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
import { scratch } from "./scratch.js";
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
 * - one pass over the days for the calendar's sums and the milestones, in reused arrays.
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
  const routeGrowth = routes.map((route) => (route.annualPriceChange === 0 ? 1 : (1 + route.annualPriceChange) ** (1 / 365)));

  const trainingHorizon = attributedTraining(input.training, horizonDays);
  const bought = acquisitionDays(acquisition, horizonDays);
  const dau = scratch("dau", horizonDays);
  for (const term of bought.terms) addTermDau(term, retention, cumulative, dau, horizonDays);

  const calendar = calendarSums(input, bought, dau, routes, routeGrowth, sessions);
  const { totalAcquisition, totalInference, installs, paidInstalls } = calendar;
  const cacBlended = ratio(totalAcquisition, installs);
  const trainingPerUser = ratio(trainingHorizon, installs);
  const costPerTurn = costPerSession / turnsPerSession;

  const unit = unitSums(input, bought.installs, installs, retention, routes, routeGrowth, sessions, cacBlended);

  return {
    totals: {
      acquisition: totalAcquisition,
      inference: totalInference,
      training: trainingHorizon,
      total: totalAcquisition + totalInference + trainingHorizon,
      revenue: calendar.revenue,
      installs,
      paid_installs: paidInstalls,
      organic_installs: calendar.organicInstalls,
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
      channelResult(channel, bought.spend[0] ?? 0, bought.channelSpend[i]!, bought.channelInstalls[i]!),
    ),
    routes: inference.routesGiven ? routes.map(routeResult) : null,
  };
}

interface CalendarSums {
  totalAcquisition: number;
  totalInference: number;
  installs: number;
  paidInstalls: number;
  organicInstalls: number;
  revenue: number | null;
  peakDau: number;
  dauSum: number;
  overtakesTrainingDay: number | null;
  overtakesAcquisitionDay: number | null;
}

/**
 * The calendar's totals and its two day milestones in one pass: `serve(t)` as a running
 * product per route, revenue per active user or the subscriptions' decaying running sum
 * (revenue.ts), the training committed by each day (training.ts).
 */
function calendarSums(
  input: ModelInput,
  bought: AcquisitionDays,
  dau: Float64Array,
  routes: readonly RouteCost[],
  routeGrowth: readonly number[],
  sessions: number,
): CalendarSums {
  const horizonDays = input.horizonDays;
  const revenue = input.revenue;
  const perActiveUser = revenue === null || revenue.kind === "subscription" ? 0 : arpdau(revenue) * netShare(revenue);
  const perSubscriberDay = revenue?.kind === "subscription" ? ((revenue.conversion * revenue.priceMonthly) / 30) * netShare(revenue) : 0;
  const dailyStay = revenue?.kind === "subscription" ? (1 - revenue.monthlyChurn) ** (1 / 30) : 0;
  const generations = trainingGenerations(input.training, horizonDays);
  const drift = routes.map(() => 1);

  let totalAcquisition = 0;
  let totalInference = 0;
  let installs = 0;
  let paidInstalls = 0;
  let organicInstalls = 0;
  let totalRevenue = 0;
  let peakDau = 0;
  let dauSum = 0;
  let subscribers = 0;
  let committed = 0;
  let nextGeneration = 0;
  let overtakesTrainingDay: number | null = null;
  let overtakesAcquisitionDay: number | null = null;
  for (let day = 0; day < horizonDays; day++) {
    let costOfSession = 0;
    for (let r = 0; r < routes.length; r++) {
      if (day > 0) drift[r] = drift[r]! * routeGrowth[r]!;
      costOfSession += routes[r]!.share * routes[r]!.costPerSession * drift[r]!;
    }
    const active = dau[day]!;
    const inferenceOfDay = active * (sessions * costOfSession);
    totalAcquisition += bought.spend[day]!;
    totalInference += inferenceOfDay;
    installs += bought.installs[day]!;
    paidInstalls += bought.paidInstalls[day]!;
    organicInstalls += bought.organicInstalls[day]!;
    dauSum += active;
    if (active > peakDau) peakDau = active;
    if (revenue !== null) {
      if (revenue.kind === "subscription") {
        subscribers = subscribers * dailyStay + bought.installs[day]!;
        totalRevenue += subscribers * perSubscriberDay;
      } else {
        totalRevenue += active * perActiveUser;
      }
    }
    while (nextGeneration < generations.length && generations[nextGeneration]!.day <= day) committed += generations[nextGeneration++]!.cost;
    if (overtakesTrainingDay === null && committed > 0 && totalInference >= committed) overtakesTrainingDay = day;
    if (overtakesAcquisitionDay === null && totalAcquisition > 0 && totalInference >= totalAcquisition) overtakesAcquisitionDay = day;
  }
  return {
    totalAcquisition,
    totalInference,
    installs,
    paidInstalls,
    organicInstalls,
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
 * sessions Σ_r share_r cost_r g_r^a G_r`, `G_r = Σ_d w_d g_r^d`, and the margin, LTV and payback.
 */
function unitSums(
  input: ModelInput,
  installsByDay: Float64Array,
  installs: number,
  retention: Float64Array,
  routes: readonly RouteCost[],
  routeGrowth: readonly number[],
  sessions: number,
  cacBlended: number | null,
): UnitSums {
  const { horizonDays } = input;
  const lifetimeDays = input.usage.lifetimeDays;
  // G_r, with unit.ts's weights: installs(d) / N, or the day-0 user alone when N is 0.
  const weighted = routes.map((route, r) => {
    if (!(installs > 0)) return route.share * route.costPerSession;
    let total = 0;
    let power = 1;
    for (let day = 0; day < horizonDays; day++) {
      total += (installsByDay[day]! / installs) * power;
      power *= routeGrowth[r]!;
    }
    return route.share * route.costPerSession * total;
  });
  const revenue = input.revenue;
  const perActiveUser = revenue === null || revenue.kind === "subscription" ? 0 : arpdau(revenue) * netShare(revenue);
  const perInstallDay = revenue?.kind === "subscription" ? ((revenue.conversion * revenue.priceMonthly) / 30) * netShare(revenue) : 0;
  const churn = revenue?.kind === "subscription" ? revenue.monthlyChurn : 0;
  const drift = routes.map(() => 1);

  let inferencePerUser = 0;
  let inferencePerUserDay0 = 0;
  let ltv = 0;
  let paybackDay: number | null = null;
  for (let age = 0; age < lifetimeDays; age++) {
    let servedDay0 = 0;
    let servedAverage = 0;
    for (let r = 0; r < routes.length; r++) {
      if (age > 0) drift[r] = drift[r]! * routeGrowth[r]!;
      servedDay0 += routes[r]!.share * routes[r]!.costPerSession * drift[r]!;
      servedAverage += weighted[r]! * drift[r]!;
    }
    const stay = retention[age]!;
    const serving = stay * (sessions * servedAverage);
    inferencePerUser += serving;
    inferencePerUserDay0 += stay * (sessions * servedDay0);
    if (revenue !== null) {
      const earned = revenue.kind === "subscription" ? perInstallDay * (1 - churn) ** (age / 30) : stay * perActiveUser;
      ltv += earned - serving;
      if (paybackDay === null && cacBlended !== null && ltv >= cacBlended) paybackDay = age;
    }
  }
  return { inferencePerUser, inferencePerUserDay0, ltv: revenue === null ? null : ltv, paybackDay };
}
