import { toJSONSchema } from "../lib/zod.js";
import { pipeInputType } from "../lib/schema-walk.js";
import { SECTIONS } from "../result/sections.js";
import { METRIC_KINDS, METRIC_PATHS, type MetricKind } from "../result/metric-paths.js";
import { MONEY_PATTERN } from "../lib/money.js";
import { currencyCode, PERCENT_CHANGE_PATTERN, percentChange, scenarioSchema } from "./schema.js";

/**
 * The JSON Schema of the scenario format, generated from the zod schema (the input side:
 * what a user writes, before money and ranges are resolved), for editors to complete and
 * check scenario files. `llm-cac schema` prints it; schema/scenario.schema.json is a copy
 * that a test keeps in sync.
 *
 * What JSON Schema cannot say is left to the loader: rules across fields (shares sum to
 * 1, one cost form per channel), known currency codes, whether a money string parses.
 */

type JsonSchema = Record<string, unknown>;

export const SCHEMA_ID = "https://unpkg.com/llm-cac/schema/scenario.schema.json";

const MONEY_STRING = 'money written as text: [symbol] number [scale] [unit], e.g. "$78M", "78M USD", "¥0.8", "20万元", "0.3 CNY"';
const RANGE = "an uncertainty range: { low, high } (uniform), with dist: triangular and a mode, or dist: loguniform";

/** One line per key, shown by editors on hover; a test checks it names every key of the schema and no other. */
export const KEY_DESCRIPTIONS: Readonly<Record<string, string>> = {
  name: "Name of the scenario, shown in reports (required).",
  description: "What the scenario is about.",
  currency: "ISO 4217 code all money is in after conversion; outputs use it too. Default USD.",
  fx: "Exchange rates for money written in other currencies: { USD: 7.2 } means 1 USD = 7.2 units of `currency`.",
  horizon_days: "Planning horizon in days, 1..3650. Default 365.",
  sources: "Where the figures come from (provenance), one string each.",
  acquisition: "Buying users: paid channels and organic installs. Omit for organic growth only.",
  "acquisition.daily_budget": "Paid spend per day (money). Give this or daily_installs when there are channels.",
  "acquisition.daily_installs": "Paid installs per day. Give this or daily_budget when there are channels.",
  "acquisition.duration_days": "Paid buying runs on days t < duration_days. Default: the horizon.",
  "acquisition.annual_cost_change": "Yearly drift of the cost per install, compounded daily (0.3 = +30 % a year). Default 0.",
  "acquisition.organic_installs_per_day": "Organic installs every day of the horizon. Default 0.",
  "acquisition.organic_ratio": "Organic installs per paid install. Default 0.",
  "acquisition.channels": "Paid channels, at least one.",
  "acquisition.channels.*": "A paid channel: a name, a share of the spend and one cost form (cpa | cpm + ctr + cvr | cpc + cvr).",
  "acquisition.channels.*.name": "Channel name, unique within the scenario.",
  "acquisition.channels.*.share": "Share of the paid spend, (0, 1]; shares sum to 1. Default 1 for a lone channel.",
  "acquisition.channels.*.cpa": "Cost per acquired install (money).",
  "acquisition.channels.*.cpm": "Cost per 1,000 impressions (money); with ctr and cvr.",
  "acquisition.channels.*.ctr": "Click-through rate, (0, 1]; with cpm.",
  "acquisition.channels.*.cvr": "Click to activated install, (0, 1]; with cpm or cpc.",
  "acquisition.channels.*.cpc": "Cost per click (money); with cvr.",
  "acquisition.channels.*.annual_cost_change": "This channel's yearly CPA drift, overriding acquisition.annual_cost_change.",
  "acquisition.channels.*.saturation":
    "The channel's CPA rises with its own daily spend s: cpa * (1 + s / reference_daily_spend) ** elasticity.",
  "acquisition.channels.*.saturation.reference_daily_spend":
    "Daily spend on this channel at which its CPA has risen by 2 ** elasticity (money, > 0).",
  "acquisition.channels.*.saturation.elasticity":
    "How fast the CPA rises with spend, [0, 1); far above the reference, installs grow as spend ** (1 - elasticity).",
  "acquisition.schedule": "A spend schedule replacing daily_budget / daily_installs and duration_days: entries by from_day, the first 0.",
  "acquisition.schedule.*": "An entry: from_day and daily_budget or daily_installs, holding until the next entry's from_day.",
  "acquisition.schedule.*.from_day": "First day of this entry (whole number; strictly increasing, the first 0).",
  "acquisition.schedule.*.daily_budget": "Paid spend per day from from_day (money); 0 stops buying.",
  "acquisition.schedule.*.daily_installs": "Paid installs per day from from_day.",
  retention: "Share of a cohort still active N days after install: d1 and at least one later point, never rising.",
  "retention.d1": "Day-1 retention, (0, 1] (required).",
  "retention.d3": "Day-3 retention, (0, 1].",
  "retention.d7": "Day-7 retention, (0, 1].",
  "retention.d14": "Day-14 retention, (0, 1].",
  "retention.d30": "Day-30 retention, (0, 1].",
  "retention.d60": "Day-60 retention, (0, 1].",
  "retention.d90": "Day-90 retention, (0, 1].",
  "retention.d180": "Day-180 retention, (0, 1].",
  "retention.d365": "Day-365 retention, (0, 1].",
  "retention.tail": "Past the last point: power (the last log-log segment, default), exponential (log-linear) or flat (the last rate).",
  usage: "How much an active user chats.",
  "usage.sessions_per_dau": "Conversations per active user per day, > 0.",
  "usage.turns_per_session": "Turns (user message + reply) per conversation, a whole number >= 1. Give this or turns_distribution.",
  "usage.turns_distribution":
    "Turns per conversation as a distribution: geometric (a mean) or shares (a histogram). Give this or turns_per_session.",
  "usage.turns_distribution.geometric": "A geometric length: P(n = k) = (1 - q) q^(k-1), q = 1 - 1/mean.",
  "usage.turns_distribution.geometric.mean": "Mean turns per conversation, >= 1.",
  "usage.turns_distribution.shares": "P(n = k) by number of turns k, e.g. { 1: 0.59, 2: 0.2, 4: 0.15, 12: 0.06 }; sums to 1; never ranges.",
  "usage.max_turns_per_day": "Optional cap on turns per active user per day.",
  "usage.lifetime_days": "Cohort lifetime in days for the per-user figures. Default: the horizon.",
  tokens: "Tokens of one conversation turn.",
  "tokens.system": "System prompt tokens, sent every turn. Default 0.",
  "tokens.context": "Retrieved / search / knowledge-base tokens added each turn. Default 0.",
  "tokens.input": "Tokens of the user's message (required).",
  "tokens.output": "Tokens of the reply (required).",
  "tokens.reasoning": "Hidden reasoning tokens, billed as output, never resent. Default 0.",
  "tokens.history": "Earlier turns resent with each turn: full, none, or the last N turns. Default full.",
  "tokens.history_includes_context": "Resend earlier turns' context too. Default false.",
  "tokens.cache_hit_rate": "Share of the resent prefix billed at the cached price, [0, 1]. Default 0.",
  inference: "Serving the model: token prices (a model, a price, or self-hosted GPUs, or a routing mix of them) and their drift.",
  "inference.model": "A model id from the price catalog (`llm-cac models`); explicit prices override it.",
  "inference.prices_file": "A LiteLLM price map (JSON) whose models `model` may name, relative to the scenario's folder.",
  "inference.price": "Money per 1M tokens; with a model, each field given overrides the model's.",
  "inference.price.input": "Price of 1M input tokens (money).",
  "inference.price.cached_input": "Price of 1M cached input tokens (money). Default: the input price.",
  "inference.price.output": "Price of 1M output tokens (money).",
  "inference.price.reasoning": "Price of 1M reasoning tokens (money). Default: the output price.",
  "inference.price.tiers":
    "Prices by prompt length: a turn whose whole prompt (cached part included) is above a tier's `above` bills entirely at the tier with the largest such `above`. Replaces a model's tiers.",
  "inference.price.tiers.*":
    "A tier: above, input, output, and optionally cached_input (default the tier's input) and reasoning (default the tier's output).",
  "inference.price.tiers.*.above": "Prompt tokens above which the tier applies (whole number > 0, strictly increasing; never a range).",
  "inference.price.tiers.*.input": "The tier's price of 1M input tokens (money).",
  "inference.price.tiers.*.cached_input": "The tier's price of 1M cached input tokens (money). Default: the tier's input.",
  "inference.price.tiers.*.output": "The tier's price of 1M output tokens (money).",
  "inference.price.tiers.*.reasoning": "The tier's price of 1M reasoning tokens (money). Default: the tier's output.",
  "inference.self_hosted": "Serving on your own GPUs instead of a price: the GPU-hour price and throughputs give per-1M prices.",
  "inference.self_hosted.gpu_hour_price": "Price of one GPU-hour (money).",
  "inference.self_hosted.input_tokens_per_gpu_second": "Prefill throughput: input tokens one GPU processes a second, > 0.",
  "inference.self_hosted.output_tokens_per_gpu_second": "Decode throughput: output (and reasoning) tokens one GPU generates a second, > 0.",
  "inference.self_hosted.cached_input_tokens_per_gpu_second": "Throughput of cached input tokens, > 0. Default: the input throughput.",
  "inference.self_hosted.utilization": "Share of paid GPU time that is busy, (0, 1]. Default 1.",
  "inference.annual_price_change": "Yearly drift of every token price, compounded daily (-0.9 = falls 90 % a year). Default 0.",
  "inference.routes": "A routing mix: shares of sessions served each way, summing to 1. Excludes a top-level model, price or self_hosted.",
  "inference.routes.*": "A route: name, share, and exactly one of model (with an optional partial price), price or self_hosted.",
  "inference.routes.*.name": "Route name, unique within the scenario.",
  "inference.routes.*.share": "Share of sessions served by this route, [0, 1]; shares sum to 1.",
  "inference.routes.*.model": "A model id from the price catalog for this route; its price fields override it.",
  "inference.routes.*.price": "Money per 1M tokens; with a model, each field given overrides the model's.",
  "inference.routes.*.price.input": "Price of 1M input tokens (money).",
  "inference.routes.*.price.cached_input": "Price of 1M cached input tokens (money). Default: the input price.",
  "inference.routes.*.price.output": "Price of 1M output tokens (money).",
  "inference.routes.*.price.reasoning": "Price of 1M reasoning tokens (money). Default: the output price.",
  "inference.routes.*.price.tiers":
    "Prices by prompt length: a turn whose whole prompt (cached part included) is above a tier's `above` bills entirely at the tier with the largest such `above`. Replaces a model's tiers.",
  "inference.routes.*.price.tiers.*":
    "A tier: above, input, output, and optionally cached_input (default the tier's input) and reasoning (default the tier's output).",
  "inference.routes.*.price.tiers.*.above":
    "Prompt tokens above which the tier applies (whole number > 0, strictly increasing; never a range).",
  "inference.routes.*.price.tiers.*.input": "The tier's price of 1M input tokens (money).",
  "inference.routes.*.price.tiers.*.cached_input": "The tier's price of 1M cached input tokens (money). Default: the tier's input.",
  "inference.routes.*.price.tiers.*.output": "The tier's price of 1M output tokens (money).",
  "inference.routes.*.price.tiers.*.reasoning": "The tier's price of 1M reasoning tokens (money). Default: the tier's output.",
  "inference.routes.*.self_hosted": "Serving on your own GPUs instead of a price: the GPU-hour price and throughputs give per-1M prices.",
  "inference.routes.*.self_hosted.gpu_hour_price": "Price of one GPU-hour (money).",
  "inference.routes.*.self_hosted.input_tokens_per_gpu_second": "Prefill throughput: input tokens one GPU processes a second, > 0.",
  "inference.routes.*.self_hosted.output_tokens_per_gpu_second":
    "Decode throughput: output (and reasoning) tokens one GPU generates a second, > 0.",
  "inference.routes.*.self_hosted.cached_input_tokens_per_gpu_second":
    "Throughput of cached input tokens, > 0. Default: the input throughput.",
  "inference.routes.*.self_hosted.utilization": "Share of paid GPU time that is busy, (0, 1]. Default 1.",
  "inference.routes.*.annual_price_change": "This route's yearly price drift. Default: inference.annual_price_change.",
  "inference.routes.*.tokens": "Keys of `tokens` that replace the scenario's for this route's sessions, key by key.",
  "inference.routes.*.tokens.system": "This route's system prompt tokens.",
  "inference.routes.*.tokens.context": "This route's retrieved tokens per turn.",
  "inference.routes.*.tokens.input": "This route's user message tokens.",
  "inference.routes.*.tokens.output": "This route's reply tokens.",
  "inference.routes.*.tokens.reasoning": "This route's hidden reasoning tokens per turn (a reasoning model's), billed at price.reasoning.",
  "inference.routes.*.tokens.history": "This route's resent history: full, none, or the last N turns.",
  "inference.routes.*.tokens.history_includes_context": "Resend earlier turns' context on this route.",
  "inference.routes.*.tokens.cache_hit_rate": "This route's share of the resent prefix billed at the cached price, [0, 1].",
  training: "The model's training bill, attributed to the horizon. Omit when you do not train.",
  "training.runs": "Training runs, at least one.",
  "training.runs.*": "A run: cost, or gpu_hours with gpu_hour_price.",
  "training.runs.*.name": "Name of the run.",
  "training.runs.*.cost": "Cost of the run (money).",
  "training.runs.*.gpu_hours": "GPU-hours of the run; with gpu_hour_price.",
  "training.runs.*.gpu_hour_price": "Price of one GPU-hour (money); with gpu_hours.",
  "training.useful_life_days":
    "Days the trained model stays in service; the horizon gets min(1, H / life) of the cost. Default: the horizon.",
  "training.retrain":
    "true: a new model is trained every useful_life_days inside the horizon, each spread over its own life. Default false.",
  "training.annual_cost_change": "Yearly growth of each retrain's cost (Epoch's 2.4x a year is 1.4); needs retrain. Default 0.",
  "training.app_share": "Share of the training charged to this app, (0, 1] (the rest serves an API or other products). Default 1.",
  revenue: "Optional revenue: arpdau, or paying_share with arppu_monthly, or subscription; store_fee nets any of them.",
  "revenue.arpdau": "Revenue per active user per day (money).",
  "revenue.paying_share": "Share of active users who pay, (0, 1]; with arppu_monthly.",
  "revenue.arppu_monthly": "Revenue per paying user per 30 days (money); with paying_share.",
  "revenue.subscription": "A share of each install subscribes on install day and pays price_monthly / 30 a day until it churns.",
  "revenue.subscription.conversion": "Share of installs (paid and organic) that subscribe, (0, 1].",
  "revenue.subscription.price_monthly": "Subscription price per 30 days (money).",
  "revenue.subscription.monthly_churn": "Share of subscribers lost per 30 days, [0, 1).",
  "revenue.store_fee": "Share of revenue the app store takes, [0, 1); every revenue figure is net of it. Default 0.",
  expect: "Expectations `llm-cac check` tests, for CI.",
  "expect.ladder": "true: the ladder inference < training < acquisition must hold; false: it must not.",
  "expect.max": "Upper bounds (inclusive) on metrics of the JSON result, e.g. unit.cac_blended: 20.",
  "expect.min": "Lower bounds (inclusive) on metrics of the JSON result, e.g. unit.ltv_to_cac: 1.",
  "expect.max_increase":
    'With `check --baseline base.json`: how far a metric may rise above the baseline\'s, "10%" of it or a number in its unit.',
  "expect.max_decrease":
    'With `check --baseline base.json`: how far a metric may fall below the baseline\'s, "10%" of it or a number in its unit.',
};

/** The JSON Schema, keys in a fixed order so that the committed copy diffs cleanly. */
export function scenarioJsonSchema(): JsonSchema {
  // schema.ts shares one zod schema among the fields it suits, and the generator one JSON
  // object among their places: a copy through text gives each place its own, for the
  // descriptions and range pointers that differ by place.
  const generated = JSON.parse(
    JSON.stringify(toJSONSchema(scenarioSchema(), { io: "input", target: "draft-07", override: annotateLeaf })),
  ) as JsonSchema;
  pointRangesAtLeaves(generated, []);
  const { $schema, ...body } = generated;
  const schema: JsonSchema = {
    $schema,
    $id: SCHEMA_ID,
    title: "llm-cac scenario",
    description:
      "A scenario for llm-cac, format v1: an AI chat app's acquisition, retention, usage, tokens, prices and training, to test whether inference < training < acquisition per acquired user.",
    ...body,
    definitions: {
      money_string: {
        type: "string",
        description: MONEY_STRING,
        // The loader trims a money string before matching it, so the pattern allows spaces around it.
        pattern: `^\\s*${MONEY_PATTERN.source.slice(1, -1)}\\s*$`,
      },
    },
  };
  describeKeys(schema, []);
  boundMetrics(schema);
  return schema;
}

/** What the generator cannot know: money strings, ranges and currency codes, each said in words and a pattern. */
function annotateLeaf(context: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  const { zodSchema, jsonSchema } = context;
  if (zodSchema === currencyCode()) {
    jsonSchema.pattern = "^[A-Z]{3}$";
    return;
  }
  if (zodSchema === percentChange()) {
    // A string pipe like money's, but a change limit is "10%", never money.
    for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
    Object.assign(jsonSchema, { type: "string", pattern: PERCENT_CHANGE_PATTERN.source });
    return;
  }
  const input = pipeInputType(zodSchema);
  if (input === undefined) return;
  if (input === "string") {
    // Money strings are said once, under definitions, rather than at each of their fifty places.
    for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
    jsonSchema.$ref = "#/definitions/money_string";
  } else if (input === "object") {
    // A range's bounds are the leaf it stands in for, the union's first branch: they will
    // point there (pointRangesAtLeaves), not repeat it.
    const properties = jsonSchema.properties as Record<string, JsonSchema>;
    for (const bound of ["low", "high", "mode"]) properties[bound] = { $ref: RANGE_LEAF };
    jsonSchema.description = RANGE;
  }
}

/** A range bound's `$ref` until the range's place is known: one zod range serves many places. */
const RANGE_LEAF = "#range-leaf";

/**
 * Points each range bound (`<union>/anyOf/1/properties/low`) at the leaf beside its range,
 * the union's first branch (`<union>/anyOf/0`).
 */
function pointRangesAtLeaves(node: unknown, path: (string | number)[]): void {
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) pointRangesAtLeaves(item, [...path, index]);
  } else if (typeof node === "object" && node !== null) {
    const object = node as JsonSchema;
    if (object.$ref === RANGE_LEAF) object.$ref = `#/${[...path.slice(0, -3), 0].map(pointerSegment).join("/")}`;
    for (const [key, child] of Object.entries(object)) pointRangesAtLeaves(child, [...path, key]);
  }
}

/** A JSON Pointer segment (RFC 6901). */
function pointerSegment(segment: string | number): string {
  return String(segment).replaceAll("~", "~0").replaceAll("/", "~1");
}

/** Puts each key's one-line description on its schema, walking properties and list items (`*`). */
function describeKeys(node: JsonSchema, path: string[]): void {
  const description = KEY_DESCRIPTIONS[path.join(".")];
  if (description !== undefined) node.description = description;
  const properties = node.properties as Record<string, JsonSchema> | undefined;
  for (const [key, child] of Object.entries(properties ?? {})) describeKeys(child, [...path, key]);
  if (node.items !== undefined && typeof node.items === "object") describeKeys(node.items as JsonSchema, [...path, "*"]);
}

/**
 * `expect.max` and `expect.min` list every metric as a property, so that editors complete
 * them and flag a mistyped one, as the loader does; money strings only for money metrics.
 */
function boundMetrics(schema: JsonSchema): void {
  const expect = (schema.properties as Record<string, JsonSchema>).expect!;
  const bounds = expect.properties as Record<string, JsonSchema>;
  for (const kind of ["max", "min", "max_increase", "max_decrease"] as const) {
    const { propertyNames: _names, additionalProperties: moneyBound, ...rest } = bounds[kind]!;
    bounds[kind] = {
      ...rest,
      properties: Object.fromEntries(
        METRIC_PATHS.map((metric) => {
          const metricKind = METRIC_KINDS[metric];
          const change = kind === "max_increase" || kind === "max_decrease";
          const bound = metricKind === "money" || change ? (moneyBound as JsonSchema) : { type: "number" };
          const label = change
            ? `${metricLabel(metric, metricKind, false)}; "10%" of the baseline's, or a number in its unit`
            : metricLabel(metric, metricKind);
          return [metric, { ...bound, description: `${BOUND_WORDS[kind]}: ${label}` }];
        }),
      ),
      additionalProperties: false,
    };
  }
}

const BOUND_WORDS = {
  max: "At most",
  min: "At least",
  max_increase: "Rises at most this much above the baseline",
  max_decrease: "Falls at most this much below the baseline",
};

const LABELS = new Map(SECTIONS.flatMap((section) => section.rows.map((row) => [row.path, row.label.trim()] as const)));

function metricLabel(metric: string, kind: MetricKind, moneyStrings = true): string {
  const label =
    LABELS.get(metric) ?? (metric.startsWith("ladder.") ? `${metric.slice("ladder.".length)} per acquired user (ladder rung)` : metric);
  return `${label} (${kind === "money" && moneyStrings ? "money: a number or a money string" : kind})`;
}
