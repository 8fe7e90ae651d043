import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runInProcess } from "../helpers/cli.js";

/** Where stdout is piped and COLUMNS unset, as when a reader pipes the README's command: the width reports are laid out for. */
const PIPED_COLUMNS = 80;

/**
 * The examples in the README and docs/*.md that show a command's output: a fenced block whose
 * first line is `$ llm-cac ...`, then the output as printed, up to a line `...` where it is cut short.
 */
function shownExamples(): Array<{ where: string; argv: string[]; shown: string[] }> {
  const files = [
    "README.md",
    ...readdirSync(join(ROOT, "docs"))
      .filter((name) => name.endsWith(".md"))
      .map((name) => `docs/${name}`),
  ];
  return files.flatMap((file) =>
    [...readFileSync(join(ROOT, file), "utf8").matchAll(/^```\n\$ llm-cac ([^\n]*)\n([\s\S]*?)^```$/gm)].map((match) => {
      const lines = match[2]!.split("\n").slice(0, -1);
      const cut = lines.indexOf("...");
      return { where: `${file}: llm-cac ${match[1]}`, argv: match[1]!.trim().split(/\s+/), shown: cut < 0 ? lines : lines.slice(0, cut) };
    }),
  );
}

describe("output shown in the README and the docs", () => {
  const examples = shownExamples();

  it("finds the README's first command among them", () => {
    expect(examples.map((example) => example.where)).toContain("README.md: llm-cac run");
  });

  for (const { where, argv, shown } of examples) {
    it(`${where} prints what is shown, at ${PIPED_COLUMNS} columns`, async () => {
      const run = await runInProcess(argv, { columns: PIPED_COLUMNS });
      expect(run.code).toBe(0);
      expect(run.stdout.split("\n").slice(0, shown.length)).toEqual(shown);
    });
  }
});
