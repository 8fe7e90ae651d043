import type { OptimizeReport } from "../../whatif/optimize-report.js";
import { lazyRegistry, type Registry } from "../shared/render.js";

/** `optimize`'s renderers: one module, loaded on first use, so chalk and cli-table3 load only when a table is drawn. */
export const optimizeRegistry: Registry<OptimizeReport> = {
  ...lazyRegistry(["table", "json", "csv", "md"], async () => (await import("./optimize.js")).optimizeRenderers),
  html: async () => (await import("../html/index.js")).renderOptimizeHtml,
};
