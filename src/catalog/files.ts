import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isoDay } from "../lib/date.js";
import { UserError } from "../lib/errors.js";
import { packageRoot } from "../lib/package-info.js";
import { parseJsonText } from "../lib/json-text.js";
import { displayPath } from "../lib/paths.js";
import { describeFsError, readRegularFile } from "../lib/read.js";
import { type Catalog, type CatalogModel, parseCatalog } from "./catalog.js";
import { litellmSnapshotDate, parseLitellm } from "./litellm.js";

/**
 * The price catalog's file side: reading data/models.yaml and LiteLLM price maps. The
 * parsing and lookups are pure (catalog.ts, litellm.ts).
 */

function bundledCatalogPath(): string {
  return join(packageRoot(), "data", "models.yaml");
}

/**
 * data/models.yaml, parsed; a hand-edited file with mistakes is reported like any input.
 * The build's parsed copy (dist/models.json) is used while it is still the file's: the
 * YAML parse costs more than the rest of a run.
 */
export function readBundledCatalog(io: { cwd: string }): Catalog {
  const path = bundledCatalogPath();
  const name = displayPath(path, io.cwd);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw UserError.inFile(name, describeFsError(error));
  }
  return builtCatalog(text) ?? parseCatalog(text, name);
}

/**
 * The build's copy of the catalog, if there is one and it was made from `text`: the copy
 * holds the text it came from, and comparing two strings costs far less than hashing one
 * in a loop that a short run would only interpret.
 */
function builtCatalog(text: string): Catalog | undefined {
  try {
    const built = JSON.parse(readFileSync(join(packageRoot(), "dist", "models.json"), "utf8")) as {
      source?: unknown;
      catalog?: Catalog;
    };
    return built.source === text ? built.catalog : undefined;
  } catch {
    // No build (tests from source) or a damaged copy: the YAML is the source either way.
    return undefined;
  }
}

/**
 * A LiteLLM price map (model_prices_and_context_window.json) as catalog models, dated by
 * its `last_updated` stamp, or by the file's modification day where it has none.
 * Throws a UserError that names the file (as `name`) when it cannot be used.
 */
export function readPriceMap(path: string, name: string): CatalogModel[] {
  const { text, modified } = readMapFile(path, name);
  return priceMapModels(text, name, modified);
}

/** A price map's text (read from a file, or from stdin for `--prices -`) as catalog models; `modified` dates an undated map. */
export function priceMapModels(text: string, name: string, modified: Date): CatalogModel[] {
  const json = parseJsonText(text, name, "is this LiteLLM's model_prices_and_context_window.json?");
  return parseLitellm(json, name, litellmSnapshotDate(json) ?? isoDay(modified));
}

/** LiteLLM's own map is 1.5 MB; far beyond this is not a price map. */
export const MAX_PRICE_MAP_BYTES = 64 * 1024 * 1024;

function readMapFile(path: string, name: string): { text: string; modified: Date } {
  const { bytes, modified } = readRegularFile(path, { name, maxBytes: MAX_PRICE_MAP_BYTES, kind: "price map" });
  return { text: bytes.toString("utf8"), modified };
}
