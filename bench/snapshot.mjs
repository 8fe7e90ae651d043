// A private copy of the built CLI (bin/, dist/, data/, package.json) in a temporary folder:
// the benchmarks time that copy, so that a build running meanwhile (other work in the same
// tree) cannot swap files under them.
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The folder of the copy; retries while dist/ is being rebuilt. */
export function snapshot() {
  const folder = mkdtempSync(join(tmpdir(), "llm-cac-bench-"));
  for (let attempt = 0; ; attempt++) {
    try {
      for (const entry of ["bin", "dist", "data", "schema", "package.json"])
        cpSync(join(root, entry), join(folder, entry), { recursive: true });
      return folder;
    } catch (error) {
      if (attempt >= 20) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000);
    }
  }
}
