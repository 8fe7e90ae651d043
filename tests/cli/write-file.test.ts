import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type AtomicWriteFs, writeFileAtomic } from "../../src/cli/io.js";
import { userError } from "../helpers/user-error.js";

/** A file system as a test needs it: hard links refused (FAT, some SMB and FUSE mounts), or writes failing. */
function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

const noHardLinks: AtomicWriteFs = {
  link: () => {
    throw errno("EPERM");
  },
  writeFile: (fd, text) => writeFileSync(fd, text),
};

function folder(): string {
  return mkdtempSync(join(tmpdir(), "llm-cac-write-"));
}

describe("writeFileAtomic without hard links", () => {
  it("falls back to an exclusive create and leaves no temporary file", () => {
    const dir = folder();
    writeFileAtomic(join(dir, "report.txt"), "new", false, noHardLinks);
    expect(readFileSync(join(dir, "report.txt"), "utf8")).toBe("new");
    expect(readdirSync(dir)).toEqual(["report.txt"]);
  });

  it("still never replaces a file without --force, even one that appears after the check", () => {
    const dir = folder();
    const path = join(dir, "report.txt");
    // The file appears between the existence check and the link: only O_EXCL can notice.
    const racing: AtomicWriteFs = {
      link: () => {
        writeFileSync(path, "someone else's");
        throw errno("EPERM");
      },
      writeFile: (fd, text) => writeFileSync(fd, text),
    };
    expect(userError(() => writeFileAtomic(path, "mine", false, racing)).message).toBe(
      `${path}: already exists; add --force to replace it`,
    );
    expect(readFileSync(path, "utf8")).toBe("someone else's");
    expect(readdirSync(dir)).toEqual(["report.txt"]);
  });
});

describe("writeFileAtomic on a full disk", () => {
  it("says so, in words, and leaves nothing behind", () => {
    const dir = folder();
    const full: AtomicWriteFs = {
      link: () => undefined,
      writeFile: () => {
        throw errno("ENOSPC");
      },
    };
    const path = join(dir, "report.txt");
    expect(userError(() => writeFileAtomic(path, "text", false, full)).message).toBe(
      `${path}: cannot write the report: no space left on the device (ENOSPC)`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a write that fails half-way in the fallback removes the partial file it created", () => {
    const dir = folder();
    let writes = 0;
    const failsSecond: AtomicWriteFs = {
      link: () => {
        throw errno("ENOTSUP");
      },
      writeFile: (fd, text) => {
        writes += 1;
        if (writes === 2) throw errno("EIO");
        writeFileSync(fd, text);
      },
    };
    const path = join(dir, "report.txt");
    expect(userError(() => writeFileAtomic(path, "text", false, failsSecond)).message).toBe(
      `${path}: cannot write the report: input/output error on the device (EIO)`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
