import { Chalk } from "chalk";
import Table from "cli-table3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitCell, linearTable } from "../../../src/report/shared/linear-table.js";
import { cliTable3Table, fittedTable } from "../../../src/report/shared/table.js";

const plain = new Chalk({ level: 0 });

/** What cli-table3 draws for the same spec, cells cut (not wrapped) to the same widths. */
function cliTable3(spec: { head: string[]; rows: string[][]; align: ("left" | "right")[] }, widths: number[]): string {
  const table = new Table({
    head: spec.head,
    colAligns: spec.align,
    colWidths: widths,
    wordWrap: false,
    style: { head: [], border: [], compact: true },
  });
  for (const row of spec.rows) table.push(row);
  return table.toString();
}

describe("linearTable", () => {
  it("draws what cli-table3 draws, cells cut with …", () => {
    const spec = {
      head: ["id", "input", "source"],
      rows: [
        ["deepseek-chat", "0.56", "DeepSeek API docs, pricing page"],
        ["qwen-turbo", "0.30", "short"],
      ],
      align: ["left", "right", "left"] as ("left" | "right")[],
    };
    // id 13 + 2, input 5 + 2, source cut to 20 (18 columns of text).
    expect(linearTable(spec, [15, 7, 20], plain)).toBe(cliTable3(spec, [15, 7, 20]));
    expect(linearTable(spec, [15, 7, 20], plain).split("\n")[3]).toBe("│ deepseek-chat │  0.56 │ DeepSeek API docs… │");
  });

  it("agrees with cli-table3 on random ASCII tables", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", "1", "-", " ", "."), maxLength: 12 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 3, max: 14 }),
        fc.integer({ min: 3, max: 14 }),
        (rows, first, second) => {
          const spec = { head: ["a", "b"], rows: rows.map(([x, y]) => [x, y]), align: ["left", "right"] as ("left" | "right")[] };
          expect(linearTable(spec, [first, second], plain)).toBe(cliTable3(spec, [first, second]));
        },
      ),
      { numRuns: 100 },
    );
  });

  it("takes time in proportion to its rows: 50,000 rows are one line each", () => {
    const rows = Array.from({ length: 50_000 }, (_, index) => [`model-${index}`, String(index)]);
    const text = linearTable({ head: ["id", "n"], rows, align: ["left", "right"] }, [14, 8], plain);
    // Three rules, a head and one line per row.
    expect(text.split("\n")).toHaveLength(50_000 + 4);
  });
});

describe("fitCell", () => {
  it("counts East Asian wide characters as two columns when cutting", () => {
    // 月之暗面 is 8 columns; in 5 there is room for two characters (4) and the ellipsis.
    expect(fitCell("月之暗面", 5, "left")).toBe("月之…");
    expect(fitCell("ab", 4, "right")).toBe("  ab");
  });
});

describe("fittedTable", () => {
  const colour = new Chalk({ level: 1 });

  it("draws what cli-table3 draws, in colour or not, with wide characters and coloured cells", () => {
    // Text as the reports hold it: figures, names in Chinese, money signs, cells coloured red.
    const text = fc.string({ unit: fc.constantFrom("a", "1", ".", " ", "-", "月", "¥", "%"), maxLength: 10 });
    const cell = fc.oneof(
      text,
      text.map((value) => colour.red(value)),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((columns) =>
          fc.record({
            head: fc.array(text, { minLength: columns, maxLength: columns }),
            rows: fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 5 }),
            align: fc.array(fc.constantFrom("left" as const, "right" as const), { minLength: columns, maxLength: columns }),
          }),
        ),
        fc.boolean(),
        (spec, coloured) => {
          const chalk = coloured ? colour : plain;
          // Wide enough for one table: folding is columnGroups' part, tested on its own. The two ways fittedTable draws agree.
          expect(fittedTable(spec, 1000, chalk)).toBe(cliTable3Table(spec, chalk));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("fittedTable with characters whose width string-width sees otherwise", () => {
  it.each([
    // 🚀 and ✅ take two columns on a terminal (and to cli-table3); a zero-width space one to cli-table3; 👍🏽 two, not four.
    ["ads🚀"],
    ["ok ✅"],
    ["a\u200bb"],
    ["👍🏽"],
    ["é"],
    ["©"],
  ])("draws %s as cli-table3 does", (name) => {
    const spec = {
      head: ["Channel", "CPA"],
      rows: [
        [name, "¥30"],
        ["feed", "1"],
      ],
      align: ["left", "right"] as ("left" | "right")[],
    };
    const table = new Table({ head: spec.head, colAligns: spec.align, style: { head: [], border: [], compact: true } });
    for (const row of spec.rows) table.push(row);
    expect(fittedTable(spec, 1000, plain)).toBe(table.toString());
  });

  it("draws any mix of report text and emoji, marks and joiners as cli-table3 does", () => {
    const text = fc.string({
      unit: fc.constantFrom(
        "a",
        "1",
        " ",
        "月",
        "¥",
        "…",
        "—",
        "é",
        "🚀",
        "✅",
        "☕",
        "👍",
        "🏽",
        "\u200d",
        "\u200b",
        "\ufe0f",
        "\u0301",
        "©",
        "〽",
        "Ж",
        "\u0483",
      ),
      maxLength: 8,
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { maxLength: 4 }), fc.tuple(text, text), (rows, head) => {
        const spec = { head: [...head], rows: rows.map((row) => [...row]), align: ["left", "right"] as ("left" | "right")[] };
        const table = new Table({ head: spec.head, colAligns: spec.align, style: { head: [], border: [], compact: true } });
        for (const row of spec.rows) table.push(row);
        expect(fittedTable(spec, 1000, plain)).toBe(table.toString());
      }),
      { numRuns: 500 },
    );
  });
});
