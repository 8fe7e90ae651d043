import { expect } from "vitest";

/** |a - b| within a relative tolerance (absolute near zero): the one definition of "near" in the tests. */
export function near(a: number, b: number, relative = 1e-9): boolean {
  return Math.abs(a - b) <= relative * Math.max(1, Math.abs(a), Math.abs(b));
}

interface NearMatchers<R = unknown> {
  /** Within `relative` of `expected` (absolute near zero); on failure prints both values and their difference. */
  toBeNear: (expected: number, relative?: number) => R;
}

declare module "vitest" {
  interface Assertion<T = any> extends NearMatchers<T> {}
  interface AsymmetricMatchersContaining extends NearMatchers {}
}

expect.extend({
  toBeNear(received: number, expected: number, relative = 1e-9) {
    const pass = typeof received === "number" && near(received, expected, relative);
    return {
      pass,
      message: () =>
        `expected ${received} ${pass ? "not " : ""}to be within ${relative} (relative) of ${expected}; difference ${received - expected}`,
      actual: received,
      expected,
    };
  },
});
