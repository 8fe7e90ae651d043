import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluatePoint } from "../../src/scenario/evaluate.js";
import { type BlockPool, type BlockResult, type DrawBlock, evaluateBlock, sampleScenario } from "../../src/uncertainty/sample.js";
import { ScenarioSampler } from "../../src/uncertainty/sampling.js";

// retention-overlap.yaml: d7's and d30's ranges cross, so about one draw in five breaks
// "retention never rises" and is drawn again; the run must stop at the same draw, with the
// same samples, whoever evaluates the blocks.
const file = "tests/fixtures/uncertainty/retention-overlap.yaml";
const sampler = ScenarioSampler.load({ file, text: readFileSync(file, "utf8") });
const central = evaluatePoint(sampler.base);
const seed = 7;

/** A pool whose `workers` answer blocks after a random delay (so out of order), failing on `failOn`. */
function fakePool(workers: number, segments: string[][], failOn = new Set<number>()): BlockPool & { evaluated: number[] } {
  const evaluated: number[] = [];
  const worker = (block: DrawBlock | undefined) =>
    new Promise<BlockResult | undefined>((resolve, reject) => {
      if (block === undefined) return resolve(undefined);
      setTimeout(
        () => {
          evaluated.push(block.first);
          if (failOn.has(block.first)) reject(new Error(`block at ${block.first} failed`));
          else resolve(evaluateBlock(sampler, seed, block, segments, evaluatePoint));
        },
        Math.floor(Math.random() * 3),
      );
    });
  return { nextWorker: async () => worker, parallel: workers, close: async () => {}, evaluated };
}

const run = (n: number, open?: (segments: string[][]) => BlockPool | undefined) =>
  sampleScenario(sampler, central, { n, seed }, evaluatePoint, open && { open: async (_s, _seed, segments) => open(segments) });

describe("sampleScenario", () => {
  it("gives the same samples and rejections with workers, without, and with workers that never load", async () => {
    for (const n of [1000, 2100]) {
      const alone = await run(n);
      expect(alone.summary.n).toBe(n);
      expect(alone.rejections.count).toBeGreaterThan(0);
      expect(await run(n, (segments) => fakePool(3, segments))).toEqual(alone);
      const neverReady: BlockPool = { nextWorker: () => new Promise(() => {}), parallel: 2, close: async () => {} };
      expect(await run(n, () => neverReady)).toEqual(alone);
    }
  });

  it("fails with a worker's error on a block the run needs", async () => {
    // 1,000 valid draws at about four in five need the blocks of draws 0, 500 and 1,000; this
    // thread takes the first, and a worker the second as soon as this thread yields.
    await expect(run(1000, (segments) => fakePool(2, segments, new Set([500])))).rejects.toThrow("block at 500 failed");
  });

  it("claims no block past those the valid draws still need", async () => {
    // 500 valid draws at about four in five need two blocks; at most a few more are drawn ahead.
    let pool: ReturnType<typeof fakePool> | undefined;
    await run(500, (segments) => {
      pool = fakePool(4, segments);
      return pool;
    });
    expect(pool!.evaluated.length).toBeLessThanOrEqual(3);
  });
});
