import { describe, expect, it } from "vitest";
import { trainingForHorizon, trainingRunCost, trainingTotal } from "../../src/model/training.js";

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
