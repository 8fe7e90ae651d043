import type { FileCheck } from "../../scenario/check.js";
import type { Registry } from "../shared/render.js";

/** `check`'s renderers, loaded on demand like those of `run`. */
export const checkRegistry: Registry<readonly FileCheck[]> = {
  table: async () => (await import("./table.js")).renderCheckTable,
  json: async () => (await import("./json.js")).renderCheckJson,
  junit: async () => (await import("./junit.js")).renderCheckJunit,
  md: async () => (await import("./md.js")).renderCheckMarkdown,
  html: async () => (await import("../html/index.js")).renderCheckHtml,
};
