import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runBuilt, runInProcess } from "../helpers/cli.js";
import { sharedDataFound } from "../helpers/shared-data.js";

/**
 * The 402 inputs of the official YAML test suite (shared/corpora): none is a scenario,
 * so every one must end in a clean exit 2 with a message, never a crash or exit 70.
 * 20 of them are vendored in tests/fixtures/yaml-test-suite, run on every clone.
 */
const SHARED_SUITE = join(ROOT, "..", "shared", "corpora", "yaml-test-suite");
const VENDORED_SUITE = join(ROOT, "tests", "fixtures", "yaml-test-suite");
const SUITE = sharedDataFound(SHARED_SUITE) ? SHARED_SUITE : VENDORED_SUITE;
// The yaml package accepts these two invalid cases (directive quirks, see the corpus README);
// they then fail as scenarios, without a YAML line and column.
const ACCEPTED_BY_YAML = new Set(["9MMA.yaml", "SF5V.yaml"]);

const files = (kind: string) => (existsSync(join(SUITE, kind)) ? readdirSync(join(SUITE, kind)).sort() : []);

describe("the YAML test suite corpus", () => {
  it.skipIf(SUITE !== SHARED_SUITE)("has the 402 cases the corpus README describes", () => {
    expect(files("yaml-valid").length + files("yaml-invalid").length).toBe(402);
  });

  it.each(files("yaml-valid"))("valid YAML %s exits 2 cleanly", async (name) => {
    const { code, stdout, stderr } = await runInProcess(["run", join(SUITE, "yaml-valid", name)]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/\S/);
    expect(stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it.each(files("yaml-invalid"))("invalid YAML %s exits 2 with its line and column", async (name) => {
    const file = join(SUITE, "yaml-invalid", name);
    const { code, stdout, stderr } = await runInProcess(["run", file]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).not.toMatch(/internal error|\n\s+at /);
    if (!ACCEPTED_BY_YAML.has(name)) expect(stderr.startsWith(`${file}:`) && /^\S+:\d+:\d+ {2}invalid YAML: /m.test(stderr)).toBe(true);
  });

  it("the built binary exits 2 on a sample of them", () => {
    for (const [kind, name] of [
      ["yaml-invalid", "236B.yaml"],
      ["yaml-valid", "229Q.yaml"],
      ["yaml-invalid", "9MMA.yaml"],
    ] as const) {
      const { code, stderr } = runBuilt(["run", join(SUITE, kind, name)]);
      expect(code).toBe(2);
      expect(stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });
});
