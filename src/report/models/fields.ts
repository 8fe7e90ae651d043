import type { ModelPriceRow } from "../../catalog/models-view.js";

/** The fields of a price in a fixed order, for JSON. */
export function priceFields(row: ModelPriceRow): ModelPriceRow {
  return {
    effective: row.effective,
    input: row.input,
    cached_input: row.cached_input,
    output: row.output,
    reasoning: row.reasoning,
    tiers: row.tiers.map((tier) => ({
      above: tier.above,
      input: tier.input,
      cached_input: tier.cached_input,
      output: tier.output,
      reasoning: tier.reasoning,
    })),
    currency: row.currency,
    official: row.official,
    source: row.source,
    stale: row.stale,
  };
}
