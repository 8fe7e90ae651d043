import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blendedCpa } from "../../src/model/acquisition.js";
import { evaluate } from "../../src/model/index.js";
import type { ModelInput } from "../../src/model/index.js";
import { handInput, modelInputArb, near, numbersIn, priceInference } from "../helpers/model-input.js";

/*
 * The hand case (tests/helpers/model-input.ts, handInput):
 *   H = L = 3, R = [1, 0.5, 0.5]
 *   session: 1000 in, 500 out at 2 / 4 per 1M = (2000 + 2000) / 1e6 = 0.004; 2.5 sessions: serve = 0.01
 *   paid = 100 / 10 = 10 on days 0, 1 (duration 2), 0 on day 2; organic 5 a day
 *   installs = 15, 15, 5: N = 35, N_paid = 20; spend = 100, 100, 0: A = 200
 *   DAU = 15, 15 * 0.5 + 15 = 22.5, 15 * 0.5 + 15 * 0.5 + 5 = 20; Σ DAU = 57.5
 *   inference = DAU * 0.01 = 0.15, 0.225, 0.2: I = 0.575
 *   T = 300, T_H = 300 * min(1, 3/6) = 150
 */
describe("evaluate on a case worked by hand", () => {
  const { result, calendar } = evaluate(handInput());

  it("totals", () => {
    expect(calendar.installs).toEqual([15, 15, 5]);
    expect(calendar.dau).toEqual([15, 22.5, 20]);
    const { totals } = result;
    expect(totals.acquisition).toBe(200);
    expect(totals.inference).toBeCloseTo(0.575, 12);
    expect(totals.training).toBe(150);
    // 200 + 0.575 + 150
    expect(totals.total).toBeCloseTo(350.575, 10);
    expect(totals.revenue).toBeNull();
    expect(totals.installs).toBe(35);
    expect(totals.paid_installs).toBe(20);
    expect(totals.organic_installs).toBe(15);
    expect(totals.peak_dau).toBe(22.5);
    // 57.5 / 3
    expect(totals.avg_dau).toBeCloseTo(57.5 / 3, 12);
  });

  it("unit view", () => {
    const { unit } = result;
    // A / N_paid = 200 / 20; A / N = 200 / 35 = 5.7142857
    expect(unit.cac_paid).toBe(10);
    expect(unit.cac_blended).toBeCloseTo(5.7142857142857, 12);
    // T_H / N = 150 / 35 = 4.2857143
    expect(unit.training_per_user).toBeCloseTo(4.2857142857143, 12);
    // Σ_{a<3} R(a) * 0.01 = (1 + 0.5 + 0.5) * 0.01 = 0.02
    expect(unit.inference_per_user).toBeCloseTo(0.02, 14);
    expect(unit.cost_per_session).toBeCloseTo(0.004, 15);
    expect(unit.cost_per_turn).toBeCloseTo(0.004, 15);
    expect(unit.serve_per_dau_day).toBeCloseTo(0.01, 15);
    expect(unit.tokens_per_session).toEqual({ input: 1000, cached_input: 0, output: 500, reasoning: 0 });
    // no price drift: the average acquired user costs what the day-0 one does
    expect(unit.inference_per_user_day0).toBeCloseTo(0.02, 14);
    // A / (N_paid * (1 + 0)) = 200 / 20: the 15 baseline organic installs left out
    expect(unit.cac_incremental).toBe(10);
    expect(unit.mean_turns_per_session).toBe(1);
    // one route priced in the file: its prices, reasoning at the output price
    expect(unit.serving_price).toEqual({ input: 2, cached_input: 2, output: 4, reasoning: 4 });
    expect(unit.ltv).toBeNull();
    expect(unit.ltv_to_cac).toBeNull();
    expect(unit.payback_day).toBeNull();
  });

  it("ladder: 0.02 < 4.29 < 5.71 holds", () => {
    expect(result.ladder.holds).toBe(true);
    expect(result.ladder.order).toEqual(["inference", "training", "acquisition"]);
    expect(result.ladder.acquisition).toBe(result.unit.cac_blended);
    expect(result.ladder.training).toBe(result.unit.training_per_user);
    expect(result.ladder.inference).toBe(result.unit.inference_per_user);
  });

  it("milestones", () => {
    const { milestones } = result;
    // (200 / 35) / 0.004 = 50,000 / 35 = 1428.5714
    expect(milestones.breakeven_turns).toBeCloseTo(1428.5714285714, 8);
    // 150 / (200 / 35) = 150 * 35 / 200 = 26.25
    expect(milestones.users_for_training_below_cac).toBeCloseTo(26.25, 12);
    // running inference 0.15, 0.375, 0.575 never reaches T = 300 nor spend 100, 200, 200
    expect(milestones.inference_overtakes_training_day).toBeNull();
    expect(milestones.inference_overtakes_acquisition_day).toBeNull();
  });

  it("channels", () => {
    expect(result.channels).toEqual([{ name: "ads", share: 1, cpa: 10, marginal_cpa: 10, spend: 200, installs: 20 }]);
  });
});

describe("milestones that are reached", () => {
  /*
   * The hand case with dear tokens and a dearer CPA:
   *   session = (1000 * 20,000 + 500 * 40,000) / 1e6 = 40; serve = 2.5 * 40 = 100
   *   inference = DAU * 100 = 1500, 2250, 2000; running 1500, 3750, 5750
   *   budget 2000 at CPA 200 (still 10 installs a day): running spend 2000, 4000, 4000
   *   training T = 3000 (T_H = 1500)
   */
  function dear(): ModelInput {
    const input = handInput();
    input.inference = priceInference({ input: 20_000, cachedInput: 20_000, output: 40_000 });
    input.acquisition.buying = { kind: "budget", dailyBudget: 2000 };
    input.acquisition.channels = [{ name: "ads", share: 1, cost: { kind: "cpa", cpa: 200 } }];
    input.training.runs = [{ name: "base", kind: "cost", cost: 3000 }];
    return input;
  }

  it("inference overtakes training on day 1 (3750 >= T = 3000, not T_H = 1500, which day 0 already passes)", () => {
    expect(evaluate(dear()).result.milestones.inference_overtakes_training_day).toBe(1);
  });

  it("inference overtakes acquisition on day 2 (5750 >= 4000; 3750 < 4000 on day 1)", () => {
    expect(evaluate(dear()).result.milestones.inference_overtakes_acquisition_day).toBe(2);
  });

  it("the ladder then fails: training 42.9 < acquisition 114.3 < inference 200", () => {
    // inference per user = 2 * 100 = 200; training = 1500 / 35 = 42.86; CAC = 4000 / 35 = 114.29
    const { ladder } = evaluate(dear()).result;
    expect(ladder.inference).toBeCloseTo(200, 10);
    expect(ladder.training).toBeCloseTo(1500 / 35, 10);
    expect(ladder.acquisition).toBeCloseTo(4000 / 35, 10);
    expect(ladder.holds).toBe(false);
    expect(ladder.order).toEqual(["training", "acquisition", "inference"]);
  });
});

describe("LTV and payback", () => {
  it("arpdau 1: LTV = Σ R(a) (1 - 0.01) = 2 * 0.99 = 1.98, never paying back 5.71", () => {
    const input = handInput();
    input.revenue = { kind: "arpdau", arpdau: 1 };
    const { result } = evaluate(input);
    expect(result.unit.ltv).toBeCloseTo(1.98, 12);
    // 1.98 / (200 / 35) = 1.98 * 35 / 200 = 0.3465
    expect(result.unit.ltv_to_cac).toBeCloseTo(0.3465, 12);
    expect(result.unit.payback_day).toBeNull();
    // revenue = Σ DAU * 1 = 57.5
    expect(result.totals.revenue).toBeCloseTo(57.5, 12);
  });

  it("arpdau 5: margins 4.99, 2.495, 2.495 run 4.99, 7.485: pays back 5.71 on day 1", () => {
    const input = handInput();
    input.revenue = { kind: "arpdau", arpdau: 5 };
    const { result } = evaluate(input);
    // 4.99 + 2.495 + 2.495
    expect(result.unit.ltv).toBeCloseTo(9.98, 12);
    expect(result.unit.payback_day).toBe(1);
  });

  it("the paying form: 10 % paying 30 a month is 0.1 a day", () => {
    const input = handInput();
    input.revenue = { kind: "paying", payingShare: 0.1, arppuMonthly: 30 };
    const { result } = evaluate(input);
    // Σ R(a) (0.1 - 0.01) = 2 * 0.09 = 0.18; revenue = 57.5 * 0.1 = 5.75
    expect(result.unit.ltv).toBeCloseTo(0.18, 12);
    expect(result.totals.revenue).toBeCloseTo(5.75, 12);
  });
});

describe("usage and lifetime", () => {
  it("the turn cap cuts sessions: 2.5 one-turn sessions capped at 2 turns", () => {
    const input = handInput();
    input.usage.maxTurnsPerDay = 2;
    const { result } = evaluate(input);
    // serve = 2 * 0.004 = 0.008; per user (1 + 0.5 + 0.5) * 0.008 = 0.016; I = 57.5 * 0.008 = 0.46
    expect(result.unit.serve_per_dau_day).toBeCloseTo(0.008, 15);
    expect(result.unit.inference_per_user).toBeCloseTo(0.016, 15);
    expect(result.totals.inference).toBeCloseTo(0.46, 12);
    // the cap changes serving, not the cost of a turn
    expect(result.unit.cost_per_turn).toBeCloseTo(0.004, 15);
  });

  it("with several turns a session: cost_per_turn = session_cost / turns, and the cap counts turns", () => {
    const input = handInput();
    input.usage.turns = { kind: "fixed", turns: 4 };
    // no history: each of the 4 turns costs 0.004, a session 0.016; 2.5 sessions: serve 0.04
    const free = evaluate(input).result;
    expect(free.unit.cost_per_session).toBeCloseTo(0.016, 15);
    expect(free.unit.cost_per_turn).toBeCloseTo(0.004, 15);
    expect(free.unit.serve_per_dau_day).toBeCloseTo(0.04, 15);
    // breakeven turns = (200 / 35) / 0.004 = 1428.57, as with one turn a session
    expect(free.milestones.breakeven_turns).toBeCloseTo(1428.5714285714, 8);
    // 2.5 * 4 = 10 turns a day > cap 6: 6 / 4 = 1.5 sessions, serve = 1.5 * 0.016 = 0.024
    input.usage.maxTurnsPerDay = 6;
    expect(evaluate(input).result.unit.serve_per_dau_day).toBeCloseTo(0.024, 15);
  });

  it("a lifetime longer than the horizon extends the per-user sum past it", () => {
    const input = handInput();
    input.usage.lifetimeDays = 5;
    // (1 + 4 * 0.5) * 0.01 = 0.03; the calendar stays 3 days
    const { result, calendar } = evaluate(input);
    expect(result.unit.inference_per_user).toBeCloseTo(0.03, 14);
    expect(calendar.dau).toHaveLength(3);
  });

  it("prices drift by the user's age in the day-0 user's view", () => {
    const input = handInput();
    input.horizonDays = 366;
    input.usage.lifetimeDays = 366;
    input.inference = priceInference({ input: 2, cachedInput: 2, output: 4 }, -0.9);
    const { result } = evaluate(input);
    // day 0 at full price, day 365 at a tenth; R = 0.5 from day 1 on
    // Σ_{a=0..365} R(a) * 0.01 * 0.1^(a/365) = 0.01 + 0.005 * Σ_{a=1..365} q^a, q = 0.1^(1/365)
    const q = 0.1 ** (1 / 365);
    const geometric = (q * (1 - q ** 365)) / (1 - q);
    expect(result.unit.inference_per_user_day0).toBeCloseTo(0.01 + 0.005 * geometric, 12);
    // users installed later are served at lower prices, so the average one costs less
    expect(result.unit.inference_per_user).toBeLessThan(result.unit.inference_per_user_day0);
    expect(result.unit.serve_per_dau_day).toBeCloseTo(0.01, 15);
  });
});

describe("acquisition through evaluate", () => {
  it("no paid acquisition: cac_paid is null, not NaN; cac_blended is 0 over organic installs", () => {
    const input = handInput();
    input.acquisition.buying = null;
    input.acquisition.channels = [];
    const { result } = evaluate(input);
    expect(result.unit.cac_paid).toBeNull();
    // A = 0 over N = 15 organic installs
    expect(result.unit.cac_blended).toBe(0);
    expect(result.totals.paid_installs).toBe(0);
    expect(result.totals.installs).toBe(15);
    // T_H / 0 has no meaning: null; the ladder fails as acquisition (0) is cheapest
    expect(result.milestones.users_for_training_below_cac).toBeNull();
    expect(result.ladder.holds).toBe(false);
    expect(result.channels).toEqual([]);
  });

  it("no installs at all: every per-user figure over N is null", () => {
    const input = handInput();
    input.acquisition = { ...input.acquisition, buying: null, channels: [], organicInstallsPerDay: 0 };
    const { result } = evaluate(input);
    expect(result.unit.cac_paid).toBeNull();
    expect(result.unit.cac_blended).toBeNull();
    expect(result.unit.training_per_user).toBeNull();
    expect(result.milestones.breakeven_turns).toBeNull();
    expect(result.totals.peak_dau).toBe(0);
    expect(result.ladder.holds).toBe(false);
  });

  it("duration_days 0 buys nothing", () => {
    const input = handInput();
    input.acquisition.durationDays = 0;
    const { result } = evaluate(input);
    expect(result.totals.acquisition).toBe(0);
    expect(result.unit.cac_paid).toBeNull();
  });

  it("channels get their share of the spend and spend_i / cpa_i of the installs", () => {
    // shares 0.5 / 0.5 at CPA 10 / 40: CPA0 = 1 / (0.05 + 0.0125) = 16
    // paid = 100 / 16 = 6.25 a day for 2 days = 12.5; spend 200, 100 each
    // installs: 100 / 10 = 10 and 100 / 40 = 2.5
    const input = handInput();
    input.acquisition.channels = [
      { name: "cheap", share: 0.5, cost: { kind: "cpa", cpa: 10 } },
      { name: "dear", share: 0.5, cost: { kind: "cpa", cpa: 40 } },
    ];
    const { result } = evaluate(input);
    expect(result.totals.paid_installs).toBeCloseTo(12.5, 12);
    expect(result.channels).toEqual([
      { name: "cheap", share: 0.5, cpa: 10, marginal_cpa: 10, spend: 100, installs: expect.closeTo(10, 12) },
      { name: "dear", share: 0.5, cpa: 40, marginal_cpa: 40, spend: 100, installs: expect.closeTo(2.5, 12) },
    ]);
  });

  it("budget and installs modes agree when daily_installs = daily_budget / CPA", () => {
    // Two channels: 1 / (0.3 / 30 + 0.7 / 10) = 12.5; 200,000 / 12.5 = 16,000 installs a day
    const budget: ModelInput = {
      horizonDays: 365,
      acquisition: {
        buying: { kind: "budget", dailyBudget: 200_000 },
        channels: [
          { name: "bilibili", share: 0.3, cost: { kind: "cpa", cpa: 30 } },
          { name: "feed", share: 0.7, cost: { kind: "cpm", cpm: 12, ctr: 0.012, cvr: 0.1 } },
        ],
        durationDays: 180,
        annualCostChange: 0,
        organicInstallsPerDay: 1000,
        organicRatio: 0.2,
      },
      retention: [
        { day: 1, rate: 0.25 },
        { day: 14, rate: 0.09 },
        { day: 30, rate: 0.06 },
      ],
      usage: { sessionsPerDau: 1.75, turns: { kind: "fixed", turns: 3 }, maxTurnsPerDay: null, lifetimeDays: 365 },
      tokens: {
        system: 800,
        context: 2000,
        input: 296,
        output: 441,
        reasoning: 0,
        history: { kind: "full" },
        historyIncludesContext: false,
        cacheHitRate: 0.5,
      },
      inference: priceInference({ input: 0.8, cachedInput: 0.8, output: 2 }, -0.9),
      training: { runs: [{ name: "pre", kind: "gpu", gpuHours: 2_664_000, gpuHourPrice: 14.4 }], usefulLifeDays: 730 },
      revenue: { kind: "paying", payingShare: 0.02, arppuMonthly: 20 },
    };
    const installs: ModelInput = { ...budget, acquisition: { ...budget.acquisition, buying: { kind: "installs", dailyInstalls: 16_000 } } };
    const a = evaluate(budget);
    const b = evaluate(installs);
    // A = 180 * 200,000 = 36,000,000, N_paid = 180 * 16,000 = 2,880,000
    expect(a.result.totals.acquisition).toBeCloseTo(36_000_000, 4);
    expect(a.result.totals.paid_installs).toBeCloseTo(2_880_000, 6);
    const left = numbersIn(a);
    const right = numbersIn(b);
    expect(right.map(([path]) => path)).toEqual(left.map(([path]) => path));
    const differ = left.filter(([path, value], i) => !near(value, right[i]![1], 1e-9)).map(([path]) => path);
    expect(differ).toEqual([]);
    expect(b.result.unit.payback_day).toBe(a.result.unit.payback_day);
    expect(b.result.ladder.holds).toBe(a.result.ladder.holds);
    expect(b.result.ladder.order).toEqual(a.result.ladder.order);
  });

  it("cost drift makes the two modes differ: budget buys fewer installs as CPA rises", () => {
    const input = handInput();
    input.horizonDays = 400;
    input.usage.lifetimeDays = 400;
    input.acquisition.durationDays = 400;
    input.acquisition.annualCostChange = 1;
    const byBudget = evaluate(input);
    const byInstalls = evaluate({ ...input, acquisition: { ...input.acquisition, buying: { kind: "installs", dailyInstalls: 10 } } });
    // budget: 100 / (10 * 2^(365/365)) = 5 installs on day 365; installs: spend 10 * 20 = 200 that day
    expect(byBudget.calendar.paidInstalls[365]).toBeCloseTo(5, 9);
    expect(byInstalls.calendar.acquisition[365]).toBeCloseTo(200, 9);
    expect(byInstalls.result.totals.acquisition).toBeGreaterThan(byBudget.result.totals.acquisition);
  });
});

describe("evaluate properties over random valid inputs", () => {
  it("totals.total = acquisition + inference + training, each the sum of its calendar series", () => {
    fc.assert(
      fc.property(modelInputArb, (input) => {
        const { result, calendar } = evaluate(input);
        const { totals } = result;
        const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
        expect(totals.total).toBeNear(totals.acquisition + totals.inference + totals.training, 1e-12);
        expect(totals.acquisition).toBeNear(sum(calendar.acquisition));
        expect(totals.inference).toBeNear(sum(calendar.inference));
        expect(totals.training).toBeNear(sum(calendar.training));
        expect(totals.installs).toBeNear(totals.paid_installs + totals.organic_installs);
      }),
      { numRuns: 200 },
    );
  });

  it("doubling every price doubles inference and leaves acquisition and training alone", () => {
    fc.assert(
      fc.property(modelInputArb, (input) => {
        const route = input.inference.routes[0]!;
        if (route.serving.kind !== "price") throw new Error("the arbitrary gives a price");
        const p = route.serving.price.base;
        const doubled: ModelInput = {
          ...input,
          inference: priceInference(
            { input: 2 * p.input, cachedInput: 2 * p.cachedInput, output: 2 * p.output, reasoning: 2 * p.reasoning },
            route.annualPriceChange,
          ),
        };
        const once = evaluate(input).result;
        const twice = evaluate(doubled).result;
        expect(twice.totals.inference).toBeNear(2 * once.totals.inference);
        expect(twice.unit.inference_per_user).toBeNear(2 * once.unit.inference_per_user);
        expect(twice.unit.cost_per_session).toBeNear(2 * once.unit.cost_per_session);
        expect(twice.unit.serve_per_dau_day).toBeNear(2 * once.unit.serve_per_dau_day);
        expect(twice.totals.acquisition).toBe(once.totals.acquisition);
        expect(twice.totals.training).toBe(once.totals.training);
      }),
      { numRuns: 150 },
    );
  });

  it("no NaN or Infinity anywhere in the result or the calendar", () => {
    fc.assert(
      fc.property(modelInputArb, (input) => {
        const evaluation = evaluate(input);
        const bad = numbersIn(evaluation).filter(([, value]) => !Number.isFinite(value));
        expect(bad).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("budget and installs modes agree without cost drift", () => {
    fc.assert(
      fc.property(modelInputArb, fc.double({ min: 1, max: 1e6, noNaN: true }), (input, dailyBudget) => {
        fc.pre(input.acquisition.channels.length > 0);
        const acquisition = { ...input.acquisition, annualCostChange: 0 };
        const cpa0 = blendedCpa(acquisition.channels)!;
        const budget = evaluate({ ...input, acquisition: { ...acquisition, buying: { kind: "budget", dailyBudget } } });
        const installs = evaluate({
          ...input,
          acquisition: { ...acquisition, buying: { kind: "installs", dailyInstalls: dailyBudget / cpa0 } },
        });
        const left = numbersIn(budget.result);
        const right = numbersIn(installs.result);
        const differ = left.filter(([, value], i) => !near(value, right[i]![1], 1e-8)).map(([path]) => path);
        expect(differ).toEqual([]);
        expect(installs.result.unit.payback_day === null).toBe(budget.result.unit.payback_day === null);
      }),
      { numRuns: 150 },
    );
  });

  it("the channels' spend and installs add up to the paid totals", () => {
    fc.assert(
      fc.property(modelInputArb, (input) => {
        const { result } = evaluate(input);
        const spend = result.channels.reduce((s, c) => s + c.spend, 0);
        const installs = result.channels.reduce((s, c) => s + c.installs, 0);
        if (result.channels.length > 0) {
          expect(spend).toBeNear(result.totals.acquisition, 1e-9);
          expect(installs).toBeNear(result.totals.paid_installs, 1e-9);
        } else {
          expect(result.totals.acquisition).toBe(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("the ladder holds exactly when its three figures rise strictly", () => {
    fc.assert(
      fc.property(modelInputArb, (input) => {
        const { unit, ladder } = evaluate(input).result;
        const i = unit.inference_per_user;
        const t = unit.training_per_user;
        const a = unit.cac_blended;
        expect(ladder.holds).toBe(t !== null && a !== null && i < t && t < a);
      }),
      { numRuns: 150 },
    );
  });
});

describe("the average acquired user (model-v2.md 9) on the hand case", () => {
  /*
   * The hand case with prices falling 50 % a year: g = 0.5^(1/365), serve(t) = 0.01 g^t.
   * installs 15, 15, 5 (N = 35): w = 15/35, 15/35, 5/35; W = Σ_d w_d g^d = (15 + 15 g + 5 g^2) / 35.
   * Σ_d w_d serve(d + a) = 0.01 g^a W, so inference_per_user = 0.01 W (1 + 0.5 g + 0.5 g^2),
   * while the day-0 user costs 0.01 (1 + 0.5 g + 0.5 g^2): W < 1 times as much.
   * With arpdau 1: ltv = Σ R(a) * 1 - inference_per_user = 2 - inference_per_user.
   */
  const g = 0.5 ** (1 / 365);
  const W = (15 + 15 * g + 5 * g * g) / 35;
  const dayZero = 0.01 * (1 + 0.5 * g + 0.5 * g * g);

  it("inference_per_user is W times the day-0 figure, inference_per_user_day0 keeps v1's", () => {
    const input = handInput();
    input.inference = priceInference({ input: 2, cachedInput: 2, output: 4 }, -0.5);
    input.revenue = { kind: "arpdau", arpdau: 1 };
    const { result } = evaluate(input);
    expect(result.unit.inference_per_user_day0).toBeCloseTo(dayZero, 15);
    expect(result.unit.inference_per_user).toBeCloseTo(W * dayZero, 15);
    expect(result.ladder.inference).toBe(result.unit.inference_per_user);
    expect(result.unit.ltv).toBeCloseTo(2 - W * dayZero, 14);
  });

  it("with no installs at all, both are the day-0 figure", () => {
    const input = handInput();
    input.acquisition = { ...input.acquisition, buying: null, channels: [], organicInstallsPerDay: 0 };
    input.inference = priceInference({ input: 2, cachedInput: 2, output: 4 }, -0.5);
    const { unit } = evaluate(input).result;
    expect(unit.inference_per_user).toBeCloseTo(dayZero, 15);
    expect(unit.inference_per_user_day0).toBeCloseTo(dayZero, 15);
    expect(unit.cac_incremental).toBeNull();
  });
});
