import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeControl, firstNonPrintable, showControls, showControlsIn } from "../../src/lib/control.js";

describe("showControls", () => {
  it("writes ESC, BEL, BS, DEL and C1 controls as \\x escapes and tab, LF, CR by name", () => {
    expect(showControls("\u001b[2K\rPASS\u0007\b\u007f\u009b\t\n")).toBe("\\x1b[2K\\rPASS\\x07\\x08\\x7f\\x9b\\t\\n");
  });

  it("shows the bidirectional overrides and line separators that could reorder or break a line", () => {
    // U+202E RIGHT-TO-LEFT OVERRIDE would show "PASS" reversed text after it; U+2028 breaks a line in some viewers.
    expect(showControls("a\u202eSSAP\u2066b\u2028c")).toBe("a\\u202eSSAP\\u2066b\\u2028c");
  });

  it("leaves printable text, Unicode included, as it is", () => {
    expect(showControls("Kimi 月之暗面 ✔ café")).toBe("Kimi 月之暗面 ✔ café");
  });

  it("never lets a control character through, and applying it twice changes nothing more", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => {
        const shown = showControls(text);
        expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        expect(showControls(shown)).toBe(shown);
      }),
      { numRuns: 200 },
    );
  });
});

describe("showControlsIn", () => {
  it("escapes every string of plain data, keys included, and keeps numbers, null and class instances", () => {
    const date = new Date(0);
    expect(showControlsIn({ name: "a\u001bb", list: ["\n", 1, null], "k\r": true, date })).toEqual({
      name: "a\\x1bb",
      list: ["\\n", 1, null],
      "k\\r": true,
      date,
    });
  });
});

describe("firstNonPrintable", () => {
  it("finds the first character YAML forbids raw, with its offset", () => {
    expect(firstNonPrintable("ab\u0000c")).toEqual({ offset: 2, char: "\u0000" });
    expect(firstNonPrintable("a\u0085b\u0086")).toEqual({ offset: 3, char: "\u0086" });
  });

  it("allows tab, LF, CR and NEL (YAML's c-printable)", () => {
    expect(firstNonPrintable("a\tb\r\nc\u0085")).toBeUndefined();
  });
});

describe("describeControl", () => {
  it("names the common ones and shows the rest as escapes", () => {
    expect(describeControl("\u0000")).toBe("NUL (\\x00)");
    expect(describeControl("\u001b")).toBe("ESC (\\x1b)");
    expect(describeControl("\u0001")).toBe("the control character \\x01");
  });
});
