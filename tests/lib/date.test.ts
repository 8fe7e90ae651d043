import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoDay } from "../../src/lib/date.js";

describe("isoDay", () => {
  it("writes the UTC day with zero-padded month and day", () => {
    // 2026-01-05 23:59:59.999 UTC is still the 5th in UTC, whatever the local time zone.
    expect(isoDay(new Date(Date.UTC(2026, 0, 5, 23, 59, 59, 999)))).toBe("2026-01-05");
    expect(isoDay(new Date(Date.UTC(2024, 1, 29)))).toBe("2024-02-29");
    expect(isoDay(new Date(Date.UTC(999, 11, 31)))).toBe("0999-12-31");
  });

  it("is toISOString's day for any time from year 0 to 9999", () => {
    fc.assert(
      fc.property(fc.integer({ min: new Date("0000-01-01T00:00:00Z").getTime(), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (time) => {
        expect(isoDay(new Date(time))).toBe(new Date(time).toISOString().slice(0, 10));
      }),
      { numRuns: 2000, seed: 5 },
    );
  });
});
