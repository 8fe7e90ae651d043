import { z } from "zod";
import { isKnownCurrency, MAX_MONEY, MoneyAmount, parseMoney } from "./money.js";
import { Range, type Distribution } from "./range.js";

/**
 * The scenario format v1 (model.md) as a strict zod schema: shapes, types and ranges of
 * single values. Rules across fields (shares sum to 1, one cost form, ...) are in rules.ts;
 * money conversion and range central values in resolve.ts.
 */

const MAX_COUNT = 1e12;
const MAX_TOKENS = 1e8;
const MAX_RATE_CHANGE = 100;

type Leaf = z.ZodType<unknown, unknown>;
type RangeInput<T> = { low: T; high: T; dist?: Distribution; mode?: T };

/** A leaf or an uncertainty range of it, `{ low, high, dist?, mode? }`. */
function rangeable<S extends Leaf>(leaf: S, integer = false) {
  const range = z
    .strictObject({
      low: leaf,
      high: leaf,
      dist: z.enum(["uniform", "triangular", "loguniform"]).optional(),
      mode: leaf.optional(),
    })
    .transform((bounds) => {
      // zod cannot spell out the object type for a generic leaf; the shape above fixes it.
      const { low, high, dist, mode } = bounds as RangeInput<z.output<S>>;
      return new Range(low, high, dist ?? "uniform", mode, integer);
    });
  return z.union([leaf, range]);
}

const finite = () => z.number().max(MAX_COUNT);
const count = () => rangeable(z.number().min(0).max(MAX_COUNT));
const tokenCount = () => rangeable(z.number().min(0).max(MAX_TOKENS));
const wholeNumber = (min: number, max: number) => rangeable(z.number().int().min(min).max(max), true);
/** A rate in (0, 1]. */
const rate = () => rangeable(z.number().gt(0).max(1));
/** An annual change, > -1 (a fall of 100 % would leave nothing to compound). */
const annualChange = () => rangeable(z.number().gt(-1).max(MAX_RATE_CHANGE));

/** A money value: a number in the scenario currency or a money string, parsed but not yet converted. */
function moneyLeaf(options: { positive: boolean }) {
  const amount = z.number().max(MAX_MONEY);
  const moneyNumber = options.positive ? amount.gt(0) : amount.min(0);
  const moneyString = z.string().transform((text, ctx) => {
    const parsed = parseMoney(text);
    if (!parsed.ok) {
      ctx.issues.push({ code: "custom", message: parsed.reason, input: text });
      return z.NEVER;
    }
    if (options.positive && parsed.money.amount === 0) {
      ctx.issues.push({ code: "custom", message: `expected money > 0, found "${text}"`, input: text });
      return z.NEVER;
    }
    return parsed.money;
  });
  return z.union([moneyNumber, moneyString]);
}
const money = () => rangeable(moneyLeaf({ positive: false }));
const positiveMoney = () => rangeable(moneyLeaf({ positive: true }));

export const currencyCode = z
  .string()
  .refine((code) => /^[A-Z]{3}$/.test(code) && isKnownCurrency(code), {
    error: (issue) => `expected an ISO 4217 currency code such as USD or CNY, found "${String(issue.input)}"`,
  });

const channelSchema = z.strictObject({
  name: z.string().min(1),
  share: rate().optional(),
  cpa: positiveMoney().optional(),
  cpm: positiveMoney().optional(),
  ctr: rate().optional(),
  cvr: rate().optional(),
  cpc: positiveMoney().optional(),
});

const acquisitionSchema = z.strictObject({
  daily_budget: money().optional(),
  daily_installs: count().optional(),
  duration_days: wholeNumber(0, 3650).optional(),
  annual_cost_change: annualChange().default(0),
  organic_installs_per_day: count().default(0),
  organic_ratio: rangeable(z.number().min(0).max(1000)).default(0),
  channels: z.array(channelSchema).min(1).optional(),
});

/** The retention points model.md allows, by day. */
export const RETENTION_DAYS = { d1: 1, d3: 3, d7: 7, d14: 14, d30: 30, d60: 60, d90: 90, d180: 180, d365: 365 } as const;
export type RetentionKey = keyof typeof RETENTION_DAYS;

const retentionSchema = z.strictObject({
  d1: rate(),
  d3: rate().optional(),
  d7: rate().optional(),
  d14: rate().optional(),
  d30: rate().optional(),
  d60: rate().optional(),
  d90: rate().optional(),
  d180: rate().optional(),
  d365: rate().optional(),
});

const usageSchema = z.strictObject({
  sessions_per_dau: rangeable(z.number().gt(0).max(10_000)),
  turns_per_session: wholeNumber(1, 10_000),
  max_turns_per_day: rangeable(z.number().gt(0).max(1e6)).optional(),
  lifetime_days: wholeNumber(1, 3650).optional(),
});

const tokensSchema = z.strictObject({
  system: tokenCount().default(0),
  context: tokenCount().default(0),
  input: tokenCount(),
  output: tokenCount(),
  reasoning: tokenCount().default(0),
  history: z.union([z.enum(["full", "none"]), z.number().int().min(0).max(10_000)]).default("full"),
  history_includes_context: z.boolean().default(false),
  cache_hit_rate: rangeable(z.number().min(0).max(1)).default(0),
});

const priceSchema = z.strictObject({
  input: money().optional(),
  cached_input: money().optional(),
  output: money().optional(),
});

const inferenceSchema = z.strictObject({
  model: z.string().min(1).optional(),
  price: priceSchema.optional(),
  annual_price_change: annualChange().default(0),
});

const trainingRunSchema = z.strictObject({
  name: z.string().min(1).optional(),
  cost: money().optional(),
  gpu_hours: rangeable(finite().min(0)).optional(),
  gpu_hour_price: money().optional(),
});

const trainingSchema = z.strictObject({
  runs: z.array(trainingRunSchema).min(1),
  useful_life_days: wholeNumber(1, 36_500).optional(),
});

const revenueSchema = z.strictObject({
  arpdau: money().optional(),
  paying_share: rate().optional(),
  arppu_monthly: money().optional(),
});

/** A bound on a metric of the JSON result: a number, or a money string for money metrics. */
const boundSchema = z.union([z.number().min(-MAX_MONEY).max(MAX_MONEY), moneyLeaf({ positive: false })]);

const expectSchema = z.strictObject({
  ladder: z.boolean().optional(),
  max: z.record(z.string(), boundSchema).optional(),
  min: z.record(z.string(), boundSchema).optional(),
});

export const scenarioSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  currency: currencyCode.default("USD"),
  fx: z.record(currencyCode, z.number().gt(0).max(1e6)).optional(),
  horizon_days: wholeNumber(1, 3650).default(365),
  sources: z.array(z.string()).optional(),
  acquisition: acquisitionSchema.optional(),
  retention: retentionSchema,
  usage: usageSchema,
  tokens: tokensSchema,
  inference: inferenceSchema,
  training: trainingSchema.optional(),
  revenue: revenueSchema.optional(),
  expect: expectSchema.optional(),
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
