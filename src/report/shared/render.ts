import { showControlsIn } from "../../lib/control.js";
import { UserError } from "../../lib/errors.js";
import type { RenderOptions } from "./options.js";

/**
 * Every output format any report knows, in the order `--help` lists them. A new format
 * is one more name here and one more entry in the registries of the reports that have it.
 */
const FORMATS = ["table", "json", "csv", "md", "junit", "html"] as const;
export type Format = (typeof FORMATS)[number];

/** A report drawn in one format: pure, from the data the command computed to the text it prints. */
export type Renderer<T> = (data: T, options: RenderOptions) => string;

/** A report's renderers by format; a report has only some of the formats. */
export type Renderers<T> = Partial<Record<Format, Renderer<T>>>;

/**
 * A report's renderers by format, each loaded on first use so that a JSON run never loads
 * chalk or cli-table3. A report lists only the formats it has (hence Partial).
 */
export type Registry<T> = Partial<Record<Format, () => Promise<Renderer<T>>>>;

/** The formats a registry has, in FORMATS order: the choices of a command's `--format`. */
export function formatsOf(registry: Registry<never>): Format[] {
  return FORMATS.filter((format) => registry[format] !== undefined);
}

/**
 * The formats read on a terminal or in a pull request, as text: every string of their
 * data (names, file names, model ids) has its control characters shown escaped first, so
 * that no renderer can forget one. JSON, CSV, JUnit and HTML escape in their own syntax.
 */
const TEXT_FORMATS: ReadonlySet<Format> = new Set(["table", "md"]);

/** `data` drawn by the registry's renderer for `format`; a format the report lacks is the user's error. */
export async function render<T>(registry: Registry<T>, format: Format, data: T, options: RenderOptions): Promise<string> {
  const load = registry[format];
  if (load === undefined) {
    throw new UserError(`format ${format} is not available for this command`, { hint: `use one of: ${formatsOf(registry).join(", ")}` });
  }
  return (await load())(TEXT_FORMATS.has(format) ? showControlsIn(data) : data, options);
}

/** A registry of the renderers a module exports, loading the module on first use; `formats` are the keys it has. */
export function lazyRegistry<T>(formats: readonly Format[], load: () => Promise<Renderers<T>>): Registry<T> {
  return Object.fromEntries(
    formats.map((format) => [
      format,
      async () => {
        const renderer = (await load())[format];
        if (renderer === undefined) throw new Error(`the ${format} renderer is missing from its module`);
        return renderer;
      },
    ]),
  );
}
