import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readBundledCatalog, readPriceMap } from "../../src/catalog/files.js";
import type { CliIo } from "../../src/cli/io.js";
import { catalogFingerprint, parseCatalog } from "../../src/catalog/catalog.js";
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
      const built = JSON.parse(readFileSync(`${ROOT}dist/models.json`, "utf8")) as { fingerprint: string; catalog: unknown };
      expect(built.fingerprint, "dist/models.json is stale: npm run build").toBe(catalogFingerprint(CATALOG_TEXT));
      expect(built.catalog).toEqual(parseCatalog(CATALOG_TEXT, "data/models.yaml"));
    },
  );

  it("fingerprints text so that one changed character changes it", () => {
    // The length in base 36, then 32-bit FNV-1a: the published test vectors are
    // "" -> 0x811c9dc5, "a" -> 0xe40c292c, "foobar" -> 0xbf9cf968.
    expect(catalogFingerprint("")).toBe(`0-${(0x811c9dc5).toString(36)}`);
    expect(catalogFingerprint("a")).toBe(`1-${(0xe40c292c).toString(36)}`);
    expect(catalogFingerprint("foobar")).toBe(`6-${(0xbf9cf968).toString(36)}`);
    expect(catalogFingerprint(CATALOG_TEXT.replace("input: 0.27", "input: 0.28"))).not.toBe(catalogFingerprint(CATALOG_TEXT));
  });
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
