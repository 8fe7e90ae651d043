import { describe, expect, it } from "vitest";
import { horizontalBar, tornadoBar } from "../../../src/report/shared/bar.js";

describe("tornadoBar", () => {
  it("draws each change from the centre towards its sign, in whole cells of max / half", () => {
    // max 2 over 4 cells: -2 fills the left, +1 half the right
    expect(
      tornadoBar(
        [
          { change: -2, glyph: "░" },
          { change: 1, glyph: "█" },
        ],
        2,
        4,
      ),
    ).toBe("░░░░│██  ");
    expect(
      tornadoBar(
        [
          { change: 2, glyph: "░" },
          { change: -0.5, glyph: "█" },
        ],
        2,
        4,
      ),
    ).toBe("   █│░░░░");
  });

  it("shows a small change as one cell, no change and n/a as none", () => {
    expect(
      tornadoBar(
        [
          { change: -0.001, glyph: "░" },
          { change: 0, glyph: "█" },
        ],
        2,
        4,
      ),
    ).toBe("   ░│    ");
    expect(
      tornadoBar(
        [
          { change: null, glyph: "░" },
          { change: null, glyph: "█" },
        ],
        2,
        4,
      ),
    ).toBe("    │    ");
    expect(tornadoBar([{ change: 0, glyph: "░" }], 0, 3)).toBe("   │   ");
  });

  it("draws the shorter over the longer where both point the same way", () => {
    expect(
      tornadoBar(
        [
          { change: 1, glyph: "░" },
          { change: 2, glyph: "█" },
        ],
        2,
        4,
      ),
    ).toBe("    │░░██");
  });

  it("is as wide as the horizontal bar's full cells at the same scale", () => {
    expect(
      tornadoBar([{ change: 1.5, glyph: "█" }], 2, 8)
        .split("│")[1]!
        .trimEnd(),
    ).toBe(horizontalBar(1.5, 2, 8));
  });
});
