import type { ComparedResult } from "../../whatif/delta.js";
import { lazyRegistry, type Registry } from "../shared/render.js";

/** `compare`'s renderers: one module, loaded on first use, so chalk and cli-table3 load only when a table is drawn. */
export const compareRegistry: Registry<readonly ComparedResult[]> = {
  ...lazyRegistry(["table", "json", "csv", "md"], async () => (await import("./compare.js")).compareRenderers),
  html: async () => (await import("../html/index.js")).renderCompareHtml,
};
