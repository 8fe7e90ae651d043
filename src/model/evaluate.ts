import { channelCpa, marginalCpa, saturationFactor } from "./acquisition.js";
import { ratio, settled, sum } from "./arithmetic.js";
import { buildCalendar, type ChannelTotals } from "./calendar.js";
import { costLadder } from "./ladder.js";
import { pricesPerMillion, routeResult, tokensResult } from "./route-results.js";
import { breakevenTurns, inferenceOvertakesAcquisitionDay, inferenceOvertakesTrainingDay, usersForTrainingBelowCac } from "./milestones.js";
import { retentionCurve } from "./retention.js";
import { revenuePerUserByAge } from "./revenue.js";
import { costRoutes, mixedSessionCost, mixedTokens } from "./routes.js";
import { servePerDauDay, sessionsPerDauDay } from "./serving.js";
import { meanTurns, survival } from "./turns.js";
import { attributedTraining, committedTrainingByDay } from "./training.js";
import { cacIncremental, cohortServeByAge, inferencePerUser, installWeights, marginByAge, paybackDay, turnoverByAge } from "./unit.js";
import type { Calendar, Channel, ModelInput, ModelResult } from "./types.js";

export interface Evaluation {
  result: ModelResult;
  calendar: Calendar;
}

/** The whole model: a scenario's inputs to its totals, unit view, ladder and milestones. */
export function evaluate(input: ModelInput): Evaluation {
  const { horizonDays, usage, tokens, inference, acquisition } = input;
  const days = Math.max(horizonDays, usage.lifetimeDays);
  const retention = retentionCurve(input.retention, days, input.retentionTail);

  const turnSurvival = survival(usage.turns);
  const turnsPerSession = meanTurns(usage.turns);
  const routes = costRoutes(inference.routes, tokens, turnSurvival);
  const session = mixedTokens(routes);
  const costPerSession = mixedSessionCost(routes, 0);
  // serve(d + a) for every install day d < H and age a < L.
  const serve = servePerDauDay(routes, sessionsPerDauDay(usage, turnsPerSession), horizonDays + usage.lifetimeDays - 1);

  const trainingHorizon = attributedTraining(input.training, horizonDays);

  const { calendar, channels } = buildCalendar({
    acquisition,
    horizonDays,
    retention,
    serve,
    trainingPerDay: trainingHorizon / horizonDays,
    revenue: input.revenue,
  });

  const totalAcquisition = sum(calendar.acquisition);
  const totalInference = sum(calendar.inference);
  const installs = sum(calendar.installs);
  const paidInstalls = sum(calendar.paidInstalls);

  const cacBlended = ratio(totalAcquisition, installs);
  const trainingPerUser = ratio(trainingHorizon, installs);
  const costPerTurn = costPerSession / turnsPerSession;

  // The average acquired user (model-v2.md 9): serving cost at each age, averaged over install days.
  const servedAtAge = cohortServeByAge(installWeights(calendar.installs), serve, usage.lifetimeDays);
  const inferenceUser = inferencePerUser(retention, servedAtAge, usage.lifetimeDays);

  // Net revenue per user at each age (model-v2.md 8), less what serving them costs.
  const revenueByAge = input.revenue === null ? null : revenuePerUserByAge(input.revenue, retention, usage.lifetimeDays);
  const margin = revenueByAge === null ? null : marginByAge(retention, servedAtAge, revenueByAge, usage.lifetimeDays);
  const turnover = revenueByAge === null ? null : turnoverByAge(retention, servedAtAge, revenueByAge, usage.lifetimeDays);
  const ltv = margin === null || turnover === null ? null : settled(sum(margin), sum(turnover));

  const result: ModelResult = {
    totals: {
      acquisition: totalAcquisition,
      inference: totalInference,
      training: trainingHorizon,
      total: totalAcquisition + totalInference + trainingHorizon,
      revenue: calendar.revenue === null ? null : sum(calendar.revenue),
      installs,
      paid_installs: paidInstalls,
      organic_installs: sum(calendar.organicInstalls),
      peak_dau: Math.max(0, ...calendar.dau),
      avg_dau: sum(calendar.dau) / horizonDays,
    },
    unit: {
      cac_paid: ratio(totalAcquisition, paidInstalls),
      cac_blended: cacBlended,
      cac_incremental: cacIncremental(totalAcquisition, paidInstalls, acquisition.organicRatio),
      inference_per_user: inferenceUser,
      inference_per_user_day0: inferencePerUser(retention, serve, usage.lifetimeDays),
      training_per_user: trainingPerUser,
      cost_per_turn: costPerTurn,
      cost_per_session: costPerSession,
      mean_turns_per_session: turnsPerSession,
      serve_per_dau_day: serve[0]!,
      serving_price: routes.length === 1 ? pricesPerMillion(routes[0]!) : null,
      tokens_per_session: tokensResult(session),
      ltv,
      ltv_to_cac: ratio(ltv, cacBlended),
      payback_day: margin === null || turnover === null ? null : paybackDay(margin, turnover, cacBlended),
    },
    ladder: costLadder(inferenceUser, trainingPerUser, cacBlended),
    milestones: {
      breakeven_turns: breakevenTurns(cacBlended, costPerTurn),
      users_for_training_below_cac: usersForTrainingBelowCac(trainingHorizon, cacBlended),
      inference_overtakes_training_day: inferenceOvertakesTrainingDay(
        calendar.inference,
        committedTrainingByDay(input.training, horizonDays),
      ),
      inference_overtakes_acquisition_day: inferenceOvertakesAcquisitionDay(calendar.inference, calendar.acquisition),
    },
    channels: channelBreakdown(input, channels, calendar.acquisition[0] ?? 0),
    routes: inference.routesGiven ? routes.map(routeResult) : null,
  };
  return { result, calendar };
}

/**
 * Each channel's share, its CPA and marginal CPA at day 0's spend (saturation included,
 * before any drift), and the spend and installs of its own CPA path over the horizon.
 */
function channelBreakdown(input: ModelInput, totals: readonly ChannelTotals[], daySpend: number): ModelResult["channels"] {
  return input.acquisition.channels.map((channel, i) => channelResult(channel, daySpend, totals[i]!.spend, totals[i]!.installs));
}

/** One channel of the result, given day 0's total spend and the channel's own totals over the horizon. */
export function channelResult(channel: Channel, daySpend: number, spend: number, installs: number): ModelResult["channels"][number] {
  const channelSpend = channel.share * daySpend;
  const cpa = channelCpa(channel.cost) * saturationFactor(channelSpend, channel.saturation);
  return {
    name: channel.name,
    share: channel.share,
    cpa,
    marginal_cpa: marginalCpa(cpa, channelSpend, channel.saturation),
    spend,
    installs,
  };
}
