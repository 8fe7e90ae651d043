import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { decodeScenario, describeFsError, MAX_SCENARIO_BYTES, readScenarioFile } from "../../src/lib/read.js";
import { problemsOf } from "../helpers/user-error.js";

const folder = mkdtempSync(join(tmpdir(), "llm-cac-read-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("decodeScenario", () => {
  it("decodes UTF-8, Chinese money strings included", () => {
    const bytes = new TextEncoder().encode('daily_budget: "20万元"\n');
    expect(decodeScenario(bytes, "s.yaml")).toEqual({ file: "s.yaml", text: 'daily_budget: "20万元"\n' });
  });

  it("drops a UTF-8 byte-order mark", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("a: 1\n")]);
    expect(decodeScenario(bytes, "s.yaml").text).toBe("a: 1\n");
  });

  it("rejects invalid UTF-8, naming the file", () => {
    // 0xff never occurs in UTF-8; 0xe4 0xb8 starts a 3-byte sequence that is cut short
    for (const bytes of [new Uint8Array([0x61, 0xff, 0x62]), new Uint8Array([0x61, 0xe4, 0xb8])]) {
      expect(problemsOf(() => decodeScenario(bytes, "s.yaml"))).toEqual([
        { file: "s.yaml", message: "not valid UTF-8 text (save the scenario as UTF-8)" },
      ]);
    }
  });

  it("decodes as a fatal TextDecoder does, or rejects where it throws: surrogates, overlong forms, two byte-order marks", () => {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const cases = [
      [0xed, 0xa0, 0x80], // a UTF-16 surrogate, U+D800
      [0xc0, 0xaf], // "/" in an overlong form
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61], // the first mark is dropped, the second kept
      [0xf0, 0x9f, 0x9a, 0x80], // U+1F680 in four bytes
    ];
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...cases), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 12 })), (values) => {
        const bytes = new Uint8Array(values);
        let expected: string | undefined;
        try {
          expected = decoder.decode(bytes);
        } catch {
          expected = undefined;
        }
        if (expected === undefined)
          expect(problemsOf(() => decodeScenario(bytes, "s.yaml"))).toEqual([
            { file: "s.yaml", message: "not valid UTF-8 text (save the scenario as UTF-8)" },
          ]);
        else expect(decodeScenario(bytes, "s.yaml").text).toBe(expected);
      }),
      { numRuns: 3000, seed: 30 },
    );
  });

  it("rejects a file over the size limit, and takes one at it", () => {
    expect(decodeScenario(new Uint8Array(MAX_SCENARIO_BYTES).fill(0x20), "s.yaml").text).toHaveLength(MAX_SCENARIO_BYTES);
    const [problem] = problemsOf(() => decodeScenario(new Uint8Array(MAX_SCENARIO_BYTES + 1), "big.yaml"));
    expect(problem).toEqual({
      file: "big.yaml",
      message: `the file is ${MAX_SCENARIO_BYTES + 1} bytes; a scenario may be at most ${MAX_SCENARIO_BYTES} bytes`,
    });
  });
});

describe("readScenarioFile", () => {
  it("reads a file", () => {
    const path = join(folder, "ok.yaml");
    writeFileSync(path, "name: x\n");
    expect(readScenarioFile(path)).toEqual({ file: path, text: "name: x\n" });
  });

  it("a missing file", () => {
    const path = join(folder, "missing.yaml");
    expect(problemsOf(() => readScenarioFile(path))).toEqual([{ file: path, message: "no such file" }]);
  });

  it("a directory", () => {
    expect(problemsOf(() => readScenarioFile(folder))).toEqual([{ file: folder, message: "is a directory, not a scenario file" }]);
  });

  it("a path through a file", () => {
    const path = join(folder, "ok.yaml", "inside.yaml");
    writeFileSync(join(folder, "ok.yaml"), "name: x\n");
    expect(problemsOf(() => readScenarioFile(path))).toEqual([{ file: path, message: "a part of the path is not a directory" }]);
  });

  it("invalid UTF-8 in a file", () => {
    const path = join(folder, "latin1.yaml");
    writeFileSync(path, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
    expect(problemsOf(() => readScenarioFile(path))[0]!.message).toBe("not valid UTF-8 text (save the scenario as UTF-8)");
  });
});

describe("describeFsError", () => {
  it("words each error code for a user", () => {
    const error = (code: string) => Object.assign(new Error(code), { code });
    expect(describeFsError(error("ENOENT"))).toBe("no such file");
    expect(describeFsError(error("EACCES"))).toBe("permission denied");
    expect(describeFsError(error("EPERM"))).toBe("permission denied");
    expect(describeFsError(error("EISDIR"))).toBe("is a directory, not a file");
    expect(describeFsError(error("ELOOP"))).toBe("too many symbolic links");
    expect(describeFsError(error("ENAMETOOLONG"))).toBe("the path is too long");
    expect(describeFsError(error("EIO"))).toBe("input/output error on the device (EIO)");
    expect(describeFsError(error("ENOSPC"), "write")).toBe("no space left on the device (ENOSPC)");
    expect(describeFsError(error("EBADF"))).toBe("cannot read (EBADF)");
    expect(describeFsError(error("EBADF"), "write")).toBe("cannot write (EBADF)");
    expect(describeFsError(new Error("odd"))).toBe("cannot read (odd)");
  });
});
