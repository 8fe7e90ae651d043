import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { costRoutes, mixedSessionCost, mixedTokens, routeTokens } from "../../src/model/routes.js";
import { evaluate } from "../../src/model/index.js";
import type { InferenceRoute, ModelInput, TokenPrices } from "../../src/model/index.js";
import { handInput, modelInputArb, near, numbersIn, plainTokens } from "../helpers/model-input.js";

const priced = (name: string, share: number, base: TokenPrices, extra: Partial<InferenceRoute> = {}): InferenceRoute => ({
  name,
  share,
  serving: { kind: "price", price: { base, tiers: [] } },
  annualPriceChange: 0,
  tokens: {},
  ...extra,
});

// deepseek-chat and deepseek-reasoner, USD per 1M (market-facts.md); reasoning at the output price.
const CHAT: TokenPrices = { input: 0.27, cachedInput: 0.07, output: 1.1, reasoning: 1.1 };
const REASONER: TokenPrices = { input: 0.55, cachedInput: 0.14, output: 2.19, reasoning: 2.19 };
const ONE_TURN = plainTokens({ input: 100, output: 400 });

describe("a two-route mix is the share-weighted sessions", () => {
  /*
   * One turn of 100 in and 400 out.
   *   chat (70 %): (100 * 0.27 + 400 * 1.10) / 1e6 = (27 + 440) / 1e6 = 467e-6
   *   think (30 %, 1,500 reasoning tokens): (100 * 0.55 + 400 * 2.19 + 1500 * 2.19) / 1e6 = (55 + 876 + 3285) / 1e6 = 4216e-6
   *   mix: 0.7 * 467 + 0.3 * 4216 = 326.9 + 1264.8 = 1591.7e-6
   *   tokens: output 0.7 * 400 + 0.3 * 1900 = 850, of which reasoning 0.3 * 1500 = 450
   */
  const routes = costRoutes([priced("chat", 0.7, CHAT), priced("think", 0.3, REASONER, { tokens: { reasoning: 1500 } })], ONE_TURN, [1]);

  it("per route", () => {
    expect(routes[0]!.costPerSession).toBeCloseTo(467e-6, 15);
    expect(routes[1]!.costPerSession).toBeCloseTo(4216e-6, 15);
    expect(routes[1]!.tokens).toEqual({ input: 100, cachedInput: 0, output: 1900, reasoning: 1500 });
  });

  it("mixed", () => {
    expect(mixedSessionCost(routes, 0)).toBeCloseTo(1591.7e-6, 15);
    const mixed = mixedTokens(routes);
    expect(mixed.input).toBeCloseTo(100, 12);
    expect(mixed.output).toBeCloseTo(850, 12);
    expect(mixed.reasoning).toBeCloseTo(450, 12);
  });

  it("each route drifts by its own annual change", () => {
    // a year on, chat at -50 % and think at -90 %: 0.7 * 233.5 + 0.3 * 421.6 = 163.45 + 126.48 = 289.93e-6
    const drifting = costRoutes(
      [
        priced("chat", 0.7, CHAT, { annualPriceChange: -0.5 }),
        priced("think", 0.3, REASONER, { annualPriceChange: -0.9, tokens: { reasoning: 1500 } }),
      ],
      ONE_TURN,
      [1],
    );
    expect(mixedSessionCost(drifting, 365)).toBeCloseTo(289.93e-6, 15);
  });
});

describe("routeTokens: a route's tokens override the scenario's key by key", () => {
  it("keeps every key the route does not give", () => {
    const base = plainTokens({ system: 800, input: 100, output: 400, history: { kind: "full" } });
    expect(routeTokens(base, { reasoning: 1500, history: { kind: "none" } })).toEqual({
      ...base,
      reasoning: 1500,
      history: { kind: "none" },
    });
    expect(routeTokens(base, {})).toEqual(base);
  });
});

describe("routes through evaluate", () => {
  it("the result lists the routes when the scenario gives them, and serving_price only for one route", () => {
    const input: ModelInput = {
      ...handInput(),
      inference: {
        routes: [priced("chat", 0.7, CHAT), priced("think", 0.3, REASONER, { tokens: { output: 100, reasoning: 1500 } })],
        routesGiven: true,
      },
      tokens: plainTokens({ input: 100, output: 400 }),
    };
    const { result } = evaluate(input);
    // think: (100 * 0.55 + 100 * 2.19 + 1500 * 2.19) / 1e6 = (55 + 219 + 3285) / 1e6 = 3559e-6
    // mix: 0.7 * 467 + 0.3 * 3559 = 326.9 + 1067.7 = 1394.6e-6; 2.5 sessions: serve = 3486.5e-6
    expect(result.routes).toEqual([
      {
        name: "chat",
        share: 0.7,
        tokens_per_session: { input: 100, cached_input: 0, output: 400, reasoning: 0 },
        cost_per_session: expect.closeTo(467e-6, 15),
      },
      {
        name: "think",
        share: 0.3,
        tokens_per_session: { input: 100, cached_input: 0, output: 1600, reasoning: 1500 },
        cost_per_session: expect.closeTo(3559e-6, 15),
      },
    ]);
    expect(result.unit.cost_per_session).toBeCloseTo(1394.6e-6, 15);
    expect(result.unit.serve_per_dau_day).toBeCloseTo(3486.5e-6, 15);
    // output 0.7 * 400 + 0.3 * 1600 = 760, reasoning 0.3 * 1500 = 450
    expect(result.unit.tokens_per_session.output).toBeCloseTo(760, 12);
    expect(result.unit.tokens_per_session.reasoning).toBeCloseTo(450, 12);
    expect(result.unit.serving_price).toBeNull();
  });

  it("without routes in the file, no routes in the result", () => {
    expect(evaluate(handInput()).result.routes).toBeNull();
  });

  it("adding a route with share 0 changes no figure", () => {
    fc.assert(
      fc.property(
        modelInputArb,
        fc.record({ input: fc.double({ min: 0, max: 100, noNaN: true }), output: fc.double({ min: 0, max: 100, noNaN: true }) }),
        fc.integer({ min: 0, max: 5000 }),
        (input, price, reasoning) => {
          const idle = priced("idle", 0, { ...price, cachedInput: price.input, reasoning: price.output }, { tokens: { reasoning } });
          const withIdle: ModelInput = { ...input, inference: { routes: [...input.inference.routes, idle], routesGiven: false } };
          const figures = (model: ModelInput) => {
            const { result } = evaluate(model);
            return numbersIn({ ...result, unit: { ...result.unit, serving_price: null } });
          };
          const before = figures(input);
          const after = figures(withIdle);
          expect(after.map(([path]) => path)).toEqual(before.map(([path]) => path));
          const differ = before.filter(([, value], i) => !near(value, after[i]![1], 1e-12)).map(([path]) => path);
          expect(differ).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});

/** A random input with v2 serving: a turn distribution, and 1-3 routes, priced (with tiers) or self-hosted. */
const pricesArb = fc.record({
  input: fc.double({ min: 0, max: 50, noNaN: true }),
  cachedInput: fc.double({ min: 0, max: 50, noNaN: true }),
  output: fc.double({ min: 0, max: 100, noNaN: true }),
  reasoning: fc.double({ min: 0, max: 100, noNaN: true }),
});
const servingArb: fc.Arbitrary<InferenceRoute["serving"]> = fc.oneof(
  fc.tuple(pricesArb, fc.array(fc.tuple(fc.integer({ min: 1, max: 200_000 }), pricesArb), { maxLength: 2 })).map(([base, tiers]) => {
    const aboves = [...new Set(tiers.map(([above]) => above))].sort((a, b) => a - b);
    return { kind: "price" as const, price: { base, tiers: aboves.map((above, i) => ({ above, prices: tiers[i]![1] })) } };
  }),
  fc
    .record({
      gpuHourPrice: fc.double({ min: 0, max: 10, noNaN: true }),
      inputTokensPerGpuSecond: fc.double({ min: 1, max: 1e5, noNaN: true }),
      outputTokensPerGpuSecond: fc.double({ min: 1, max: 1e4, noNaN: true }),
      cachedInputTokensPerGpuSecond: fc.double({ min: 1, max: 1e5, noNaN: true }),
      utilization: fc.double({ min: 0.01, max: 1, noNaN: true }),
    })
    .map((selfHosted) => ({ kind: "self_hosted" as const, selfHosted })),
);
const v2InputArb = fc
  .tuple(
    modelInputArb,
    fc.oneof(
      fc.double({ min: 1, max: 20, noNaN: true }).map((mean) => ({ kind: "geometric" as const, mean })),
      fc
        .array(fc.tuple(fc.integer({ min: 1, max: 25 }), fc.double({ min: 0.01, max: 1, noNaN: true })), { minLength: 1, maxLength: 4 })
        .map((entries) => {
          const merged = new Map<number, number>();
          for (const [turns, weight] of entries) merged.set(turns, (merged.get(turns) ?? 0) + weight);
          const total = [...merged.values()].reduce((a, b) => a + b, 0);
          return { kind: "shares" as const, shares: [...merged].map(([turns, weight]) => ({ turns, share: weight / total })) };
        }),
    ),
    fc.array(
      fc.tuple(
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        servingArb,
        fc.double({ min: -0.95, max: 0, noNaN: true }),
        fc.integer({ min: 0, max: 3000 }),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([input, turns, routes]): ModelInput => {
    const total = routes.reduce((sum, [weight]) => sum + weight, 0);
    return {
      ...input,
      usage: { ...input.usage, turns },
      inference: {
        routes: routes.map(([weight, serving, annualPriceChange, reasoning], i) => ({
          name: `r${i}`,
          share: weight / total,
          serving,
          annualPriceChange,
          tokens: { reasoning },
        })),
        routesGiven: true,
      },
    };
  });

describe("v2 serving properties over random inputs", () => {
  it("every figure is finite, and with prices that never rise the average acquired user costs at most the day-0 one", () => {
    fc.assert(
      fc.property(v2InputArb, (input) => {
        const { result, calendar } = evaluate(input);
        expect(numbersIn({ result, calendar }).filter(([, value]) => !Number.isFinite(value))).toEqual([]);
        // serve(d + a) <= serve(a) for every route's falling (or flat) prices
        expect(result.unit.inference_per_user).toBeLessThanOrEqual(result.unit.inference_per_user_day0 * (1 + 1e-12) + 1e-300);
        // cost_per_session = E[n] cost_per_turn; the routes' costs mix by share
        expect(near(result.unit.cost_per_turn * result.unit.mean_turns_per_session, result.unit.cost_per_session, 1e-12)).toBe(true);
        const mixed = result.routes!.reduce((sum, route) => sum + route.share * route.cost_per_session, 0);
        expect(near(mixed, result.unit.cost_per_session, 1e-12)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
