import * as z from "../lib/zod.js";
import { isKnownCurrency, MAX_MONEY, type MoneyAmount, parseMoney } from "../lib/money.js";
import { Range, type Distribution } from "./range.js";

/**
 * The scenario format v1 (model.md) as a strict zod schema: shapes, types and ranges of
 * single values. Rules across fields (shares sum to 1, one cost form, ...) are in rules.ts;
 * money conversion and range central values in resolve.ts.
 *
 * Written with zod/mini, zod 4's functional API: the same schemas and messages as classic
 * zod, but building them costs a fraction of the start-up time, which a CLI pays per run.
 * Even so, building some 300 zod objects, with zod loaded for them, took 3-5 ms of a 140 ms run, so every schema is
 * built at its first use (`builtOnce`): a valid file is parsed by scenario-plan.json, a
 * plan of this schema (parse.ts, lib/schema-plan.ts), and the schema itself is built only
 * to word a problem or to walk its fields (`--set`, the what-if commands, the JSON Schema).
 */

/** `build()`'s value, built at the first call and the same object at every later one. */
function builtOnce<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}

const MAX_COUNT = 1e12;
const MAX_TOKENS = 1e8;
const MAX_RATE_CHANGE = 100;
/**
 * The least a rate, a CPA-like price or an exchange rate may be. Zero is meaningless for
 * them, and a tiny positive value (1e-306) would overflow the model to Infinity.
 */
const MIN_POSITIVE = 1e-6;
const MIN_POSITIVE_TEXT = "0.000001";

type Leaf = z.ZodMiniType<unknown, unknown>;
type RangeInput<T> = { low: T; high: T; dist?: Distribution; mode?: T };
/** What a transform gets from zod besides its input: the issues to add to. */
type TransformContext = { issues: z.core.$ZodRawIssue[] };

/**
 * The schema `cache` holds under `key`, built once: sixty-odd fields take a handful of
 * distinct leaves, and building every field's own copy (a dozen zod objects each) was most
 * of the CLI's start-up time. Zod schemas are immutable and parsing never asks which
 * object it holds; json-schema.ts copies what the generator shares between places.
 */
function shared<K, T>(cache: Map<K, unknown>, key: K, build: () => T): T {
  if (!cache.has(key)) cache.set(key, build());
  return cache.get(key) as T;
}

const optionals = new Map<Leaf, unknown>();

/** `z.optional(schema)`, one per schema: most optional fields are of a shared leaf. */
function optional<S extends Leaf>(schema: S) {
  return shared(optionals, schema, () => z.optional(schema));
}

const ranges = new Map<Leaf, unknown>();
const optionalDistribution = builtOnce(() => z.optional(z.enum(["uniform", "triangular", "loguniform"])));

/** A leaf or an uncertainty range of it, `{ low, high, dist?, mode? }`; one per leaf, which is whole numbers or not for good. */
function rangeable<S extends Leaf>(leaf: S, integer = false) {
  return shared(ranges, leaf, () => rangeOf(leaf, integer));
}

function rangeOf<S extends Leaf>(leaf: S, integer: boolean) {
  const bounds = z.strictObject({
    low: leaf,
    high: leaf,
    dist: optionalDistribution(),
    mode: optional(leaf),
  });
  // zod cannot spell out the object type for a generic leaf; the shape above fixes it.
  const toLeafRange = (integer ? toWholeRange : toRange) as (input: z.output<typeof bounds>) => Range<z.output<S>>;
  const range = z.pipe(bounds, z.transform(toLeafRange));
  return z.union([leaf, range]);
}

function toRange(input: unknown): Range<unknown> {
  const { low, high, dist, mode } = input as RangeInput<unknown>;
  return new Range(low, high, dist ?? "uniform", mode, false);
}

function toWholeRange(input: unknown): Range<unknown> {
  const { low, high, dist, mode } = input as RangeInput<unknown>;
  return new Range(low, high, dist ?? "uniform", mode, true);
}

/**
 * Every number is 0 or at least 0.000001 in size: smaller ones (1e-320) are no quantity
 * of this model, only a typo, and a report would print them as hundreds of zeros.
 */
function isNotTiny(value: number): boolean {
  return value === 0 || Math.abs(value) >= MIN_POSITIVE;
}

const notTiny = builtOnce(() =>
  z.refine<number>(isNotTiny, {
    error: (issue) => `expected 0 or a number of at least ${MIN_POSITIVE_TEXT} in size, found ${String(issue.input)}`,
  }),
);

/** A number within [min, max] (or (min, max] with `exclusiveMin`), never tiny. */
function between(min: number, max: number, options: { exclusiveMin?: boolean; integer?: boolean } = {}) {
  return shared(numbers, `${min} ${max} ${options.exclusiveMin === true} ${options.integer === true}`, () =>
    numberBetween(min, max, options),
  );
}

const numbers = new Map<string, unknown>();

function numberBetween(min: number, max: number, options: { exclusiveMin?: boolean; integer?: boolean }) {
  const base = options.integer ? z.int() : z.number();
  const lower = options.exclusiveMin ? z.gt(min) : z.gte(min);
  // Where the bounds already keep tiny values out (rates from 0.000001), a second message would only repeat the first.
  return min < MIN_POSITIVE ? base.check(lower, z.lte(max), notTiny()) : base.check(lower, z.lte(max));
}

const count = () => rangeable(between(0, MAX_COUNT));
const tokenCount = () => rangeable(between(0, MAX_TOKENS));
const wholeNumber = (min: number, max: number) => rangeable(between(min, max, { integer: true }), true);
/** A rate in (0, 1]. */
const rate = () => rangeable(between(MIN_POSITIVE, 1));
/** An annual change, > -1 (a fall of 100 % would leave nothing to compound). */
const annualChange = () => rangeable(between(-1, MAX_RATE_CHANGE, { exclusiveMin: true }));
/** A share in [0, 1): an elasticity, a churn, a store fee (at 1 nothing would be left). */
const shareBelowOne = builtOnce(() => z.number().check(z.gte(0), z.lt(1), notTiny()));
const belowOne = () => rangeable(shareBelowOne());

/** A money value: a number in the scenario currency or a money string, parsed but not yet converted. */
function moneyLeaf(options: { positive: boolean }) {
  return shared(moneyLeaves, options.positive, () => moneyLeafOf(options));
}

const moneyLeaves = new Map<boolean, unknown>();

function moneyLeafOf(options: { positive: boolean }) {
  const moneyNumber = between(options.positive ? MIN_POSITIVE : 0, MAX_MONEY);
  const moneyString = z.pipe(z.string(), z.transform(options.positive ? toPositiveMoney : toMoney));
  return z.union([moneyNumber, moneyString]);
}

function toMoney(text: string, ctx: TransformContext): MoneyAmount {
  return moneyFromText(text, ctx, false);
}

function toPositiveMoney(text: string, ctx: TransformContext): MoneyAmount {
  return moneyFromText(text, ctx, true);
}

function moneyFromText(text: string, ctx: TransformContext, positive: boolean): MoneyAmount {
  const parsed = parseMoney(text);
  if (!parsed.ok) {
    ctx.issues.push({ code: "custom", message: parsed.reason, input: text });
    return z.NEVER;
  }
  if ((positive || parsed.money.amount !== 0) && parsed.money.amount < MIN_POSITIVE) {
    const least = positive ? `>= ${MIN_POSITIVE_TEXT}` : `0 or at least ${MIN_POSITIVE_TEXT}`;
    ctx.issues.push({ code: "custom", message: `expected money ${least}, found "${text}"`, input: text });
    return z.NEVER;
  }
  return parsed.money;
}

const money = () => rangeable(moneyLeaf({ positive: false }));
const positiveMoney = () => rangeable(moneyLeaf({ positive: true }));

function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && isKnownCurrency(code);
}

export const currencyCode = builtOnce(() =>
  z.string().check(
    z.refine(isCurrencyCode, {
      error: (issue) => `expected an ISO 4217 currency code such as USD or CNY, found "${String(issue.input)}"`,
    }),
  ),
);

/** A name or an id: not empty, and not only white space (a name of spaces prints as nothing). */
function hasVisibleCharacter(text: string): boolean {
  return text === "" || text.trim() !== "";
}

const nonEmptyString = builtOnce(() =>
  z.string().check(
    z.minLength(1),
    z.refine(hasVisibleCharacter, {
      error: "expected text with a visible character, found only white space",
    }),
  ),
);
/** `z._default`, looked up at each use: zod is loaded only when a schema is first built (scripts/build.mjs). */
const withDefault: typeof z._default = (schema, value) => z._default(schema, value);

const channelSchema = builtOnce(() =>
  z.strictObject({
    name: nonEmptyString(),
    share: optional(rate()),
    cpa: optional(positiveMoney()),
    cpm: optional(positiveMoney()),
    ctr: optional(rate()),
    cvr: optional(rate()),
    cpc: optional(positiveMoney()),
    /** This channel's CPA drift; default the acquisition's. */
    annual_cost_change: optional(annualChange()),
    /** model-v2.md 5: CPA rises with the channel's own daily spend. */
    saturation: optional(
      z.strictObject({
        reference_daily_spend: positiveMoney(),
        elasticity: belowOne(),
      }),
    ),
  }),
);

/** One entry of a spend schedule (model-v2.md 5a); `from_day` is a day number, never a range. */
const scheduleEntrySchema = builtOnce(() =>
  z.strictObject({
    from_day: between(0, 3650, { integer: true }),
    daily_budget: optional(money()),
    daily_installs: optional(count()),
  }),
);

const acquisitionSchema = builtOnce(() =>
  z.strictObject({
    daily_budget: optional(money()),
    daily_installs: optional(count()),
    duration_days: optional(wholeNumber(0, 3650)),
    annual_cost_change: withDefault(annualChange(), 0),
    organic_installs_per_day: withDefault(count(), 0),
    organic_ratio: withDefault(rangeable(between(0, 1000)), 0),
    channels: optional(z.array(channelSchema()).check(z.minLength(1))),
    schedule: optional(z.array(scheduleEntrySchema()).check(z.minLength(1))),
  }),
);

/** The retention points model.md allows, by day. */
export const RETENTION_DAYS = { d1: 1, d3: 3, d7: 7, d14: 14, d30: 30, d60: 60, d90: 90, d180: 180, d365: 365 } as const;
export type RetentionKey = keyof typeof RETENTION_DAYS;
/** The retention points' keys, earliest first. */
export const RETENTION_KEYS = Object.keys(RETENTION_DAYS) as RetentionKey[];

const retentionSchema = builtOnce(() =>
  z.strictObject({
    d1: rate(),
    d3: optional(rate()),
    d7: optional(rate()),
    d14: optional(rate()),
    d30: optional(rate()),
    d60: optional(rate()),
    d90: optional(rate()),
    d180: optional(rate()),
    d365: optional(rate()),
    /** Past the last point (model-v2.md 6); default power. */
    tail: optional(z.enum(["power", "exponential", "flat"])),
  }),
);

/** Most turns a conversation may have, fixed, as a geometric mean or in a histogram. */
export const MAX_TURNS = 10_000;

function isTurnCountInRange(key: string): boolean {
  return Number(key) <= MAX_TURNS;
}

/** `P(n = k)` for listed whole numbers of turns `k` (model-v2.md 1); never ranges. */
const turnSharesSchema = builtOnce(() =>
  z.record(
    z
      .string()
      .check(
        z.regex(/^[1-9]\d*$/, { error: "expected a whole number of turns (1, 2, ...) as the key" }),
        z.refine(isTurnCountInRange, { error: `a conversation has at most ${MAX_TURNS} turns` }),
      ),
    z.number().check(z.gte(0), z.lte(1)),
  ),
);

const turnsDistributionSchema = builtOnce(() =>
  z.strictObject({
    /** `P(n = k) = (1 - q) q^(k-1)`, `q = 1 - 1/mean`. */
    geometric: optional(z.strictObject({ mean: rangeable(between(1, MAX_TURNS)) })),
    shares: optional(turnSharesSchema()),
  }),
);

const usageSchema = builtOnce(() =>
  z.strictObject({
    sessions_per_dau: rangeable(between(0, 10_000, { exclusiveMin: true })),
    turns_per_session: optional(wholeNumber(1, MAX_TURNS)),
    turns_distribution: optional(turnsDistributionSchema()),
    max_turns_per_day: optional(rangeable(between(0, 1e6, { exclusiveMin: true }))),
    lifetime_days: optional(wholeNumber(1, 3650)),
  }),
);

const historySchema = builtOnce(() => z.union([z.enum(["full", "none"]), between(0, 10_000, { integer: true })]));

const tokensSchema = builtOnce(() =>
  z.strictObject({
    system: withDefault(tokenCount(), 0),
    context: withDefault(tokenCount(), 0),
    input: tokenCount(),
    output: tokenCount(),
    reasoning: withDefault(tokenCount(), 0),
    history: withDefault(historySchema(), "full"),
    history_includes_context: withDefault(z.boolean(), false),
    cache_hit_rate: withDefault(rangeable(between(0, 1)), 0),
  }),
);

/** A route's own tokens (model-v2.md 4): any key of `tokens`, no defaults, so that the rest stay the scenario's. */
const routeTokensSchema = builtOnce(() =>
  z.strictObject({
    system: optional(tokenCount()),
    context: optional(tokenCount()),
    input: optional(tokenCount()),
    output: optional(tokenCount()),
    reasoning: optional(tokenCount()),
    history: optional(historySchema()),
    history_includes_context: optional(z.boolean()),
    cache_hit_rate: optional(rangeable(between(0, 1))),
  }),
);

/** The price of a turn whose whole prompt is above `above` tokens (model-v2.md 2); `above` is never a range. */
const priceTierSchema = builtOnce(() =>
  z.strictObject({
    above: between(1, MAX_TOKENS, { integer: true }),
    input: money(),
    cached_input: optional(money()),
    output: money(),
    reasoning: optional(money()),
  }),
);

const priceSchema = builtOnce(() =>
  z.strictObject({
    input: optional(money()),
    cached_input: optional(money()),
    output: optional(money()),
    /** Reasoning tokens; default the output price. */
    reasoning: optional(money()),
    tiers: optional(z.array(priceTierSchema()).check(z.minLength(1))),
  }),
);

/** Tokens a GPU processes a second: > 0. */
const throughput = () => rangeable(between(0, 1e9, { exclusiveMin: true }));

/** Serving on one's own GPUs (model-v2.md 3). */
const selfHostedSchema = builtOnce(() =>
  z.strictObject({
    gpu_hour_price: money(),
    input_tokens_per_gpu_second: throughput(),
    output_tokens_per_gpu_second: throughput(),
    cached_input_tokens_per_gpu_second: optional(throughput()),
    utilization: withDefault(rangeable(between(0, 1, { exclusiveMin: true })), 1),
  }),
);

const routeSchema = builtOnce(() =>
  z.strictObject({
    name: nonEmptyString(),
    share: rangeable(between(0, 1)),
    model: optional(nonEmptyString()),
    price: optional(priceSchema()),
    self_hosted: optional(selfHostedSchema()),
    annual_price_change: optional(annualChange()),
    tokens: optional(routeTokensSchema()),
  }),
);

const inferenceSchema = builtOnce(() =>
  z.strictObject({
    model: optional(nonEmptyString()),
    /** A LiteLLM price map whose models `model` may name, relative to the scenario's folder. */
    prices_file: optional(nonEmptyString()),
    price: optional(priceSchema()),
    self_hosted: optional(selfHostedSchema()),
    annual_price_change: withDefault(annualChange(), 0),
    routes: optional(z.array(routeSchema()).check(z.minLength(1))),
  }),
);

const trainingRunSchema = builtOnce(() =>
  z.strictObject({
    name: optional(nonEmptyString()),
    cost: optional(money()),
    gpu_hours: optional(rangeable(between(0, MAX_COUNT))),
    gpu_hour_price: optional(money()),
  }),
);

const trainingSchema = builtOnce(() =>
  z.strictObject({
    runs: z.array(trainingRunSchema()).check(z.minLength(1)),
    useful_life_days: optional(wholeNumber(1, 36_500)),
    /** model-v2.md 7: a new model every useful life. */
    retrain: optional(z.boolean()),
    annual_cost_change: optional(annualChange()),
    app_share: optional(rate()),
  }),
);

const revenueSchema = builtOnce(() =>
  z.strictObject({
    arpdau: optional(money()),
    paying_share: optional(rate()),
    arppu_monthly: optional(money()),
    /** model-v2.md 8. */
    subscription: optional(
      z.strictObject({
        conversion: rate(),
        price_monthly: money(),
        monthly_churn: belowOne(),
      }),
    ),
    store_fee: optional(belowOne()),
  }),
);

/** A bound on a metric of the JSON result: a number, or a money string for money metrics. */
const boundSchema = builtOnce(() => z.union([between(-MAX_MONEY, MAX_MONEY), moneyLeaf({ positive: false })]));

/** A percentage of a baseline's value, e.g. "10%". */
export interface PercentChange {
  percent: number;
}

/**
 * A change allowed against a baseline (`check --baseline`): "10%" of the baseline's
 * value, or a plain number in the metric's own unit (money in the scenario currency).
 */
export const PERCENT_CHANGE_PATTERN = /^\s*\d+(\.\d+)?\s*%\s*$/;

/** "10%" as a percentage; the JSON Schema (json-schema.ts) knows it by identity. */
export const percentChange = builtOnce(() =>
  z.pipe(
    z.string().check(
      z.regex(PERCENT_CHANGE_PATTERN, {
        error: (issue) => `expected a percentage such as "10%", or a number in the metric's unit, found "${String(issue.input)}"`,
      }),
    ),
    z.transform(toPercentChange),
  ),
);

function toPercentChange(text: string): PercentChange {
  return { percent: Number.parseFloat(text) };
}

const changeSchema = builtOnce(() => z.union([percentChange(), between(0, MAX_MONEY)]));

const expectSchema = builtOnce(() =>
  z.strictObject({
    ladder: optional(z.boolean()),
    max: optional(z.record(z.string(), boundSchema())),
    min: optional(z.record(z.string(), boundSchema())),
    max_increase: optional(z.record(z.string(), changeSchema())),
    max_decrease: optional(z.record(z.string(), changeSchema())),
  }),
);

export const scenarioSchema = builtOnce(() =>
  z.strictObject({
    name: nonEmptyString(),
    description: optional(z.string()),
    currency: withDefault(currencyCode(), "USD"),
    fx: optional(z.record(currencyCode(), between(MIN_POSITIVE, 1e6))),
    horizon_days: withDefault(wholeNumber(1, 3650), 365),
    sources: optional(z.array(z.string())),
    acquisition: optional(acquisitionSchema()),
    retention: retentionSchema(),
    usage: usageSchema(),
    tokens: tokensSchema(),
    inference: inferenceSchema(),
    training: optional(trainingSchema()),
    revenue: optional(revenueSchema()),
    expect: optional(expectSchema()),
  }),
);

/**
 * The schema's own checks and transforms by name, for its plan (scenario-plan.json), which
 * names them where the schema holds the function: lib/schema-plan.ts calls the same ones.
 */
export const PLAN_FUNCTIONS = {
  checks: { isNotTiny, isCurrencyCode, hasVisibleCharacter, isTurnCountInRange },
  transforms: { toRange, toWholeRange, toMoney, toPositiveMoney, toPercentChange },
} as const;

/** A scenario as the schema parses it: money not yet converted, ranges not yet reduced. */
export type ParsedScenario = z.output<ReturnType<typeof scenarioSchema>>;

/** Replaces money amounts and ranges by plain numbers, as resolve.ts does. */
export type Resolved<T> = T extends MoneyAmount | Range<unknown>
  ? number
  : T extends readonly (infer Item)[]
    ? Resolved<Item>[]
    : T extends object
      ? { [K in keyof T]: Resolved<T[K]> }
      : T;

/** A scenario with every money value in its currency and every range at its central value. */
export type ScenarioData = Resolved<ParsedScenario>;
