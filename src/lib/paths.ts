import { isAbsolute, relative } from "node:path";

/** Relative to the working folder where that is shorter, as a user would type it. */
export function displayPath(path: string, cwd: string): string {
  const fromCwd = relative(cwd, path);
  return fromCwd === "" || fromCwd.startsWith("..") || isAbsolute(fromCwd) ? path : fromCwd;
}
