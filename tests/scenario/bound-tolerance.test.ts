import { describe, expect, it } from "vitest";
import { BOUND_TOLERANCE, withinBound } from "../../src/scenario/expect.js";

describe("withinBound: expect bounds meet within a relative 1e-9", () => {
  it("a sum that lands a hair off its exact bound still meets it", () => {
    // 12 reached as a sum of doubles: 11.999999999999963 is 3.7e-14 below, 12.000000000000037 above.
    expect(withinBound(11.999999999999963, 12, "min")).toBe(true);
    expect(withinBound(12.000000000000037, 12, "max")).toBe(true);
  });

  it("a real miss, one part in a million, still fails", () => {
    expect(withinBound(12.000012, 12, "max")).toBe(false);
    expect(withinBound(11.999988, 12, "min")).toBe(false);
  });

  it("the slack is relative: 1e-9 of the larger figure", () => {
    expect(BOUND_TOLERANCE).toBe(1e-9);
    // At 1e6 the slack is 1e-3: 1e6 + 0.0009 meets max 1e6; 1e6 + 0.0011 does not.
    expect(withinBound(1e6 + 0.0009, 1e6, "max")).toBe(true);
    expect(withinBound(1e6 + 0.0011, 1e6, "max")).toBe(false);
    // At 0 there is no slack: a bound of 0 is met by 0 only.
    expect(withinBound(1e-300, 0, "max")).toBe(false);
  });
});
