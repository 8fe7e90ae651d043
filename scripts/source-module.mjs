// The build scripts' way to call the CLI's own TypeScript: `contents`, a module that imports
// from src/, bundled by esbuild into a CommonJS file of its own, required, and removed. The
// same code a run uses, with no evaluation of source text.
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);

/**
 * The exports of `contents`, bundled as `name`.
 * @param {string} name
 * @param {string} contents
 * @returns {Promise<any>}
 */
export async function sourceModule(name, contents) {
  const file = fileURLToPath(new URL(`scripts/.${name}.cjs`, root));
  await build({
    stdin: { contents, resolveDir: fileURLToPath(root), loader: "ts" },
    outfile: file,
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    logLevel: "warning",
  });
  try {
    return createRequire(import.meta.url)(file);
  } finally {
    rmSync(file);
  }
}
