import { describe, expect, it } from "vitest";
import { csvLines, csvTable } from "../../../src/report/shared/csv.js";
import { parseCsv } from "../../helpers/csv.js";
import { runInProcess } from "../../helpers/cli.js";

const header = (text: string) => (parseCsv(text) as string[][])[0];
const row = (...keys: string[]) => new Map(keys.map((key) => [key, key.toUpperCase()]));

describe("csvTable's header", () => {
  it("puts a key that only a later row has after the key before it in that row, not at the end", () => {
    // Row 1 has no c; row 2 has c between b and d: the header is a, b, c, d whichever row comes first.
    expect(header(csvTable([row("a", "b", "d"), row("a", "b", "c", "d")]))).toEqual(["a", "b", "c", "d"]);
    expect(header(csvTable([row("a", "b", "c", "d"), row("a", "b", "d")]))).toEqual(["a", "b", "c", "d"]);
    // A key first in its row goes first; each row's cells still sit under their own keys.
    const text = csvTable([row("b"), row("z", "b")]);
    expect(parseCsv(text)).toEqual([
      ["z", "b"],
      ["", "B"],
      ["Z", "B"],
    ]);
  });
});

describe("CSV columns do not depend on the order of the files", () => {
  // default.yaml has no routes; kimi-2024 routes its sessions (routes.N.* columns, between channels
  // and what follows a result: compare's delta, run --samples' percentiles); both in CNY, as compare asks.
  const files = ["data/scenarios/default.yaml", "data/scenarios/kimi-2024.yaml"];
  for (const argv of [["compare"], ["run", "--samples", "20", "--quiet"]]) {
    it(`${argv.join(" ")}: the same header either way, routes before what follows the result`, async () => {
      const forward = await runInProcess([...argv, ...files, "--format", "csv"]);
      const backward = await runInProcess([...argv, ...[...files].reverse(), "--format", "csv"]);
      expect(forward.code).toBe(0);
      expect(backward.code).toBe(0);
      const columns = header(forward.stdout)!;
      expect(header(backward.stdout)).toEqual(columns);
      const lastRoute = columns.findLastIndex((column) => column.startsWith("routes."));
      const after = columns.findIndex((column) => column.startsWith(argv[0] === "compare" ? "delta." : "samples."));
      expect(lastRoute).toBeGreaterThan(0);
      expect(lastRoute).toBeLessThan(after);
    });
  }
});

describe("csvLines", () => {
  it("ends every line with CRLF, the last one too, and makes no text of no lines", () => {
    expect(csvLines(["a,b", "1,2"])).toBe("a,b\r\n1,2\r\n");
    expect(csvLines(["a"])).toBe("a\r\n");
    expect(csvLines([])).toBe("");
  });
});
