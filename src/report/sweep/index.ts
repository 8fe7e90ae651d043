import type { SweepReport } from "../../whatif/sweep-report.js";
import { lazyRegistry, type Registry } from "../shared/render.js";

/** `sweep`'s renderers: one module, loaded on first use, so chalk and cli-table3 load only when a table is drawn. */
export const sweepRegistry: Registry<SweepReport> = {
  ...lazyRegistry(["table", "json", "csv", "md"], async () => (await import("./sweep.js")).sweepRenderers),
  html: async () => (await import("../html/index.js")).renderSweepHtml,
};
