import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { Command } from "commander";
import { showControls } from "../../lib/control.js";
import { UserError } from "../../lib/errors.js";
import { type CliIo, type WriteWords, writeFileAtomic } from "../io.js";
import { packageRoot, packageVersion } from "../../lib/package-info.js";

/** Where `init` writes when given no file. */
export const DEFAULT_STARTER_FILE = "scenario.yaml";

export interface InitOptions {
  force: boolean;
}

/** `llm-cac init [FILE]`: the annotated starter scenario, to a new file or (`-`) to stdout. */
function runInit(file: string | undefined, options: InitOptions, io: CliIo): number {
  const target = file ?? DEFAULT_STARTER_FILE;
  if (target === "-") {
    io.stdout(starterScenario(io.cwd));
    return 0;
  }
  const folder = dirname(resolve(target));
  if (!existsSync(folder)) throw new UserError(`${target}: the folder ${dirname(target)} does not exist; create it first`);
  writeFileAtomic(target, starterScenario(folder), options.force, undefined, initWords(target));
  const shown = showControls(target);
  io.stderr(`wrote ${shown}: a starter scenario; put in your own figures, then run: llm-cac check ${shown}\n`);
  return 0;
}

/** The write's refusals in `init`'s words: the file is named by its FILE argument, not by `--output`. */
export function initWords(target: string): WriteWords {
  return {
    written: "the starter scenario",
    folderHint: `give init a file name, such as ${join(target, DEFAULT_STARTER_FILE)}`,
    notAFileHint: "init writes files only (init - prints the scenario, for a shell redirection to devices and pipes)",
  };
}

/**
 * data/starter.yaml with its `$schema` line pointing at the JSON Schema from where the
 * file will live (schemaReferenceFrom).
 */
export function starterScenario(folder: string): string {
  const template = readFileSync(join(packageRoot(), "data", "starter.yaml"), "utf8");
  return template.replace(/^(# yaml-language-server: \$schema=).*$/m, (_line, prefix: string) => `${prefix}${schemaReference(folder)}`);
}

function schemaReference(folder: string): string {
  return schemaReferenceFrom(folder, packageRoot(), packageVersion());
}

/**
 * Where a file in `folder` finds the schema: through the project's own
 * node_modules/llm-cac when llm-cac (at `root`) is a dependency of a project that holds
 * `folder` (npm, pnpm or yarn layout alike), a path that stays true on every clone;
 * otherwise (a global install, npx, a checkout) the versioned URL, never a path into
 * one machine's folders.
 */
export function schemaReferenceFrom(folder: string, root: string, version: string): string {
  const marker = `${sep}node_modules${sep}`;
  const at = root.indexOf(marker);
  const project = at < 0 || root.includes(`${sep}_npx${sep}`) ? undefined : root.slice(0, at);
  if (project !== undefined && (folder === project || folder.startsWith(`${project}${sep}`))) {
    return relative(folder, join(project, "node_modules", "llm-cac", "schema", "scenario.schema.json"))
      .split(sep)
      .join("/");
  }
  return `https://unpkg.com/llm-cac@${version}/schema/scenario.schema.json`;
}

export function initCommand(io: CliIo, exit: (code: number) => void): Command {
  return new Command("init")
    .description(
      `write an annotated starter scenario (default ${DEFAULT_STARTER_FILE}; - prints it); never replaces a file without --force`,
    )
    .argument("[file]", `where to write it; - for stdout (default: ${DEFAULT_STARTER_FILE})`)
    .option("--force", "replace an existing file", false)
    .action((file: string | undefined, options: InitOptions) => {
      exit(runInit(file, options, io));
    });
}
