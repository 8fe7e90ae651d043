import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isoDay } from "../../src/lib/date.js";

describe("isoDay", () => {
  // In UTC, local time and UTC agree: a time zone far from it tells the UTC getters from the local ones.
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = "Pacific/Kiritimati";
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it("writes the UTC day with zero-padded month and day", () => {
    // 2026-01-05 23:59:59.999 UTC is still the 5th in UTC, whatever the local time zone.
    expect(isoDay(new Date(Date.UTC(2026, 0, 5, 23, 59, 59, 999)))).toBe("2026-01-05");
    expect(isoDay(new Date(Date.UTC(2024, 1, 29)))).toBe("2024-02-29");
    expect(isoDay(new Date(Date.UTC(999, 11, 31)))).toBe("0999-12-31");
    // With the time: 2026-03-07 04:05:06.789 UTC, to the second (14 hours earlier than Kiritimati's clock).
    expect(isoDay(new Date(Date.UTC(2026, 2, 7, 4, 5, 6, 789)), true)).toBe("2026-03-07T04:05:06");
  });

  it("is toISOString's day for any time from year 0 to 9999", () => {
    fc.assert(
      fc.property(fc.integer({ min: new Date("0000-01-01T00:00:00Z").getTime(), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (time) => {
        expect(isoDay(new Date(time))).toBe(new Date(time).toISOString().slice(0, 10));
        expect(isoDay(new Date(time), true)).toBe(new Date(time).toISOString().slice(0, 19));
      }),
      { numRuns: 2000, seed: 5 },
    );
  });
});
