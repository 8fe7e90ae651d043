import { type Dirent, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describeFsError } from "../lib/read.js";

/** A path to check: a scenario file (or `-`), or a folder that could not be searched and why. */
export type ScenarioPath = { file: string; problem?: string };

const SCENARIO_FILE = /\.ya?ml$/i;

/**
 * The files that paths on the command line stand for: a file or `-` as given, a folder
 * as every *.yaml / *.yml file under it, recursively, sorted by path. Hidden entries and
 * node_modules are skipped; symbolic links to folders are not followed (no cycles). A
 * file named twice is checked once. A folder without scenarios is a problem, not
 * silence: CI pointed at the wrong folder should not pass.
 */
export function expandScenarioPaths(paths: readonly string[]): ScenarioPath[] {
  const expanded: ScenarioPath[] = [];
  const seen = new Set<string>();
  const add = (entry: ScenarioPath) => {
    const key = entry.file === "-" ? "-" : resolve(entry.file);
    if (seen.has(key)) return;
    seen.add(key);
    expanded.push(entry);
  };
  for (const path of paths) {
    if (path === "-" || !isFolder(path)) {
      // A missing or unreadable file is reported when it is read, with the other problems.
      add({ file: path });
      continue;
    }
    const found = scenarioFilesUnder(path);
    if (found.length === 0) add({ file: path, problem: "no *.yaml or *.yml files in this folder" });
    found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)).forEach(add);
  }
  return expanded;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function scenarioFilesUnder(folder: string): ScenarioPath[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    return [{ file: folder, problem: `cannot list the folder: ${describeFsError(error)}` }];
  }
  return entries.flatMap((entry): ScenarioPath[] => {
    if (entry.name.startsWith(".") || entry.name === "node_modules") return [];
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return scenarioFilesUnder(path);
    if (!SCENARIO_FILE.test(entry.name)) return [];
    if (entry.isFile() || (entry.isSymbolicLink() && !isFolder(path))) return [{ file: path }];
    return [];
  });
}
