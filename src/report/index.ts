import type { JsonResult } from "../result/json-result.js";
import type { RenderOptions } from "./options.js";

export const FORMATS = ["table", "json", "csv", "md"] as const;
export type Format = (typeof FORMATS)[number];

export type Renderer = (results: readonly JsonResult[], options: RenderOptions) => string;

/** Renderers by format, loaded on demand so that a JSON run never loads the table's dependencies. */
const RENDERERS: Record<Format, () => Promise<Renderer>> = {
  table: async () => (await import("./table.js")).renderTable,
  json: async () => (await import("./json.js")).renderJson,
  csv: async () => (await import("./csv.js")).renderCsv,
  md: async () => (await import("./md.js")).renderMarkdown,
};

export async function render(format: Format, results: readonly JsonResult[], options: RenderOptions): Promise<string> {
  const renderer = await RENDERERS[format]();
  return renderer(results, options);
}
