import type { JsonResult } from "../../result/json-result.js";
import type { Registry } from "../shared/render.js";

/** `run`'s renderers, each loaded on demand so that a JSON run never loads the table's dependencies. */
export const runRegistry: Registry<readonly JsonResult[]> = {
  table: async () => (await import("./table.js")).renderTable,
  json: async () => (await import("./json.js")).renderJson,
  csv: async () => (await import("./csv.js")).renderCsv,
  md: async () => (await import("./md.js")).renderMarkdown,
  // ../html/index.js is its own bundle (dist/html.cjs, scripts/build.mjs): only --format html loads d3.
  html: async () => (await import("../html/index.js")).renderRunHtml,
};
