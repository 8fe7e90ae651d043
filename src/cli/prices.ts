import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { UserError } from "../errors.js";
import { type Catalog, type CatalogModel, catalogFingerprint, mergeCatalogs, parseCatalog } from "../scenario/catalog.js";
import { litellmSnapshotDate, parseLitellm } from "../scenario/litellm.js";
import type { PriceSources } from "../scenario/model-price.js";
import { describeFsError, readRegularFile, STDIN_NAME } from "../scenario/read.js";
import type { CliIo } from "./io.js";
import { packageRoot } from "./package-info.js";

/**
 * The price catalog's file side: reading data/models.yaml and LiteLLM price maps. The
 * parsing and lookups are pure (src/scenario/catalog.ts, litellm.ts).
 */

export function bundledCatalogPath(): string {
  return join(packageRoot(), "data", "models.yaml");
}

/** Relative to the working folder where that is shorter, as a user would type it. */
function displayPath(path: string, cwd: string): string {
  const fromCwd = relative(cwd, path);
  return fromCwd === "" || fromCwd.startsWith("..") || isAbsolute(fromCwd) ? path : fromCwd;
}

/**
 * data/models.yaml, parsed; a hand-edited file with mistakes is reported like any input.
 * The build's parsed copy (dist/models.json) is used while it is still the file's: the
 * YAML parse costs more than the rest of a run.
 */
export function readBundledCatalog(io: CliIo): Catalog {
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

/** The build's copy of the catalog, if there is one and it was made from `text`. */
function builtCatalog(text: string): Catalog | undefined {
  try {
    const built = JSON.parse(readFileSync(join(packageRoot(), "dist", "models.json"), "utf8")) as { fingerprint?: unknown; catalog?: Catalog };
    return built.fingerprint === catalogFingerprint(text) ? built.catalog : undefined;
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
  const json = parseJson(text.replace(/^\uFEFF/, ""), name);
  return parseLitellm(json, name, litellmSnapshotDate(json) ?? modified.toISOString().slice(0, 10));
}

/** LiteLLM's own map is 1.5 MB; far beyond this is not a price map. */
const MAX_PRICE_MAP_BYTES = 64 * 1024 * 1024;

function readMapFile(path: string, name: string): { text: string; modified: Date } {
  const { bytes, modified } = readRegularFile(path, { name, maxBytes: MAX_PRICE_MAP_BYTES, kind: "price map" });
  return { text: bytes.toString("utf8"), modified };
}

/** JSON text to a value; a syntax error at its line and column where the engine says where. */
function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const reason = `invalid JSON: ${message.replace(/\s*in JSON at position \d+.*$/s, "").replace(/\s*\(line \d+ column \d+\)$/, "")}`;
    if (position === null) throw UserError.inFile(name, reason);
    const before = text.slice(0, Number(position[1]));
    const line = before.split("\n").length;
    const col = before.length - before.lastIndexOf("\n");
    throw UserError.fromProblems([{ file: name, line, col, message: reason }]);
  }
}

/** A `--prices FILE` map, read at once (the user asked for it). */
export function readPricesOption(file: string, io: CliIo): CatalogModel[] {
  return readPriceMap(resolve(io.cwd, file), file);
}

/** The bundled catalog with a `--prices` map merged in, if one is given. */
export function commandLineCatalog(io: CliIo, pricesOption: string | undefined): Catalog {
  const extra = pricesOption === undefined ? [] : readPricesOption(pricesOption, io);
  const bundled = readBundledCatalog(io);
  return extra.length === 0 ? bundled : mergeCatalogs(bundled, extra);
}

/**
 * Where scenarios look their `inference.model` up: the bundled catalog, read on first
 * need only; a scenario's `inference.prices_file`, relative to the scenario's folder
 * (to the working folder for stdin), each read once; and `--prices`, read now.
 */
export function priceSources(io: CliIo, pricesOption?: string): PriceSources {
  const extra = pricesOption === undefined ? undefined : readPricesOption(pricesOption, io);
  let bundled: Catalog | undefined;
  const maps = new Map<string, CatalogModel[]>();
  return {
    catalog: () => (bundled ??= readBundledCatalog(io)),
    pricesFile: (path, scenarioFile) => {
      const folder = scenarioFile === STDIN_NAME ? io.cwd : resolve(io.cwd, dirname(scenarioFile));
      const absolute = resolve(folder, path);
      let models = maps.get(absolute);
      if (models === undefined) {
        models = readPriceMap(absolute, displayPath(absolute, io.cwd));
        maps.set(absolute, models);
      }
      return models;
    },
    ...(extra === undefined ? {} : { extra }),
  };
}
