import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The package's root folder: found by walking up from this module, which lives in
 * `dist/` when built and in `src/cli/` under test.
 */
export function packageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(folder, "package.json")) && existsSync(join(folder, "data"))) return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error("llm-cac: cannot find the package folder (package.json and data/)");
    folder = parent;
  }
}

/** Inlined by the build; read from package.json when running from source (tests). */
declare const __LLM_CAC_VERSION__: string | undefined;

export function packageVersion(): string {
  if (typeof __LLM_CAC_VERSION__ === "string") return __LLM_CAC_VERSION__;
  const manifest = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string };
  return manifest.version;
}

export function defaultScenarioPath(): string {
  return join(packageRoot(), "data", "scenarios", "default.yaml");
}
