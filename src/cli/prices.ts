import { readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { type InputProblem, UserError } from "../errors.js";
import { type Catalog, CatalogError, type CatalogModel, catalogFingerprint, mergeCatalogs, parseCatalog } from "../scenario/catalog.js";
import { litellmSnapshotDate, parseLitellm } from "../scenario/litellm.js";
import type { PriceSources } from "../scenario/model-price.js";
import { describeFsError, STDIN_NAME } from "../scenario/read.js";
import type { CliIo } from "./io.js";
import { packageRoot } from "./package-info.js";

/**
 * The price catalog's file side: reading data/models.yaml and LiteLLM price maps, and
 * turning the catalog's own errors into the CLI's UserError. The parsing and lookups
 * are pure (src/scenario/catalog.ts, litellm.ts).
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
  const built = builtCatalog(text);
  if (built !== undefined) return built;
  try {
    return parseCatalog(text, name);
  } catch (error) {
    if (error instanceof CatalogError) throw catalogUserError(error, name);
    throw error;
  }
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
 * Throws a CatalogError that names the file (as `name`) when it cannot be used.
 */
export function readPriceMap(path: string, name: string): CatalogModel[] {
  let text: string;
  let modified: Date;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw new CatalogError(`${name}: is a directory, not a price map`);
    modified = stats.mtime;
    text = readFileSync(path, "utf8");
  } catch (error) {
    if (error instanceof CatalogError) throw error;
    throw new CatalogError(`${name}: ${describeFsError(error)}`);
  }
  const json = parseJson(text.replace(/^\uFEFF/, ""), name);
  return parseLitellm(json, name, litellmSnapshotDate(json) ?? modified.toISOString().slice(0, 10));
}

/** JSON text to a value; a syntax error at its line and column where the engine says where. */
function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message);
    const reason = `invalid JSON: ${message.replace(/\s*in JSON at position \d+.*$/s, "").replace(/\s*\(line \d+ column \d+\)$/, "")}`;
    if (position === null) throw new CatalogError(`${name}: ${reason}`, [{ path: "", message: reason }]);
    const before = text.slice(0, Number(position[1]));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    throw new CatalogError(`${name}:${line}:${column}: ${reason}`, [{ path: "", message: reason, line, column }]);
  }
}

/**
 * The catalog's error as the CLI's: one problem per issue at its line and column, or the
 * whole message about `file` (its own `file: ` prefix taken off, the file is printed anyway).
 */
export function catalogUserError(error: CatalogError, file: string): UserError {
  if (error.issues.length > 0) {
    const problems = error.issues.map(
      (issue): InputProblem => ({
        file,
        ...(issue.line === undefined ? {} : { line: issue.line, col: issue.column ?? 1 }),
        ...(issue.path === "" ? {} : { path: issue.path }),
        message: issue.message,
      }),
    );
    if (error.hint && problems.length > 0) problems[problems.length - 1] = { ...problems[problems.length - 1]!, hint: error.hint };
    return UserError.fromProblems(problems);
  }
  const prefix = `${file}: `;
  if (!error.message.startsWith(prefix)) return new UserError(error.message, error.hint ? { hint: error.hint } : {});
  return UserError.fromProblems([{ file, message: error.message.slice(prefix.length), ...(error.hint ? { hint: error.hint } : {}) }]);
}

/** A `--prices FILE` map, read at once (the user asked for it), its problems as UserError. */
export function readPricesOption(file: string, io: CliIo): CatalogModel[] {
  try {
    return readPriceMap(resolve(io.cwd, file), file);
  } catch (error) {
    if (error instanceof CatalogError) throw catalogUserError(error, file);
    throw error;
  }
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
