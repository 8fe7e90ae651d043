import { describe, expect, it } from "vitest";

describe("toBeNear", () => {
  it("passes within the relative tolerance and fails outside it", () => {
    // 1e9 and 1e9 + 0.5: difference 0.5 <= 1e-9 x 1e9 = 1.
    expect(1e9 + 0.5).toBeNear(1e9);
    // 1e9 + 2: difference 2 > 1.
    expect(1e9 + 2).not.toBeNear(1e9);
    // Near zero the tolerance is absolute: 1e-10 from 0 is within 1e-9 x max(1, ...) = 1e-9.
    expect(1e-10).toBeNear(0);
  });

  it("names both values and the difference when it fails", () => {
    expect(() => expect(3).toBeNear(2)).toThrow("expected 3 to be within 1e-9 (relative) of 2; difference 1");
  });
});
