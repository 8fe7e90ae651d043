import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mdCode, mdCodeBlock, mdRow, mdStrong, mdText } from "../../../src/report/shared/markdown.js";

/**
 * What CommonMark shows for a code span (spec 6.1): the opening backtick run, content up to
 * the next run of the same length, one space dropped at each end when both ends have one
 * and the content is not all spaces. Null when `markdown` is not exactly one code span.
 */
function codeSpanText(markdown: string): string | null {
  const open = /^`+/.exec(markdown)?.[0];
  if (open === undefined) return null;
  const runs = [...markdown.slice(open.length).matchAll(/`+/g)];
  const close = runs.find((run) => run[0].length === open.length);
  if (close === undefined || open.length + close.index + close[0].length !== markdown.length) return null;
  const content = markdown.slice(open.length, open.length + close.index);
  return content.startsWith(" ") && content.endsWith(" ") && content.trim() !== "" ? content.slice(1, -1) : content;
}

/** The text a reader sees once the backslash escapes of `mdText` are resolved. */
function unescape(markdown: string): string {
  return markdown.replace(/\\([\\`*_[\]<>|#~&])/g, "$1");
}

describe("mdText", () => {
  it("escapes the punctuation GitHub would read as markup, each with one backslash", () => {
    expect(mdText("\\ ` * _ [ ] < > | # ~ &")).toBe("\\\\ \\` \\* \\_ \\[ \\] \\< \\> \\| \\# \\~ \\&");
    expect(mdText('a|b "q" `x` *y* <b>')).toBe('a\\|b "q" \\`x\\` \\*y\\* \\<b\\>');
  });

  it("leaves ordinary text alone and joins lines with a space", () => {
    expect(mdText("CAC, all installs: $1,234.50 (+12%), x20 training ✓ 人民币")).toBe(
      "CAC, all installs: $1,234.50 (+12%), x20 training ✓ 人民币",
    );
    expect(mdText("one\r\ntwo\nthree\rfour")).toBe("one two three four");
  });

  it("always reads back as the text it was given (newlines as spaces)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", " ", "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "&", "\n", "é") }),
        (text) => {
          const markdown = mdText(text);
          expect(markdown).not.toMatch(/\n/);
          expect(unescape(markdown)).toBe(text.replace(/\r\n|\r|\n/g, " "));
        },
      ),
    );
  });
});

describe("mdStrong", () => {
  it("wraps the escaped text in **", () => {
    expect(mdStrong("*y* holds")).toBe("**\\*y\\* holds**");
  });
});

describe("mdCode", () => {
  it("keeps backslashes as they are: code spans take no escapes", () => {
    expect(mdCode("C:\\x\\y.yaml")).toBe("`C:\\x\\y.yaml`");
  });

  it("fences with more backticks than any run inside, padding where the text starts or ends with one", () => {
    expect(mdCode("a`b")).toBe("``a`b``");
    expect(mdCode("a``b`")).toBe("``` a``b` ```");
    expect(mdCode("`x`")).toBe("`` `x` ``");
  });

  it("escapes | in a table cell only: GitHub unescapes it there, even in code", () => {
    expect(mdCode("a|b.yaml")).toBe("`a\\|b.yaml`");
    expect(mdCode("a|b.yaml", "text")).toBe("`a|b.yaml`");
  });

  it("keeps edge spaces that CommonMark would strip, and puts newlines on one line", () => {
    expect(mdCode("   ░│█   ")).toBe("`    ░│█    `");
    expect(mdCode(" ")).toBe("` `");
    expect(mdCode("a\nb")).toBe("`a b`");
    expect(mdCode("")).toBe("");
  });

  it("always shows exactly the text it was given", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", " ", "`", "\\", "|"), minLength: 1 }), (text) => {
        expect(codeSpanText(mdCode(text, "text"))).toBe(text);
        expect(codeSpanText(mdCode(text, "cell"))?.replaceAll("\\|", "|")).toBe(text);
      }),
    );
  });
});

describe("mdCodeBlock and mdRow", () => {
  it("fences a block with at least three backticks, more than any run inside", () => {
    expect(mdCodeBlock("a\nb", "text")).toBe("```text\na\nb\n```");
    expect(mdCodeBlock("```yaml\nx: 1\n```", "text")).toBe("````text\n```yaml\nx: 1\n```\n````");
  });

  it("joins cells already in Markdown into a table row", () => {
    expect(mdRow(["a", mdText("b|c"), mdCode("d|e")])).toBe("| a | b\\|c | `d\\|e` |");
  });
});
