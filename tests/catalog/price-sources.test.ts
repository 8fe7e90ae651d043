import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readBundledCatalog, readPriceMap } from "../../src/catalog/files.js";
import type { CliIo } from "../../src/cli/io.js";
import { parseCatalog } from "../../src/catalog/catalog.js";
import { ROOT } from "../helpers/cli.js";
import { problemLines } from "../helpers/user-error.js";

const io = { cwd: ROOT } as CliIo;
const CATALOG_TEXT = readFileSync(`${ROOT}data/models.yaml`, "utf8");

describe("the bundled catalog", () => {
  it("reads as data/models.yaml parses, whether from the build's copy or the YAML", () => {
    expect(readBundledCatalog(io)).toEqual(parseCatalog(CATALOG_TEXT, "data/models.yaml"));
  });

  // `npm test` builds first, so the copy is there and current; a plain `vitest run` without a
  // build skips this (CI never does), and one after editing data/models.yaml fails until rebuilt.
  it.skipIf(!existsSync(`${ROOT}dist/models.json`) && process.env.CI !== "true")(
    "has a current build copy that is exactly the parsed YAML",
    () => {
      const built = JSON.parse(readFileSync(`${ROOT}dist/models.json`, "utf8")) as { source: string; catalog: unknown };
      expect(built.source === CATALOG_TEXT, "dist/models.json is stale: npm run build").toBe(true);
      expect(built.catalog).toEqual(parseCatalog(CATALOG_TEXT, "data/models.yaml"));
    },
  );
});

describe("readPriceMap", () => {
  it("converts the fixture at its last_updated date", () => {
    const models = readPriceMap(`${ROOT}tests/fixtures/litellm-small.json`, "small.json");
    // 2.5e-6 / 1.25e-6 / 1e-5 USD per token = 2.5 / 1.25 / 10 USD per 1M tokens.
    expect(models[0]).toMatchObject({ id: "gpt-4o", prices: [{ effective: "2026-07-24", input: 2.5, cachedInput: 1.25, output: 10 }] });
  });

  it("names the file, and the line and column of a JSON syntax error", () => {
    expect(problemLines(() => readPriceMap(`${ROOT}tests/fixtures/catalog/bad.json`, "bad.json"))).toEqual([
      expect.stringMatching(/^bad\.json:4:3 {2}invalid JSON: /),
    ]);
    expect(problemLines(() => readPriceMap(`${ROOT}tests/fixtures`, "fixtures"))).toEqual(["fixtures: is a directory, not a price map"]);
    expect(problemLines(() => readPriceMap(`${ROOT}tests/fixtures/catalog/nope.json`, "nope.json"))).toEqual(["nope.json: no such file"]);
  });
});
