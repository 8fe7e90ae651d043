import { compoundedOnDay } from "./growth.js";
import type { Training, TrainingRun } from "./types.js";

/** A run's cost: given, or `gpu_hours * gpu_hour_price`. */
export function trainingRunCost(run: TrainingRun): number {
  return run.kind === "cost" ? run.cost : run.gpuHours * run.gpuHourPrice;
}

/** `T = Σ runs`. */
export function trainingTotal(training: Training): number {
  let total = 0;
  for (const run of training.runs) total += trainingRunCost(run);
  return total;
}

/** `T_H = T * min(1, H / useful_life_days)`: the part of one model this horizon uses up (v1). */
export function trainingForHorizon(trainingCost: number, horizonDays: number, usefulLifeDays: number): number {
  return trainingCost * Math.min(1, horizonDays / usefulLifeDays);
}

/** One model trained for the app: its start day and its cost charged to the app. */
export interface TrainingGeneration {
  day: number;
  cost: number;
}

/**
 * The models the app pays for, each charged `app_share` of its cost. Without `retrain`
 * one model on day 0 costing `T`; with it one every `U` days, at `t_j = j * U < H`,
 * costing `T_j = T * g(annual_cost_change) ** t_j` (Epoch's "2.4x a year" is 1.4).
 */
export function trainingGenerations(training: Training, horizonDays: number): TrainingGeneration[] {
  const appShare = training.appShare ?? 1;
  const cost = trainingTotal(training);
  if (!training.retrain) return [{ day: 0, cost: appShare * cost }];
  const generations: TrainingGeneration[] = [];
  for (let day = 0; day < horizonDays; day += training.usefulLifeDays) {
    generations.push({ day, cost: appShare * compoundedOnDay(cost, training.annualCostChange ?? 0, day) });
  }
  return generations;
}

/**
 * The training attributed to the horizon. Each run is spread over its own useful life `U`:
 * `T_H = Σ_j T_j * min(U, H - t_j) / U`; without `retrain`, v1's `T * min(1, H / U)`.
 * Both times `app_share` of it.
 */
export function attributedTraining(training: Training, horizonDays: number): number {
  const lifeDays = training.usefulLifeDays;
  if (!training.retrain) return (training.appShare ?? 1) * trainingForHorizon(trainingTotal(training), horizonDays, lifeDays);
  let total = 0;
  for (const generation of trainingGenerations(training, horizonDays)) {
    total += (generation.cost * Math.min(lifeDays, horizonDays - generation.day)) / lifeDays;
  }
  return total;
}

/**
 * Training committed by each day `t < days`: `Σ_{j: t_j <= t} T_j` (app share included);
 * a run is committed on its start day.
 */
export function committedTrainingByDay(training: Training, days: number): number[] {
  const generations = trainingGenerations(training, days);
  const committed = new Array<number>(days);
  let total = 0;
  let next = 0;
  for (let day = 0; day < days; day++) {
    while (next < generations.length && generations[next]!.day <= day) total += generations[next++]!.cost;
    committed[day] = total;
  }
  return committed;
}
