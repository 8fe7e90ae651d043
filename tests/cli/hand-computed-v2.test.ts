import { describe, expect, it } from "vitest";
import { type Loose, runInProcess } from "../helpers/cli.js";

// Two tiny v2 scenarios read from stdin, their figures worked out by hand from
// model-v2.md (sections 3, 5, 7 and 8), not copied from the program. Retention is flat
// (d1 = d7 = 1, so R(a) = 1 for every a) to keep the sums short.

const SUBSCRIPTION_AND_RETRAINING = `
name: tiny subscription and retraining
horizon_days: 60
acquisition:
  daily_installs: 10
  channels:
    - { name: only, cpa: 2 }
retention: { d1: 1, d7: 1 }
usage: { sessions_per_dau: 1, turns_per_session: 1 }
tokens: { input: 100, output: 100 }
inference:
  price: { input: 0, output: 0 }
training:
  runs: [ { name: base, cost: 100 } ]
  useful_life_days: 25
  retrain: true
  annual_cost_change: 1.0
  app_share: 0.5
revenue:
  subscription: { conversion: 0.5, price_monthly: 30, monthly_churn: 0.5 }
  store_fee: 0.2
`;

const SATURATION_AND_SELF_HOSTING = `
name: tiny saturation and self-hosting
horizon_days: 10
acquisition:
  daily_installs: 100
  channels:
    - { name: only, cpa: 2, saturation: { reference_daily_spend: 100, elasticity: 0.5 } }
retention: { d1: 1, d7: 1 }
usage: { sessions_per_dau: 1, turns_per_session: 1 }
tokens: { input: 100, output: 100 }
inference:
  self_hosted: { gpu_hour_price: 3.6, input_tokens_per_gpu_second: 1000, output_tokens_per_gpu_second: 500, utilization: 0.5 }
`;

const BEST_SPLIT = `
name: tiny optimize
horizon_days: 30
acquisition:
  daily_budget: 1000
  channels:
    - { name: a, share: 0.5, cpa: 2 }
    - { name: b, share: 0.5, cpa: 1, saturation: { reference_daily_spend: 100, elasticity: 0.5 } }
retention: { d1: 1, d7: 1 }
usage: { sessions_per_dau: 1, turns_per_session: 1 }
tokens: { input: 100, output: 100 }
inference: { price: { input: 1, output: 1 } }
`;

const ROUTES_WITH_TIERS = `
name: routes and tiers
horizon_days: 10
acquisition:
  daily_installs: 100
  channels:
    - { name: only, cpa: 2 }
retention: { d1: 1, d7: 1 }
usage: { sessions_per_dau: 1, turns_per_session: 2 }
tokens: { input: 100000, output: 1000, history: full }
inference:
  routes:
    - { name: chat, share: 0.75, price: { input: 1, output: 2, tiers: [ { above: 150000, input: 3, output: 4 } ] } }
    - { name: think, share: 0.25, price: { input: 10, output: 20, reasoning: 40 }, tokens: { reasoning: 500, history: none } }
`;

function close(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(expected));
}

async function runStdin(scenario: string): Promise<Loose> {
  const run = await runInProcess(["run", "-", "--format", "json"], { stdin: scenario });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe("v2 figures against a hand computation", () => {
  it("subscription: LTV, payback and revenue net of the store fee", async () => {
    const result = await runStdin(SUBSCRIPTION_AND_RETRAINING);
    // Inference is free, so the margin at age a is the subscription's per-user revenue:
    // m(a) = conversion * price_monthly/30 * (1 - churn)^(a/30) * (1 - store_fee)
    //      = 0.5 * 1 * 0.5^(a/30) * 0.8 = 0.4 r^a with r = 0.5^(1/30) = 0.97715996...
    const r = 0.5 ** (1 / 30);
    // ltv = sum over a = 0..59 (L = H = 60) = 0.4 (1 - r^60) / (1 - r) = 0.4 * 0.75 / 0.02284004 = 13.1348...
    close(result.unit.ltv, (0.4 * (1 - 0.25)) / (1 - r));
    // CAC = 10 installs a day at CPA 2 = 2. Cumulative margin 0.4 (1 - r^(a+1)) / (1 - r) >= 2
    // needs r^(a+1) <= 1 - 5 (1 - r) = 0.8858, i.e. a + 1 >= ln 0.8858 / ln r = 5.25: a = 5.
    expect(result.unit.cac_blended).toBe(2);
    expect(result.unit.payback_day).toBe(5);
    close(result.unit.ltv_to_cac, (0.2 * 0.75) / (1 - r));
    // Revenue of day t: sum over d <= t of 10 installs * 0.4 r^(t-d) = 4 (1 - r^(t+1)) / (1 - r);
    // summed over t < 60: 4/(1-r) * (60 - r (1 - r^60) / (1 - r)).
    close(result.totals.revenue, (4 / (1 - r)) * (60 - (r * 0.75) / (1 - r)));
  });

  it("retraining: T_H sums each run's share of the horizon, drifted and times app_share", async () => {
    const result = await runStdin(SUBSCRIPTION_AND_RETRAINING);
    // U = 25, H = 60: runs at t = 0, 25, 50 costing 100 * 2^(t/365); the last is spread over
    // min(25, 60 - 50) / 25 = 0.4 of its life. T_H = 0.5 (100 + 100 * 2^(25/365) + 100 * 2^(50/365) * 0.4)
    //  = 0.5 (100 + 104.8637 + 43.9826) = 124.4232.
    const trainingHorizon = 0.5 * (100 + 100 * 2 ** (25 / 365) + 100 * 2 ** (50 / 365) * 0.4);
    close(result.totals.training, trainingHorizon);
    // N = 600 installs; users_for_training_below_cac = T_H / CAC.
    close(result.unit.training_per_user, trainingHorizon / 600);
    close(result.milestones.users_for_training_below_cac, trainingHorizon / 2);
    // Free inference never overtakes anything.
    expect(result.milestones.inference_overtakes_training_day).toBeNull();
  });

  it("saturation in installs mode: the spend that buys daily_installs, its CPA and marginal CPA", async () => {
    const result = await runStdin(SATURATION_AND_SELF_HOSTING);
    // s / (2 (1 + s/100)^0.5) = 100 with u = s/100: 100u = 200 sqrt(1 + u), u^2 - 4u - 4 = 0,
    // u = 2 + sqrt 8 = 4.828427: spend 482.8427 a day, CPA = s / 100 = 4.828427.
    const u = 2 + Math.sqrt(8);
    close(result.totals.acquisition, 100 * u * 10);
    close(result.unit.cac_blended, u);
    close(result.channels[0].cpa, u);
    // Marginal CPA = cpa (1 + x) / (1 + (1 - e) x) at x = u: 4.828427 * 5.828427 / 3.414214 = 8.242641.
    close(result.channels[0].marginal_cpa, (u * (1 + u)) / (1 + 0.5 * u));
    close(result.totals.installs, 1000);
  });

  it("self-hosted serving: per-1M prices from throughput, and the inference they give", async () => {
    const result = await runStdin(SATURATION_AND_SELF_HOSTING);
    // p.input = 3.6 * 1e6 / (3600 * 1000 * 0.5) = 2; p.output = 3.6e6 / (3600 * 500 * 0.5) = 4;
    // cached and reasoning default to the input and output throughput: 2 and 4.
    expect(result.unit.serving_price).toEqual({ input: 2, cached_input: 2, output: 4, reasoning: 4 });
    // One one-turn session of 100 in, 100 out: (100 * 2 + 100 * 4) / 1e6 = 0.0006 a DAU-day.
    close(result.unit.serve_per_dau_day, 0.0006);
    // DAU(t) = 100 (t + 1) with R = 1; inference = 0.0006 * 100 * (1 + ... + 10) = 0.0006 * 5500 = 3.3.
    close(result.totals.inference, 3.3);
    // Per user: 10 days of lifetime at 0.0006 (prices do not drift) = 0.006.
    close(result.unit.inference_per_user, 0.006);
  });

  it("optimize (5b): the best split of a budget and the budget for a target marginal CPA", async () => {
    const run = await runInProcess(["optimize", "-", "--format", "json"], { stdin: BEST_SPLIT });
    expect(run.code).toBe(0);
    const best = JSON.parse(run.stdout).best;
    // No drift: k_a = 1/2 (linear), k_b = 1/1. lambda = max linear k = 0.5, so b gets the s with
    // m_b(s) = (1 + 0.5x) / (1 + x)^1.5 = 0.5; with y = 1 + x: 1 + y = y^1.5, i.e. the root of
    // y^3 - y^2 - 2y - 1 = 0, y = 2.147899035705 (checked: 2.147899^1.5 = 3.147899).
    const y = 2.147899035704787;
    const spendB = 100 * (y - 1); // 114.79; a takes the rest, 885.21
    close(best.shares.b, spendB / 1000);
    close(best.shares.a, (1000 - spendB) / 1000);
    // Installs a day: 0.5 * 885.21 + 114.79 / sqrt(y) = 442.61 + 78.32 = 520.93; marginal CPA 1/lambda = 2.
    const installs = 0.5 * (1000 - spendB) + spendB / Math.sqrt(y);
    close(best.paid_installs_per_day, installs);
    close(best.average_cpa, 1000 / installs);
    close(best.marginal_cpa, 2);

    const target = await runInProcess(["optimize", "-", "--marginal-cac", "1.5", "--format", "json"], { stdin: BEST_SPLIT });
    expect(target.code).toBe(0);
    const budget = JSON.parse(target.stdout).best;
    // lambda = 1/1.5 = 2/3 > k_a = 0.5: a gets nothing. b: (1 + y) / (2 y^1.5) = 2/3, i.e.
    // 9 (1 + y)^2 = 16 y^3, y = 1.534512717641; B* = 100 (y - 1) = 53.45, installs B* / sqrt(y) = 43.15.
    const z = 1.5345127176408502;
    close(budget.daily_budget, 100 * (z - 1));
    expect(budget.shares).toEqual({ a: 0, b: 1 });
    close(budget.paid_installs_per_day, (100 * (z - 1)) / Math.sqrt(z));
    expect(budget.unbounded).toBe(false);
  });

  it("routes (4) with a context-length tier (2) and a route's own tokens", async () => {
    const result = await runStdin(ROUTES_WITH_TIERS);
    // chat, full history: turn 1 sends 100,000 (not above 150,000): (100,000 * 1 + 1,000 * 2) / 1e6 = 0.102;
    // turn 2 resends turn 1 (100,000 + 1,000) and sends 100,000: 201,000 > 150,000, the whole turn at the
    // tier: (201,000 * 3 + 1,000 * 4) / 1e6 = 0.607. Session: 0.709, 301,000 in, 2,000 out.
    const [chat, think] = result.routes;
    close(chat.cost_per_session, 0.709);
    expect(chat.tokens_per_session).toEqual({ input: 301000, cached_input: 0, output: 2000, reasoning: 0 });
    // think, no history: 2 x 100,000 in; out(k) = 1,000 + 500 reasoning: 3,000 output-billed, 1,000 of it
    // reasoning at 40: (200,000 * 10 + 2,000 * 20 + 1,000 * 40) / 1e6 = 2 + 0.04 + 0.04 = 2.08.
    close(think.cost_per_session, 2.08);
    expect(think.tokens_per_session).toEqual({ input: 200000, cached_input: 0, output: 3000, reasoning: 1000 });
    // serve = 0.75 * 0.709 + 0.25 * 2.08 = 1.05175; share-weighted tokens 275,750 in, 2,250 out, 250 reasoning.
    close(result.unit.serve_per_dau_day, 1.05175);
    expect(result.unit.tokens_per_session).toEqual({ input: 275750, cached_input: 0, output: 2250, reasoning: 250 });
    // cost_per_turn = E[session cost] / E[n] = 1.05175 / 2; no single route, so no serving_price.
    close(result.unit.cost_per_turn, 0.525875);
    expect(result.unit.serving_price).toBeNull();
  });
});
