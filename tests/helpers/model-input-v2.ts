import fc from "fast-check";
import type {
  BuyingMode,
  Channel,
  InferenceRoute,
  ModelInput,
  Revenue,
  ScheduleEntry,
  Serving,
  TokenPrices,
  TurnsDistribution,
} from "../../src/model/index.js";
import { modelInputArb } from "./model-input.js";

/**
 * Model inputs using every key of the format (model.md and model-v2.md), as the rules
 * allow them: for the fast path's properties (tests/model/fast.test.ts), which must cover
 * each key. Horizons up to 200 days; the test stretches some to 3,650.
 */

const priceArb: fc.Arbitrary<TokenPrices> = fc.record({
  input: fc.double({ min: 0, max: 100, noNaN: true }),
  cachedInput: fc.double({ min: 0, max: 100, noNaN: true }),
  output: fc.double({ min: 0, max: 100, noNaN: true }),
  reasoning: fc.double({ min: 0, max: 100, noNaN: true }),
});

const servingArb: fc.Arbitrary<Serving> = fc.oneof(
  fc.tuple(priceArb, fc.array(fc.tuple(fc.integer({ min: 1, max: 20_000 }), priceArb), { maxLength: 3 })).map(([base, tiers]) => {
    let above = 0;
    return { kind: "price" as const, price: { base, tiers: tiers.map(([step, prices]) => ({ above: (above += step), prices })) } };
  }),
  fc.record({
    kind: fc.constant("self_hosted" as const),
    selfHosted: fc.record({
      gpuHourPrice: fc.double({ min: 0, max: 10, noNaN: true }),
      inputTokensPerGpuSecond: fc.double({ min: 1, max: 20_000, noNaN: true }),
      outputTokensPerGpuSecond: fc.double({ min: 1, max: 5_000, noNaN: true }),
      cachedInputTokensPerGpuSecond: fc.double({ min: 1, max: 50_000, noNaN: true }),
      utilization: fc.double({ min: 0.05, max: 1, noNaN: true }),
    }),
  }),
);

const routesArb: fc.Arbitrary<InferenceRoute[]> = fc
  .array(
    fc.record({
      weight: fc.double({ min: 0, max: 1, noNaN: true }),
      serving: servingArb,
      annualPriceChange: fc.double({ min: -0.99, max: 3, noNaN: true }),
      tokens: fc.record(
        {
          reasoning: fc.integer({ min: 0, max: 5000 }),
          context: fc.integer({ min: 0, max: 20_000 }),
          history: fc.constant({ kind: "none" as const }),
        },
        { requiredKeys: [] },
      ),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((items) => {
    const total = items.reduce((sum, item) => sum + item.weight, 0);
    return items.map((item, i) => ({
      name: `r${i}`,
      share: total > 0 ? item.weight / total : i === 0 ? 1 : 0,
      serving: item.serving,
      annualPriceChange: item.annualPriceChange,
      tokens: item.tokens,
    }));
  });

const turnsArb: fc.Arbitrary<TurnsDistribution> = fc.oneof(
  fc.integer({ min: 1, max: 40 }).map((turns) => ({ kind: "fixed" as const, turns })),
  fc.double({ min: 1, max: 30, noNaN: true }).map((mean) => ({ kind: "geometric" as const, mean })),
  fc
    .array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0.01, max: 1, noNaN: true })), { minLength: 1, maxLength: 4 })
    .map((entries) => {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      return { kind: "shares" as const, shares: entries.map(([turns, weight]) => ({ turns, share: weight / total })) };
    }),
);

const buyingArb: fc.Arbitrary<BuyingMode> = fc.oneof(
  fc.double({ min: 0, max: 1e6, noNaN: true }).map((dailyBudget) => ({ kind: "budget" as const, dailyBudget })),
  fc.double({ min: 0, max: 1e5, noNaN: true }).map((dailyInstalls) => ({ kind: "installs" as const, dailyInstalls })),
);

const scheduleArb: fc.Arbitrary<ScheduleEntry[]> = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 90 }), buyingArb), { minLength: 1, maxLength: 4 })
  .map((entries) => {
    let fromDay = 0;
    return entries.map(([gap, buying], i) => ({ fromDay: i === 0 ? 0 : (fromDay += gap), buying }));
  });

const channelEffectsArb = fc.record({
  annualCostChange: fc.option(fc.double({ min: -0.9, max: 3, noNaN: true }), { nil: undefined }),
  saturation: fc.option(
    fc.record({
      referenceDailySpend: fc.double({ min: 1, max: 1e6, noNaN: true }),
      elasticity: fc.double({ min: 0, max: 0.95, noNaN: true }),
    }),
    { nil: null },
  ),
});

const revenueArb: fc.Arbitrary<Revenue | null> = fc.oneof(
  fc.constant(null),
  fc.record({
    kind: fc.constant("arpdau" as const),
    arpdau: fc.double({ min: 0, max: 5, noNaN: true }),
    storeFee: fc.double({ min: 0, max: 0.5, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant("subscription" as const),
    conversion: fc.double({ min: 0.001, max: 1, noNaN: true }),
    priceMonthly: fc.double({ min: 0, max: 100, noNaN: true }),
    monthlyChurn: fc.double({ min: 0, max: 0.99, noNaN: true }),
    storeFee: fc.double({ min: 0, max: 0.5, noNaN: true }),
  }),
);

export const fastInputArb: fc.Arbitrary<ModelInput> = fc
  .record({
    base: modelInputArb,
    horizonDays: fc.integer({ min: 1, max: 200 }),
    lifetimeDays: fc.integer({ min: 1, max: 250 }),
    buying: fc.option(buyingArb, { nil: null }),
    schedule: fc.option(scheduleArb, { nil: null }),
    channelCount: fc.integer({ min: 1, max: 3 }),
    effects: fc.array(channelEffectsArb, { minLength: 3, maxLength: 3 }),
    tail: fc.constantFrom("power" as const, "exponential" as const, "flat" as const),
    turns: turnsArb,
    routes: routesArb,
    routesGiven: fc.boolean(),
    retrain: fc.boolean(),
    trainingChange: fc.double({ min: -0.5, max: 2, noNaN: true }),
    appShare: fc.double({ min: 0.01, max: 1, noNaN: true }),
    usefulLifeDays: fc.integer({ min: 1, max: 400 }),
    revenue: revenueArb,
  })
  .map((r) => {
    const channels: Channel[] = (
      r.base.acquisition.channels.length > 0
        ? r.base.acquisition.channels
        : [{ name: "c0", share: 1, cost: { kind: "cpa" as const, cpa: 12 } }]
    ).map((channel, i) => ({ ...channel, ...r.effects[i]! }));
    const buying = r.buying ?? r.base.acquisition.buying;
    return {
      ...r.base,
      horizonDays: r.horizonDays,
      acquisition: {
        ...r.base.acquisition,
        buying: r.schedule === null ? buying : null,
        channels,
        schedule: r.schedule,
      },
      retentionTail: r.tail,
      usage: { ...r.base.usage, turns: r.turns, lifetimeDays: r.lifetimeDays },
      inference: { routes: r.routes, routesGiven: r.routesGiven },
      training: {
        ...r.base.training,
        retrain: r.retrain,
        annualCostChange: r.trainingChange,
        appShare: r.appShare,
        usefulLifeDays: r.usefulLifeDays,
      },
      revenue: r.revenue,
    };
  });
