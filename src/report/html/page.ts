import { type Html, html, raw } from "./html.js";
import { STYLE } from "./style.js";

/**
 * What a page shows beyond the report itself, passed in (RenderOptions has both) so that
 * renderers stay pure and tests fixed.
 */
export interface HtmlOptions {
  /** llm-cac's version, for `<meta name="generator">` and the footer. */
  version?: string;
  /** The day the report was made, `YYYY-MM-DD`. */
  date?: string;
}

export interface PageContent {
  /** The document title (the browser tab). */
  title: string;
  /** The kind of report, above the heading: "Cost ladder", "Sensitivity". */
  kicker: string;
  heading: string;
  /** The verdict sentence(s) and anything else at the top. */
  lead: Html;
  body: Html;
  /** The scenario files the report is about, named in the footer. */
  files: readonly string[];
}

/**
 * No script and no request: the Content-Security-Policy forbids any fetch, so even text
 * that slipped past escaping could not load anything. Tooltips are SVG `<title>`s.
 */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export function page(content: PageContent, options: HtmlOptions): string {
  const version = options.version ?? "(development)";
  const files =
    content.files.length === 0 ? "" : html` from ${content.files.map((file, index) => html`${index > 0 ? ", " : ""}<code>${file}</code>`)}`;
  const document = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="generator" content="llm-cac ${version}">
<title>${content.title}</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<main>
<header class="report"><p class="kicker">${content.kicker}</p><h1>${content.heading}</h1>${content.lead}</header>
${content.body}
</main>
<footer>Made by llm-cac ${version}${files}${options.date === undefined ? "" : html` on <time datetime="${options.date}">${options.date}</time>`}. Figures are estimates from the scenario's inputs; money in the scenario's currency.</footer>
</body>
</html>
`;
  return document.text;
}
