import { describe, expect, it } from "vitest";
import { MoneyAmount } from "../../src/lib/money.js";
import { Range } from "../../src/scenario/range.js";
import { MAX_TURNS, RETENTION_DAYS, scenarioSchema } from "../../src/scenario/schema.js";
import { BASE } from "../helpers/scenario-data.js";

const parse = (changes: Record<string, unknown>) => scenarioSchema().safeParse({ ...BASE, ...changes });

describe("scenarioSchema()", () => {
  it("fills in the defaults", () => {
    const parsed = parse({});
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data).toMatchObject({
      currency: "USD",
      horizon_days: 365,
      tokens: { system: 0, context: 0, reasoning: 0, history: "full", history_includes_context: false, cache_hit_rate: 0 },
      inference: { annual_price_change: 0 },
    });
    expect(parse({ acquisition: {} }).data?.acquisition).toEqual({ annual_cost_change: 0, organic_installs_per_day: 0, organic_ratio: 0 });
  });

  it("parses money strings into amounts with their currency, for conversion later", () => {
    const parsed = parse({ revenue: { arpdau: "$0.5" } });
    expect(parsed.data?.revenue?.arpdau).toEqual(new MoneyAmount(0.5, "USD"));
    expect(parse({ revenue: { arpdau: 0.5 } }).data?.revenue?.arpdau).toBe(0.5);
  });

  it("parses ranges, marking those of whole-number fields", () => {
    const parsed = parse({
      usage: { sessions_per_dau: { low: 1, high: 2 }, turns_per_session: { low: 2, high: 5, dist: "triangular", mode: 3 } },
    });
    expect(parsed.data?.usage.sessions_per_dau).toEqual(new Range(1, 2, "uniform", undefined, false));
    expect(parsed.data?.usage.turns_per_session).toEqual(new Range(2, 5, "triangular", 3, true));
  });

  it("rejects unknown keys at every level", () => {
    expect(parse({ colour: "red" }).success).toBe(false);
    expect(parse({ tokens: { input: 1, output: 1, inptu: 2 } }).success).toBe(false);
    expect(parse({ usage: { sessions_per_dau: { low: 1, high: 2, median: 1.5 }, turns_per_session: 2 } }).success).toBe(false);
  });

  it("enforces single-value ranges and types", () => {
    const bad: Array<Record<string, unknown>> = [
      { horizon_days: 0 },
      { horizon_days: 3651 },
      { horizon_days: 30.5 },
      { currency: "XYZ" },
      { fx: { USD: 0 } },
      { fx: { usd: 7 } },
      { tokens: { input: -1, output: 1 } },
      { tokens: { input: 1, output: 1, history: -1 } },
      { tokens: { input: 1, output: 1, history: 1.5 } },
      { tokens: { input: 1, output: 1, cache_hit_rate: 1.1 } },
      { usage: { sessions_per_dau: 0, turns_per_session: 2 } },
      { usage: { sessions_per_dau: 1, turns_per_session: 0 } },
      { acquisition: { annual_cost_change: -1 } },
      { acquisition: { channels: [] } },
      { acquisition: { channels: [{ name: "a", cpa: 0 }] } },
      { acquisition: { channels: [{ name: "a", cpa: "¥0" }] } },
      { acquisition: { channels: [{ name: "", cpa: 1 }] } },
      { training: { runs: [] } },
      { name: "" },
    ];
    for (const changes of bad) expect(parse(changes).success, JSON.stringify(changes)).toBe(false);
  });

  it("accepts the edges of each range", () => {
    const good: Array<Record<string, unknown>> = [
      { horizon_days: 1 },
      { horizon_days: 3650 },
      { retention: { d1: 1, d365: 1 } },
      { tokens: { input: 0, output: 0, history: 0, cache_hit_rate: 1 } },
      { acquisition: { annual_cost_change: -0.99, duration_days: 0 } },
      { revenue: { arpdau: 0 } },
      { currency: "JPY" },
    ];
    for (const changes of good) expect(parse(changes).success, JSON.stringify(changes)).toBe(true);
  });

  it("caps a turn-shares key at MAX_TURNS, like turns_per_session and the geometric mean", () => {
    // A key of 9007199254740993 once reached the model and failed allocating its survival list (exit 70).
    const shares = (longest: string) =>
      parse({ usage: { sessions_per_dau: 1, turns_distribution: { shares: { 1: 0.5, [longest]: 0.5 } } } });
    expect(shares(String(MAX_TURNS)).success).toBe(true);
    expect(shares(String(MAX_TURNS + 1)).success).toBe(false);
    // The key's own message sits inside zod's record-key issue, where the loader finds it.
    expect(JSON.stringify(shares("9007199254740993").error?.issues)).toMatch(/at most 10000 turns/);
  });

  it("lists the retention days model.md allows", () => {
    expect(RETENTION_DAYS).toEqual({ d1: 1, d3: 3, d7: 7, d14: 14, d30: 30, d60: 60, d90: 90, d180: 180, d365: 365 });
  });
});
