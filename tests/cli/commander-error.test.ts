import { describe, expect, it } from "vitest";
import { commanderError } from "../../src/cli/program.js";

describe("commanderError: commander's messages on stderr", () => {
  it("keeps the line break that ends the message (it once printed a literal \\n and ran into the next line)", () => {
    expect(commanderError("error: missing required argument 'file'\n")).toBe("error: missing required argument 'file'\n");
  });

  it("keeps the line break before a suggestion", () => {
    expect(commanderError("error: unknown option '--formt'\n(Did you mean --format?)\n")).toBe(
      "error: unknown option '--formt'\n(Did you mean --format?)\n",
    );
  });

  it("shows typed control characters, a typed newline included, escaped", () => {
    expect(commanderError("error: unknown option '--x\u001b[2K\nPASS'\n")).toBe("error: unknown option '--x\\x1b[2K\\nPASS'\n");
  });
});
