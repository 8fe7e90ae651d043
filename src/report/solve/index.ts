import type { SolveReport } from "../../whatif/solve-report.js";
import { lazyRegistry, type Registry } from "../shared/render.js";

/** `solve`'s renderers: one module, loaded on first use, so chalk and cli-table3 load only when a table is drawn. */
export const solveRegistry: Registry<SolveReport> = lazyRegistry(
  ["table", "json", "csv", "md"],
  async () => (await import("./solve.js")).solveRenderers,
);
