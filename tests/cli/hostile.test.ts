import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runInProcess } from "../helpers/cli.js";

/**
 * Inputs a reviewer tried against the built CLI: each must end in a clean exit 2 with a
 * message that names the problem, never exit 70, a hang, or Infinity in the output.
 */
const ONE_CHANNEL = "tests/fixtures/run/one-channel.yaml";
const scenario = readFileSync(join(ROOT, ONE_CHANNEL), "utf8");

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "llm-cac-hostile-"));
}

async function rejected(argv: string[], stdin?: string): Promise<string> {
  const run = await runInProcess(argv, stdin === undefined ? {} : { stdin });
  expect(run.stdout).toBe("");
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(run.code, run.stderr).toBe(2);
  return run.stderr;
}

describe("hostile inputs", () => {
  it("a pipe named as a scenario is refused, not read (reading it would block forever)", async () => {
    const fifo = join(tempDir(), "pipe.yaml");
    spawnSync("mkfifo", [fifo]);
    expect(await rejected(["run", fifo])).toBe(`${fifo}: not a regular file (a pipe, device or socket); use - to read stdin\n`);
    // A folder check lists it as invalid and goes on.
    const check = await runInProcess(["check", fifo]);
    expect(check.code).toBe(2);
    expect(check.stdout).toContain("not a regular file");
  });

  it("a pipe given to --prices is refused too", async () => {
    const fifo = join(tempDir(), "prices.json");
    spawnSync("mkfifo", [fifo]);
    expect(await rejected(["run", ONE_CHANNEL, "--prices", fifo])).toContain("not a regular file");
  });

  it("stdin named twice is an error, not an empty second file", async () => {
    expect(await rejected(["run", "-", "-"], scenario)).toBe("llm-cac: stdin (-) can be read only once\n");
  });

  it("an alias in a --set value has no anchor to refer to", async () => {
    expect(await rejected(["run", ONE_CHANNEL, "--set", "tokens.history=*a"])).toMatch(
      /^llm-cac: --set tokens\.history=\*a: the value is not valid YAML: /,
    );
    expect(await rejected(["sweep", ONE_CHANNEL, "--vary", "tokens.input=*a,1"])).toContain("not valid YAML");
  });

  it("an fx key that is not a currency code says what was expected, at the key", async () => {
    const text = scenario.replace("currency: USD", "currency: USD\nfx: { usd: 7 }");
    // Line 4 is the fx line; the key starts at column 7.
    expect(await rejected(["run", "-"], text)).toBe(
      '<stdin>:4:7  fx.usd: expected an ISO 4217 currency code such as USD or CNY, found "usd"\n',
    );
  });

  it("a YAML date where a string belongs is described as a date", async () => {
    // YAML 1.1 (asked for by the directive) reads a bare date as a timestamp; 1.2 reads it as a string.
    const text = `%YAML 1.1\n---\n${scenario.replace("name: One channel, by hand", "name: 2024-06-01")}`;
    expect(await rejected(["run", "-"], text)).toContain("name: expected a string, found the date 2024-06-01");
  });

  it("a one- or two-letter unknown key gets no far-fetched hint", async () => {
    const stderr = await rejected(["run", "-"], `${scenario}zz: 1\n`);
    expect(stderr).toContain('unknown key "zz"');
    expect(stderr).not.toContain("did you mean");
  });

  it("a price map's absurd price cannot overflow the model: the entry is not a usable price", async () => {
    const dir = tempDir();
    const map = join(dir, "map.json");
    writeFileSync(
      map,
      JSON.stringify({
        absurd: { mode: "chat", input_cost_per_token: 1e300, output_cost_per_token: 1 },
        plain: { mode: "chat", input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 },
      }),
    );
    const text = scenario.replace(/inference:\n {2}price: \{ input: 1, output: 1 \}/, "inference:\n  model: absurd");
    expect(await rejected(["run", "-", "--prices", map], text)).toMatch(/inference\.model: unknown model "absurd"/);
  });

  it("a catalog price that fx lifts past the bound on money is an error", async () => {
    // $1e6 per token is $1e12 per 1M tokens, within the bound of 1e15; at 1e6 CNY per USD it is 1e18 CNY.
    const dir = tempDir();
    const map = join(dir, "map.json");
    writeFileSync(map, JSON.stringify({ dear: { mode: "chat", input_cost_per_token: 1e6, output_cost_per_token: 1e6 } }));
    const text = scenario
      .replace("currency: USD", "currency: CNY\nfx: { USD: 1000000 }")
      .replace(/inference:\n {2}price: \{ input: 1, output: 1 \}/, "inference:\n  model: dear");
    expect(await rejected(["run", "-", "--prices", map], text)).toMatch(
      /inference\.model: dear's input price comes to 1000000000000000000 CNY per 1M tokens/,
    );
  });

  it("a turn-shares key past MAX_TURNS is an error at the key, not a failed allocation (once exit 70)", async () => {
    const text = scenario.replace("turns_per_session: 1 }", "turns_distribution: { shares: { 1000000000000: 1 } } }");
    expect(await rejected(["run", "-"], text)).toMatch(
      /^<stdin>:10:\d+ {2}usage\.turns_distribution\.shares\.1000000000000: a conversation has at most 10000 turns/,
    );
  });

  it("daily installs no finite spend buys on a saturating channel are an error (once a null spend and NaN shares)", async () => {
    // cpa 10, S = 1, e = 0.99: a day's spend of 1e15 buys 1e14 / (1 + 1e15) ** 0.99 ≈ 0.1413 installs;
    // 1e12 of them would need a spend of about 1e15 * (1e12 / 0.1413) ** 100, far past any double.
    const text = scenario
      .replace("daily_budget: 100", "daily_installs: 1000000000000")
      .replace("{ name: ads, cpa: 10 }", "{ name: ads, cpa: 10, saturation: { reference_daily_spend: 1, elasticity: 0.99 } }");
    expect(await rejected(["run", "-", "--format", "json"], text)).toMatch(
      /^<stdin>:6:19 {2}acquisition\.daily_installs: 1000000000000 paid installs a day is more than .* \(at most 0\.1413 a day\)/,
    );
    expect(await rejected(["optimize", "-"], text)).toContain("acquisition.daily_installs");
  });
});
