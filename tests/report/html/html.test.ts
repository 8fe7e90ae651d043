import { describe, expect, it } from "vitest";
import { escapeHtml, Html, html, raw } from "../../../src/report/html/html.js";

describe("escapeHtml", () => {
  it("escapes the five characters that can end text or an attribute", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });

  it("writes out the control characters HTML forbids and the bidi overrides, as the table does", () => {
    // ESC, NUL and C1 CSI are parse errors in an HTML file; U+202E would show the rest reversed.
    // Tab and line feed are allowed in HTML and stay.
    expect(escapeHtml("\u001b[31mred\u0000\u009b\u202Ex\ty\nz")).toBe("\\x1b[31mred\\x00\\x9b\\u202ex\ty\nz");
  });
});

describe("html", () => {
  it("escapes every interpolated string, and keeps Html as markup", () => {
    const name = `"><img src=x onerror=alert(1)>`;
    expect(html`<p title="${name}">${name}</p>${html`<b>ok</b>`}`.text).toBe(
      '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</p><b>ok</b>',
    );
  });

  it("joins arrays, prints numbers, and leaves out null, undefined and false", () => {
    expect(html`${["<", html`<i>`, 3]}|${null}|${undefined}|${false}|${0}`.text).toBe("&lt;<i>3||||0");
  });

  it("lets markup in only through html and raw", () => {
    expect(raw("<style>a{}</style>")).toBeInstanceOf(Html);
    expect(html`${"<style>"}`.text).toBe("&lt;style&gt;");
  });
});
