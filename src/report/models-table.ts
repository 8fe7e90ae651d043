import { Chalk, type ChalkInstance } from "chalk";
import Table from "cli-table3";
import { formatPrice } from "./format.js";
import type { ModelListRow, ModelPriceRow, ModelsView } from "./models-view.js";
import type { RenderOptions } from "./options.js";

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
  return [chalk.bold(title), table(columns, models, options, chalk, "truncate"), ...notes].join("\n") + "\n";
}

function historyTable(view: Extract<ModelsView, { kind: "history" }>, options: RenderOptions, chalk: ChalkInstance): string {
  const [, , , , effective, ...rest] = PRICE_COLUMNS;
  const columns: Column<ModelPriceRow>[] = [effective!, ...PRICE_COLUMNS.slice(0, 4), ...rest];
  const title = `${view.id}  (${view.provider}${view.note === null ? "" : `; ${view.note}`})`;
  const newest = view.prices[view.prices.length - 1]!;
  const notes = [
    `Price history per 1M tokens, oldest first; each applies from its date until the next.`,
    ...footnotes(view.prices, view.today),
    `\`inference.model: ${view.id}\` takes the newest price (${newest.effective}); \`${view.id}@YYYY-MM-DD\` the one in force on that date.`,
  ];
  return [chalk.bold(title), table(columns, view.prices, options, chalk, "wrap"), ...notes].join("\n") + "\n";
}

function footnotes(rows: readonly ModelPriceRow[], today: string): string[] {
  const notes: string[] = [];
  if (rows.some((row) => row.stale)) notes.push(`* more than 12 months before today (${today}): the price may have changed since.`);
  if (rows.some((row) => row.cached_input === null)) notes.push("cached - : no cache-hit price published; cached tokens bill at the input price.");
  return notes;
}

/**
 * A bordered table like the run report's. Where the terminal is too narrow, the last
 * column (the source) is cut short with "…" (the list: one line per model, the full text
 * is in `models ID` and the JSON) or wrapped (a history: a few rows).
 */
function table<Row>(columns: readonly Column<Row>[], rows: readonly Row[], options: RenderOptions, chalk: ChalkInstance, overflow: "truncate" | "wrap"): string {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  // Each column is its widest cell plus a space either side; borders take one more per column.
  const widths = columns.map((column, index) => Math.max(column.head.length, ...cells.map((line) => displayWidth(line[index]!))) + 2);
  const last = columns.length - 1;
  const room = options.width - (columns.length + 1) - widths.slice(0, last).reduce((sum, width) => sum + width, 0);
  const colWidths: (number | null)[] = columns.map(() => null);
  if (widths[last]! > room) colWidths[last] = Math.max(20, room);
  const output = new Table({
    head: columns.map((column) => chalk.bold(column.head)),
    colAligns: columns.map((column) => column.align),
    colWidths,
    wordWrap: overflow === "wrap",
    style: { head: [], border: [], compact: true },
  });
  for (const line of cells) output.push(line);
  return output.toString();
}

/** Terminal columns a string takes: East Asian wide characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(char) ? 2 : 1;
  return width;
}
