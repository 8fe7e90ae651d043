import { cumulative, firstDay, ratio } from "./arithmetic.js";

/**
 * First day on which cumulative inference reaches the training committed by that day
 * (> 0): v1's whole bill `T`, or with retraining `app_share * Σ_{j: t_j <= t} T_j`.
 */
export function inferenceOvertakesTrainingDay(inference: readonly number[], committedTraining: readonly number[]): number | null {
  const spent = cumulative(inference);
  return firstDay(spent.length, (day) => committedTraining[day]! > 0 && spent[day]! >= committedTraining[day]!);
}

/** First day with `Σ inference >= Σ spend > 0`. */
export function inferenceOvertakesAcquisitionDay(inference: readonly number[], acquisition: readonly number[]): number | null {
  const served = cumulative(inference);
  const bought = cumulative(acquisition);
  return firstDay(served.length, (day) => bought[day]! > 0 && served[day]! >= bought[day]!);
}

/** `cac_blended / cost_per_turn`: turns of serving that cost as much as acquiring the user. */
export function breakevenTurns(cacBlended: number | null, costPerTurn: number): number | null {
  return ratio(cacBlended, costPerTurn);
}

/** `T_H / cac_blended`: users over which training costs less per head than acquiring one. */
export function usersForTrainingBelowCac(trainingForHorizon: number, cacBlended: number | null): number | null {
  return ratio(trainingForHorizon, cacBlended);
}
