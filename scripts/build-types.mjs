// The library's declarations (npm pack runs it; see package.json "prepack"): src/index.ts's
// public types bundled into one self-contained file by dts-bundle-generator, then copied as
// dist/index.d.mts (for `import`) and dist/index.d.cts (for `require`), since TypeScript
// reads a declaration file as ESM or CommonJS by its extension, as it does the code.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Written outside dist/ first: a build started meanwhile empties dist/.
const scratch = mkdtempSync(join(tmpdir(), "llm-cac-types-"));
const bundled = join(scratch, "index.d.ts");
execFileSync(
  process.execPath,
  [
    new URL("../node_modules/dts-bundle-generator/dist/bin/dts-bundle-generator.js", import.meta.url).pathname,
    "--silent",
    "--no-banner",
    "--project",
    "tsconfig.build.json",
    "-o",
    bundled,
    "src/index.ts",
  ],
  { stdio: "inherit" },
);
// The package ships no runtime dependency, so its types may import none either.
const imports = readFileSync(bundled, "utf8").match(/^import .*$/gm) ?? [];
if (imports.length > 0) throw new Error(`dist/index.d.ts imports other packages, which consumers would lack:\n${imports.join("\n")}`);
copyFileSync(bundled, new URL("../dist/index.d.mts", import.meta.url));
copyFileSync(bundled, new URL("../dist/index.d.cts", import.meta.url));
rmSync(scratch, { recursive: true });
