import { describe, expect, it } from "vitest";
import type { JsonResult } from "../../src/result/json-result.js";
import { compareAll, compareTo } from "../../src/whatif/delta.js";

/** A result with every figure 0 but those given: enough to check deltas by hand. */
function result(
  overrides: { totals?: Partial<JsonResult["totals"]>; unit?: Partial<JsonResult["unit"]>; ladder?: Partial<JsonResult["ladder"]> } = {},
): JsonResult {
  return {
    schema_version: 2,
    scenario: { name: "s", file: "s.yaml", currency: "USD", horizon_days: 30 },
    totals: {
      acquisition: 0,
      inference: 0,
      training: 0,
      total: 0,
      revenue: null,
      installs: 0,
      paid_installs: 0,
      organic_installs: 0,
      peak_dau: 0,
      avg_dau: 0,
      ...overrides.totals,
    },
    unit: {
      cac_paid: null,
      cac_blended: null,
      cac_incremental: null,
      inference_per_user: 0,
      inference_per_user_day0: 0,
      training_per_user: null,
      cost_per_turn: 0,
      cost_per_session: 0,
      mean_turns_per_session: 1,
      serve_per_dau_day: 0,
      serving_price: null,
      tokens_per_session: { input: 0, cached_input: 0, output: 0, reasoning: 0 },
      ltv: null,
      ltv_to_cac: null,
      payback_day: null,
      ...overrides.unit,
    },
    ladder: {
      inference: null,
      training: null,
      acquisition: null,
      order: [],
      not_available: ["inference", "training", "acquisition"],
      holds: false,
      ...overrides.ladder,
    },
    milestones: {
      breakeven_turns: null,
      users_for_training_below_cac: null,
      inference_overtakes_training_day: null,
      inference_overtakes_acquisition_day: null,
    },
    channels: [],
  };
}

describe("compareTo", () => {
  it("gives other - base and the change in percent of the base", () => {
    const compared = compareTo(
      result({ totals: { acquisition: 200 }, unit: { cac_blended: 8 } }),
      result({ totals: { acquisition: 250 }, unit: { cac_blended: 6 } }),
    );
    // 250 - 200 = 50, 50 / 200 = +25 %; 6 - 8 = -2, -2 / 8 = -25 %
    expect(compared.delta).toMatchObject({ totals: { acquisition: 50 }, unit: { cac_blended: -2 } });
    expect(compared.delta_pct).toMatchObject({ totals: { acquisition: 25 }, unit: { cac_blended: -25 } });
  });

  it("has a null percentage where the base is 0, and null where either figure is null", () => {
    const compared = compareTo(result({ totals: { inference: 0, revenue: null } }), result({ totals: { inference: 5, revenue: 10 } }));
    expect(compared.delta).toMatchObject({ totals: { inference: 5, revenue: null } });
    expect(compared.delta_pct).toMatchObject({ totals: { inference: null, revenue: null } });
  });

  it("gives null leaves, not an empty group, where a group of figures is null on one side (one route against several)", () => {
    // serving_price is the one route's prices, null with several routes: no change can be
    // measured, and a script reading delta.unit.serving_price.input finds null, as for any n/a figure.
    const prices = { input: 2, cached_input: 2, output: 4, reasoning: 4 };
    const none = { input: null, cached_input: null, output: null, reasoning: null };
    for (const [base, other] of [
      [result({ unit: { serving_price: prices } }), result()],
      [result(), result({ unit: { serving_price: prices } })],
    ] as const) {
      const compared = compareTo(base, other);
      expect((compared.delta.unit as Record<string, unknown>).serving_price).toEqual(none);
      expect((compared.delta_pct.unit as Record<string, unknown>).serving_price).toEqual(none);
    }
  });

  it("measures the percentage against the base's magnitude: a loss from -10 to -5 is +50 %", () => {
    const compared = compareTo(result({ unit: { ltv: -10 } }), result({ unit: { ltv: -5 } }));
    expect(compared.delta).toMatchObject({ unit: { ltv: 5 } });
    expect(compared.delta_pct).toMatchObject({ unit: { ltv: 50 } });
  });

  it("has the dotted shape of the key figures with numeric leaves only", () => {
    const { delta } = compareTo(result(), result());
    expect(Object.keys(delta)).toEqual(["totals", "unit", "ladder", "milestones"]);
    // holds (true/false) and order (a list) are not numbers; nested token counts are kept.
    expect(Object.keys(delta.ladder as object)).toEqual(["inference", "training", "acquisition"]);
    expect(delta.unit).toMatchObject({ tokens_per_session: { input: 0, cached_input: 0, output: 0 } });
    const leaves = JSON.stringify(delta).match(/:(-?\d|null)/g) ?? [];
    // unit: 13 figures, 4 token counts and serving_price (null here, one leaf)
    expect(leaves.length).toBe(10 + 18 + 3 + 4);
  });

  it("keeps the scenario's own result beside its delta, and the base's delta is zero", () => {
    const [base, other] = compareAll([result({ totals: { installs: 3000 } }), result({ totals: { installs: 1500 } })]);
    expect(base!.delta).toMatchObject({ totals: { installs: 0 } });
    expect(base!.delta_pct).toMatchObject({ totals: { installs: 0 } });
    expect(other!.totals.installs).toBe(1500);
    expect(other!.delta_pct).toMatchObject({ totals: { installs: -50 } });
  });
});
