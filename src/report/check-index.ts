import type { FileCheck } from "./check.js";
import type { RenderOptions } from "./options.js";

export const CHECK_FORMATS = ["table", "json", "junit", "md"] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

type CheckRenderer = (checks: readonly FileCheck[], options: RenderOptions) => string;

/** Renderers of `check` by format, loaded on demand like those of `run`. */
const RENDERERS: Record<CheckFormat, () => Promise<CheckRenderer>> = {
  table: async () => (await import("./check-table.js")).renderCheckTable,
  json: async () => (await import("./check-json.js")).renderCheckJson,
  junit: async () => (await import("./check-junit.js")).renderCheckJunit,
  md: async () => (await import("./check-md.js")).renderCheckMarkdown,
};

export async function renderCheck(format: CheckFormat, checks: readonly FileCheck[], options: RenderOptions): Promise<string> {
  const renderer = await RENDERERS[format]();
  return renderer(checks, options);
}
