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
import { formatDouble, modelInputArb } from "./model-input.js";

/**
 * Model inputs using every key of the format (model.md and model-v2.md), as the rules
 * allow them: for the fast path's properties (tests/model/fast.test.ts), which must cover
 * each key. Horizons up to 200 days; the test stretches some to 3,650.
 */

const priceArb: fc.Arbitrary<TokenPrices> = fc.record({
  input: formatDouble({ min: 0, max: 100 }),
  cachedInput: formatDouble({ min: 0, max: 100 }),
  output: formatDouble({ min: 0, max: 100 }),
  reasoning: formatDouble({ min: 0, max: 100 }),
});

const servingArb: fc.Arbitrary<Serving> = fc.oneof(
  fc.tuple(priceArb, fc.array(fc.tuple(fc.integer({ min: 1, max: 20_000 }), priceArb), { maxLength: 3 })).map(([base, tiers]) => {
    let above = 0;
    return { kind: "price" as const, price: { base, tiers: tiers.map(([step, prices]) => ({ above: (above += step), prices })) } };
  }),
  fc.record({
    kind: fc.constant("self_hosted" as const),
    selfHosted: fc.record({
      gpuHourPrice: formatDouble({ min: 0, max: 10 }),
      inputTokensPerGpuSecond: formatDouble({ min: 1, max: 20_000 }),
      outputTokensPerGpuSecond: formatDouble({ min: 1, max: 5_000 }),
      cachedInputTokensPerGpuSecond: formatDouble({ min: 1, max: 50_000 }),
      utilization: formatDouble({ min: 0.05, max: 1 }),
    }),
  }),
);

const routesArb: fc.Arbitrary<InferenceRoute[]> = fc
  .array(
    fc.record({
      weight: formatDouble({ min: 0, max: 1 }),
      serving: servingArb,
      annualPriceChange: formatDouble({ min: -0.99, max: 3 }),
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
  formatDouble({ min: 1, max: 30 }).map((mean) => ({ kind: "geometric" as const, mean })),
  fc
    .array(fc.tuple(fc.integer({ min: 1, max: 30 }), formatDouble({ min: 0.01, max: 1 })), { minLength: 1, maxLength: 4 })
    .map((entries) => {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      return { kind: "shares" as const, shares: entries.map(([turns, weight]) => ({ turns, share: weight / total })) };
    }),
);

const buyingArb: fc.Arbitrary<BuyingMode> = fc.oneof(
  formatDouble({ min: 0, max: 1e6 }).map((dailyBudget) => ({ kind: "budget" as const, dailyBudget })),
  formatDouble({ min: 0, max: 1e5 }).map((dailyInstalls) => ({ kind: "installs" as const, dailyInstalls })),
);

const scheduleArb: fc.Arbitrary<ScheduleEntry[]> = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 90 }), buyingArb), { minLength: 1, maxLength: 4 })
  .map((entries) => {
    let fromDay = 0;
    return entries.map(([gap, buying], i) => ({ fromDay: i === 0 ? 0 : (fromDay += gap), buying }));
  });

const channelEffectsArb = fc.record({
  annualCostChange: fc.option(formatDouble({ min: -0.9, max: 3 }), { nil: undefined }),
  saturation: fc.option(
    fc.record({
      referenceDailySpend: formatDouble({ min: 1, max: 1e6 }),
      elasticity: formatDouble({ min: 0, max: 0.95 }),
    }),
    { nil: null },
  ),
});

const revenueArb: fc.Arbitrary<Revenue | null> = fc.oneof(
  fc.constant(null),
  fc.record({
    kind: fc.constant("arpdau" as const),
    arpdau: formatDouble({ min: 0, max: 5 }),
    storeFee: formatDouble({ min: 0, max: 0.5 }),
  }),
  fc.record({
    kind: fc.constant("subscription" as const),
    conversion: formatDouble({ min: 0.001, max: 1 }),
    priceMonthly: formatDouble({ min: 0, max: 100 }),
    monthlyChurn: formatDouble({ min: 0, max: 0.99 }),
    storeFee: formatDouble({ min: 0, max: 0.5 }),
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
    trainingChange: formatDouble({ min: -0.5, max: 2 }),
    appShare: formatDouble({ min: 0.01, max: 1 }),
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
