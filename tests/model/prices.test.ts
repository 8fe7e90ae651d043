import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pricesForPrompt, selfHostedPrices, tierIndex } from "../../src/model/prices.js";
import { sessionCost, tokensCost } from "../../src/model/tokens.js";
import type { PriceList, SelfHosted, TokenPrices } from "../../src/model/index.js";
import { plainTokens } from "../helpers/model-input.js";

const flat = (input: number, output: number): TokenPrices => ({ input, cachedInput: input, output, reasoning: output });

/** Base 1 / 4; above 1,000 tokens 2 / 8; above 2,000 tokens 3 / 12. */
const TIERED: PriceList = {
  base: flat(1, 4),
  tiers: [
    { above: 1000, prices: flat(2, 8) },
    { above: 2000, prices: flat(3, 12) },
  ],
};

describe("context-length tiers", () => {
  it("a prompt is billed at the tier with the largest `above` it exceeds", () => {
    expect(tierIndex(TIERED, 999)).toBe(0);
    expect(tierIndex(TIERED, 1000)).toBe(0);
    expect(tierIndex(TIERED, 1001)).toBe(1);
    expect(tierIndex(TIERED, 2000)).toBe(1);
    expect(tierIndex(TIERED, 2001)).toBe(2);
    expect(pricesForPrompt(TIERED, 1000)).toBe(TIERED.base);
    expect(pricesForPrompt(TIERED, 5000)).toBe(TIERED.tiers[1]!.prices);
  });

  it("the boundary turn is billed on the right side: in(k) = above stays in the lower tier", () => {
    // 500 input, no output, full history: in(k) = 500, 1000, 1500 (turn 3 only is above 1,000)
    // cost = ((500 + 1000) * 1 + 1500 * 2) / 1e6 = 4500 / 1e6
    const tokens = plainTokens({ input: 500, history: { kind: "full" } });
    expect(sessionCost(tokens, [1, 1, 1], TIERED)).toBeCloseTo(0.0045, 15);
    // one token more a turn: in(k) = 501, 1002, 1503, turns 2 and 3 above 1,000:
    // (501 * 1 + (1002 + 1503) * 2) / 1e6 = (501 + 5010) / 1e6
    expect(sessionCost(plainTokens({ input: 501, history: { kind: "full" } }), [1, 1, 1], TIERED)).toBeCloseTo(0.005511, 15);
  });

  it("the whole prompt counts, its cached part included, and the whole turn moves to the tier", () => {
    // 600 system (all cached at rate 1) + 500 input = 1,100 > 1,000: tier 1, whose cached price is its input, 2
    // ((1100 - 600) * 2 + 600 * 2 + 300 * 8) / 1e6 = (1000 + 1200 + 2400) / 1e6
    const tokens = plainTokens({ system: 600, input: 500, output: 300, cacheHitRate: 1 });
    expect(sessionCost(tokens, [1], TIERED)).toBeCloseTo(0.0046, 15);
  });

  it("a session's expected cost is Σ S(k) cost(k), each turn at its own tier", () => {
    // in(k) = 800, 1600, 2400 (800 input, full history, no output); S = 1, 0.5, 0.25
    // (1 * 800 * 1 + 0.5 * 1600 * 2 + 0.25 * 2400 * 3) / 1e6 = (800 + 1600 + 1800) / 1e6
    expect(sessionCost(plainTokens({ input: 800, history: { kind: "full" } }), [1, 0.5, 0.25], TIERED)).toBeCloseTo(0.0042, 15);
  });
});

describe("reasoning tokens", () => {
  it("are billed at price.reasoning, the rest of the output at price.output", () => {
    // 100 in at 0.55, 400 reply at 2.19, 1500 reasoning at 5: (55 + 876 + 7500) / 1e6
    const prices: TokenPrices = { input: 0.55, cachedInput: 0.14, output: 2.19, reasoning: 5 };
    expect(tokensCost({ input: 100, cachedInput: 0, output: 1900, reasoning: 1500 }, prices)).toBeCloseTo(0.008431, 15);
  });
});

/** DeepSeek's published production day: per 8-GPU H800 node 73.7k input and 14.8k output tokens a second, $2 a GPU-hour. */
const DEEPSEEK: SelfHosted = {
  gpuHourPrice: 2,
  inputTokensPerGpuSecond: 73_700 / 8,
  outputTokensPerGpuSecond: 14_800 / 8,
  cachedInputTokensPerGpuSecond: 73_700 / 8,
  utilization: 1,
};

describe("self-hosted prices", () => {
  it("DeepSeek's figures give about $0.060 / $0.300 per 1M", () => {
    // input: 2 * 1e6 / (3600 * 9212.5) = 2e6 / 33,165,000 = 0.0603045
    // output: 2 * 1e6 / (3600 * 1850) = 2e6 / 6,660,000 = 0.3003003; reasoning decodes like output
    const prices = selfHostedPrices(DEEPSEEK);
    expect(prices.input).toBeCloseTo(0.0603045, 7);
    expect(prices.cachedInput).toBeCloseTo(0.0603045, 7);
    expect(prices.output).toBeCloseTo(0.3003003, 7);
    expect(prices.reasoning).toBe(prices.output);
  });

  it("reproduce DeepSeek's published $87,072 day within 0.1 %", () => {
    // 608B input and 168B output tokens: 608e3 * 0.0603045 + 168e3 * 0.3003003 = 36,665 + 50,450 = 87,115
    const prices = selfHostedPrices(DEEPSEEK);
    const day = tokensCost({ input: 608e9, cachedInput: 0, output: 168e9, reasoning: 0 }, prices);
    expect(Math.abs(day / 87_072 - 1)).toBeLessThan(0.001);
  });

  it("idle GPUs cost too: half utilization doubles every price", () => {
    const full = selfHostedPrices(DEEPSEEK);
    const half = selfHostedPrices({ ...DEEPSEEK, utilization: 0.5 });
    expect(half.input).toBeCloseTo(2 * full.input, 14);
    expect(half.output).toBeCloseTo(2 * full.output, 14);
  });

  it("a faster cached prefill makes cached tokens cheaper", () => {
    // 4x the throughput: a quarter of the price
    const prices = selfHostedPrices({ ...DEEPSEEK, cachedInputTokensPerGpuSecond: 4 * DEEPSEEK.inputTokensPerGpuSecond });
    expect(prices.cachedInput).toBeCloseTo(prices.input / 4, 14);
  });
});

describe("cost is monotone in every token count and every price", () => {
  const nonNegative = (max: number) => fc.double({ min: 0, max, noNaN: true });
  const pricesArb = fc.record({
    input: nonNegative(20),
    cachedInput: nonNegative(20),
    output: nonNegative(60),
    reasoning: nonNegative(60),
  });
  /** Tiers whose prices never fall below the tier before: a longer prompt never bills cheaper. */
  const risingPrices: fc.Arbitrary<PriceList> = fc
    .tuple(pricesArb, fc.array(fc.tuple(fc.integer({ min: 1, max: 50_000 }), pricesArb), { maxLength: 3 }))
    .map(([base, extra]) => {
      const aboves = [...new Set(extra.map(([a]) => a))].sort((a, b) => a - b);
      let previous = base;
      const tiers = aboves.map((above, i) => {
        const add = extra[i]![1];
        previous = {
          input: previous.input + add.input,
          cachedInput: previous.cachedInput + add.cachedInput,
          output: previous.output + add.output,
          reasoning: previous.reasoning + add.reasoning,
        };
        return { above, prices: previous };
      });
      return { base, tiers };
    });
  const tokensArb = fc.record({
    system: fc.integer({ min: 0, max: 5000 }),
    context: fc.integer({ min: 0, max: 20_000 }),
    input: fc.integer({ min: 0, max: 2000 }),
    output: fc.integer({ min: 0, max: 2000 }),
    reasoning: fc.integer({ min: 0, max: 3000 }),
  });
  const keys = ["system", "context", "input", "output", "reasoning"] as const;
  const survivalArb = fc
    .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 })
    .map((xs) => xs.sort((a, b) => b - a));

  it("more tokens of any kind never cost less", () => {
    fc.assert(
      fc.property(
        tokensArb,
        risingPrices,
        survivalArb,
        fc.constantFrom(...keys),
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (t, price, s, key, more, rate) => {
          const tokens = plainTokens({ ...t, history: { kind: "full" }, cacheHitRate: rate });
          // cached tokens must not be dearer than uncached ones for "more" to mean "dearer"
          const fair: PriceList = {
            base: { ...price.base, cachedInput: Math.min(price.base.cachedInput, price.base.input) },
            tiers: price.tiers.map((tier) => ({
              above: tier.above,
              prices: { ...tier.prices, cachedInput: Math.min(tier.prices.cachedInput, tier.prices.input) },
            })),
          };
          const before = sessionCost(tokens, s, fair);
          const after = sessionCost({ ...tokens, [key]: tokens[key] + more }, s, fair);
          expect(after).toBeGreaterThanOrEqual(before * (1 - 1e-12));
        },
      ),
    );
  });

  it("a higher price never costs less", () => {
    const priceKeys = ["input", "cachedInput", "output", "reasoning"] as const;
    fc.assert(
      fc.property(tokensArb, risingPrices, survivalArb, fc.constantFrom(...priceKeys), nonNegative(10), (t, price, s, key, more) => {
        const tokens = plainTokens({ ...t, history: { kind: "full" }, cacheHitRate: 0.5 });
        const raise = (p: TokenPrices): TokenPrices => ({ ...p, [key]: p[key] + more });
        const dearer: PriceList = {
          base: raise(price.base),
          tiers: price.tiers.map((tier) => ({ above: tier.above, prices: raise(tier.prices) })),
        };
        expect(sessionCost(tokens, s, dearer)).toBeGreaterThanOrEqual(sessionCost(tokens, s, price) * (1 - 1e-12));
      }),
    );
  });
});
