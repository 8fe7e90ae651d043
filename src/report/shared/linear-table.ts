import type { ChalkInstance } from "chalk";
import { displayWidth } from "./width.js";

/**
 * A bordered table drawn as cli-table3 draws it (compact: no rules between rows), each
 * cell cut with "…" to its column's width: one pass over the rows. cli-table3 lays every
 * cell out against all the others, which is quadratic: 50,000 rows (a large price map in
 * `models`) took minutes. For tables of one line per row whose text displayWidth measures
 * as cli-table3 does (table.ts); tables that wrap their cells keep cli-table3.
 */
export function linearTable(
  spec: { head: readonly string[]; rows: readonly (readonly string[])[]; align: readonly ("left" | "right")[] },
  widths: readonly number[],
  chalk: ChalkInstance,
): string {
  const rule = (left: string, middle: string, right: string) => `${left}${widths.map((width) => "─".repeat(width)).join(middle)}${right}`;
  const line = (texts: readonly string[], style?: (text: string) => string) =>
    `│${texts.map((text, index) => ` ${fitCell(text, widths[index]! - 2, spec.align[index] ?? "left", style)} `).join("│")}│`;
  const lines = [rule("┌", "┬", "┐"), line(spec.head, (text) => chalk.bold(text))];
  // cli-table3 rules off the head only above a row.
  if (spec.rows.length > 0) lines.push(rule("├", "┼", "┤"));
  for (const row of spec.rows) lines.push(line(row));
  lines.push(rule("└", "┴", "┘"));
  return lines.join("\n");
}

/**
 * `text` in exactly `width` columns: cut with "…" when longer, padded on the side away
 * from its alignment; `style` (bold) applies to the text, not the padding, as in cli-table3.
 */
export function fitCell(text: string, width: number, align: "left" | "right", style = (shown: string) => shown): string {
  let shown = text;
  let shownWidth = displayWidth(text);
  if (shownWidth > width) {
    shown = "";
    shownWidth = 0;
    for (const char of text) {
      const charWidth = displayWidth(char);
      if (shownWidth + charWidth > width - 1) break;
      shown += char;
      shownWidth += charWidth;
    }
    shown += "…";
    shownWidth += 1;
  }
  const pad = " ".repeat(Math.max(0, width - shownWidth));
  return align === "right" ? pad + style(shown) : style(shown) + pad;
}
