import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { InputProblem } from "../../src/lib/errors.js";
import { loadScenario } from "../../src/scenario/load.js";
import { userError } from "../helpers/user-error.js";

const FIXTURES = new URL("../fixtures/scenarios/", import.meta.url);
const fixture = (name: string) => ({ file: name, text: readFileSync(new URL(name, FIXTURES), "utf8") });

/** The lines every small scenario below needs; a test replaces the ones it is about. */
const CORE = {
  retention: "retention: { d1: 0.5, d7: 0.2 }",
  usage: "usage: { sessions_per_dau: 1, turns_per_session: 2 }",
  tokens: "tokens: { input: 10, output: 20 }",
  inference: "inference: { price: { input: 1, output: 2 } }",
};
type CoreKey = keyof typeof CORE;

/** `name: t` on line 1, then `lines` from line 2 on, then the core lines not in `omit`. */
function yaml(lines: string[], omit: CoreKey[] = []): string {
  const core = (Object.keys(CORE) as CoreKey[]).filter((key) => !omit.includes(key)).map((key) => CORE[key]);
  return ["name: t", ...lines, ...core].join("\n") + "\n";
}

function problemsOf(text: string): InputProblem[] {
  return userError(() => loadScenario({ file: "s.yaml", text })).problems;
}

/** The only problem of a text. */
function problemOf(text: string): InputProblem {
  const problems = problemsOf(text);
  expect(problems, JSON.stringify(problems)).toHaveLength(1);
  return problems[0]!;
}

describe("loadScenario: valid scenarios", () => {
  it("loads the smallest scenario with the defaults of model.md", () => {
    const { data, input } = loadScenario({ file: "s.yaml", text: yaml([]) });
    expect(data.currency).toBe("USD");
    expect(data.horizon_days).toBe(365);
    expect(input.horizonDays).toBe(365);
    expect(input.acquisition.buying).toBeNull();
    expect(input.usage.lifetimeDays).toBe(365);
    expect(input.tokens.history).toEqual({ kind: "full" });
    expect(input.inference.routes).toEqual([
      {
        name: "default",
        share: 1,
        serving: { kind: "price", price: { base: { input: 1, cachedInput: 1, output: 2, reasoning: 2 }, tiers: [] } },
        annualPriceChange: 0,
        tokens: {},
      },
    ]);
    expect(input.inference.routesGiven).toBe(false);
    expect(input.training).toEqual({ runs: [], usefulLifeDays: 365, retrain: false, annualCostChange: 0, appShare: 1 });
    expect(input.revenue).toBeNull();
  });

  it("loads every key, converting money through fx and taking ranges at their central value", () => {
    const { data, input } = loadScenario(fixture("every-key-valid.yaml"));
    expect(input).toEqual({
      horizonDays: 90,
      acquisition: {
        buying: { kind: "budget", dailyBudget: 20_000 },
        channels: [
          { name: "video", share: 0.5, cost: { kind: "cpa", cpa: expect.closeTo(36, 12) }, saturation: null },
          { name: "feed", share: 0.3, cost: { kind: "cpm", cpm: 12, ctr: 0.012, cvr: 0.1 }, saturation: null },
          { name: "search", share: 0.2, cost: { kind: "cpc", cpc: 8, cvr: expect.closeTo(0.2, 15) }, saturation: null },
        ],
        durationDays: 31,
        annualCostChange: 0.3,
        organicInstallsPerDay: 100,
        organicRatio: 0.2,
        schedule: null,
      },
      retention: [
        { day: 1, rate: 0.4 },
        { day: 3, rate: 0.3 },
        { day: 7, rate: 0.2 },
        { day: 14, rate: 0.15 },
        { day: 30, rate: 0.1 },
        { day: 60, rate: 0.08 },
        { day: 90, rate: 0.07 },
        { day: 180, rate: 0.05 },
        { day: 365, rate: 0.04 },
      ],
      retentionTail: "power",
      usage: { sessionsPerDau: 2, turns: { kind: "fixed", turns: 8 }, maxTurnsPerDay: 12, lifetimeDays: 180 },
      tokens: {
        system: 800,
        context: 1000,
        input: 100,
        output: 400,
        reasoning: 200,
        history: { kind: "window", turns: 4 },
        historyIncludesContext: true,
        cacheHitRate: 0.5,
      },
      // v2: the v1 single price is the one-route case (name default, share 1); reasoning defaults to output ($1 = 7.2)
      inference: {
        routes: [
          {
            name: "default",
            share: 1,
            annualPriceChange: -0.5,
            serving: {
              kind: "price",
              price: {
                base: { input: 2, cachedInput: 0.5, output: expect.closeTo(7.2, 12), reasoning: expect.closeTo(7.2, 12) },
                tiers: [],
              },
            },
            tokens: {},
          },
        ],
        routesGiven: false,
      },
      training: {
        runs: [
          { name: "pre-training", kind: "gpu", gpuHours: 1000, gpuHourPrice: expect.closeTo(14.4, 12) },
          { name: "run 2", kind: "cost", cost: 10_000 },
        ],
        usefulLifeDays: 365,
        retrain: false,
        annualCostChange: 0,
        appShare: 1,
      },
      revenue: { kind: "paying", payingShare: 0.05, arppuMonthly: 30, storeFee: 0 },
    });
    expect(data.expect?.max?.["unit.cac_blended"]).toBeCloseTo(72, 12);
    expect(data.sources).toEqual(["hand-made test fixture"]);
  });

  it("reads a money range with money strings, converted before the midpoint", () => {
    // CNY scenario, USD at 7: low 7, high 21, midpoint 14
    const { input } = loadScenario({
      file: "s.yaml",
      text: yaml(
        ["currency: CNY", "fx: { USD: 7 }", 'inference: { price: { input: { low: "$1", high: "$3" }, output: 2 } }'],
        ["inference"],
      ),
    });
    const serving = input.inference.routes[0]!.serving;
    expect(serving.kind === "price" && serving.price.base.input).toBe(14);
  });

  it("rounds a whole-number range: turns 2..5 has midpoint 3.5, so 4 turns", () => {
    const { input } = loadScenario({
      file: "s.yaml",
      text: yaml(["usage: { sessions_per_dau: 1, turns_per_session: { low: 2, high: 5 } }"], ["usage"]),
    });
    expect(input.usage.turns).toEqual({ kind: "fixed", turns: 4 });
  });
});

describe("loadScenario: rules across fields", () => {
  it("channel shares that do not sum to 1, at the list of channels", () => {
    const problem = problemOf(
      yaml([
        "acquisition:",
        "  daily_budget: 100",
        "  channels:",
        "    - { name: a, share: 0.5, cpa: 10 }",
        "    - { name: b, share: 0.4, cpa: 20 }",
      ]),
    );
    // the list starts at the first "-": line 5, column 5
    expect(problem).toMatchObject({ file: "s.yaml", line: 5, col: 5, path: "acquisition.channels" });
    expect(problem.message).toBe("channel shares must sum to 1, found 0.9");
  });

  it("two cost forms in one channel, at the second", () => {
    const problem = problemOf(
      yaml(["acquisition:", "  daily_budget: 100", "  channels:", "    - name: a", "      cpa: 10", "      cpc: 2", "      cvr: 0.1"]),
    );
    // "      cpc: " is 11 characters: the value is at line 7, column 12
    expect(problem).toMatchObject({ line: 7, col: 12, path: "acquisition.channels.0.cpc" });
    expect(problem.message).toContain("one cost form per channel");
    expect(problem.message).toContain("found cpa and cpc");
  });

  it("a cost form missing its rates", () => {
    const problem = problemOf(yaml(["acquisition:", "  daily_budget: 100", "  channels:", "    - { name: a, cpm: 10, ctr: 0.1 }"]));
    expect(problem).toMatchObject({ line: 5, col: 7, path: "acquisition.channels.0" });
    expect(problem.message).toBe("cpm needs cvr too (cpm + ctr + cvr)");
  });

  it("daily_budget and daily_installs both", () => {
    const problem = problemOf(
      yaml(["acquisition:", "  daily_budget: 100", "  daily_installs: 10", "  channels: [ { name: a, cpa: 10 } ]"]),
    );
    // "  daily_installs: " is 18 characters
    expect(problem).toMatchObject({ line: 4, col: 19, path: "acquisition.daily_installs" });
    expect(problem.message).toBe("give daily_budget or daily_installs, not both");
  });

  it("channels with neither daily_budget nor daily_installs", () => {
    const problem = problemOf(yaml(["acquisition:", "  organic_installs_per_day: 10", "  channels: [ { name: a, cpa: 10 } ]"]));
    // at the acquisition mapping, which starts on line 3, column 3
    expect(problem).toMatchObject({ line: 3, col: 3, path: "acquisition" });
    expect(problem.message).toContain("exactly one of daily_budget");
  });

  it("a budget without channels to spend it on", () => {
    const problem = problemOf(yaml(["acquisition:", "  daily_budget: 100"]));
    expect(problem).toMatchObject({ line: 3, col: 17, path: "acquisition.daily_budget" });
    expect(problem.message).toContain("needs channels");
  });

  it("retention that rises, at the later point", () => {
    const problem = problemOf(yaml(["retention:", "  d1: 0.3", "  d7: 0.4", "  d30: 0.2"], ["retention"]));
    expect(problem).toMatchObject({ line: 4, col: 7, path: "retention.d7" });
    expect(problem.message).toBe("retention never rises: d7 (0.4) is above d1 (0.3)");
  });

  it("retention with d1 only", () => {
    const problem = problemOf(yaml(["retention: { d1: 0.3 }"], ["retention"]));
    // "retention: " is 11 characters: the mapping starts at column 12
    expect(problem).toMatchObject({ line: 2, col: 12, path: "retention" });
    expect(problem.message).toContain("give d1 and at least one later point");
  });

  it("retention without d1, at the mapping that should hold it", () => {
    const problem = problemOf(yaml(["retention: { d7: 0.3, d30: 0.2 }"], ["retention"]));
    expect(problem).toMatchObject({ line: 2, col: 12, path: "retention.d1" });
    expect(problem.message).toMatch(/^required, expected a number/);
  });

  it("a price missing without a catalog model", () => {
    const problem = problemOf(yaml(["inference: { price: { input: 1 } }"], ["inference"]));
    // "inference: { price: " is 20 characters
    expect(problem).toMatchObject({ line: 2, col: 21, path: "inference.price" });
    expect(problem.message).toContain("price.output");
  });

  it("reports every rule problem of a file at once, in file order", () => {
    const problems = problemsOf(fixture("rule-errors.yaml").text);
    expect(problems.map((p) => [p.line, p.col, p.path])).toEqual([
      [4, 19, "acquisition.daily_installs"], // both budget and installs
      [6, 5, "acquisition.channels"], // shares 0.5 + 0.4 = 0.9
      [6, 44, "acquisition.channels.0.cpc"], // cpa and cpc
      [7, 15, "acquisition.channels.1.name"], // the name "a" twice
      [10, 8, "retention.d30"], // 0.4 above d1 0.3
      [13, 21, "inference.price"], // no output price
      [16, 26, "training.runs.0.cost"], // cost and gpu_hours
      [17, 10, "revenue"], // arpdau and paying_share
    ]);
    expect(problems.every((p) => p.file === "s.yaml")).toBe(true);
  });
});

describe("loadScenario: the schema", () => {
  it("an unknown key, at the key, with a did-you-mean hint", () => {
    const problem = problemOf(yaml(["acquisition:", "  dayly_budget: 100", "  channels: [ { name: a, cpa: 10 } ]"]));
    expect(problem).toMatchObject({
      line: 3,
      col: 3,
      path: "acquisition.dayly_budget",
      message: 'unknown key "dayly_budget"',
      hint: 'did you mean "daily_budget"?',
    });
  });

  it("an unknown top-level key far from any: lists the allowed keys instead", () => {
    const problem = problemOf(yaml(["zzzzzz: 1"]));
    expect(problem).toMatchObject({ line: 2, col: 1, path: "zzzzzz", message: 'unknown key "zzzzzz"' });
    expect(problem.hint).toMatch(/^allowed here: .*horizon_days/);
  });

  it("a duplicate key is invalid YAML, at the second one", () => {
    const problem = problemOf(yaml(["horizon_days: 30", "horizon_days: 60"]));
    expect(problem).toMatchObject({ file: "s.yaml", line: 3, col: 1 });
    expect(problem.message).toMatch(/^invalid YAML: .*unique/i);
  });

  it(".nan, with what was expected and what was found", () => {
    const problem = problemOf(yaml(["usage: { sessions_per_dau: .nan, turns_per_session: 2 }"], ["usage"]));
    // "usage: { sessions_per_dau: " is 27 characters
    expect(problem).toMatchObject({ line: 2, col: 28, path: "usage.sessions_per_dau" });
    expect(problem.message).toMatch(/^expected a number.*, found \.nan$/);
  });

  it(".inf", () => {
    const problem = problemOf(yaml(["tokens: { input: .inf, output: 20 }"], ["tokens"]));
    expect(problem).toMatchObject({ line: 2, col: 18, path: "tokens.input" });
    expect(problem.message).toMatch(/^expected a number.*, found \.inf$/);
  });

  it("1e400, which overflows to infinity", () => {
    const problem = problemOf(yaml(["horizon_days: 1e400"]));
    expect(problem).toMatchObject({ line: 2, col: 15, path: "horizon_days" });
    expect(problem.message).toBe("expected a number or a range { low, high }, found .inf");
  });

  it("a number too large for its field", () => {
    const problem = problemOf(yaml(["horizon_days: 5000"]));
    expect(problem).toMatchObject({ line: 2, col: 15, path: "horizon_days", message: "expected a number <= 3650, found 5000" });
  });

  it("a negative count", () => {
    const problem = problemOf(yaml(["acquisition:", "  organic_installs_per_day: -5"]));
    // "  organic_installs_per_day: " is 28 characters
    expect(problem).toMatchObject({ line: 3, col: 29, path: "acquisition.organic_installs_per_day" });
    expect(problem.message).toBe("expected a number >= 0, found -5");
  });

  it("negative money", () => {
    const problem = problemOf(yaml(["revenue: { arpdau: -1 }"]));
    expect(problem).toMatchObject({ line: 2, col: 20, path: "revenue.arpdau" });
    expect(problem.message).toBe("expected a number >= 0, found -1");
  });

  it("a rate out of [0.000001, 1]", () => {
    const problem = problemOf(yaml(["retention: { d1: 1.5, d7: 0.2 }"], ["retention"]));
    expect(problem).toMatchObject({ line: 2, col: 18, path: "retention.d1", message: "expected a number <= 1, found 1.5" });
    const zero = problemsOf(yaml(["retention: { d1: 0, d7: 0 }"], ["retention"]));
    expect(zero.map((p) => [p.col, p.path, p.message])).toEqual([
      [18, "retention.d1", "expected a number >= 0.000001, found 0"],
      [25, "retention.d7", "expected a number >= 0.000001, found 0"],
    ]);
  });

  it("an annual change of -100 % or less", () => {
    const problem = problemOf(yaml(["inference: { price: { input: 1, output: 2 }, annual_price_change: -1 }"], ["inference"]));
    expect(problem.path).toBe("inference.annual_price_change");
    expect(problem.message).toBe("expected a number > -1, found -1");
  });

  it("a non-integer number of turns", () => {
    const problem = problemOf(yaml(["usage: { sessions_per_dau: 1, turns_per_session: 2.5 }"], ["usage"]));
    // "usage: { sessions_per_dau: 1, turns_per_session: " is 49 characters
    expect(problem).toMatchObject({ line: 2, col: 50, path: "usage.turns_per_session" });
    expect(problem.message).toMatch(/^expected a whole number.*, found 2\.5$/);
  });

  it("wrong types: a string for a number, a string for a boolean, a scalar for a list", () => {
    const words = problemOf(yaml(['horizon_days: "lots"']));
    expect(words).toMatchObject({ line: 2, col: 15, path: "horizon_days" });
    expect(words.message).toBe('expected a number or a range { low, high }, found "lots"');

    const flag = problemOf(yaml(['tokens: { input: 10, output: 20, history_includes_context: "yes" }'], ["tokens"]));
    expect(flag).toMatchObject({ path: "tokens.history_includes_context", message: 'expected true or false, found "yes"' });

    const list = problemOf(yaml(["sources: oops"]));
    expect(list).toMatchObject({ line: 2, col: 10, path: "sources", message: 'expected a list, found "oops"' });

    const history = problemOf(yaml(["tokens: { input: 10, output: 20, history: fulll }"], ["tokens"]));
    expect(history.path).toBe("tokens.history");
    expect(history.message).toContain('found "fulll"');
  });

  it("a required block that is missing, at the top level", () => {
    const problem = problemOf(yaml([], ["usage"]));
    expect(problem).toMatchObject({ line: 1, col: 1, path: "usage" });
    expect(problem.message).toBe("required, expected a mapping");
  });

  it("an empty value", () => {
    const problem = problemOf(yaml(["acquisition:", "  daily_budget:", "  channels: [ { name: a, cpa: 10 } ]"]));
    expect(problem.path).toBe("acquisition.daily_budget");
    expect(problem.line).toBe(3);
    expect(problem.message).toMatch(/found an empty value$/);
  });

  it("a malformed range", () => {
    const problems = problemsOf(yaml(["horizon_days: { low: 10, hi: 20 }"]));
    // "horizon_days: " is 14 characters: the range at column 15, its key "hi" at column 26
    expect(problems).toEqual([
      { file: "s.yaml", line: 2, col: 15, path: "horizon_days.high", message: "required, expected a number" },
      { file: "s.yaml", line: 2, col: 26, path: "horizon_days.hi", message: 'unknown key "hi"', hint: 'did you mean "high"?' },
    ]);
  });

  it("reports every schema problem of a file at once, in file order", () => {
    const problems = problemsOf(fixture("schema-errors.yaml").text);
    expect(problems.map((p) => [p.line, p.col, p.path])).toEqual([
      [2, 1, "horizon_day"],
      [4, 29, "acquisition.organic_installs_per_day"],
      [6, 7, "retention.d1"],
      [10, 22, "usage.turns_per_session"],
      [12, 10, "tokens.input"],
      [13, 11, "tokens.output"],
    ]);
    expect(problems[0]!.hint).toBe('did you mean "horizon_days"?');
    const messages = problems.map((p) => p.message);
    expect(messages[0]).toBe('unknown key "horizon_day"');
    expect(messages[1]).toBe("expected a number >= 0, found -5");
    expect(messages[2]).toMatch(/^expected a number.*, found \.nan$/);
    expect(messages[3]).toMatch(/^expected a whole number.*, found 2\.5$/);
    expect(messages[4]).toMatch(/^expected a number.*, found "lots"$/);
    expect(messages[5]).toMatch(/^expected a number.*, found \.inf$/);
  });
});

describe("loadScenario: money and ranges", () => {
  it("a bad money string", () => {
    const problem = problemOf(yaml(['revenue: { arpdau: "$78MM" }']));
    expect(problem).toMatchObject({ line: 2, col: 20, path: "revenue.arpdau" });
    expect(problem.message).toContain('found "$78MM"');
  });

  it("an unknown currency", () => {
    const problem = problemOf(yaml(['revenue: { arpdau: "12 QQQ" }']));
    expect(problem.path).toBe("revenue.arpdau");
    expect(problem.message).toContain('unknown currency "QQQ"');
  });

  it("two currencies in one amount", () => {
    const problem = problemOf(yaml(['revenue: { arpdau: "$12 CNY" }']));
    expect(problem.message).toContain("two currencies, USD and CNY");
  });

  it("an amount too large", () => {
    const problem = problemOf(yaml(['revenue: { arpdau: "2000000B" }']));
    expect(problem.message).toContain("too large");
  });

  it("a currency without an fx rate, naming the field and the missing rate", () => {
    const problem = problemOf(yaml(["currency: CNY", 'inference: { price: { input: "$1", output: 2 } }'], ["inference"]));
    // 'inference: { price: { input: ' is 29 characters
    expect(problem).toMatchObject({ line: 3, col: 30, path: "inference.price.input" });
    expect(problem.message).toBe("no exchange rate from USD to CNY: add fx: { USD: <CNY per 1 USD> }");
  });

  it("an unknown scenario currency", () => {
    const problem = problemOf(yaml(["currency: usd"]));
    expect(problem).toMatchObject({ line: 2, col: 11, path: "currency" });
    expect(problem.message).toBe('expected an ISO 4217 currency code such as USD or CNY, found "usd"');
  });

  it("a range with low above high", () => {
    const problem = problemOf(yaml(["horizon_days: { low: 20, high: 10 }"]));
    expect(problem).toMatchObject({ line: 2, col: 15, path: "horizon_days", message: "low (20) must not be above high (10)" });
  });

  it("a triangular range without a mode", () => {
    const problem = problemOf(
      yaml(["usage: { sessions_per_dau: { low: 1, high: 3, dist: triangular }, turns_per_session: 2 }"], ["usage"]),
    );
    expect(problem.path).toBe("usage.sessions_per_dau");
    expect(problem.message).toBe("a triangular range needs a mode");
  });

  it("an unknown distribution", () => {
    const problem = problemOf(yaml(["usage: { sessions_per_dau: { low: 1, high: 3, dist: normal }, turns_per_session: 2 }"], ["usage"]));
    expect(problem.path).toBe("usage.sessions_per_dau.dist");
    expect(problem.message).toBe('expected "uniform" or "triangular" or "loguniform", found "normal"');
  });
});
