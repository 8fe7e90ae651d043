import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { borderedWidth, columnGroups, fittedTable } from "../../../src/report/shared/table.js";
import { displayWidth, wrapText } from "../../../src/report/shared/width.js";

describe("displayWidth", () => {
  it.each([
    ["abc", 3],
    ["中文", 4], // two wide characters, two columns each
    ["\u001b[1mab\u001b[22m", 2], // colour codes take no column
    ["e\u0301", 1], // e and a combining acute accent: one character on screen
    ["¥1,000", 6],
  ])("%j takes %i columns", (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe("wrapText", () => {
  it("breaks at words, indents the lines after the first, keeps a word too long whole", () => {
    expect(wrapText("aa bb cc", 5)).toEqual(["aa bb", "cc"]);
    // "  cc dd" would be 7 columns: over 5.
    expect(wrapText("aa bb cc dd", 5, "  ")).toEqual(["aa bb", "  cc", "  dd"]);
    expect(wrapText("abcdefgh ij", 5)).toEqual(["abcdefgh", "ij"]);
    expect(wrapText("  x y", 10)).toEqual(["  x y"]);
  });
});

describe("fitting a bordered table", () => {
  it("measures cli-table3's borders: a space either side of each cell, a border between and around", () => {
    // "│ abc │ defgh │": 1 + (1 + 3 + 1) + 1 + (1 + 5 + 1) + 1 = 15.
    expect(borderedWidth([3, 5])).toBe(15);
  });

  it("groups the columns after the first, as many as fit beside it", () => {
    // The first column alone: 10 + 3 + 1 = 14; each more: 5 + 3 = 8. 14 + 8 = 22 <= 25 < 30.
    expect(columnGroups([10, 5, 5, 5], 25)).toEqual([[1], [2], [3]]);
    expect(columnGroups([10, 5, 5, 5], 30)).toEqual([[1, 2], [3]]);
    expect(columnGroups([10, 5, 5, 5], 38)).toEqual([[1, 2, 3]]);
    // A column wider than any room still gets a table of its own.
    expect(columnGroups([10, 50, 5], 30)).toEqual([[1], [2]]);
  });

  it("folds a wide table into tables within the width, each led by the row labels", () => {
    const chalk = new Chalk({ level: 0 });
    const spec = {
      head: ["figure", "a", "b", "c"],
      rows: [["one", "11111", "22222", "33333"]],
      align: ["left", "right", "right", "right"] as ("left" | "right")[],
    };
    const text = fittedTable(spec, 25, chalk);
    for (const line of text.split("\n")) expect(displayWidth(line)).toBeLessThanOrEqual(25);
    expect(text.split("\n").filter((line) => line.startsWith("│ figure "))).toHaveLength(3);
    expect(text.split("\n").filter((line) => line.startsWith("│ one "))).toHaveLength(3);
    expect(
      fittedTable(spec, 80, chalk)
        .split("\n")
        .filter((line) => line.startsWith("│ figure ")),
    ).toHaveLength(1);
  });
});
