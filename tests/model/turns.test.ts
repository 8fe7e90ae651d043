import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GEOMETRIC_TAIL, meanTurns, survival } from "../../src/model/turns.js";
import { sessionCost, sessionTokens } from "../../src/model/tokens.js";
import type { PriceList, TokensPerTurn, TurnsDistribution } from "../../src/model/index.js";
import { plainTokens } from "../helpers/model-input.js";

const fixed = (turns: number): TurnsDistribution => ({ kind: "fixed", turns });
const geometric = (mean: number): TurnsDistribution => ({ kind: "geometric", mean });
const shares = (entries: Record<number, number>): TurnsDistribution => ({
  kind: "shares",
  shares: Object.entries(entries).map(([turns, share]) => ({ turns: Number(turns), share })),
});

describe("survival S(k) = P(n >= k)", () => {
  it("a fixed length n: S(k) = 1 for k <= n", () => {
    expect(survival(fixed(3))).toEqual([1, 1, 1]);
    expect(meanTurns(fixed(3))).toBe(3);
  });

  it("geometric, mean 2.5: q = 0.6, S(k) = 0.6^(k-1) until it falls below 1e-15", () => {
    const s = survival(geometric(2.5));
    expect(s.slice(0, 4).map((x) => Number(x.toFixed(12)))).toEqual([1, 0.6, 0.36, 0.216]);
    // 0.6^(k-1) >= 1e-15 while k - 1 <= ln(1e-15) / ln(0.6) = 67.6: 68 turns
    expect(s).toHaveLength(68);
    expect(s.at(-1)!).toBeGreaterThanOrEqual(GEOMETRIC_TAIL);
    expect(0.6 ** 68).toBeLessThan(GEOMETRIC_TAIL);
    // E[n] = Σ S(k) = 1 / (1 - q) = 2.5
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(2.5, 13);
    expect(meanTurns(geometric(2.5))).toBe(2.5);
  });

  it("geometric with mean 1 is always one turn", () => {
    expect(survival(geometric(1))).toEqual([1]);
  });

  it("a shares histogram: WildChat-like 59 % one turn, 20 % two, 15 % four, 6 % twelve", () => {
    // S(1) = 1, S(2) = 0.41, S(3) = S(4) = 0.21, S(5..12) = 0.06
    const s = survival(shares({ 1: 0.59, 2: 0.2, 4: 0.15, 12: 0.06 }));
    expect(s).toHaveLength(12);
    expect(s.map((x) => Number(x.toFixed(12)))).toEqual([1, 0.41, 0.21, 0.21, 0.06, 0.06, 0.06, 0.06, 0.06, 0.06, 0.06, 0.06]);
    // E[n] = 1 + 0.41 + 0.21 + 0.21 + 8 * 0.06 = 2.31 = Σ k p_k = 0.59 + 0.4 + 0.6 + 0.72
    expect(meanTurns(shares({ 1: 0.59, 2: 0.2, 4: 0.15, 12: 0.06 }))).toBeCloseTo(2.31, 14);
  });
});

const tokensArb: fc.Arbitrary<TokensPerTurn> = fc
  .record({
    system: fc.integer({ min: 0, max: 5000 }),
    context: fc.integer({ min: 0, max: 20_000 }),
    input: fc.integer({ min: 0, max: 2000 }),
    output: fc.integer({ min: 0, max: 2000 }),
    reasoning: fc.integer({ min: 0, max: 3000 }),
    historyIncludesContext: fc.boolean(),
    cacheHitRate: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((t) => plainTokens({ ...t, history: { kind: "full" } }));

describe("expectations over a geometric length, full history: the closed forms", () => {
  it("the example turn at mean 2.5: E[IN] = m (system + context + input) + m (m-1) per_turn", () => {
    // 2.5 * (800 + 9000 + 100) + 2.5 * 1.5 * 500 = 24,750 + 1,875 = 26,625; E[OUT] = 2.5 * 400 = 1,000
    const tokens = plainTokens({ system: 800, context: 9000, input: 100, output: 400, history: { kind: "full" } });
    const session = sessionTokens(tokens, survival(geometric(2.5)));
    expect(session.input).toBeCloseTo(26_625, 9);
    expect(session.output).toBeCloseTo(1000, 10);
  });

  it("agrees with the closed forms to 1e-9 relative for any mean and tokens", () => {
    fc.assert(
      fc.property(tokensArb, fc.double({ min: 1, max: 60, noNaN: true }), (tokens, m) => {
        const perTurn = tokens.input + tokens.output + (tokens.historyIncludesContext ? tokens.context : 0);
        const base = tokens.system + tokens.context + tokens.input;
        const session = sessionTokens(tokens, survival(geometric(m)));
        const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
        // E[IN] = m base + m (m-1) per_turn; E[CACHED] = rate (m system + m (m-1) per_turn); E[OUT] = m (output + reasoning)
        expect(close(session.input, m * base + m * (m - 1) * perTurn)).toBe(true);
        expect(close(session.cachedInput, tokens.cacheHitRate * (m * tokens.system + m * (m - 1) * perTurn))).toBe(true);
        expect(close(session.output, m * (tokens.output + tokens.reasoning))).toBe(true);
        expect(close(session.reasoning, m * tokens.reasoning)).toBe(true);
      }),
    );
  });
});

const pricesArb = fc.record({
  input: fc.double({ min: 0, max: 20, noNaN: true }),
  cachedInput: fc.double({ min: 0, max: 20, noNaN: true }),
  output: fc.double({ min: 0, max: 60, noNaN: true }),
  reasoning: fc.double({ min: 0, max: 60, noNaN: true }),
});
const priceListArb: fc.Arbitrary<PriceList> = fc
  .tuple(pricesArb, fc.array(fc.tuple(fc.integer({ min: 1, max: 100_000 }), pricesArb), { maxLength: 3 }))
  .map(([base, tiers]) => {
    const above = [...new Set(tiers.map(([a]) => a))].sort((a, b) => a - b);
    return { base, tiers: above.map((a, i) => ({ above: a, prices: tiers[i]![1] })) };
  });
const histogramArb = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0.01, max: 1, noNaN: true })), { minLength: 1, maxLength: 5 })
  .map((entries) => {
    const byTurns = new Map<number, number>();
    for (const [turns, weight] of entries) byTurns.set(turns, (byTurns.get(turns) ?? 0) + weight);
    const total = [...byTurns.values()].reduce((a, b) => a + b, 0);
    return [...byTurns].map(([turns, weight]) => ({ turns, share: weight / total }));
  });

describe("a histogram is the weighted sum of fixed-length sessions", () => {
  it("for tokens and for cost, tiers included", () => {
    fc.assert(
      fc.property(tokensArb, priceListArb, histogramArb, (tokens, price, entries) => {
        const dist: TurnsDistribution = { kind: "shares", shares: entries };
        const expected = sessionCost(tokens, survival(dist), price);
        const weighted = entries.reduce((total, e) => total + e.share * sessionCost(tokens, survival(fixed(e.turns)), price), 0);
        expect(Math.abs(expected - weighted)).toBeLessThanOrEqual(1e-9 * Math.max(1e-9, weighted));
        const inputs = entries.reduce((total, e) => total + e.share * sessionTokens(tokens, survival(fixed(e.turns))).input, 0);
        expect(sessionTokens(tokens, survival(dist)).input).toBeCloseTo(inputs, 6);
      }),
    );
  });

  it("the expectation lies between the cheapest and the dearest session length", () => {
    fc.assert(
      fc.property(tokensArb, priceListArb, histogramArb, (tokens, price, entries) => {
        const costs = entries.map((e) => sessionCost(tokens, survival(fixed(e.turns)), price));
        const expected = sessionCost(tokens, survival({ kind: "shares", shares: entries }), price);
        const slack = 1e-12 * Math.max(...costs, 1e-12);
        expect(expected).toBeGreaterThanOrEqual(Math.min(...costs) - slack);
        expect(expected).toBeLessThanOrEqual(Math.max(...costs) + slack);
      }),
    );
  });
});
