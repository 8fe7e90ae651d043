import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prefixTokens, resentTokensPerTurn, resentTurns, sessionTokens, tokensCost } from "../../src/model/tokens.js";
import type { HistoryMode, SessionTokens, TokenPrices, TokensPerTurn } from "../../src/model/index.js";
import { plainTokens } from "../helpers/model-input.js";

/** The example turn: 800 system, 9,000 context, 100 input, 400 output, full history. */
const EXAMPLE: TokensPerTurn = plainTokens({ system: 800, context: 9000, input: 100, output: 400, history: { kind: "full" } });

/** A fixed length of `n` turns: S(k) = 1 for k <= n. */
const fixed = (n: number) => new Array<number>(n).fill(1);

/** Prices with reasoning billed at the output price, as v1 billed it. */
const v1Prices = (input: number, cachedInput: number, output: number): TokenPrices => ({ input, cachedInput, output, reasoning: output });

/** v1's session tokens: reasoning is part of output. */
const v1Session = (input: number, cachedInput: number, output: number, reasoning = 0): SessionTokens => ({
  input,
  cachedInput,
  output,
  reasoning,
});

describe("resentTurns h(k)", () => {
  it("full history resends every earlier turn: h(k) = k - 1", () => {
    expect(resentTurns({ kind: "full" }, 1)).toBe(0);
    expect(resentTurns({ kind: "full" }, 5)).toBe(4);
  });

  it("no history resends nothing", () => {
    expect(resentTurns({ kind: "none" }, 1)).toBe(0);
    expect(resentTurns({ kind: "none" }, 20)).toBe(0);
  });

  it("a window of N resends min(k - 1, N)", () => {
    const window: HistoryMode = { kind: "window", turns: 3 };
    expect([1, 2, 3, 4, 5, 20].map((k) => resentTurns(window, k))).toEqual([0, 1, 2, 3, 3, 3]);
    expect(resentTurns({ kind: "window", turns: 0 }, 7)).toBe(0);
  });
});

describe("per_turn and prefix(k)", () => {
  it("per_turn = input + output, plus context only when history includes it", () => {
    // 100 + 400 = 500; with context: 100 + 400 + 9000 = 9500
    expect(resentTokensPerTurn(EXAMPLE)).toBe(500);
    expect(resentTokensPerTurn({ ...EXAMPLE, historyIncludesContext: true })).toBe(9500);
  });

  it("prefix(k) = system + h(k) * per_turn; reasoning is never part of it", () => {
    // k = 1: 800 + 0 * 500 = 800; k = 4: 800 + 3 * 500 = 2300
    expect(prefixTokens(EXAMPLE, 1)).toBe(800);
    expect(prefixTokens(EXAMPLE, 4)).toBe(2300);
    expect(prefixTokens({ ...EXAMPLE, reasoning: 10_000 }, 4)).toBe(2300);
  });
});

describe("sessionTokens and sessionCost", () => {
  it("the issue's example: 20 turns with full history burn 293,000 input and 8,000 output tokens, 0.2504 at 0.8 / 2 per 1M", () => {
    // in(k) = 800 + (k-1) * 500 + 9000 + 100 = 9900 + 500 (k-1)
    // IN = 20 * 9900 + 500 * (0 + 1 + ... + 19) = 198,000 + 500 * 190 = 293,000
    // OUT = 20 * 400 = 8,000
    const session = sessionTokens(EXAMPLE, fixed(20));
    expect(session).toEqual(v1Session(293_000, 0, 8000));
    // (293,000 * 0.8 + 8,000 * 2) / 1e6 = (234,400 + 16,000) / 1e6 = 0.2504
    expect(tokensCost(session, v1Prices(0.8, 0.8, 2))).toBeCloseTo(0.2504, 12);
  });

  it("no history: every turn sends only system + context + input", () => {
    // IN = 20 * (800 + 9000 + 100) = 198,000
    expect(sessionTokens({ ...EXAMPLE, history: { kind: "none" } }, fixed(20))).toEqual(v1Session(198_000, 0, 8000));
  });

  it("a window of 3 turns: h = 0, 1, 2, then 3 for the other 17 turns", () => {
    // Σ h = 0 + 1 + 2 + 17 * 3 = 54; IN = 198,000 + 54 * 500 = 225,000
    expect(sessionTokens({ ...EXAMPLE, history: { kind: "window", turns: 3 } }, fixed(20)).input).toBe(225_000);
  });

  it("a window at least as long as the session is full history", () => {
    expect(sessionTokens({ ...EXAMPLE, history: { kind: "window", turns: 19 } }, fixed(20)).input).toBe(293_000);
  });

  it("history_includes_context resends each earlier turn's context too", () => {
    // per_turn = 9500; IN = 198,000 + 190 * 9500 = 198,000 + 1,805,000 = 2,003,000
    expect(sessionTokens({ ...EXAMPLE, historyIncludesContext: true }, fixed(20)).input).toBe(2_003_000);
  });

  it("cache_hit_rate bills that share of the resent prefix at the cached price", () => {
    // Σ prefix = 20 * 800 + 500 * 190 = 16,000 + 95,000 = 111,000; cached = 0.5 * 111,000 = 55,500
    const session = sessionTokens({ ...EXAMPLE, cacheHitRate: 0.5 }, fixed(20));
    expect(session).toEqual(v1Session(293_000, 55_500, 8000));
    // ((293,000 - 55,500) * 0.8 + 55,500 * 0.2 + 8,000 * 2) / 1e6
    //   = (190,000 + 11,100 + 16,000) / 1e6 = 0.2171
    expect(tokensCost(session, v1Prices(0.8, 0.2, 2))).toBeCloseTo(0.2171, 12);
  });

  it("the context of the current turn is never cached (it is not part of the prefix)", () => {
    // One turn, no system prompt: prefix = 0, so nothing is cached even at a 100 % hit rate.
    expect(sessionTokens(plainTokens({ context: 5000, input: 10, cacheHitRate: 1 }), fixed(1))).toEqual(v1Session(5010, 0, 0));
  });

  it("reasoning is billed as output and never resent", () => {
    // OUT = 20 * (400 + 300) = 14,000; IN stays 293,000
    const session = sessionTokens({ ...EXAMPLE, reasoning: 300 }, fixed(20));
    expect(session).toEqual(v1Session(293_000, 0, 14_000, 6000));
    // cost rises by 20 * 300 * 2 / 1e6 = 0.012: 0.2504 + 0.012 = 0.2624
    expect(tokensCost(session, v1Prices(0.8, 0.8, 2))).toBeCloseTo(0.2624, 12);
  });

  it("a one-turn session is system + context + input in, output + reasoning out", () => {
    expect(sessionTokens({ ...EXAMPLE, reasoning: 50 }, fixed(1))).toEqual(v1Session(9900, 0, 450, 50));
  });
});

const tokensArb = fc.record({
  system: fc.integer({ min: 0, max: 10_000 }),
  context: fc.integer({ min: 0, max: 10_000 }),
  input: fc.integer({ min: 0, max: 10_000 }),
  output: fc.integer({ min: 0, max: 10_000 }),
  reasoning: fc.integer({ min: 0, max: 10_000 }),
  historyIncludesContext: fc.boolean(),
  cacheHitRate: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe("token burn properties", () => {
  it("full history matches the closed form n (system + context + input) + per_turn n (n-1) / 2", () => {
    fc.assert(
      fc.property(tokensArb, fc.integer({ min: 1, max: 200 }), (t, n) => {
        const tokens = plainTokens({ ...t, history: { kind: "full" } });
        const perTurn = t.input + t.output + (t.historyIncludesContext ? t.context : 0);
        const session = sessionTokens(tokens, fixed(n));
        expect(session.input).toBe(n * (t.system + t.context + t.input) + (perTurn * n * (n - 1)) / 2);
        expect(session.output).toBe(n * (t.output + t.reasoning));
      }),
    );
  });

  it("cached = rate * Σ prefix, and never more than the input", () => {
    fc.assert(
      fc.property(tokensArb, fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 10 }), (t, n, window) => {
        const tokens = plainTokens({ ...t, history: { kind: "window", turns: window } });
        const session = sessionTokens(tokens, fixed(n));
        let prefixes = 0;
        for (let k = 1; k <= n; k++) prefixes += t.system + Math.min(k - 1, window) * resentTokensPerTurn(tokens);
        expect(session.cachedInput).toBeCloseTo(t.cacheHitRate * prefixes, 6);
        expect(session.cachedInput).toBeLessThanOrEqual(session.input);
      }),
    );
  });

  it("none <= window <= full, for input tokens", () => {
    fc.assert(
      fc.property(tokensArb, fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 120 }), (t, n, window) => {
        const of = (history: HistoryMode) => sessionTokens(plainTokens({ ...t, history }), fixed(n)).input;
        const none = of({ kind: "none" });
        const windowed = of({ kind: "window", turns: window });
        const full = of({ kind: "full" });
        expect(none).toBeLessThanOrEqual(windowed);
        expect(windowed).toBeLessThanOrEqual(full);
        if (window >= n - 1) expect(windowed).toBe(full);
      }),
    );
  });

  it("cost is linear in the prices: doubling every price doubles it", () => {
    const price = fc.double({ min: 0, max: 100, noNaN: true });
    fc.assert(
      fc.property(tokensArb, fc.integer({ min: 1, max: 50 }), price, price, price, (t, n, input, cachedInput, output) => {
        const session = sessionTokens(plainTokens({ ...t, history: { kind: "full" } }), fixed(n));
        const once = tokensCost(session, v1Prices(input, cachedInput, output));
        const twice = tokensCost(session, v1Prices(2 * input, 2 * cachedInput, 2 * output));
        expect(twice).toBeCloseTo(2 * once, 9);
        expect(once).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
