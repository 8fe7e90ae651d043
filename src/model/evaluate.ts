import { blendedCpa, channelCpa } from "./acquisition.js";
import { ratio, sum } from "./arithmetic.js";
import { buildCalendar } from "./calendar.js";
import { costLadder } from "./ladder.js";
import {
  breakevenTurns,
  inferenceOvertakesAcquisitionDay,
  inferenceOvertakesTrainingDay,
  usersForTrainingBelowCac,
} from "./milestones.js";
import { retentionCurve } from "./retention.js";
import { arpdau as arpdauOf } from "./revenue.js";
import { servePerDauDay, sessionsPerDauDay } from "./serving.js";
import { sessionCost, sessionTokens } from "./tokens.js";
import { trainingForHorizon, trainingTotal } from "./training.js";
import { inferencePerUser, marginByAge, paybackDay } from "./unit.js";
import type { Calendar, ModelInput, ModelResult } from "./types.js";

export interface Evaluation {
  result: ModelResult;
  calendar: Calendar;
}

/** The whole model: a scenario's inputs to its totals, unit view, ladder and milestones. */
export function evaluate(input: ModelInput): Evaluation {
  const { horizonDays, usage, tokens, inference, acquisition } = input;
  const days = Math.max(horizonDays, usage.lifetimeDays);
  const retention = retentionCurve(input.retention, days);

  const session = sessionTokens(tokens, usage.turnsPerSession);
  const costPerSession = sessionCost(session, inference.price);
  const serve = servePerDauDay(session, sessionsPerDauDay(usage), inference.price, inference.annualPriceChange, days);

  const trainingCost = trainingTotal(input.training);
  const trainingHorizon = trainingForHorizon(trainingCost, horizonDays, input.training.usefulLifeDays);
  const arpdau = input.revenue === null ? null : arpdauOf(input.revenue);

  const calendar = buildCalendar({
    acquisition,
    horizonDays,
    retention,
    serve,
    trainingPerDay: trainingHorizon / horizonDays,
    arpdau,
  });

  const totalAcquisition = sum(calendar.acquisition);
  const totalInference = sum(calendar.inference);
  const installs = sum(calendar.installs);
  const paidInstalls = sum(calendar.paidInstalls);

  const cacBlended = ratio(totalAcquisition, installs);
  const trainingPerUser = ratio(trainingHorizon, installs);
  const inferenceUser = inferencePerUser(retention, serve, usage.lifetimeDays);
  const costPerTurn = costPerSession / usage.turnsPerSession;

  const margin = arpdau === null ? null : marginByAge(retention, serve, arpdau, usage.lifetimeDays);
  const ltv = margin === null ? null : sum(margin);

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
      inference_per_user: inferenceUser,
      training_per_user: trainingPerUser,
      cost_per_turn: costPerTurn,
      cost_per_session: costPerSession,
      serve_per_dau_day: serve[0]!,
      tokens_per_session: { input: session.input, cached_input: session.cachedInput, output: session.output },
      ltv,
      ltv_to_cac: ratio(ltv, cacBlended),
      payback_day: margin === null ? null : paybackDay(margin, cacBlended),
    },
    ladder: costLadder(inferenceUser, trainingPerUser, cacBlended),
    milestones: {
      breakeven_turns: breakevenTurns(cacBlended, costPerTurn),
      users_for_training_below_cac: usersForTrainingBelowCac(trainingHorizon, cacBlended),
      inference_overtakes_training_day: inferenceOvertakesTrainingDay(calendar.inference, trainingCost),
      inference_overtakes_acquisition_day: inferenceOvertakesAcquisitionDay(calendar.inference, calendar.acquisition),
    },
    channels: channelBreakdown(input, totalAcquisition, paidInstalls),
  };
  return { result, calendar };
}

/** Each channel's share of the spend, and the installs that share buys at its own CPA. */
function channelBreakdown(input: ModelInput, totalSpend: number, paidInstalls: number): ModelResult["channels"] {
  const { acquisition } = input;
  const cpa0 = blendedCpa(acquisition.channels);
  return acquisition.channels.map((channel) => {
    const cpa = channelCpa(channel.cost);
    const spend = channel.share * totalSpend;
    // installs_i(t) = share_i * spend(t) / cpa_i(t) = share_i * (CPA(t) / cpa_i) * paid(t),
    // and CPA(t) / cpa_i(t) = CPA0 / cpa_i on every day, as both drift alike.
    const installs = cpa0 === null ? 0 : (channel.share * cpa0 * paidInstalls) / cpa;
    return { name: channel.name, share: channel.share, cpa, spend, installs };
  });
}
