/**
 * Text into GitHub-flavoured Markdown, for the `md` reports posted as pull-request comments.
 * Every piece of data (scenario and file names, labels, figures) goes through one of these,
 * so that a name cannot add emphasis, links, HTML or table columns; the report's own markup
 * is added around the escaped text, never passed through it.
 */

/**
 * Markdown punctuation that can change what GitHub renders: escapes, code, emphasis,
 * links, HTML, table cells, headings, plus strikethrough (`~`) and entities (`&`). A
 * backslash before ASCII punctuation is always valid CommonMark, so escaping one where it
 * was harmless costs nothing.
 */
const SPECIAL = /[\\`*_[\]<>|#~&]/g;

const NEWLINES = /\r\n|\r|\n/g;

/**
 * An `@` before a name: on GitHub a live mention, which would notify whoever a scenario
 * names (`@octocat`, `@org/team`). A backslash does not stop GitHub's mention filter; a
 * zero-width space after the `@` does (as Renovate and Dependabot write it), and reads the same.
 */
const MENTION = /@(?=[A-Za-z0-9_-])/g;

/** Text that shows as written in a paragraph, a heading or a table cell; a newline becomes a space, an @mention pings no one. */
export function mdText(text: string): string {
  return text.replace(NEWLINES, " ").replace(SPECIAL, "\\$&").replace(MENTION, "@&#8203;");
}

/** `**text**`, the text escaped. */
export function mdStrong(text: string): string {
  return `**${mdText(text)}**`;
}

/** A run of backticks longer than any in `text` (and at least `shortest`), so that the text cannot close it. */
function fenceFor(text: string, shortest: number): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return "`".repeat(Math.max(shortest, longest + 1));
}

/**
 * Inline code showing `text` exactly: no backslash escapes (code spans take none), a
 * fence longer than any backtick run inside, and a space inside the fence where the text
 * starts or ends with a backtick or would lose its own edge spaces. In a table `cell`,
 * `|` is still escaped: GitHub splits cells before it parses code spans, and takes `\|`
 * back to `|` even inside one; in running `text` a `\|` would show its backslash.
 */
export function mdCode(text: string, where: "cell" | "text" = "cell"): string {
  const flat = text.replace(NEWLINES, " ");
  if (flat === "") return "";
  const body = where === "cell" ? flat.replaceAll("|", "\\|") : flat;
  const fence = fenceFor(flat, 1);
  // CommonMark drops one space at each end when both ends have one (unless all are spaces).
  const trimmed = flat.startsWith(" ") && flat.endsWith(" ") && flat.trim() !== "";
  const pad = flat.startsWith("`") || flat.endsWith("`") || trimmed;
  return pad ? `${fence} ${body} ${fence}` : `${fence}${body}${fence}`;
}

/** A fenced code block: a fence of at least three backticks, longer than any run inside. */
export function mdCodeBlock(text: string, info = ""): string {
  const fence = fenceFor(text, 3);
  return `${fence}${info}\n${text}\n${fence}`;
}

/** A table row of cells already in Markdown (escape plain text with `mdText` first). */
export function mdRow(cells: readonly string[]): string {
  return `| ${cells.join(" | ")} |`;
}

/** A GitHub table of cells already in Markdown; `align` gives each column's side. */
export function mdTable(head: readonly string[], rows: readonly (readonly string[])[], align: readonly ("left" | "right")[]): string {
  const rule = `|${align.map((side) => (side === "right" ? " ---: " : " --- ")).join("|")}|`;
  return [mdRow(head), rule, ...rows.map(mdRow)].join("\n");
}
