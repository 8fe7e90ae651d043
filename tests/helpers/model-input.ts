import fc from "fast-check";
import type { Channel, Inference, ModelInput, RetentionPoint, TokenPrices, TokensPerTurn } from "../../src/model/index.js";

/**
 * A double in `[min, max]` that the scenario format can hold: src/scenario/schema.ts takes
 * every number as 0 or at least 0.000001 in size (`notTiny`), so a subnormal such as
 * 1e-323 installs a day is no input of the model. There its rounding is relative to the
 * number itself (a few bits of precision), and two correct orders of summation differ by
 * tens of percent (the fast path's old "inference_overtakes_acquisition_day 6 vs 9").
 */
export function formatDouble(constraints: { min: number; max: number }): fc.Arbitrary<number> {
  return fc.double({ ...constraints, noNaN: true }).filter((value) => value === 0 || Math.abs(value) >= 1e-6);
}

/** Tokens of one turn with every option off: only `input` and `output` count. */
export function plainTokens(overrides: Partial<TokensPerTurn> = {}): TokensPerTurn {
  return {
    system: 0,
    context: 0,
    input: 0,
    output: 0,
    reasoning: 0,
    history: { kind: "none" },
    historyIncludesContext: false,
    cacheHitRate: 0,
    ...overrides,
  };
}

/** v1's `inference.price` as the one route `default`, reasoning billed at the output price unless given. */
export function priceInference(price: Omit<TokenPrices, "reasoning"> & { reasoning?: number }, annualPriceChange = 0): Inference {
  const base = { ...price, reasoning: price.reasoning ?? price.output };
  return {
    routes: [{ name: "default", share: 1, serving: { kind: "price", price: { base, tiers: [] } }, annualPriceChange, tokens: {} }],
    routesGiven: false,
  };
}

/**
 * The small scenario worked by hand in tests/model/evaluate.test.ts:
 * H = L = 3 days, R = [1, 0.5, 0.5] (flat d1 = d30 = 0.5), one turn of 1000 in / 500 out
 * at 2 / 4 per 1M (0.004 a session), 2.5 sessions a day (serve = 0.01), a budget of 100 a
 * day at CPA 10 for 2 days, 5 organic installs a day, one training run of 300 used up over
 * 6 days, no revenue.
 */
export function handInput(): ModelInput {
  return {
    horizonDays: 3,
    acquisition: {
      buying: { kind: "budget", dailyBudget: 100 },
      channels: [{ name: "ads", share: 1, cost: { kind: "cpa", cpa: 10 } }],
      durationDays: 2,
      annualCostChange: 0,
      organicInstallsPerDay: 5,
      organicRatio: 0,
    },
    retention: [
      { day: 1, rate: 0.5 },
      { day: 30, rate: 0.5 },
    ],
    usage: { sessionsPerDau: 2.5, turns: { kind: "fixed", turns: 1 }, maxTurnsPerDay: null, lifetimeDays: 3 },
    tokens: plainTokens({ input: 1000, output: 500 }),
    inference: priceInference({ input: 2, cachedInput: 2, output: 4 }),
    training: { runs: [{ name: "base", kind: "cost", cost: 300 }], usefulLifeDays: 6 },
    revenue: null,
  };
}

const RETENTION_DAYS = [1, 3, 7, 14, 30, 60, 90, 180, 365] as const;

/** d1 plus at least one later point, rates in (0, 1] and never rising, as the rules allow. */
export const retentionArb: fc.Arbitrary<RetentionPoint[]> = fc
  .tuple(
    fc.subarray(RETENTION_DAYS.slice(1), { minLength: 1 }),
    fc.array(formatDouble({ min: 1e-4, max: 1 }), { minLength: 9, maxLength: 9 }),
  )
  .map(([later, rates]) => {
    const days = [1, ...later];
    const sorted = rates.slice(0, days.length).sort((a, b) => b - a);
    return days.map((day, i) => ({ day, rate: sorted[i]! }));
  });

const moneyArb = formatDouble({ min: 0, max: 1e5 });
const positiveMoneyArb = formatDouble({ min: 0.01, max: 1e4 });
const rateArb = formatDouble({ min: 0.001, max: 1 });

const costArb: fc.Arbitrary<Channel["cost"]> = fc.oneof(
  positiveMoneyArb.map((cpa) => ({ kind: "cpa" as const, cpa })),
  fc.record({ kind: fc.constant("cpm" as const), cpm: positiveMoneyArb, ctr: rateArb, cvr: rateArb }),
  fc.record({ kind: fc.constant("cpc" as const), cpc: positiveMoneyArb, cvr: rateArb }),
);

/** 1 to 3 channels whose shares sum to 1. */
export const channelsArb: fc.Arbitrary<Channel[]> = fc
  .array(fc.tuple(formatDouble({ min: 0.05, max: 1 }), costArb), { minLength: 1, maxLength: 3 })
  .map((items) => {
    const weight = items.reduce((total, [w]) => total + w, 0);
    return items.map(([w, cost], i) => ({ name: `c${i}`, share: items.length === 1 ? 1 : w / weight, cost }));
  });

const tokensArb: fc.Arbitrary<TokensPerTurn> = fc.record({
  system: fc.integer({ min: 0, max: 5000 }),
  context: fc.integer({ min: 0, max: 20_000 }),
  input: fc.integer({ min: 0, max: 2000 }),
  output: fc.integer({ min: 0, max: 2000 }),
  reasoning: fc.integer({ min: 0, max: 5000 }),
  history: fc.oneof(
    fc.constant({ kind: "full" as const }),
    fc.constant({ kind: "none" as const }),
    fc.integer({ min: 0, max: 30 }).map((turns) => ({ kind: "window" as const, turns })),
  ),
  historyIncludesContext: fc.boolean(),
  cacheHitRate: formatDouble({ min: 0, max: 1 }),
});

/** Any valid model input, kept small enough (horizon <= 120 days) for hundreds of runs. */
export const modelInputArb: fc.Arbitrary<ModelInput> = fc
  .record({
    horizonDays: fc.integer({ min: 1, max: 120 }),
    lifetimeDays: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
    buying: fc.oneof(
      fc.constant(null),
      moneyArb.map((dailyBudget) => ({ kind: "budget" as const, dailyBudget })),
      formatDouble({ min: 0, max: 1e5 }).map((dailyInstalls) => ({ kind: "installs" as const, dailyInstalls })),
    ),
    channels: channelsArb,
    durationDays: fc.option(fc.integer({ min: 0, max: 150 }), { nil: undefined }),
    annualCostChange: formatDouble({ min: -0.95, max: 3 }),
    organicInstallsPerDay: formatDouble({ min: 0, max: 1e4 }),
    organicRatio: formatDouble({ min: 0, max: 2 }),
    retention: retentionArb,
    sessionsPerDau: formatDouble({ min: 0.01, max: 20 }),
    turnsPerSession: fc.integer({ min: 1, max: 40 }),
    maxTurnsPerDay: fc.option(formatDouble({ min: 0.5, max: 100 }), { nil: null }),
    tokens: tokensArb,
    price: fc.record({
      input: moneyArb.map((x) => x / 1000),
      cachedInput: moneyArb.map((x) => x / 1000),
      output: moneyArb.map((x) => x / 1000),
    }),
    annualPriceChange: formatDouble({ min: -0.99, max: 3 }),
    runs: fc.array(
      fc.oneof(
        moneyArb.map((cost) => ({ name: "run", kind: "cost" as const, cost: cost * 1000 })),
        fc.record({
          name: fc.constant("gpu"),
          kind: fc.constant("gpu" as const),
          gpuHours: formatDouble({ min: 0, max: 1e7 }),
          gpuHourPrice: formatDouble({ min: 0, max: 10 }),
        }),
      ),
      { maxLength: 2 },
    ),
    usefulLifeDays: fc.option(fc.integer({ min: 1, max: 3650 }), { nil: undefined }),
    revenue: fc.oneof(
      fc.constant(null),
      formatDouble({ min: 0, max: 5 }).map((arpdau) => ({ kind: "arpdau" as const, arpdau })),
      fc.record({
        kind: fc.constant("paying" as const),
        payingShare: rateArb,
        arppuMonthly: formatDouble({ min: 0, max: 500 }),
      }),
    ),
  })
  .map((r) => ({
    horizonDays: r.horizonDays,
    acquisition: {
      buying: r.buying,
      channels: r.buying === null ? [] : r.channels,
      durationDays: r.durationDays ?? r.horizonDays,
      annualCostChange: r.annualCostChange,
      organicInstallsPerDay: r.organicInstallsPerDay,
      organicRatio: r.organicRatio,
    },
    retention: r.retention,
    usage: {
      sessionsPerDau: r.sessionsPerDau,
      turns: { kind: "fixed" as const, turns: r.turnsPerSession },
      maxTurnsPerDay: r.maxTurnsPerDay,
      lifetimeDays: r.lifetimeDays ?? r.horizonDays,
    },
    tokens: r.tokens,
    inference: priceInference(r.price, r.annualPriceChange),
    training: { runs: r.runs, usefulLifeDays: r.usefulLifeDays ?? r.horizonDays },
    revenue: r.revenue,
  }));

/** Every number reachable in a value, with its dotted path. */
export function numbersIn(value: unknown, path = ""): Array<[string, number]> {
  if (typeof value === "number") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => numbersIn(item, `${path}.${i}`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => numbersIn(item, path ? `${path}.${key}` : key));
  }
  return [];
}

/** |a - b| within a relative tolerance (absolute near zero). */
export function near(a: number, b: number, relative = 1e-9): boolean {
  return Math.abs(a - b) <= relative * Math.max(1, Math.abs(a), Math.abs(b));
}
