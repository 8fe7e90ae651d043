import { Chalk, type ChalkInstance } from "chalk";
import Table from "cli-table3";
import { formatPrice } from "../shared/format.js";
import type { ModelListRow, ModelPriceRow, ModelsView } from "../../catalog/models-view.js";
import type { RenderOptions } from "../shared/options.js";
import { linearTable } from "../shared/linear-table.js";
import { displayWidth, wrapText } from "../shared/width.js";

/** The human view of the catalog: the newest price of each model, or one model's history. */
export function renderModelsTable(view: ModelsView, options: RenderOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  return view.kind === "list" ? listTable(view.models, view.today, options, chalk) : historyTable(view, options, chalk);
}

type Column<Row> = { head: string; align: "left" | "right"; cell: (row: Row) => string };

const PRICE_COLUMNS: Column<ModelPriceRow>[] = [
  { head: "input", align: "right", cell: (row) => formatPrice(row.input) },
  { head: "cached", align: "right", cell: (row) => formatPrice(row.cached_input) },
  { head: "output", align: "right", cell: (row) => formatPrice(row.output) },
  { head: "currency", align: "left", cell: (row) => row.currency },
  { head: "effective", align: "left", cell: (row) => `${row.effective}${row.stale ? "*" : ""}` },
  { head: "official", align: "left", cell: (row) => (row.official ? "yes" : "no") },
  { head: "source", align: "left", cell: (row) => row.source },
];

function listTable(models: readonly ModelListRow[], today: string, options: RenderOptions, chalk: ChalkInstance): string {
  const columns: Column<ModelListRow>[] = [
    { head: "id", align: "left", cell: (row) => row.id },
    { head: "provider", align: "left", cell: (row) => row.provider },
    ...PRICE_COLUMNS,
  ];
  const title = `${models.length} ${models.length === 1 ? "model" : "models"}, newest price of each, per 1M tokens`;
  const notes = [
    ...footnotes(models, today),
    "`llm-cac models ID` shows a model's price history; `inference.model: ID` in a scenario takes the newest price.",
  ];
  return `${[chalk.bold(title), table(columns, models, options, chalk, "truncate"), ...notes.flatMap((note) => wrapText(note, options.width, "  "))].join("\n")}\n`;
}

function historyTable(view: Extract<ModelsView, { kind: "history" }>, options: RenderOptions, chalk: ChalkInstance): string {
  const [, , , , effective, ...rest] = PRICE_COLUMNS;
  const columns: Column<ModelPriceRow>[] = [effective!, ...PRICE_COLUMNS.slice(0, 4), ...rest];
  const title = `${view.id}  (${view.provider}${view.note === null ? "" : `; ${view.note}`})`;
  const newest = view.prices[view.prices.length - 1]!;
  const notes = [
    `Price history per 1M tokens, oldest first; each applies from its date until the next.`,
    ...footnotes(view.prices, view.today),
    ...view.prices.flatMap(extraPriceLines),
    `\`inference.model: ${view.id}\` takes the newest price (${newest.effective}); \`${view.id}@YYYY-MM-DD\` the one in force on that date.`,
  ];
  return `${[chalk.bold(wrapText(title, options.width, "  ").join("\n")), table(columns, view.prices, options, chalk, "wrap"), ...notes.flatMap((note) => wrapText(note, options.width, "  "))].join("\n")}\n`;
}

/** A price's reasoning price and context-length tiers, which the table's columns do not show. */
function extraPriceLines(row: ModelPriceRow): string[] {
  const lines: string[] = [];
  if (row.reasoning !== null) lines.push(`${row.effective}: reasoning tokens ${formatPrice(row.reasoning)} ${row.currency} per 1M.`);
  for (const tier of row.tiers) {
    const cached = tier.cached_input === null ? "" : `, cached ${formatPrice(tier.cached_input)}`;
    const reasoning = tier.reasoning === null ? "" : `, reasoning ${formatPrice(tier.reasoning)}`;
    lines.push(
      `${row.effective}: a turn whose prompt is above ${tier.above.toLocaleString("en-US")} tokens bills input ${formatPrice(tier.input)}${cached}, output ${formatPrice(tier.output)}${reasoning} ${row.currency} per 1M.`,
    );
  }
  return lines;
}

function footnotes(rows: readonly ModelPriceRow[], today: string): string[] {
  const notes: string[] = [];
  if (rows.some((row) => row.stale)) notes.push(`* more than 12 months before today (${today}): the price may have changed since.`);
  if (rows.some((row) => row.cached_input === null))
    notes.push("cached - : no cache-hit price published; cached tokens bill at the input price.");
  return notes;
}

/**
 * Left out in this order while a table is wider than the terminal (every column is in the
 * JSON): the list keeps one line per model, a history keeps its sources, wrapped.
 */
const DROP_ORDER = {
  truncate: ["source", "official", "provider", "cached", "currency"],
  wrap: ["official", "currency", "source", "cached"],
};
/** The source column is cut short with "…" (the list) or wrapped (a history) to this width before it is left out. */
const MIN_SOURCE_WIDTH = 20;

/**
 * A bordered table like the run report's, within the terminal's width. Where it is too
 * narrow, the source is cut short with "…" (the list: one line per model, the full text
 * is in `models ID` and the JSON) or wrapped (a history: a few rows); narrower still,
 * the columns of DROP_ORDER are left out, and the table says so under it.
 */
function table<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  options: RenderOptions,
  chalk: ChalkInstance,
  overflow: "truncate" | "wrap",
): string {
  const allCells = rows.map((row) => columns.map((column) => column.cell(row)));
  // Each column is its widest cell plus a space either side; borders take one more per column.
  // A loop, not Math.max(...cells): spreading 200,000 arguments overflows the stack.
  const allWidths = columns.map(
    (column, index) => allCells.reduce((widest, line) => Math.max(widest, displayWidth(line[index]!)), column.head.length) + 2,
  );
  const kept = keptColumns(columns, allWidths, options.width, DROP_ORDER[overflow]);
  const widths = kept.map((index) => allWidths[index]!);
  const last = kept.length - 1;
  const room = options.width - (kept.length + 1) - widths.slice(0, last).reduce((sum, width) => sum + width, 0);
  const colWidths: (number | null)[] = kept.map(() => null);
  if (widths[last]! > room) colWidths[last] = Math.max(Math.min(MIN_SOURCE_WIDTH, widths[last]!), room);
  const left = columns.filter((_, index) => !kept.includes(index)).map((column) => column.head);
  const note =
    left.length === 0
      ? []
      : wrapText(`${left.join(", ")}: left out to fit ${options.width} columns; --format json has every column.`, options.width, "  ");
  if (overflow === "truncate") {
    // One line per model, drawn in one pass: cli-table3 lays each cell out against all the others (minutes for 50,000 models).
    const spec = {
      head: kept.map((index) => columns[index]!.head),
      rows: allCells.map((line) => kept.map((index) => line[index]!)),
      align: kept.map((index) => columns[index]!.align),
    };
    return [
      linearTable(
        spec,
        kept.map((_, position) => colWidths[position] ?? widths[position]!),
        chalk,
      ),
      ...note,
    ].join("\n");
  }
  const output = new Table({
    head: kept.map((index) => chalk.bold(columns[index]!.head)),
    colAligns: kept.map((index) => columns[index]!.align),
    colWidths,
    wordWrap: overflow === "wrap" || columns[kept[last]!]!.head !== "source",
    wrapOnWordBoundary: columns[kept[last]!]!.head === "source",
    style: { head: [], border: [], compact: true },
  });
  for (const line of allCells) output.push(kept.map((index) => line[index]!));
  return [output.toString(), ...note].join("\n");
}

/** Widths here include a cell's padding; borders take one more per column, and one. */
const borderedWidth = (widths: readonly number[]) => widths.reduce((sum, width) => sum + width + 1, 1);

/** The columns that fit `width`, dropping those of DROP_ORDER in turn; the source counts at its shortest. */
function keptColumns<Row>(
  columns: readonly Column<Row>[],
  widths: readonly number[],
  width: number,
  dropOrder: readonly string[],
): number[] {
  let kept = columns.map((_, index) => index);
  const shortest = (index: number) => (columns[index]!.head === "source" ? Math.min(widths[index]!, MIN_SOURCE_WIDTH) : widths[index]!);
  for (const head of dropOrder) {
    if (borderedWidth(kept.map(shortest)) <= width) break;
    kept = kept.filter((index) => columns[index]!.head !== head);
  }
  return kept;
}
