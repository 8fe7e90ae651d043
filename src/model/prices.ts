import type { PriceList, SelfHosted, TokenPrices } from "./types.js";

/**
 * The prices a turn is billed at: the tier with the largest `above` that its whole prompt
 * (cached part included) exceeds, or the base price (model-v2.md, section 2).
 */
export function pricesForPrompt(price: PriceList, promptTokens: number): TokenPrices {
  return price.tiers[tierIndex(price, promptTokens) - 1]?.prices ?? price.base;
}

/** 0 for the base price, `i` for `tiers[i - 1]`: the last tier whose `above` the prompt exceeds. */
export function tierIndex(price: PriceList, promptTokens: number): number {
  let index = 0;
  for (let i = 0; i < price.tiers.length; i++) if (promptTokens > price.tiers[i]!.above) index = i + 1;
  return index;
}

const SECONDS_PER_HOUR = 3600;

/**
 * What a million tokens cost on one's own GPUs:
 * `gpu_hour_price * 1e6 / (3600 * tokens_per_gpu_second * utilization)` for each kind;
 * reasoning tokens are decoded like output tokens.
 */
export function selfHostedPrices(selfHosted: SelfHosted): TokenPrices {
  const perMillion = (tokensPerGpuSecond: number) =>
    (selfHosted.gpuHourPrice * 1e6) / (SECONDS_PER_HOUR * tokensPerGpuSecond * selfHosted.utilization);
  const output = perMillion(selfHosted.outputTokensPerGpuSecond);
  return {
    input: perMillion(selfHosted.inputTokensPerGpuSecond),
    cachedInput: perMillion(selfHosted.cachedInputTokensPerGpuSecond),
    output,
    reasoning: output,
  };
}
