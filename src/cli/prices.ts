import { realpathSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { type Catalog, type CatalogModel, mergeCatalogs } from "../catalog/catalog.js";
import { MAX_PRICE_MAP_BYTES, priceMapModels, readBundledCatalog, readPriceMap } from "../catalog/files.js";
import type { PriceSources } from "../catalog/model-price.js";
import { UserError } from "../lib/errors.js";
import { displayPath } from "../lib/paths.js";
import { STDIN_NAME } from "../lib/read.js";
import type { CliIo } from "./io.js";

/** A `--prices FILE` map, read at once (the user asked for it); `-` reads it from stdin. */
function readPricesOption(file: string, io: CliIo): CatalogModel[] {
  if (file !== "-") return readPriceMap(resolve(io.cwd, file), file);
  const bytes = io.readStdin();
  if (bytes.length > MAX_PRICE_MAP_BYTES) {
    throw UserError.inFile(STDIN_NAME, `the price map is ${bytes.length} bytes; a price map may be at most ${MAX_PRICE_MAP_BYTES} bytes`);
  }
  // Stdin has no modification day: an undated map is taken as today's.
  return priceMapModels(new TextDecoder().decode(bytes), STDIN_NAME, new Date(`${io.today}T00:00:00Z`));
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
  const named = pricesOption === undefined || pricesOption === "-" ? undefined : realPath(resolve(io.cwd, pricesOption));
  let bundled: Catalog | undefined;
  const maps = new Map<string, CatalogModel[]>();
  return {
    catalog: () => (bundled ??= readBundledCatalog(io)),
    pricesFile: (path, scenarioFile) => {
      const folder = scenarioFile === STDIN_NAME ? io.cwd : resolve(io.cwd, dirname(scenarioFile));
      const absolute = resolve(folder, path);
      const name = displayPath(absolute, io.cwd);
      assertInside(folder, absolute, name, named);
      let models = maps.get(absolute);
      if (models === undefined) {
        models = readPriceMap(absolute, name);
        maps.set(absolute, models);
        io.filesRead?.push(absolute);
      }
      return models;
    },
    ...(extra === undefined ? {} : { extra }),
  };
}

/**
 * A scenario may read a price map only from its own folder or below, symbolic links
 * followed: a scenario from elsewhere (a pull request, a download) must not make the tool
 * read `~/.ssh/...` or `/proc/self/environ`. A map outside is read only when the command
 * line names the same file with `--prices` (`named`, its real path): the user's own choice.
 */
function assertInside(folder: string, path: string, name: string, named: string | undefined): void {
  const real = realPath(path);
  // A missing file is reported by the read, as "no such file", like any other.
  if (real === undefined) return;
  const root = realPath(folder) ?? folder;
  const fromRoot = relative(root, real);
  const inside = fromRoot !== "" && fromRoot !== ".." && !fromRoot.startsWith(`..${sep}`) && !isAbsolute(fromRoot);
  if (inside || real === named) return;
  throw UserError.fromProblems([
    {
      file: name,
      message: "outside the scenario's folder: a scenario reads price maps only from its own folder or below",
      hint: `to use this map, name it on the command line: --prices ${name}`,
    },
  ]);
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
