import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type AtomicWriteFs, checkWritable, writeFileAtomic } from "../../src/cli/io.js";
import { initWords } from "../../src/cli/commands/init.js";
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

  it("names what init writes, not a report, when init's write fails", () => {
    const dir = folder();
    const full: AtomicWriteFs = {
      link: () => undefined,
      writeFile: () => {
        throw errno("ENOSPC");
      },
    };
    const path = join(dir, "app.yaml");
    expect(userError(() => writeFileAtomic(path, "text", false, full, initWords(path))).message).toBe(
      `${path}: cannot write the starter scenario: no space left on the device (ENOSPC)`,
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

describe("checkWritable: the write's refusals, asked before there is a report", () => {
  /** Each case: a path, what is there, and whether --force is given. */
  function cases(): ReadonlyArray<readonly [what: string, path: string, force: boolean]> {
    const dir = folder();
    const file = join(dir, "report.txt");
    writeFileSync(file, "keep");
    const dangling = join(dir, "dangling.txt");
    symlinkSync(join(dir, "nowhere"), dangling);
    return [
      ["an existing file", file, false],
      ["a folder", dir, true],
      ["a device", "/dev/null", true],
      ["a missing folder", join(dir, "missing", "report.txt"), true],
      ["a path through a file", join(file, "report.txt"), true],
      ["a symbolic link to nothing", dangling, false],
      // Past NAME_MAX (255 bytes on ext4, tmpfs, APFS, NTFS): no file system takes it.
      ["a name longer than any file system takes", join(dir, "r".repeat(300)), true],
      ["a name ending in a slash", `${join(dir, "new")}/`, true],
    ];
  }

  it("refuses what the write refuses, with the same message, and leaves everything as it was", () => {
    for (const [what, path, force] of cases()) {
      const early = userError(() => checkWritable(path, force)).message;
      const late = userError(() => writeFileAtomic(path, "text", force)).message;
      expect(early, what).toBe(late);
      expect(early.startsWith(`${path}: `), what).toBe(true);
    }
  });

  it("a name the file system takes is written, though the temporary file beside it adds to its length", () => {
    const dir = folder();
    // 250 bytes: within NAME_MAX (255); `.NAME.PID.TIME.tmp` would not be.
    const path = join(dir, "r".repeat(250));
    checkWritable(path, false);
    writeFileAtomic(path, "text", false);
    expect(readFileSync(path, "utf8")).toBe("text");
    expect(readdirSync(dir)).toEqual(["r".repeat(250)]);
  });

  it("passes a new file and, with --force, an existing one, creating nothing", () => {
    const dir = folder();
    checkWritable(join(dir, "new.txt"), false);
    expect(readdirSync(dir)).toEqual([]);
    writeFileSync(join(dir, "old.txt"), "keep");
    checkWritable(join(dir, "old.txt"), true);
    expect(readdirSync(dir)).toEqual(["old.txt"]);
    expect(readFileSync(join(dir, "old.txt"), "utf8")).toBe("keep");
  });
});
