import type { JsonResult } from "../../result/json-result.js";
import { type Cell, csvTable, flatten } from "../shared/csv.js";

/**
 * One row per scenario, a header of dotted JSON paths; with a timeline, one row per
 * period instead, led by the scenario's name and file.
 */
export function renderCsv(results: readonly JsonResult[]): string {
  if (results.some((result) => result.timeline !== undefined)) {
    return csvTable(
      results.flatMap((result) =>
        (result.timeline ?? []).map((period) => {
          const row = new Map<string, Cell>([
            ["scenario.name", result.scenario.name],
            ["scenario.file", result.scenario.file],
            ["scenario.currency", result.scenario.currency],
          ]);
          return flatten(period, "", row);
        }),
      ),
    );
  }
  return csvTable(results.map((result) => flatten(result)));
}
