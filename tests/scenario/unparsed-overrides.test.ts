import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { documentValue, isUnparsed, parseYaml } from "../../src/lib/document.js";
import { applyOverrides, parseOverride, plainValueText } from "../../src/scenario/overrides.js";
import { ROOT, runInProcess } from "../helpers/cli.js";

// A file in the plain style is read without the yaml package (plain-yaml.ts), and `--set`,
// `--vary` and ranges are now written on its plain value, its YAML parsed only where a
// problem needs a line and column. Everything must be as when the YAML is parsed first.

const PRESETS = readdirSync(join(ROOT, "data", "scenarios")).filter((name) => name.endsWith(".yaml"));
const presetText = (name: string) => readFileSync(join(ROOT, "data", "scenarios", name), "utf8");

/** `text` with the block of its top-level `key` left empty (`revenue:`), so that a --set below it writes through an empty value. */
function emptied(text: string, key: string): string {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`${key}:`));
  let end = start + 1;
  while (end < lines.length && (lines[end] === "" || /^[ #]/.test(lines[end]!))) end++;
  return [...lines.slice(0, start), `${key}:`, ...lines.slice(end)].join("\n");
}

/** The presets, and each with its expect block, and its revenue where it has one, left empty. */
const DOCUMENTS: { name: string; text: string }[] = PRESETS.flatMap((preset) => {
  const text = presetText(preset);
  const name = preset.replace(/\.yaml$/, "");
  return [
    { name, text },
    { name: `${name}-no-expect`, text: emptied(text, "expect") },
    ...(/^revenue:/m.test(text) ? [{ name: `${name}-no-revenue`, text: emptied(text, "revenue") }] : []),
  ];
});

describe("a --set value read without the yaml package", () => {
  /** Every value written after a key in the repository's scenario files, and values of every other kind. */
  const texts = [
    ...PRESETS.flatMap((name) => presetText(name).split("\n")),
    ...readdirSync(join(ROOT, "tests", "fixtures"), { recursive: true })
      .map(String)
      .filter((name) => name.endsWith(".yaml"))
      .flatMap((name) => readFileSync(join(ROOT, "tests", "fixtures", name), "utf8").split("\n")),
  ]
    .map((line) => /^\s*-?\s*[A-Za-z_][\w.-]*: (.*)$/.exec(line)?.[1])
    .filter((text): text is string => text !== undefined);
  const awkward = [
    ...["", " ", "~", "null", "Null", "true", "FALSE", "0", "-0", "+1", "1e3", "-.5", "1_000", "0x10", "0o7", ".inf", "-.inf", ".nan"],
    ...["...", "--- 1", "---", "%YAML 1.2", " ...", "- 1", "-1", "a: b", "a:b", "? a", "#", "# c", "1 # c", "1#c", "&a 1", "*a", "!!str 1"],
    ...["'it''s'", "'a' # c", '"a\\x21"', '"a" b', '"a" # c', "¥30", "20万元", "$1..$3", "0.1..0.2", "a, b", "full", "@x", "`x`"],
    ...["{ low: 1, high: 2 }", "{low: 1}", "{ low:1 }", "{ a: [1, { b: 2 }] }", "[1, 2]", "[1, 2] x", "[]", "{}", "{ a: 1, a: 2 }"],
    ...["{ __proto__: 1 }", "[1,2]", "{ a: 1 } # c", "{ a: }", "{ a: 'x, y' }", "a\u00a0b", "x\ty", "1\n2", "a\r", "\u2028"],
  ];

  it("is yaml's value wherever it reads one, and it reads the presets' values", () => {
    let read = 0;
    for (const text of [...texts, ...awkward]) {
      const plain = plainValueText(text);
      if (plain === undefined) continue;
      read++;
      const document = parseDocument(text, { strict: true, uniqueKeys: true, prettyErrors: false, logLevel: "error" });
      expect(document.errors, JSON.stringify(text)).toEqual([]);
      const value = document.toJS();
      if (!isDeepStrictEqual(plain.value, value)) expect(plain.value, JSON.stringify(text)).toStrictEqual(value);
    }
    expect(texts.length).toBeGreaterThan(300);
    expect(read).toBeGreaterThan(texts.length * 0.9);
  });

  it("leaves a document's start or end, a directive and a line break to yaml", () => {
    for (const text of ["...", "--- 1", "%YAML 1.2", "1\n2"]) expect(plainValueText(text), text).toBeUndefined();
    // yaml reads "..." alone as the end of an empty document: null, where after a key it is text.
    expect(parseOverride("name=...").value).toBeNull();
  });
});

describe("--set on a file in the plain style", () => {
  const OVERRIDES = [
    "horizon_days=30",
    "horizon_days=0",
    "horizon_days=1.5",
    "usage.sessions_per_dau=2",
    "usage.sessions_per_dau={ low: 1.5, high: 2 }",
    "usage.sessions_per_dau={ low: 2, high: 1.5 }",
    "retention.d1=0.3",
    "retention.d1=1.5",
    "retention.d1.low=0.3",
    "retention.bogus=1",
    "acquisition.daily_budget=¥150000",
    "acquisition.daily_budget=15万",
    "acquisition.daily_budget=",
    "acquisition.channels.0.cpa=25",
    "acquisition.channels.0.share=0.9",
    "acquisition.channels.9.cpa=25",
    "acquisition.channels.bilibili.cpa=¥20",
    "acquisition.channels.nobody.cpa=1",
    "acquisition.channels.0={ name: x, share: 1, cpa: 3 }",
    "acquisition.channels={ a: 1 }",
    "tokens.context=9000",
    "tokens.history=full",
    "tokens.history=sometimes",
    "inference.annual_price_change=-0.8",
    "inference.annual_price_change=-80%",
    "inference.model=gpt-4o",
    "revenue.arpdau=0.05",
    "revenue.subscription.conversion=0.1",
    "revenue={ subscription: { conversion: 0.1, price_monthly: 20 } }",
    "training.runs.0.cost=$5M",
    "fx.USD=7",
    "fx.EUR=7.8",
    "fx.1=3",
    "currency=USD",
    "currency=usd",
    "expect.min.unit.cac_blended=1",
    "expect.max.unit.nope=1",
    "usage.turns.shares={ 1: 0.5, 3: 0.5 }",
    "sources.0=a source",
    "description=",
    "horizon_days.x=1",
    "expect.min.unit.cac_blended=0.1",
    "revenue.paying_share=0.1",
    "description=again",
  ];

  /** Pairs where the second writes through what the first wrote (or emptied). */
  const PAIRS = [
    ["description=", "description=again"],
    ["revenue.arpdau=0.05", "revenue.paying_share=0.1"],
    ["revenue.subscription.conversion=0.1", "revenue.subscription.price_monthly=20"],
    ["expect.min.unit.cac_blended=0.1", "expect.max.unit.cac_blended=100"],
    ["acquisition.channels.0={ name: x, share: 1, cpa: 3 }", "acquisition.channels.x.cpa=4"],
    ["fx.EUR=7.8", "fx.EUR=8"],
    ["retention=", "retention.d1=0.3"],
  ];
  /** Each override alone, each with another, and the pairs. */
  const COMBINATIONS = [
    ...OVERRIDES.map((override) => [override]),
    ...OVERRIDES.map((override, index) => [override, OVERRIDES[(index * 7 + 3) % OVERRIDES.length]!]),
    ...PAIRS,
  ];

  const folder = mkdtempSync(join(tmpdir(), "llm-cac-unparsed-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** The preset as written (plain-yaml.ts reads it) and with an anchor on its name that no alias uses (only yaml reads it). */
  function twoFiles({ name, text }: { name: string; text: string }): { plain: string; parsed: string } {
    const plain = join(folder, "plain", name);
    const parsed = join(folder, "parsed", name);
    for (const [at, written] of [
      [plain, text],
      [parsed, text.replace(/^name: /m, "name: &scenario-name ")],
    ] as const) {
      mkdirSync(at, { recursive: true });
      writeFileSync(join(at, "s.yaml"), written);
    }
    expect(isUnparsed(parseYaml(readFileSync(join(plain, "s.yaml"), "utf8"), "s.yaml"))).toBe(true);
    expect(isUnparsed(parseYaml(readFileSync(join(parsed, "s.yaml"), "utf8"), "s.yaml"))).toBe(false);
    return { plain, parsed };
  }

  /** The same command on both files: the same output, messages and exit code, line and column included. */
  async function same(files: { plain: string; parsed: string }, argv: string[]): Promise<number> {
    const run = async (at: string) => {
      const { code, stdout, stderr } = await runInProcess(
        argv.map((arg) => (arg === "s.yaml" ? join(at, arg) : arg)),
        { cwd: at },
      );
      return { code, stdout: stdout.replaceAll(at, "<folder>"), stderr: stderr.replaceAll(at, "<folder>") };
    };
    const [plain, parsed] = [await run(files.plain), await run(files.parsed)];
    expect(plain, argv.join(" ")).toEqual(parsed);
    return plain.code;
  }

  it("gives what the parsed YAML gives, for one --set and for two, valid or not", async () => {
    const codes = { 0: 0, 2: 0 } as Record<number, number>;
    for (const document of DOCUMENTS) {
      const files = twoFiles(document);
      for (const overrides of COMBINATIONS) {
        const code = await same(files, ["run", "s.yaml", ...overrides.flatMap((override) => ["--set", override]), "--format", "json"]);
        codes[code] = (codes[code] ?? 0) + 1;
      }
    }
    // Both kinds, many of each: the test is of the successes as much as of the problems.
    expect(codes[0]).toBeGreaterThan(150);
    expect(codes[2]).toBeGreaterThan(300);
  });

  it("writes two levels below an empty mapping in the parsed YAML too (it was an internal error, exit 70)", async () => {
    const text = emptied(presetText("default.yaml"), "revenue").replace(/^name: /m, "name: &scenario-name ");
    const file = join(folder, "empty-revenue.yaml");
    writeFileSync(file, text);
    expect(isUnparsed(parseYaml(text, file))).toBe(false);
    const run = await runInProcess(["run", file, "--set", "revenue.subscription.conversion=0.1"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--set revenue.subscription.conversion=0.1: revenue.subscription.price_monthly: required");
    const whole = [
      "--set",
      "revenue.subscription.conversion=0.1",
      "--set",
      "revenue.subscription.price_monthly=20",
      "--set",
      "revenue.subscription.monthly_churn=0.1",
    ];
    expect((await runInProcess(["run", file, ...whole, "--format", "json"])).code).toBe(0);
  });

  it("gives what the parsed YAML gives to sweep, solve, sensitivity and --samples", async () => {
    for (const preset of PRESETS) {
      const files = twoFiles({ name: preset.replace(/\.yaml$/, ""), text: presetText(preset) });
      await same(files, [
        "sweep",
        "s.yaml",
        "--vary",
        "acquisition.channels.0.cpa=5..60/4",
        "--vary",
        "tokens.context=0,90000",
        "--format",
        "json",
      ]);
      await same(files, [
        "sweep",
        "s.yaml",
        "--vary",
        "retention.d1=0.05..0.95/5",
        "--vary",
        "inference.annual_price_change=-0.99,0",
        "--format",
        "csv",
      ]);
      await same(files, ["sweep", "s.yaml", "--vary", "horizon_days=0,30,400", "--format", "csv"]);
      await same(files, ["sweep", "s.yaml", "--vary", "currency=USD,CNY", "--format", "csv"]);
      // An axis inside the other's value: each point as the same two --set (a value, or a mapping, then a path into it).
      await same(files, ["sweep", "s.yaml", "--vary", "expect.max=1,2", "--vary", "expect.max.unit.cac_blended=5,20", "--format", "csv"]);
      await same(files, ["sweep", "s.yaml", "--vary", "fx=1,2", "--vary", "fx.EUR=1.1,1.2", "--format", "csv"]);
      await same(files, ["sweep", "s.yaml", "--vary", "revenue.subscription=1,2", "--vary", "revenue.subscription.price_monthly=1,2"]);
      await same(files, ["sweep", "s.yaml", "--vary", "fx={ USD: 7 },{ USD: 8 }", "--vary", "fx.EUR=7.5,7.8", "--format", "csv"]);
      await same(files, ["solve", "s.yaml", "--for", "acquisition.channels.0.cpa", "--format", "json"]);
      // A list item named at the start stays that item at every point, patched or validated in full.
      const value = documentValue(parseYaml(presetText(preset), "s.yaml")) as { acquisition?: { channels?: { name: string }[] } };
      const [first, second] = value.acquisition?.channels ?? [];
      if (second !== undefined) {
        await same(files, [
          "sweep",
          "s.yaml",
          "--vary",
          "acquisition.channels.1.name=x,y",
          "--vary",
          `acquisition.channels.${second.name}.cpa=5,6`,
          "--format",
          "csv",
        ]);
        await same(files, [
          "sweep",
          "s.yaml",
          "--vary",
          "acquisition.channels.1.name=x",
          "--vary",
          `acquisition.channels.${second.name}.share=0.5,0.6`,
        ]);
        await same(files, [
          "sweep",
          "s.yaml",
          "--vary",
          "acquisition.channels=[]",
          "--vary",
          `acquisition.channels.${first!.name}.cpa=5,6`,
        ]);
      }
      await same(files, ["sensitivity", "s.yaml", "--format", "json"]);
      const ranges = ["--set", "retention.d1={ low: 0.2, high: 0.3 }", "--set", "usage.sessions_per_dau={ low: 1, high: 2 }"];
      await same(files, ["run", "s.yaml", ...ranges, "--samples", "300", "--seed", "7", "--format", "json"]);
    }
  });

  it("gives a sweep's points the same meaning whether they are patched or validated in full (an alias makes every point the latter)", async () => {
    // two-channels.yaml has d1 = d7 = 0.5: an alias keeps the values and turns the patching off.
    const text = readFileSync(join(ROOT, "tests", "fixtures", "whatif", "two-channels.yaml"), "utf8");
    const aliased = text.replace("d1: 0.5", "d1: &r 0.5").replace("d7: 0.5", "d7: *r");
    expect(aliased).not.toBe(text);
    const files = twoFiles({ name: "two-channels", text });
    writeFileSync(join(files.parsed, "s.yaml"), aliased);
    const sweeps = [
      ["--vary", "acquisition.channels.1.name=x,y", "--vary", "acquisition.channels.video.cpa=5,6", "--format", "csv"],
      ["--vary", "acquisition.channels.1.name=x", "--vary", "acquisition.channels.video.share=0.5,0.6"],
      ["--vary", "acquisition.channels.video.share=0.5,0.6", "--vary", "acquisition.channels.1.name=x"],
      ["--vary", "acquisition.channels.1=name: v\nshare: 0.5\ncpa: 3", "--vary", "acquisition.channels.video.cpa=5,6", "--format", "csv"],
      ["--vary", "acquisition.channels=[]", "--vary", "acquisition.channels.ads.cpa=5,6"],
      ["--vary", "fx=5", "--vary", "fx.EUR=1,2"],
    ];
    const codes = [];
    for (const sweep of sweeps) codes.push(await same(files, ["sweep", "s.yaml", ...sweep]));
    expect(codes).toEqual([0, 2, 2, 0, 2, 2]);
  });

  it("gives sensitivity the same moves on a file whose shares aliases share, but for the shared one (it was called invalid after it)", async () => {
    // A share moved rescales the others, the anchored one included: the next input's points wrote it back, which the anchor check refused.
    const text = readFileSync(join(ROOT, "tests", "fixtures", "whatif", "two-channels.yaml"), "utf8");
    const aliased = text
      .replace("- name: ads\n      share: 0.5", "- name: ads\n      share: &x 0.5")
      .replace("- name: video\n      share: 0.5", "- name: video\n      share: *x");
    expect(aliased.match(/\*x/g)).toHaveLength(1);
    const files = twoFiles({ name: "shared-shares", text });
    writeFileSync(join(files.parsed, "s.yaml"), aliased);
    const moves = async (at: string) => {
      const run = await runInProcess(["sensitivity", join(at, "s.yaml"), "--format", "json"]);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as { inputs: { input: string; low: unknown; high: unknown }[] };
      return new Map(report.inputs.map(({ input, low, high }) => [input, { low, high }]));
    };
    const [plain, shared] = [await moves(files.plain), await moves(files.parsed)];
    // The anchored share alone is left out; every other input moves alike, valid where it was.
    expect([...plain.keys()].filter((input) => !shared.has(input))).toEqual(["acquisition.channels.ads.share"]);
    for (const [input, sides] of shared) expect(sides, input).toEqual(plain.get(input));
  });

  it("writes on the plain value as on the document: the same value, key order and overrides, and the same YAML once parsed", () => {
    for (const { text } of DOCUMENTS) {
      for (const combination of COMBINATIONS) {
        const override = combination.join(" ");
        const overrides = combination.map((text) => parseOverride(text));
        const unparsed = parseYaml(text, "s.yaml");
        const parsed = parseYaml(text, "s.yaml");
        expect(parsed.document).toBeDefined();
        const outcome = (source: typeof unparsed) => {
          try {
            const written = applyOverrides(source, overrides);
            return { value: documentValue(written), overrides: written.overrides };
          } catch (error) {
            return { error: String(error) };
          }
        };
        const [fromPlain, fromDocument] = [outcome(unparsed), outcome(parsed)];
        expect(JSON.stringify(fromPlain), override).toBe(JSON.stringify(fromDocument));
        if ("error" in fromPlain) continue;
        // Its YAML, once asked for, holds the same writes.
        const written = applyOverrides(parseYaml(text, "s.yaml"), overrides);
        expect(JSON.stringify(written.document.toJS()), override).toBe(JSON.stringify(fromDocument.value));
      }
    }
  });
});
