import * as z from "zod/mini";
import { isKnownCurrency, MAX_MONEY, MoneyAmount, parseMoney } from "./money.js";
import { Range, type Distribution } from "./range.js";

/**
 * The scenario format v1 (model.md) as a strict zod schema: shapes, types and ranges of
 * single values. Rules across fields (shares sum to 1, one cost form, ...) are in rules.ts;
 * money conversion and range central values in resolve.ts.
 *
 * Written with zod/mini, zod 4's functional API: the same schemas and messages as classic
 * zod, but building them costs a fraction of the start-up time, which a CLI pays per run.
 */

// A CLI parses one or a few documents per process: compiling fast paths would cost more than it saves.
z.config({ jitless: true });

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

/** A leaf or an uncertainty range of it, `{ low, high, dist?, mode? }`. */
function rangeable<S extends Leaf>(leaf: S, integer = false) {
  const bounds = z.strictObject({
    low: leaf,
    high: leaf,
    dist: z.optional(z.enum(["uniform", "triangular", "loguniform"])),
    mode: z.optional(leaf),
  });
  const range = z.pipe(
    bounds,
    z.transform((input) => {
      // zod cannot spell out the object type for a generic leaf; the shape above fixes it.
      const { low, high, dist, mode } = input as RangeInput<z.output<S>>;
      return new Range(low, high, dist ?? "uniform", mode, integer);
    }),
  );
  return z.union([leaf, range]);
}

/** A number within [min, max] (or (min, max] with `exclusiveMin`). */
function between(min: number, max: number, options: { exclusiveMin?: boolean; integer?: boolean } = {}) {
  const base = options.integer ? z.int() : z.number();
  return base.check(options.exclusiveMin ? z.gt(min) : z.gte(min), z.lte(max));
}

const count = () => rangeable(between(0, MAX_COUNT));
const tokenCount = () => rangeable(between(0, MAX_TOKENS));
const wholeNumber = (min: number, max: number) => rangeable(between(min, max, { integer: true }), true);
/** A rate in (0, 1]. */
const rate = () => rangeable(between(MIN_POSITIVE, 1));
/** An annual change, > -1 (a fall of 100 % would leave nothing to compound). */
const annualChange = () => rangeable(between(-1, MAX_RATE_CHANGE, { exclusiveMin: true }));

/** A money value: a number in the scenario currency or a money string, parsed but not yet converted. */
function moneyLeaf(options: { positive: boolean }) {
  const moneyNumber = between(options.positive ? MIN_POSITIVE : 0, MAX_MONEY);
  const moneyString = z.pipe(
    z.string(),
    z.transform((text: string, ctx) => {
      const parsed = parseMoney(text);
      if (!parsed.ok) {
        ctx.issues.push({ code: "custom", message: parsed.reason, input: text });
        return z.NEVER;
      }
      if (options.positive && parsed.money.amount < MIN_POSITIVE) {
        ctx.issues.push({ code: "custom", message: `expected money >= ${MIN_POSITIVE_TEXT}, found "${text}"`, input: text });
        return z.NEVER;
      }
      return parsed.money;
    }),
  );
  return z.union([moneyNumber, moneyString]);
}
const money = () => rangeable(moneyLeaf({ positive: false }));
const positiveMoney = () => rangeable(moneyLeaf({ positive: true }));

export const currencyCode = z.string().check(
  z.refine((code: string) => /^[A-Z]{3}$/.test(code) && isKnownCurrency(code), {
    error: (issue) => `expected an ISO 4217 currency code such as USD or CNY, found "${String(issue.input)}"`,
  }),
);

const nonEmptyString = () => z.string().check(z.minLength(1));
const optional = z.optional;
const withDefault = z._default;

const channelSchema = z.strictObject({
  name: nonEmptyString(),
  share: optional(rate()),
  cpa: optional(positiveMoney()),
  cpm: optional(positiveMoney()),
  ctr: optional(rate()),
  cvr: optional(rate()),
  cpc: optional(positiveMoney()),
});

const acquisitionSchema = z.strictObject({
  daily_budget: optional(money()),
  daily_installs: optional(count()),
  duration_days: optional(wholeNumber(0, 3650)),
  annual_cost_change: withDefault(annualChange(), 0),
  organic_installs_per_day: withDefault(count(), 0),
  organic_ratio: withDefault(rangeable(between(0, 1000)), 0),
  channels: optional(z.array(channelSchema).check(z.minLength(1))),
});

/** The retention points model.md allows, by day. */
export const RETENTION_DAYS = { d1: 1, d3: 3, d7: 7, d14: 14, d30: 30, d60: 60, d90: 90, d180: 180, d365: 365 } as const;
export type RetentionKey = keyof typeof RETENTION_DAYS;

const retentionSchema = z.strictObject({
  d1: rate(),
  d3: optional(rate()),
  d7: optional(rate()),
  d14: optional(rate()),
  d30: optional(rate()),
  d60: optional(rate()),
  d90: optional(rate()),
  d180: optional(rate()),
  d365: optional(rate()),
});

const usageSchema = z.strictObject({
  sessions_per_dau: rangeable(between(0, 10_000, { exclusiveMin: true })),
  turns_per_session: wholeNumber(1, 10_000),
  max_turns_per_day: optional(rangeable(between(0, 1e6, { exclusiveMin: true }))),
  lifetime_days: optional(wholeNumber(1, 3650)),
});

const tokensSchema = z.strictObject({
  system: withDefault(tokenCount(), 0),
  context: withDefault(tokenCount(), 0),
  input: tokenCount(),
  output: tokenCount(),
  reasoning: withDefault(tokenCount(), 0),
  history: withDefault(z.union([z.enum(["full", "none"]), between(0, 10_000, { integer: true })]), "full"),
  history_includes_context: withDefault(z.boolean(), false),
  cache_hit_rate: withDefault(rangeable(between(0, 1)), 0),
});

const priceSchema = z.strictObject({
  input: optional(money()),
  cached_input: optional(money()),
  output: optional(money()),
});

const inferenceSchema = z.strictObject({
  model: optional(nonEmptyString()),
  /** A LiteLLM price map whose models `model` may name, relative to the scenario's folder. */
  prices_file: optional(nonEmptyString()),
  price: optional(priceSchema),
  annual_price_change: withDefault(annualChange(), 0),
});

const trainingRunSchema = z.strictObject({
  name: optional(nonEmptyString()),
  cost: optional(money()),
  gpu_hours: optional(rangeable(between(0, MAX_COUNT))),
  gpu_hour_price: optional(money()),
});

const trainingSchema = z.strictObject({
  runs: z.array(trainingRunSchema).check(z.minLength(1)),
  useful_life_days: optional(wholeNumber(1, 36_500)),
});

const revenueSchema = z.strictObject({
  arpdau: optional(money()),
  paying_share: optional(rate()),
  arppu_monthly: optional(money()),
});

/** A bound on a metric of the JSON result: a number, or a money string for money metrics. */
const boundSchema = z.union([between(-MAX_MONEY, MAX_MONEY), moneyLeaf({ positive: false })]);

const expectSchema = z.strictObject({
  ladder: optional(z.boolean()),
  max: optional(z.record(z.string(), boundSchema)),
  min: optional(z.record(z.string(), boundSchema)),
});

export const scenarioSchema = z.strictObject({
  name: nonEmptyString(),
  description: optional(z.string()),
  currency: withDefault(currencyCode, "USD"),
  fx: optional(z.record(currencyCode, between(MIN_POSITIVE, 1e6))),
  horizon_days: withDefault(wholeNumber(1, 3650), 365),
  sources: optional(z.array(z.string())),
  acquisition: optional(acquisitionSchema),
  retention: retentionSchema,
  usage: usageSchema,
  tokens: tokensSchema,
  inference: inferenceSchema,
  training: optional(trainingSchema),
  revenue: optional(revenueSchema),
  expect: optional(expectSchema),
});

/** A scenario as the schema parses it: money not yet converted, ranges not yet reduced. */
export type ParsedScenario = z.output<typeof scenarioSchema>;

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
