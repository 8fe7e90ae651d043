import type { SensitivityReport } from "../../whatif/sensitivity-report.js";
import { lazyRegistry, type Registry } from "../shared/render.js";

/** `sensitivity`'s renderers: one module, loaded on first use, so chalk and cli-table3 load only when a table is drawn. */
export const sensitivityRegistry: Registry<SensitivityReport> = {
  ...lazyRegistry(["table", "json", "csv", "md"], async () => (await import("./sensitivity.js")).sensitivityRenderers),
  html: async () => (await import("../html/index.js")).renderSensitivityHtml,
};
