import type { SampledResult } from "../../uncertainty/sample.js";
import { lazyRegistry, type Registry } from "../shared/render.js";

/** `run --samples`'s renderers: one module, loaded on first use, so chalk and cli-table3 load only when a table is drawn. */
export const samplesRegistry: Registry<readonly SampledResult[]> = {
  ...lazyRegistry(["table", "json", "csv", "md"], async () => (await import("./samples.js")).samplesRenderers),
  html: async () => (await import("../html/index.js")).renderSamplesHtml,
};
