import type { FieldProblem } from "../lib/issues.js";
import { MAX_MONEY } from "../lib/money.js";
import { type ChannelTerm, installsForSpend, saturates } from "../model/acquisition.js";
import { RETENTION_KEYS, type ScenarioData } from "./schema.js";

/** Shares must sum to 1 within this, so that "0.333" three times is still a typo, not a rounding. */
const SHARE_TOLERANCE = 1e-6;

type Section = "acquisition" | "retention" | "usage" | "inference" | "training" | "revenue";

/**
 * The rules of each top-level section, each reading its own section only, so that they
 * can also run on the sections that are valid in a file whose other sections are not.
 */
const SECTION_RULES: { [K in Section]: (section: ScenarioData[K]) => FieldProblem[] } = {
  acquisition: acquisitionProblems,
  retention: retentionProblems,
  usage: usageProblems,
  inference: inferenceProblems,
  training: trainingProblems,
  revenue: revenueProblems,
};

export const RULE_SECTIONS = Object.keys(SECTION_RULES) as Section[];

/** Rules across fields, each problem at the field to fix, all of them at once. */
export function crossFieldProblems(scenario: ScenarioData): FieldProblem[] {
  return [
    ...fxProblems(scenario),
    ...RULE_SECTIONS.flatMap((section) => sectionProblems(section, scenario[section])),
    ...installsReachProblems(scenario),
  ];
}

/**
 * The top-level keys that one rule reads together: fx's (currency and fx) and the installs
 * bound's (acquisition and horizon_days); every other rule reads one section. Where no two
 * changed keys share a rule, the problems of a change are those of each key changed alone.
 */
export const KEYS_READ_TOGETHER: readonly [readonly string[], readonly string[]] = [
  ["currency", "fx"],
  ["acquisition", "horizon_days"],
];

/**
 * crossFieldProblems of a scenario that differs, only in the top-level keys `changed`, from
 * one that met every rule: a rule reads its own section (the installs bound: acquisition and
 * horizon_days; fx: currency and fx), so a rule over unchanged keys cannot break.
 */
export function problemsWhereChanged(scenario: ScenarioData, changed: ReadonlySet<string>): FieldProblem[] {
  // Pushed rather than spread: a sweep point or a draw runs this thousands of times, nearly always finding nothing.
  const [fxKeys, installsKeys] = KEYS_READ_TOGETHER;
  const problems: FieldProblem[] = [];
  if (fxKeys.some((key) => changed.has(key))) problems.push(...fxProblems(scenario));
  for (const section of RULE_SECTIONS) if (changed.has(section)) problems.push(...sectionProblems(section, scenario[section]));
  if (installsKeys.some((key) => changed.has(key))) problems.push(...installsReachProblems(scenario));
  return problems;
}

/**
 * On saturating channels the spend that buys N installs grows as N ** (1 / (1 - e)), and
 * past what a double holds the model's spend is Infinity (shares and CAC then NaN). So an
 * installs target must be bought by a daily spend of at most MAX_MONEY on every day of the
 * horizon: checked at each channel's dearest CPA over it (day 0, or day H - 1 if it rises).
 */
function installsReachProblems(scenario: ScenarioData): FieldProblem[] {
  const acquisition = scenario.acquisition;
  const channels = acquisition?.channels;
  if (acquisition === undefined || channels === undefined || !channels.some((channel) => saturates(channelSaturation(channel)))) return [];
  const lastDay = scenario.horizon_days - 1;
  const terms: ChannelTerm[] = [];
  for (const channel of channels) {
    const cpa =
      channel.cpa ?? (channel.cpm !== undefined ? channel.cpm / 1000 / (channel.ctr! * channel.cvr!) : channel.cpc! / channel.cvr!);
    const share = channel.share ?? (channels.length === 1 ? 1 : Number.NaN);
    const drift = Math.max(1, (1 + (channel.annual_cost_change ?? acquisition.annual_cost_change)) ** (lastDay / 365));
    // An incomplete channel is reported by its own rules; its bound would only echo that.
    if (!(cpa > 0 && Number.isFinite(cpa) && share >= 0)) return [];
    terms.push({ share, installsPerMoney: 1 / (cpa * drift), saturation: channelSaturation(channel) });
  }
  const most = installsForSpend(terms, MAX_MONEY);
  const targets: Array<{ path: PropertyKey[]; installs: number | undefined }> = [
    { path: ["acquisition", "daily_installs"], installs: acquisition.daily_installs },
    ...(acquisition.schedule ?? []).map((entry, index) => ({
      path: ["acquisition", "schedule", index, "daily_installs"],
      installs: entry.daily_installs,
    })),
  ];
  return targets
    .filter((target) => target.installs !== undefined && target.installs > most)
    .map((target) => ({
      path: target.path,
      message: `${target.installs} paid installs a day is more than a daily spend of ${MAX_MONEY.toExponential()} buys on these saturating channels (at most ${Number(most.toPrecision(4))} a day)`,
      hint: "lower daily_installs, or give the channels a larger reference_daily_spend or a smaller elasticity",
    }));
}

function channelSaturation(channel: Channel): ChannelTerm["saturation"] {
  return channel.saturation === undefined
    ? null
    : { referenceDailySpend: channel.saturation.reference_daily_spend, elasticity: channel.saturation.elasticity };
}

/** A rate for the scenario's own currency would never be used (its money needs no conversion): a mistake, said so. */
function fxProblems(scenario: Pick<ScenarioData, "currency" | "fx">): FieldProblem[] {
  if (scenario.fx?.[scenario.currency] === undefined) return [];
  return [
    {
      path: ["fx", scenario.currency],
      atKey: true,
      message: `${scenario.currency} is the scenario's own currency: it takes no exchange rate`,
      hint: `remove fx.${scenario.currency}; fx gives the rates of the other currencies the scenario's money is written in`,
    },
  ];
}

export function sectionProblems<K extends Section>(section: K, value: ScenarioData[K]): FieldProblem[] {
  return SECTION_RULES[section](value);
}

type Channel = NonNullable<NonNullable<ScenarioData["acquisition"]>["channels"]>[number];

function acquisitionProblems(acquisition: ScenarioData["acquisition"]): FieldProblem[] {
  if (acquisition === undefined) return [];
  const problems: FieldProblem[] = [];
  const at = ["acquisition"];
  const hasBudget = acquisition.daily_budget !== undefined;
  const hasInstalls = acquisition.daily_installs !== undefined;
  const hasSchedule = acquisition.schedule !== undefined;
  const channels = acquisition.channels;
  if (channels === undefined) {
    if (hasBudget || hasInstalls || hasSchedule) {
      const key = hasBudget ? "daily_budget" : hasInstalls ? "daily_installs" : "schedule";
      problems.push({
        path: [...at, key],
        message: `${key} needs channels to buy from: add acquisition.channels, or remove ${key} for organic growth only`,
      });
    }
    return problems;
  }
  if (hasSchedule) {
    problems.push(...scheduleProblems(acquisition, [...at, "schedule"]));
  } else if (hasBudget && hasInstalls) {
    problems.push({ path: [...at, "daily_installs"], message: "give daily_budget or daily_installs, not both" });
  } else if (!hasBudget && !hasInstalls) {
    problems.push({
      path: at,
      message: "with channels, give exactly one of daily_budget (money per day) or daily_installs (paid installs per day)",
      hint: "or a schedule: [{ from_day: 0, daily_budget: ... }, ...]",
    });
  }
  channels.forEach((channel, index) => {
    problems.push(...channelProblems(channel, index));
  });
  problems.push(...shareProblems(channels));
  const seen = new Set<string>();
  channels.forEach((channel, index) => {
    if (seen.has(channel.name))
      problems.push({
        path: [...at, "channels", index, "name"],
        message: `channel name "${channel.name}" is used twice; names must be unique`,
      });
    seen.add(channel.name);
  });
  return problems;
}

type Acquisition = NonNullable<ScenarioData["acquisition"]>;

/** A schedule replaces the single buying mode; its days start at 0 and strictly increase. */
function scheduleProblems(acquisition: Acquisition, at: PropertyKey[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const key of ["daily_budget", "daily_installs", "duration_days"] as const) {
    if (acquisition[key] !== undefined) {
      problems.push({
        path: [...at.slice(0, -1), key],
        message: `${key} cannot be given with a schedule: the schedule sets the buying of every day`,
        hint:
          key === "duration_days"
            ? "end the buying with a schedule entry { from_day: N, daily_budget: 0 }"
            : `move ${key} into the schedule's first entry { from_day: 0, ${key}: ... }`,
      });
    }
  }
  const schedule = acquisition.schedule!;
  schedule.forEach((entry, index) => {
    const forms = [entry.daily_budget, entry.daily_installs].filter((value) => value !== undefined).length;
    if (forms !== 1) {
      problems.push({
        path: [...at, index],
        message: `a schedule entry gives exactly one of daily_budget or daily_installs, found ${forms === 0 ? "neither" : "both"}`,
      });
    }
  });
  if (schedule[0]!.from_day !== 0) {
    problems.push({
      path: [...at, 0, "from_day"],
      message: `the schedule's first from_day must be 0, found ${schedule[0]!.from_day}`,
      hint: "every day needs a buying mode; start with { from_day: 0, daily_budget: 0 } to buy nothing at first",
    });
  }
  for (let index = 1; index < schedule.length; index++) {
    const [previous, day] = [schedule[index - 1]!.from_day, schedule[index]!.from_day];
    if (day <= previous) {
      problems.push({ path: [...at, index, "from_day"], message: `from_day must strictly increase: ${day} follows ${previous}` });
    }
  }
  return problems;
}

const COST_FORMS = "cpa, or cpm + ctr + cvr, or cpc + cvr";

const COST_KEYS = ["cpa", "cpm", "cpc"] as const;
const RATE_KEYS = ["ctr", "cvr"] as const;
/** What each cost form needs beside it. */
const COST_FORM_NEEDS: { readonly [form in "cpa" | "cpm" | "cpc"]: readonly ("ctr" | "cvr")[] } = {
  cpa: [],
  cpm: ["ctr", "cvr"],
  cpc: ["cvr"],
};

/** Channel `index` of acquisition.channels: one cost form, with what it needs and nothing it does not use. */
function channelProblems(channel: Channel, index: number): FieldProblem[] {
  const at = ["acquisition", "channels", index];
  const forms = COST_KEYS.filter((key) => channel[key] !== undefined);
  if (forms.length === 0) return [{ path: at, message: `channel "${channel.name}" has no cost: give ${COST_FORMS}` }];
  if (forms.length > 1) {
    return [
      {
        path: [...at, forms[1]!],
        message: `give one cost form per channel (${COST_FORMS}), found ${forms.join(" and ")}`,
        // A --set that added the first form (cpa to a cpm channel) caused it as much as one that added the second.
        relatedPresent: [[...at, forms[0]!]],
      },
    ];
  }
  const form = forms[0]!;
  const needs = COST_FORM_NEEDS[form];
  const problems: FieldProblem[] = [];
  for (const key of needs) {
    if (channel[key] === undefined) problems.push({ path: at, message: `${form} needs ${key} too (${form} + ${needs.join(" + ")})` });
  }
  for (const key of RATE_KEYS) {
    if (channel[key] !== undefined && !needs.includes(key)) {
      problems.push({ path: [...at, key], message: `${key} is not used with ${form}: ${COST_FORMS}` });
    }
  }
  return problems;
}

function shareProblems(channels: readonly Channel[]): FieldProblem[] {
  const at = ["acquisition", "channels"];
  if (channels.length === 1) {
    const share = channels[0]!.share;
    return share === undefined || share === 1
      ? []
      : [{ path: [...at, 0, "share"], message: `a lone channel takes all the spend: share must be 1 (or left out), found ${share}` }];
  }
  let total = 0;
  for (const channel of channels) total += channel.share ?? Number.NaN;
  if (Number.isNaN(total)) {
    return channels.flatMap((channel, index) =>
      channel.share === undefined ? [{ path: [...at, index], message: "with several channels, each needs a share of the paid spend" }] : [],
    );
  }
  if (Math.abs(total - 1) > SHARE_TOLERANCE) {
    return [{ path: at, message: `channel shares must sum to 1, found ${Number(total.toPrecision(12))}` }];
  }
  return [];
}

function retentionProblems(retention: ScenarioData["retention"]): FieldProblem[] {
  const points = RETENTION_KEYS.filter((key) => retention[key] !== undefined);
  if (points.length < 2) {
    return [{ path: ["retention"], message: "give d1 and at least one later point (d3, d7, d14, d30, d60, d90, d180 or d365)" }];
  }
  const problems: FieldProblem[] = [];
  for (let i = 1; i < points.length; i++) {
    const [earlier, later] = [points[i - 1]!, points[i]!];
    if (retention[later]! > retention[earlier]!) {
      problems.push({
        path: ["retention", later],
        message: `retention never rises: ${later} (${retention[later]}) is above ${earlier} (${retention[earlier]})`,
        related: [["retention", earlier]],
      });
    }
  }
  return problems;
}

function usageProblems(usage: ScenarioData["usage"]): FieldProblem[] {
  const at = ["usage"];
  const hasFixed = usage.turns_per_session !== undefined;
  const distribution = usage.turns_distribution;
  if (hasFixed && distribution !== undefined) {
    return [
      {
        path: [...at, "turns_distribution"],
        message: "give turns_per_session or turns_distribution, not both",
        hint: "turns_per_session is a fixed length; turns_distribution a geometric mean or a shares histogram",
      },
    ];
  }
  if (!hasFixed && distribution === undefined) {
    return [
      {
        path: at,
        message: "required: turns_per_session (turns in a conversation), or turns_distribution",
        hint: "e.g. turns_per_session: 3, or turns_distribution: { geometric: { mean: 2.5 } }",
      },
    ];
  }
  if (distribution === undefined) return [];
  const forms = (["geometric", "shares"] as const).filter((key) => distribution[key] !== undefined);
  if (forms.length !== 1) {
    return [
      {
        path: [...at, "turns_distribution", ...(forms.length > 1 ? ["shares"] : [])],
        message:
          forms.length > 1
            ? "give one form: geometric or shares, not both"
            : "give one form: geometric: { mean } or shares: { turns: share, ... }",
      },
    ];
  }
  const shares = distribution.shares;
  if (shares === undefined) return [];
  const total = Object.values(shares).reduce((sum, share) => sum + share, 0);
  if (Math.abs(total - 1) > SHARE_TOLERANCE) {
    return [
      {
        path: [...at, "turns_distribution", "shares"],
        message: `turn shares must sum to 1, found ${Number(total.toPrecision(12))}`,
        hint: "each share is P(n = k), the share of conversations with k turns",
      },
    ];
  }
  return [];
}

type InferenceSection = ScenarioData["inference"];
type Route = NonNullable<InferenceSection["routes"]>[number];
type Price = NonNullable<InferenceSection["price"]>;

/** One way of pricing a conversation: the top-level inference block or a route. */
interface Serving {
  model?: string;
  price?: Price;
  self_hosted?: unknown;
}

function inferenceProblems(inference: InferenceSection): FieldProblem[] {
  const at = ["inference"];
  const routes = inference.routes;
  if (routes === undefined) return servingProblems(inference, at);
  const problems: FieldProblem[] = [];
  for (const key of ["model", "price", "self_hosted"] as const) {
    if (inference[key] !== undefined) {
      problems.push({
        path: [...at, key],
        message: `give ${key} in each route, or no routes: inference.routes and a top-level ${key} are mutually exclusive`,
      });
    }
  }
  routes.forEach((route, index) => {
    problems.push(...servingProblems(route, [...at, "routes", index]));
  });
  const total = routes.reduce((sum, route) => sum + route.share, 0);
  if (Math.abs(total - 1) > SHARE_TOLERANCE) {
    problems.push({
      path: [...at, "routes"],
      message: `route shares must sum to 1, found ${Number(total.toPrecision(12))}`,
      hint: "a route's share is the share of conversations it serves",
    });
  }
  const seen = new Set<string>();
  routes.forEach((route: Route, index) => {
    if (seen.has(route.name))
      problems.push({ path: [...at, "routes", index, "name"], message: `route name "${route.name}" is used twice; names must be unique` });
    seen.add(route.name);
  });
  return problems;
}

/** Exactly one of model (with an optional partial price), a whole price, or self_hosted; tiers in order. */
function servingProblems(serving: Serving, at: PropertyKey[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (serving.self_hosted !== undefined) {
    const other = (["model", "price"] as const).filter((key) => serving[key] !== undefined);
    if (other.length > 0) {
      problems.push({
        path: [...at, other[0]!],
        message: `give self_hosted or ${other.join(" and ")}, not both`,
        hint: "self_hosted is the cost of serving on your own GPUs; model and price are what an API bills",
      });
    }
  } else if (serving.model === undefined) {
    problems.push(
      ...(["input", "output"] as const)
        .filter((key) => serving.price?.[key] === undefined)
        .map((key) => ({
          path: [...at, "price"],
          message: `required: price.${key} (money per 1M tokens), or name a catalog model with model, or give self_hosted`,
        })),
    );
  }
  const tiers = serving.price?.tiers ?? [];
  tiers.forEach((tier, index) => {
    const before = tiers[index - 1];
    if (before !== undefined && tier.above <= before.above) {
      problems.push({
        path: [...at, "price", "tiers", index, "above"],
        message: `tiers go by prompt length, each above the one before: ${tier.above} is not above ${before.above}`,
      });
    }
  });
  return problems;
}

function trainingProblems(training: ScenarioData["training"]): FieldProblem[] {
  if (training === undefined) return [];
  const problems: FieldProblem[] =
    training.annual_cost_change !== undefined && training.retrain !== true
      ? [
          {
            path: ["training", "annual_cost_change"],
            message: "annual_cost_change is the growth of each retrain's cost: it needs retrain: true",
            hint: "add retrain: true, or remove annual_cost_change",
          },
        ]
      : [];
  return problems.concat(
    training.runs.flatMap((run, index): FieldProblem[] => {
      const at = ["training", "runs", index];
      const hasCost = run.cost !== undefined;
      const hasGpu = run.gpu_hours !== undefined || run.gpu_hour_price !== undefined;
      if (hasCost && hasGpu) return [{ path: [...at, "cost"], message: "give cost, or gpu_hours with gpu_hour_price, not both" }];
      if (hasCost) return [];
      if (run.gpu_hours === undefined || run.gpu_hour_price === undefined) {
        return [
          { path: at, message: hasGpu ? "gpu_hours and gpu_hour_price go together" : "a run needs cost, or gpu_hours with gpu_hour_price" },
        ];
      }
      return [];
    }),
  );
}

function revenueProblems(revenue: ScenarioData["revenue"]): FieldProblem[] {
  if (revenue === undefined) return [];
  const hasArpdau = revenue.arpdau !== undefined;
  const hasSubscription = revenue.subscription !== undefined;
  const paying = [revenue.paying_share, revenue.arppu_monthly].filter((value) => value !== undefined).length;
  const forms = [hasArpdau, paying > 0, hasSubscription].filter(Boolean).length;
  const oneOf = "give arpdau, or paying_share with arppu_monthly, or subscription";
  if (forms > 1) return [{ path: ["revenue"], message: `${oneOf}, not more than one` }];
  if (forms === 0 || (!hasArpdau && !hasSubscription && paying < 2)) {
    return [
      {
        path: ["revenue"],
        message: oneOf,
        ...(revenue.store_fee !== undefined ? { hint: "store_fee applies to one of these forms" } : {}),
      },
    ];
  }
  return [];
}
