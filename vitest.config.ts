import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // toBeNear and other matchers every test may use.
    setupFiles: ["tests/helpers/matchers.ts"],
    // End-to-end tests start the built CLI; two cores, so keep the pool small.
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
  },
});
