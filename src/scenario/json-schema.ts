import { toJSONSchema } from "zod/mini";
import { SECTIONS } from "../result/sections.js";
import { METRIC_KINDS, METRIC_PATHS, type MetricKind } from "../result/metric-paths.js";
import { MONEY_PATTERN } from "./money.js";
import { currencyCode, scenarioSchema } from "./schema.js";

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
  usage: "How much an active user chats.",
  "usage.sessions_per_dau": "Conversations per active user per day, > 0.",
  "usage.turns_per_session": "Turns (user message + reply) per conversation, a whole number >= 1.",
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
  inference: "Serving the model: token prices and their drift.",
  "inference.model": "A model id from the price catalog (`llm-cac models`); explicit prices override it.",
  "inference.prices_file": "A LiteLLM price map (JSON) whose models `model` may name, relative to the scenario's folder.",
  "inference.price": "Money per 1M tokens.",
  "inference.price.input": "Price of 1M input tokens (money).",
  "inference.price.cached_input": "Price of 1M cached input tokens (money). Default: the input price.",
  "inference.price.output": "Price of 1M output tokens (money).",
  "inference.annual_price_change": "Yearly drift of every token price, compounded daily (-0.9 = falls 90 % a year). Default 0.",
  training: "The model's training bill, attributed to the horizon. Omit when you do not train.",
  "training.runs": "Training runs, at least one.",
  "training.runs.*": "A run: cost, or gpu_hours with gpu_hour_price.",
  "training.runs.*.name": "Name of the run.",
  "training.runs.*.cost": "Cost of the run (money).",
  "training.runs.*.gpu_hours": "GPU-hours of the run; with gpu_hour_price.",
  "training.runs.*.gpu_hour_price": "Price of one GPU-hour (money); with gpu_hours.",
  "training.useful_life_days": "Days the trained model stays in service; the horizon gets min(1, H / life) of the cost. Default: the horizon.",
  revenue: "Optional revenue: arpdau, or paying_share with arppu_monthly.",
  "revenue.arpdau": "Revenue per active user per day (money).",
  "revenue.paying_share": "Share of active users who pay, (0, 1]; with arppu_monthly.",
  "revenue.arppu_monthly": "Revenue per paying user per 30 days (money); with paying_share.",
  expect: "Expectations `llm-cac check` tests, for CI.",
  "expect.ladder": "true: the ladder inference < training < acquisition must hold; false: it must not.",
  "expect.max": "Upper bounds (inclusive) on metrics of the JSON result, e.g. unit.cac_blended: 20.",
  "expect.min": "Lower bounds (inclusive) on metrics of the JSON result, e.g. unit.ltv_to_cac: 1.",
};

/** The JSON Schema, keys in a fixed order so that the committed copy diffs cleanly. */
export function scenarioJsonSchema(): JsonSchema {
  const generated = toJSONSchema(scenarioSchema, { io: "input", target: "draft-07", override: annotateLeaf }) as JsonSchema;
  const { $schema, ...body } = generated;
  const schema: JsonSchema = {
    $schema,
    $id: SCHEMA_ID,
    title: "llm-cac scenario",
    description: "A scenario for llm-cac, format v1: an AI chat app's acquisition, retention, usage, tokens, prices and training, to test whether inference < training < acquisition per acquired user.",
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
function annotateLeaf(context: { zodSchema: unknown; jsonSchema: JsonSchema; path: (string | number)[] }): void {
  const { zodSchema, jsonSchema, path } = context;
  if (zodSchema === currencyCode) {
    jsonSchema.pattern = "^[A-Z]{3}$";
    return;
  }
  const def = (zodSchema as { _zod: { def: { type: string; in?: { _zod: { def: { type: string } } } } } })._zod.def;
  if (def.type !== "pipe" || def.in === undefined) return;
  const input = def.in._zod.def.type;
  if (input === "string") {
    // Money strings are said once, under definitions, rather than at each of their fifty places.
    for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
    jsonSchema.$ref = "#/definitions/money_string";
  } else if (input === "object") {
    // A range's bounds are the leaf it stands in for, the union's first branch: point there, not repeat it.
    const leaf = { $ref: `#/${[...path.slice(0, -1), 0].map(pointerSegment).join("/")}` };
    const properties = jsonSchema.properties as Record<string, JsonSchema>;
    for (const bound of ["low", "high", "mode"]) properties[bound] = leaf;
    jsonSchema.description = RANGE;
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
  for (const kind of ["max", "min"] as const) {
    const { propertyNames: _names, additionalProperties: moneyBound, ...rest } = bounds[kind]!;
    bounds[kind] = {
      ...rest,
      properties: Object.fromEntries(
        METRIC_PATHS.map((metric) => {
          const metricKind = METRIC_KINDS[metric];
          const bound = metricKind === "money" ? (moneyBound as JsonSchema) : { type: "number" };
          return [metric, { ...bound, description: `${kind === "max" ? "At most" : "At least"}: ${metricLabel(metric, metricKind)}` }];
        }),
      ),
      additionalProperties: false,
    };
  }
}

const LABELS = new Map(SECTIONS.flatMap((section) => section.rows.map((row) => [row.path, row.label.trim()] as const)));

function metricLabel(metric: string, kind: MetricKind): string {
  const label = LABELS.get(metric) ?? (metric.startsWith("ladder.") ? `${metric.slice("ladder.".length)} per acquired user (ladder rung)` : metric);
  return `${label} (${kind === "money" ? "money: a number or a money string" : kind})`;
}
