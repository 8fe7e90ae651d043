import { existsSync } from "node:fs";

/**
 * Whether data kept beside the clone (`../shared`) is there. Without it a test that
 * needs it is skipped on a developer's machine; in CI (`CI=true`) a missing file is a
 * failure, so a broken checkout cannot pass by skipping.
 */
export function sharedDataFound(path: string | URL, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  if (existsSync(path)) return true;
  if (env.CI === "true" || env.CI === "1")
    throw new Error(`${String(path)}: missing, and CI is set: tests that read ../shared must run in CI`);
  return false;
}
