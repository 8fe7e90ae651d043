import { isDeepStrictEqual } from "node:util";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { documentValue, locate, parseYaml } from "../../src/lib/document.js";
import { beforeComment, plainYamlValue } from "../../src/lib/plain-yaml.js";
import { applyOverrides } from "../../src/scenario/overrides.js";
import { ROOT } from "../helpers/cli.js";
import { sharedDataFound } from "../helpers/shared-data.js";

/** What the `yaml` package reads, with document.ts's options: the value, or undefined where it reports anything. */
function yamlValue(text: string): unknown {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true, stringKeys: false, logLevel: "error" });
  if (document.errors.length > 0 || document.warnings.length > 0) return undefined;
  return document.toJS({ maxAliasCount: 100 });
}

/** The property every input must have: the quick pass declines, or reads what `yaml` reads. */
function agreesWithYaml(text: string): boolean {
  const plain = plainYamlValue(text);
  return plain === undefined || isDeepStrictEqual(plain, yamlValue(text));
}

const PRESETS = join(ROOT, "data", "scenarios");
const presetTexts = readdirSync(PRESETS)
  .filter((name) => name.endsWith(".yaml"))
  .map((name) => ({ name, text: readFileSync(join(PRESETS, name), "utf8") }));

function yamlFilesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe("plainYamlValue", () => {
  it.each(presetTexts)("reads the preset $name, as yaml does", ({ text }) => {
    // Start-up time depends on it: every preset is in the plain style.
    const plain = plainYamlValue(text);
    expect(plain).toBeDefined();
    expect(isDeepStrictEqual(plain, yamlValue(text))).toBe(true);
  });

  it("declines or agrees with yaml on every YAML file of the repository and the YAML test suite", () => {
    const suite = join(ROOT, "..", "shared", "corpora", "yaml-test-suite");
    const files = [
      ...yamlFilesUnder(join(ROOT, "tests", "fixtures")),
      ...yamlFilesUnder(join(ROOT, "docs")),
      ...(sharedDataFound(suite) ? yamlFilesUnder(suite) : []),
    ];
    expect(files.length).toBeGreaterThan(50);
    const disagreeing = files.filter((file) => !agreesWithYaml(readFileSync(file, "utf8")));
    expect(disagreeing).toEqual([]);
  });

  it("declines or agrees with yaml on the presets with characters inserted, removed and lines repeated", () => {
    // The characters YAML gives meaning to, and some that only look like them.
    const alphabet = [..." \n-:#'\"{}[],|>&*!%@`?~.0123456789xeE+\\\u00a0\u3000ab_"];
    const edit = fc.oneof(
      fc.record({
        kind: fc.constant("insert" as const),
        at: fc.nat(),
        text: fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 4 }),
      }),
      fc.record({ kind: fc.constant("remove" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 6 }) }),
      fc.record({ kind: fc.constant("repeat line" as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...presetTexts), fc.array(edit, { minLength: 1, maxLength: 3 }), ({ text }, edits) => {
        let mutated = text;
        for (const change of edits) {
          const at = change.at % (mutated.length + 1);
          if (change.kind === "insert") mutated = mutated.slice(0, at) + change.text.join("") + mutated.slice(at);
          else if (change.kind === "remove") mutated = mutated.slice(0, at) + mutated.slice(at + change.length);
          else {
            const start = mutated.lastIndexOf("\n", at - 1) + 1;
            const end = mutated.indexOf("\n", at);
            const line = mutated.slice(start, end === -1 ? mutated.length : end + 1);
            mutated = mutated.slice(0, start) + line + mutated.slice(start);
          }
        }
        return agreesWithYaml(mutated);
      }),
      { numRuns: 4000, seed: 20261129 },
    );
  });

  it("reads what it reads as yaml does, on generated documents of every form it takes", () => {
    const key = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,8}$/);
    const plainText = fc.stringMatching(/^[A-Za-z¥$万][A-Za-z0-9 ¥$万.,:'"#-]{0,12}$/);
    const number = fc.oneof(
      fc.integer({ min: -1e6, max: 1e6 }).map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.constantFrom("0.30", "1e3", "-2.5E-3", ".5", "1.", "+7", "007", "-0", "12345678901234567890"),
    );
    const word = fc.constantFrom("null", "Null", "~", "true", "FALSE", "True", "yes", "no", "on", "off", "NULL", "nan");
    const quoted = fc.oneof(
      fc
        .string({ maxLength: 10 })
        .filter((text) => !/["\\\n\r\t]/.test(text) && !/[\u0000-\u001f\u007f-\u009f\u00a0\u2028\u2029\ufeff]/.test(text))
        .map((text) => `"${text}"`),
      fc
        .string({ maxLength: 10 })
        .filter((text) => !/[\n\r\t]/.test(text) && !/[\u0000-\u001f\u007f-\u009f\u00a0\u2028\u2029\ufeff]/.test(text))
        .map((text) => `'${text.replaceAll("'", "''")}'`),
    );
    const scalar = fc.oneof(plainText, number, word, quoted);
    const comment = fc.oneof(fc.constant(""), fc.constant("   # a comment: with [brackets]"));
    type Tree =
      | { kind: "scalar"; text: string }
      | { kind: "map"; entries: [string, Tree][] }
      | { kind: "list"; items: Tree[] }
      | { kind: "flow"; text: string }
      | { kind: "block"; header: string; lines: string[] };
    const flow = fc.oneof(
      fc
        .uniqueArray(fc.tuple(key, fc.oneof(number, quoted, fc.stringMatching(/^[a-z][a-z ]{0,6}[a-z]$/))), {
          selector: ([name]) => name,
          maxLength: 3,
        })
        .map((entries) => `{ ${entries.map(([name, value]) => `${name}: ${value}`).join(", ")} }`),
      fc.array(fc.oneof(number, quoted), { maxLength: 3 }).map((items) => `[${items.join(", ")}]`),
    );
    const blockLines = fc.array(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,.:#-]{0,10}[A-Za-z0-9.]$/), { minLength: 1, maxLength: 3 });
    const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((self) => ({
      tree: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        scalar.map((text) => ({ kind: "scalar" as const, text })),
        flow.map((text) => ({ kind: "flow" as const, text })),
        fc.tuple(fc.constantFrom("|", "|-", ">", ">-"), blockLines).map(([header, lines]) => ({ kind: "block" as const, header, lines })),
        fc
          .uniqueArray(fc.tuple(key, self("tree")), { selector: ([name]) => name, minLength: 1, maxLength: 4 })
          .map((entries) => ({ kind: "map" as const, entries })),
        fc.array(self("tree"), { minLength: 1, maxLength: 3 }).map((items) => ({ kind: "list" as const, items })),
      ),
    })).tree;
    const render = (node: Tree, indent: number, note: string): string => {
      const pad = " ".repeat(indent);
      switch (node.kind) {
        case "scalar":
        case "flow":
          return ` ${node.text}${note}\n`;
        case "block":
          return ` ${node.header}${note}\n${node.lines.map((line) => `${pad}  ${line}\n`).join("")}`;
        case "map":
          return `${note}\n${node.entries.map(([name, value]) => `${pad}  ${name}:${render(value, indent + 2, note)}`).join("")}`;
        case "list":
          return `${note}\n${node.items.map((item) => `${pad}  -${render(item, indent + 2, note)}`).join("")}`;
      }
    };
    let read = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(key, tree), { selector: ([name]) => name, minLength: 1, maxLength: 4 }),
        comment,
        (entries, note) => {
          const text = entries.map(([name, value]) => `${name}:${render(value, 0, note)}`).join("");
          if (plainYamlValue(text) !== undefined) read++;
          return agreesWithYaml(text);
        },
      ),
      { numRuns: 3000, seed: 7 },
    );
    // The generated forms are the ones the pass exists for: most must be read, not declined.
    expect(read).toBeGreaterThan(1500);
  });

  it("reads the forms of the scenario files", () => {
    const text = [
      "name: Chinese AI chat app # a comment",
      "description: >-",
      "  two lines",
      "  folded",
      "notes: |",
      "  kept",
      "  apart",
      "fx: { USD: 7.2, note: 'it''s' }",
      'list: [1, "two"]',
      "channels:",
      "- name: bilibili",
      '  cpa: "¥30"',
      "-   name: feed",
      "    share: -0.7",
      "empty:",
      "flags: [true, ~]",
      "",
    ].join("\n");
    // Folded `>-`: lines joined by a space, no final line break; literal `|`: lines kept, one final line break.
    expect(plainYamlValue(text)).toStrictEqual({
      name: "Chinese AI chat app",
      description: "two lines folded",
      notes: "kept\napart\n",
      fx: { USD: 7.2, note: "it's" },
      list: [1, "two"],
      channels: [
        { name: "bilibili", cpa: "¥30" },
        { name: "feed", share: -0.7 },
      ],
      empty: null,
      flags: [true, null],
    });
  });

  it.each([
    ["a tab", "a:\t1\n"],
    ["an anchor and alias", "a: &x 1\nb: *x\n"],
    ["a tag", "a: !!str 1\n"],
    ["a hexadecimal number", "a: 0x10\n"],
    ["an infinity", "a: .inf\n"],
    ["a key twice", "a: 1\na: 2\n"],
    ["__proto__", "__proto__: 1\n"],
    ["an escape", 'a: "\\x1b"\n'],
    ["a multi-line plain value", "a: one\n  two\n"],
    ["a blank line inside a block", "a: |\n  x\n\n  y\n"],
    ["a clipped block ending the file without a line break", "a: |\n  x"],
    ["a document marker", "---\na: 1\n"],
    ["a list at the top", "- a\n"],
    ["an empty text", "# only a comment\n"],
    ["a comment inside a flow mapping", "a: { b: 1 # c }\n"],
    ["a no-break space", "a: x\u00a0\n"],
  ])("declines %s", (_, text) => {
    expect(plainYamlValue(text)).toBeUndefined();
  });
});

describe("parseYaml of a plain text", () => {
  const text = "name: x\nusage:\n  sessions_per_dau: 2\n";

  it("gives the value, and the YAML nodes when they are asked for", () => {
    const source = parseYaml(text, "s.yaml");
    expect(documentValue(source)).toStrictEqual({ name: "x", usage: { sessions_per_dau: 2 } });
    // The key of usage.sessions_per_dau starts on line 3, column 3.
    expect(locate(source, ["usage", "sessions_per_dau"], true)).toEqual({ line: 3, col: 3 });
  });

  it("gives a copy at each call, as the YAML document does", () => {
    const source = parseYaml(text, "s.yaml");
    const first = documentValue(source);
    (first.usage as Record<string, unknown>).sessions_per_dau = 99;
    expect(documentValue(source)).toStrictEqual({ name: "x", usage: { sessions_per_dau: 2 } });
  });

  it("gives the value with an override written into the document", () => {
    const source = applyOverrides(parseYaml(text, "s.yaml"), [
      { segments: ["usage", "sessions_per_dau"], value: 3, label: "--set usage.sessions_per_dau=3" },
    ]);
    expect(documentValue(source)).toStrictEqual({ name: "x", usage: { sessions_per_dau: 3 } });
  });
});

describe("beforeComment", () => {
  it.each([
    ["x", "x"],
    ["x #c", "x"],
    ["x   # c # d", "x  "],
    ["x#y #z", "x#y"],
    [" #", ""],
    ["a b", "a b"],
  ])("cuts %j to %j", (text, expected) => {
    expect(beforeComment(text)).toBe(expected);
  });

  it("reads the plain value before a comment as the spaces-then-# rule does", () => {
    // The rule as YAML states it, once a regex: a comment is a `#` after white space, to the end of the line.
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(" ", "#", "x", ":"), maxLength: 12 }), (text) => {
        expect(beforeComment(text).trimEnd()).toBe(text.replace(/ +#.*$/, "").trimEnd());
      }),
    );
  });

  it("reads a value with a long run of spaces inside it", () => {
    // 100,000 spaces between two words: one plain value, as yaml reads it.
    const text = `a: x${" ".repeat(100_000)}y\n`;
    expect(plainYamlValue(text)).toStrictEqual({ a: `x${" ".repeat(100_000)}y` });
  });
});
