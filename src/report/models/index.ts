import type { ModelsView } from "../../catalog/models-view.js";
import type { Registry } from "../shared/render.js";

/** `models`' renderers, loaded on demand as the scenario renderers are. */
export const modelsRegistry: Registry<ModelsView> = {
  table: async () => (await import("./table.js")).renderModelsTable,
  json: async () => (await import("./json.js")).renderModelsJson,
  csv: async () => (await import("./csv.js")).renderModelsCsv,
};
