import { describe, expect, it } from "vitest";
import {
  breakevenTurns,
  inferenceOvertakesAcquisitionDay,
  inferenceOvertakesTrainingDay,
  usersForTrainingBelowCac,
} from "../../src/model/milestones.js";

describe("inferenceOvertakesTrainingDay: first t with Σ_{j<=t} inference(j) >= training committed by t", () => {
  const constant = (value: number) => [value, value, value, value];

  it("finds the day the running total reaches T", () => {
    // running totals 1, 3, 6, 10: reaches 6 on day 2 (>= counts), 7 on day 3
    expect(inferenceOvertakesTrainingDay([1, 2, 3, 4], constant(6))).toBe(2);
    expect(inferenceOvertakesTrainingDay([1, 2, 3, 4], constant(7))).toBe(3);
  });

  it("is null when not reached inside the horizon, or without training", () => {
    expect(inferenceOvertakesTrainingDay([1, 2, 3, 4], constant(10.5))).toBeNull();
    expect(inferenceOvertakesTrainingDay([1, 2, 3, 4], constant(0))).toBeNull();
  });

  it("a retrain committed on day 2 moves the bar", () => {
    // running totals 1, 3, 6, 10; committed 2, 2, 8, 8: day 1 reaches 2 (3 >= 2)
    expect(inferenceOvertakesTrainingDay([1, 2, 3, 4], [2, 2, 8, 8])).toBe(1);
    // committed 4, 4, 8, 8: day 1 has 3 < 4; day 2 has 6 < 8; day 3 has 10 >= 8
    expect(inferenceOvertakesTrainingDay([1, 2, 3, 4], [4, 4, 8, 8])).toBe(3);
  });
});

describe("inferenceOvertakesAcquisitionDay: first t with Σ inference >= Σ spend > 0", () => {
  it("compares running totals", () => {
    // inference 1, 2, 7; spend 2, 3, 4: day 2
    expect(inferenceOvertakesAcquisitionDay([1, 1, 5], [2, 1, 1])).toBe(2);
  });

  it("needs some spend: zero spend is never overtaken", () => {
    expect(inferenceOvertakesAcquisitionDay([1, 1, 1], [0, 0, 0])).toBeNull();
    // day 0: 0 >= 0 but spend is not > 0; day 1: 1 >= 1 > 0
    expect(inferenceOvertakesAcquisitionDay([0, 1], [0, 1])).toBe(1);
  });

  it("is null when spend stays ahead", () => {
    expect(inferenceOvertakesAcquisitionDay([1, 1, 1], [5, 0, 0])).toBeNull();
  });
});

describe("breakevenTurns and usersForTrainingBelowCac", () => {
  it("breakeven_turns = cac_blended / cost_per_turn", () => {
    // 12.5 / 0.0125 = 1000
    expect(breakevenTurns(12.5, 0.0125)).toBeCloseTo(1000, 9);
  });

  it("users_for_training_below_cac = T_H / cac_blended", () => {
    // 1000 / 12.5 = 80
    expect(usersForTrainingBelowCac(1000, 12.5)).toBe(80);
  });

  it("is null for a zero or missing denominator", () => {
    expect(breakevenTurns(null, 0.01)).toBeNull();
    expect(breakevenTurns(12.5, 0)).toBeNull();
    expect(usersForTrainingBelowCac(1000, 0)).toBeNull();
    expect(usersForTrainingBelowCac(1000, null)).toBeNull();
  });
});
