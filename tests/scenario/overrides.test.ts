import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatProblem, UserError } from "../../src/lib/errors.js";
import { readBundledCatalog } from "../../src/catalog/files.js";
import { evaluate } from "../../src/model/index.js";
import { loadScenario } from "../../src/scenario/load.js";
import { parseOverride, parseValue } from "../../src/scenario/overrides.js";
import { userError } from "../helpers/user-error.js";

/** The hand-worked scenario: CPA $10, N = 3,000, serve $0.01/day, Σ R = 15.5 (see the fixture's comment). */
const FILE = "tests/fixtures/whatif/one-channel.yaml";
const TEXT = readFileSync(new URL("../fixtures/whatif/one-channel.yaml", import.meta.url), "utf8");

function withSets(sets: string[], text = TEXT) {
  const scenario = loadScenario({ file: FILE, text }, { overrides: sets.map((set) => parseOverride(set)) });
  return { scenario, result: evaluate(scenario.input).result };
}

/** The problem lines a rejected load prints. */
function errorLines(sets: string[], text = TEXT): string[] {
  try {
    withSets(sets, text);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const lines = error.problems.length > 0 ? error.problems.map(formatProblem) : [error.message];
    return error.hint ? [...lines, `hint: ${error.hint}`] : lines;
  }
  throw new Error(`expected ${sets.join(" ")} to be rejected`);
}

describe("parseOverride", () => {
  it("splits at the first = and reads the value as YAML", () => {
    expect(parseOverride("inference.price.input=$0.5")).toEqual({
      segments: ["inference", "price", "input"],
      value: "$0.5",
      label: "--set inference.price.input=$0.5",
    });
    expect(parseOverride("a.b=x=y").value).toBe("x=y");
  });

  it.each([
    ["50", 50],
    ["-3", -3],
    ["1e3", 1000],
    [".5", 0.5],
    ['"$0.5"', "$0.5"],
    ["20万元", "20万元"],
    ["true", true],
    ["false", false],
    ["full", "full"],
    ["{ low: 10, high: 20 }", { low: 10, high: 20 }],
    ["", null],
  ])("reads %j as %j", (text, value) => {
    expect(parseValue(text, "--set x")).toEqual(value);
  });

  it("rejects a missing =, an empty path part and invalid YAML", () => {
    expect(() => parseOverride("usage.turns_per_session")).toThrow("--set usage.turns_per_session: expected PATH=VALUE");
    expect(() => parseOverride("=3")).toThrow("expected PATH=VALUE");
    expect(() => parseOverride("usage..turns_per_session=3")).toThrow('"usage..turns_per_session" has an empty part');
    expect(() => parseOverride("usage.turns_per_session=[1")).toThrow("the value is not valid YAML");
  });
});

describe("--set on every kind of path", () => {
  it("a list item by index: CPA 20 halves the installs, N = 30,000 / 20 = 1,500", () => {
    const { result } = withSets(["acquisition.channels.0.cpa=20"]);
    expect(result.unit.cac_blended).toBe(20);
    expect(result.totals.installs).toBe(1500);
    // training per user = 3,000 / 1,500
    expect(result.unit.training_per_user).toBe(2);
  });

  it("a list item by its name, with a money string", () => {
    expect(withSets(["acquisition.channels.ads.cpa=$25"]).result.unit.cac_blended).toBe(25);
  });

  it("a record key (fx) and a money string in another currency: ¥160 at 0.125 USD per CNY = $20", () => {
    const { scenario, result } = withSets(["fx.CNY=0.125", "acquisition.channels.ads.cpa=¥160"]);
    expect(scenario.data.fx).toEqual({ CNY: 0.125 });
    expect(result.unit.cac_blended).toBe(20);
  });

  it("a key the file lacks but the schema allows: max_turns_per_day 0.5 halves the sessions", () => {
    const { result } = withSets(["usage.max_turns_per_day=0.5"]);
    // serve = 0.5 sessions * $0.01; inference per user = 15.5 * 0.005
    expect(result.unit.serve_per_dau_day).toBeCloseTo(0.005, 15);
    expect(result.unit.inference_per_user).toBeCloseTo(0.0775, 12);
  });

  it("a nested block the file lacks: usage.lifetime_days", () => {
    // Σ_{a<10} R(a) = 1 + 9 * 0.5 = 5.5, times $0.01
    expect(withSets(["usage.lifetime_days=10"]).result.unit.inference_per_user).toBeCloseTo(0.055, 12);
  });

  it("history: full and a boolean, each changing the session's input tokens as worked out", () => {
    // Two turns of 1M input, no output. none: 1M + 1M = 2M tokens -> $0.02.
    expect(withSets(["usage.turns_per_session=2"]).result.unit.cost_per_session).toBeCloseTo(0.02, 15);
    // full: turn 2 resends turn 1 (1M): 1M + 2M = 3M -> $0.03.
    expect(withSets(["usage.turns_per_session=2", "tokens.history=full"]).result.unit.cost_per_session).toBeCloseTo(0.03, 15);
    // With 1M context a turn: turn 1 = 2M; turn 2 = 2M + resent (1M input + 1M context) = 4M; 6M -> $0.06.
    const withContext = withSets([
      "usage.turns_per_session=2",
      "tokens.history=full",
      "tokens.context=1000000",
      "tokens.history_includes_context=true",
    ]);
    expect(withContext.result.unit.cost_per_session).toBeCloseTo(0.06, 15);
    // Without history_includes_context turn 2 resends only the 1M input: 2M + 3M = 5M -> $0.05.
    const withoutFlag = withSets([
      "usage.turns_per_session=2",
      "tokens.history=full",
      "tokens.context=1000000",
      "tokens.history_includes_context=false",
    ]);
    expect(withoutFlag.result.unit.cost_per_session).toBeCloseTo(0.05, 15);
  });

  it("a whole range as a flow mapping: { low: 10, high: 30 } runs at its midpoint 20", () => {
    expect(withSets(["acquisition.channels.0.cpa={ low: 10, high: 30 }"]).result.unit.cac_blended).toBe(20);
  });

  it("the last of two overrides of one path wins", () => {
    expect(withSets(["acquisition.channels.0.cpa=20", "acquisition.channels.ads.cpa=40"]).result.unit.cac_blended).toBe(40);
  });

  it("fills a block written as an empty value", () => {
    const text = TEXT.replace(/revenue:\n {2}arpdau: 0.11\n/, "revenue:\n");
    // ltv = 15.5 * (0.21 - 0.01) = 3.1
    expect(withSets(["revenue.arpdau=0.21"], text).result.unit.ltv).toBeCloseTo(3.1, 12);
  });

  it("leaves the file alone where nothing is set", () => {
    expect(withSets([]).result.unit.cac_blended).toBe(10);
  });
});

describe("--set errors", () => {
  it("an unknown key lists the keys valid at that level", () => {
    const [line, ...rest] = errorLines(["acquisition.chanels.0.cpa=3"]);
    expect(rest).toEqual([]);
    expect(line).toBe(
      `${FILE}: --set acquisition.chanels.0.cpa=3: unknown key "chanels" in acquisition; valid keys: daily_budget, daily_installs, duration_days, annual_cost_change, organic_installs_per_day, organic_ratio, channels, schedule (did you mean "channels"?)`,
    );
  });

  it("an unknown key at the top level", () => {
    expect(errorLines(["horizon=90"])[0]).toContain(
      'unknown key "horizon" at the top level; valid keys: name, description, currency, fx, horizon_days',
    );
  });

  it("an index beyond the end of a list: items cannot be created", () => {
    expect(errorLines(["acquisition.channels.1.cpa=5"])).toEqual([
      `${FILE}: --set acquisition.channels.1.cpa=5: acquisition.channels has 1 item, so the index is 0..0, not 1; --set cannot add list items (items by name: ads)`,
    ]);
  });

  it("a list the file does not have", () => {
    const text = TEXT.replace(/training:\n(?: {2,}.*\n)+/, "");
    expect(errorLines(["training.runs.0.cost=5"], text)[0]).toContain("there is no list training.runs in the file");
  });

  it("an unknown item name, with the names there are", () => {
    expect(errorLines(["acquisition.channels.add.cpa=5"])).toEqual([
      `${FILE}: --set acquisition.channels.add.cpa=5: no item named "add" in acquisition.channels (did you mean "ads"? names: ads)`,
    ]);
  });

  it("a path that continues past a single value", () => {
    expect(errorLines(["name.first=x"])[0]).toContain('name takes a single value, so "first" cannot follow it');
    expect(errorLines(["acquisition.channels.0.cpa.low=5"])[0]).toContain(
      "acquisition.channels.0.cpa is a single value (10) in the file, not a mapping",
    );
  });

  it("a value the schema rejects is reported as the --set, with what was expected", () => {
    // The bound itself is the schema's business; the line names the --set, the expectation and what was found.
    expect(errorLines(["acquisition.channels.0.cpa=-3"])).toEqual([
      expect.stringMatching(
        /^tests\/fixtures\/whatif\/one-channel\.yaml: --set acquisition\.channels\.0\.cpa=-3: expected a number >=? [\d.e-]+, found -3$/,
      ),
    ]);
    expect(errorLines(["tokens.history=fulll"])).toEqual([
      `${FILE}: --set tokens.history=fulll: expected "full" or "none", found "fulll" (did you mean "full"?)`,
    ]);
    expect(errorLines(["usage.turns_per_session=1.5"])[0]).toContain("--set usage.turns_per_session=1.5: expected a whole number");
  });

  it("a problem inside a mapping value names the --set and the field", () => {
    expect(errorLines(["acquisition.channels.0.cpa={ low: 20 }"])[0]).toMatch(
      /^tests\/fixtures\/whatif\/one-channel\.yaml: --set acquisition\.channels\.0\.cpa=\{ low: 20 \}: acquisition\.channels\.0\.cpa\.high: required/,
    );
  });

  it("a rule across fields keeps its place in the file and names the --set", () => {
    // revenue gets both arpdau (in the file) and paying_share + arppu_monthly.
    const [line] = errorLines(["revenue.paying_share=0.1", "revenue.arppu_monthly=5"]);
    expect(line).toMatch(
      /^tests\/fixtures\/whatif\/one-channel\.yaml:\d+:\d+ {2}revenue: give arpdau, or paying_share with arppu_monthly, or subscription, not more than one \(after --set revenue\.paying_share=0\.1, --set revenue\.arppu_monthly=5\)$/,
    );
  });

  it("a field missing from a mapping a --set created is that --set's, not an earlier one's around it", () => {
    // The first --set writes the channel whole (no saturation); the second creates saturation with elasticity alone.
    const sets = ["acquisition.channels.0={ name: ads, cpa: 10 }", "acquisition.channels.0.saturation.elasticity=0.5"];
    expect(errorLines(sets)).toEqual([
      `${FILE}: --set acquisition.channels.0.saturation.elasticity=0.5: acquisition.channels.0.saturation.reference_daily_spend: required, expected a number or a string or a range { low, high }`,
    ]);
    // Without a --set around it, the same field was named by none.
    expect(errorLines([sets[1]!])[0]).toMatch(
      /^tests\/fixtures\/whatif\/one-channel\.yaml: --set acquisition\.channels\.0\.saturation\.elasticity=0\.5: /,
    );
  });

  it("of two --set in one created mapping, the one that created it; a mapping set whole keeps what its value lacks", () => {
    // conversion creates revenue.subscription; price_monthly writes into it: monthly_churn is missing from conversion's mapping.
    expect(errorLines(["revenue.subscription.conversion=0.1", "revenue.subscription.price_monthly=5"])).toEqual([
      `${FILE}: --set revenue.subscription.conversion=0.1: revenue.subscription.monthly_churn: required, expected a number or a range { low, high }`,
    ]);
    // usage set whole without sessions_per_dau; a later --set beside the missing field does not take it over.
    expect(errorLines(["usage={ turns_per_session: 1 }", "usage.max_turns_per_day=5"])).toEqual([
      `${FILE}: --set usage={ turns_per_session: 1 }: usage.sessions_per_dau: required, expected a number or a range { low, high }`,
    ]);
  });

  it("a second cost form is the --set's that added it, whichever form the rule names", () => {
    // ads has cpa in the file; cpm is the form the rule reports (cpa, cpm, cpc in that order): named by its --set.
    expect(errorLines(["acquisition.channels.ads.cpm=12"])).toEqual([
      `${FILE}: --set acquisition.channels.ads.cpm=12: give one cost form per channel (cpa, or cpm + ctr + cvr, or cpc + cvr), found cpa and cpm`,
    ]);
    // A channel with cpm in the file gets cpa by --set: the rule names cpm, the file's, but the --set added the conflict.
    const cpmChannel = TEXT.replace("      cpa: 10\n", "      cpm: 5\n      ctr: 0.02\n      cvr: 0.05\n");
    expect(cpmChannel).not.toBe(TEXT);
    expect(errorLines(["acquisition.channels.ads.cpa=10"], cpmChannel)).toEqual([
      `${FILE}: --set acquisition.channels.ads.cpa=10: give one cost form per channel (cpa, or cpm + ctr + cvr, or cpc + cvr), found cpa and cpm`,
    ]);
  });

  it("a money value a --set of the currency or fx left without a rate names that --set, then the field", () => {
    // cpa "$10" converts to USD as it stands; in EUR there is no USD rate, and the --set of the currency did that.
    const dollars = TEXT.replace("      cpa: 10\n", '      cpa: "$10"\n');
    expect(dollars).not.toBe(TEXT);
    expect(errorLines(["currency=EUR"], dollars)).toEqual([
      `${FILE}: --set currency=EUR: acquisition.channels.0.cpa: no exchange rate from USD to EUR: add fx: { USD: <EUR per 1 USD> }`,
    ]);
    // ¥80 at fx CNY 0.125; fx set whole without CNY drops the rate.
    const yuan = TEXT.replace("      cpa: 10\n", '      cpa: "¥80"\n').replace("currency: USD\n", "currency: USD\nfx: { CNY: 0.125 }\n");
    expect(errorLines(["fx={ EUR: 1.1 }"], yuan)).toEqual([
      `${FILE}: --set fx={ EUR: 1.1 }: acquisition.channels.0.cpa: no exchange rate from CNY to USD: add fx: { CNY: <USD per 1 CNY> }`,
    ]);
    // A rate of another currency is no cause: the file's own missing rate keeps its line and column.
    const noRate = TEXT.replace("      cpa: 10\n", '      cpa: "¥80"\n');
    expect(errorLines(["fx.EUR=1.1"], noRate)).toEqual([
      `${FILE}:14:12  acquisition.channels.0.cpa: no exchange rate from CNY to USD: add fx: { CNY: <USD per 1 CNY> }`,
    ]);
  });

  it("a catalog model priced in a currency a --set of the scenario's currency has no rate for names that --set", () => {
    // gpt-4o is priced in USD; the file is in USD, so only the --set currency=EUR makes its price unconvertible.
    const model = TEXT.replace("  price:\n    input: 0.01\n    output: 0\n", "  model: gpt-4o@2024-10-01\n");
    expect(model).not.toBe(TEXT);
    const load = () =>
      loadScenario(
        { file: FILE, text: model },
        { overrides: [parseOverride("currency=EUR")], priceSources: { catalog: () => readBundledCatalog({ cwd: process.cwd() }) } },
      );
    expect(userError(load).problems.map(formatProblem)).toEqual([
      `${FILE}: --set currency=EUR: inference.model: gpt-4o is priced in USD: no exchange rate from USD to EUR: add fx: { USD: <EUR per 1 USD> }`,
    ]);
  });

  it("a file with two cost forms keeps its line when a --set only changes one of them: the --set added no form", () => {
    const twoForms = TEXT.replace("      cpa: 10\n", "      cpa: 10\n      cpm: 5\n      ctr: 0.02\n      cvr: 0.05\n");
    expect(twoForms).not.toBe(TEXT);
    // The rule points at cpm, the second form (cpa, cpm, cpc in that order), where the file has it.
    const line = twoForms.split("\n").findIndex((text) => text.startsWith("      cpm: ")) + 1;
    const expected = `${FILE}:${line}:12  acquisition.channels.0.cpm: give one cost form per channel (cpa, or cpm + ctr + cvr, or cpc + cvr), found cpa and cpm`;
    expect(errorLines([], twoForms)).toEqual([expected]);
    expect(errorLines(["acquisition.channels.ads.cpa=12"], twoForms)).toEqual([expected]);
  });

  it("reports every bad path at once", () => {
    expect(errorLines(["usage.turns=2", "tokens.inptu=5"])).toHaveLength(2);
  });
});

describe("--set on a value that YAML aliases share", () => {
  // d1 and d7 share one node: setting d1 alone would leave *r pointing at nothing.
  const shared = TEXT.replace("  d1: 0.5\n  d7: 0.5", "  d1: &r 0.5\n  d7: *r");

  it("is an input error naming the --set and the anchor, not a YAML error in the file", () => {
    expect(shared).not.toBe(TEXT);
    expect(errorLines(["retention.d1=0.4"], shared)).toEqual([
      `${FILE}: --set retention.d1=0.4: the value is shared through the YAML anchor &r: setting it alone would orphan its aliases (*r) (write the value out in place of each *r, drop &r, then set each place)`,
    ]);
  });

  it("sets the alias's own place, which then stands alone, and an anchor without aliases as usual", () => {
    // d7 = 0.25 at the alias: d1 keeps the anchor's 0.5
    const { scenario } = withSets(["retention.d7=0.25"], shared);
    expect(scenario.data.retention).toMatchObject({ d1: 0.5, d7: 0.25 });
    const lone = TEXT.replace("  d1: 0.5", "  d1: &r 0.5");
    expect(withSets(["retention.d1=0.6"], lone).scenario.data.retention).toMatchObject({ d1: 0.6, d7: 0.5 });
  });
});
