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

/** `T_H = T * min(1, H / useful_life_days)`: the part of training this horizon uses up. */
export function trainingForHorizon(trainingCost: number, horizonDays: number, usefulLifeDays: number): number {
  return trainingCost * Math.min(1, horizonDays / usefulLifeDays);
}
