import { describe, expect, it } from "vitest";
import {
  attributedTraining,
  committedTrainingByDay,
  trainingForHorizon,
  trainingGenerations,
  trainingRunCost,
  trainingTotal,
} from "../../src/model/training.js";
import type { Training } from "../../src/model/index.js";

describe("training", () => {
  it("a run costs its cost, or gpu_hours * gpu_hour_price", () => {
    expect(trainingRunCost({ name: "post", kind: "cost", cost: 10_000 })).toBe(10_000);
    // DeepSeek-V3: 2,664,000 GPU-hours at 2 = 5,328,000
    expect(trainingRunCost({ name: "pre", kind: "gpu", gpuHours: 2_664_000, gpuHourPrice: 2 })).toBe(5_328_000);
  });

  it("T is the sum of the runs, 0 without runs", () => {
    // 5,328,000 + 10,000 = 5,338,000
    expect(
      trainingTotal({
        runs: [
          { name: "pre", kind: "gpu", gpuHours: 2_664_000, gpuHourPrice: 2 },
          { name: "post", kind: "cost", cost: 10_000 },
        ],
        usefulLifeDays: 365,
      }),
    ).toBe(5_338_000);
    expect(trainingTotal({ runs: [], usefulLifeDays: 365 })).toBe(0);
  });

  it("T_H = T * min(1, H / useful_life_days)", () => {
    // 1000 * 365 / 730 = 500; 1000 * min(1, 1) = 1000; 1000 * min(1, 2) = 1000; 1000 * 30 / 365
    expect(trainingForHorizon(1000, 365, 730)).toBe(500);
    expect(trainingForHorizon(1000, 365, 365)).toBe(1000);
    expect(trainingForHorizon(1000, 730, 365)).toBe(1000);
    expect(trainingForHorizon(730, 30, 365)).toBeCloseTo(60, 12);
  });
});

describe("retraining and app_share (model-v2.md 7)", () => {
  const base: Training = { runs: [{ name: "run", kind: "cost", cost: 100 }], usefulLifeDays: 365 };

  it("retrain, H = 730, U = 365, cost growth 1.4 (2.4x a year): T_H = 100 + 240 = 340", () => {
    // t_0 = 0: T_0 = 100, t_1 = 365: T_1 = 100 * 2.4^(365/365) = 240; each fully inside H:
    // T_H = 100 * 365/365 + 240 * min(365, 730 - 365)/365 = 340
    const training: Training = { ...base, retrain: true, annualCostChange: 1.4 };
    expect(trainingGenerations(training, 730)).toEqual([
      { day: 0, cost: 100 },
      { day: 365, cost: expect.closeTo(240, 9) },
    ]);
    expect(attributedTraining(training, 730)).toBeCloseTo(340, 9);
  });

  it("a run cut off by the horizon counts for its part: H = 800 adds T_2 = 576 * 70/365", () => {
    // t_2 = 730 < 800: T_2 = 100 * 2.4^2 = 576, min(365, 800 - 730) / 365 = 70/365
    const training: Training = { ...base, retrain: true, annualCostChange: 1.4 };
    expect(attributedTraining(training, 800)).toBeCloseTo(340 + (576 * 70) / 365, 9);
  });

  it("without retrain it is v1's T * min(1, H / U), times app_share", () => {
    // 100 * min(1, 730/365) = 100; app_share 0.25: 25. H = 100: 100 * 100/365 * 0.25
    expect(attributedTraining(base, 730)).toBe(100);
    expect(attributedTraining({ ...base, appShare: 0.25 }, 730)).toBe(25);
    expect(attributedTraining({ ...base, appShare: 0.25 }, 100)).toBeCloseTo((100 * 100 * 0.25) / 365, 12);
    // annual_cost_change means nothing without retrain
    expect(attributedTraining({ ...base, annualCostChange: 1.4 }, 730)).toBe(100);
  });

  it("app_share scales every run", () => {
    // H = 730, U = 365, growth 1.4, half charged to the app: 340 / 2 = 170
    expect(attributedTraining({ ...base, retrain: true, annualCostChange: 1.4, appShare: 0.5 }, 730)).toBeCloseTo(170, 9);
  });

  it("commits each run on its start day: Σ_{j: t_j <= t} T_j", () => {
    // U = 2, H = 5, growth 0: runs of 100 on days 0, 2, 4; app_share 0.5: 50 each
    const training: Training = { ...base, usefulLifeDays: 2, retrain: true, appShare: 0.5 };
    expect(committedTrainingByDay(training, 5)).toEqual([50, 50, 100, 100, 150]);
    // v1: the whole bill from day 0
    expect(committedTrainingByDay(base, 3)).toEqual([100, 100, 100]);
  });
});
