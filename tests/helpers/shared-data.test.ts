import { describe, expect, it } from "vitest";
import { ROOT } from "./cli.js";
import { sharedDataFound } from "./shared-data.js";

describe("sharedDataFound", () => {
  const missing = `${ROOT}tests/fixtures/no-such-corpus`;

  it("finds what is there, CI or not", () => {
    expect(sharedDataFound(`${ROOT}package.json`, {})).toBe(true);
    expect(sharedDataFound(`${ROOT}package.json`, { CI: "true" })).toBe(true);
  });

  it("skips (false) without CI, and fails in CI, where the data is missing", () => {
    expect(sharedDataFound(missing, {})).toBe(false);
    expect(() => sharedDataFound(missing, { CI: "true" })).toThrow(/no-such-corpus: missing, and CI is set/);
  });
});
