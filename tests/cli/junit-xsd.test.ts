import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/cli.js";
import { findAll, parseXml } from "../helpers/xml.js";
import { readXsd, xsdProblems } from "../helpers/xsd.js";

const JENKINS_XSD = readXsd(readFileSync("tests/fixtures/junit/junit-10.xsd", "utf8"));
const DIR = "tests/fixtures/check";

describe("check --format junit against Jenkins' junit-10.xsd", () => {
  it("reads the schema's rules (so that an empty reading cannot pass everything)", () => {
    expect([...JENKINS_XSD.keys()]).toEqual(expect.arrayContaining(["testsuites", "testsuite", "testcase", "failure", "error"]));
    expect(JENKINS_XSD.get("testsuite")!.attributes.get("name")).toEqual({ required: true });
    // The validator does reject what the schema forbids.
    expect(
      xsdProblems(
        parseXml('<testsuites><testsuite name="a" tests="1" failures="0" errors="0" time="1e-3" bogus="x"/></testsuites>'),
        JENKINS_XSD,
      ),
    ).toEqual([expect.stringContaining("time="), expect.stringContaining("attribute bogus is not allowed")]);
  });

  it("is valid for passing, failing and invalid files, with file, time and timestamp on each suite", async () => {
    const { stdout } = await runInProcess(["check", `${DIR}/mixed`, "--format", "junit"]);
    const root = parseXml(stdout);
    expect(xsdProblems(root, JENKINS_XSD)).toEqual([]);
    for (const suite of findAll(root, "testsuite")) {
      expect(suite.attributes.file).toBe(suite.attributes.name);
      expect(suite.attributes.time).toMatch(/^\d+\.\d{3}$/);
      expect(suite.attributes.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    }
    const total = findAll(root, "testsuite").reduce((sum, suite) => sum + Number(suite.attributes.time), 0);
    // The root's time is the suites' sum, each rounded to milliseconds: within 1 ms per suite.
    expect(Math.abs(Number(root.attributes.time) - total)).toBeLessThanOrEqual(0.0015 * 3);
  });

  it("keeps a multi-line message as written: no indentation added to its later lines", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "llm-cac-junit-")), "two-problems.yaml");
    // Two problems at least: a currency that is not a code, and the required sections missing.
    writeFileSync(file, "name: x\ncurrency: 12\n");
    const { stdout } = await runInProcess(["check", file, "--format", "junit"]);
    const [error] = findAll(parseXml(stdout), "error");
    const lines = error!.text.split("\n");
    expect(lines.length).toBeGreaterThan(1);
    // Every line is a problem as the CLI prints it, `file:...`, from its first character.
    for (const line of lines) expect(line.startsWith(`${file}:`)).toBe(true);
  });
});
