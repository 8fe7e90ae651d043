export { main, runCli } from "./cli/main.js";

/** A worker thread of `run --samples --jobs N` or `sweep --jobs N` (src/cli/workers.ts), loaded only there. */
export async function serveBlocks(): Promise<void> {
  await (await import("./cli/workers.js")).serveBlocks();
}
