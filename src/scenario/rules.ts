import type { FieldProblem } from "./issues.js";
import { RETENTION_DAYS, type RetentionKey, type ScenarioData } from "./schema.js";

/** Shares must sum to 1 within this, so that "0.333" three times is still a typo, not a rounding. */
const SHARE_TOLERANCE = 1e-6;

type Section = "acquisition" | "retention" | "inference" | "training" | "revenue";

/**
 * The rules of each top-level section, each reading its own section only, so that they
 * can also run on the sections that are valid in a file whose other sections are not.
 */
const SECTION_RULES: { [K in Section]: (section: ScenarioData[K]) => FieldProblem[] } = {
  acquisition: acquisitionProblems,
  retention: retentionProblems,
  inference: inferenceProblems,
  training: trainingProblems,
  revenue: revenueProblems,
};

export const RULE_SECTIONS = Object.keys(SECTION_RULES) as Section[];

/** Rules across fields, each problem at the field to fix, all of them at once. */
export function crossFieldProblems(scenario: ScenarioData): FieldProblem[] {
  return RULE_SECTIONS.flatMap((section) => sectionProblems(section, scenario[section]));
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
  const channels = acquisition.channels;
  if (channels === undefined) {
    if (hasBudget || hasInstalls) {
      const key = hasBudget ? "daily_budget" : "daily_installs";
      problems.push({ path: [...at, key], message: `${key} needs channels to buy from: add acquisition.channels, or remove ${key} for organic growth only` });
    }
    return problems;
  }
  if (hasBudget && hasInstalls) {
    problems.push({ path: [...at, "daily_installs"], message: "give daily_budget or daily_installs, not both" });
  } else if (!hasBudget && !hasInstalls) {
    problems.push({ path: at, message: "with channels, give exactly one of daily_budget (money per day) or daily_installs (paid installs per day)" });
  }
  channels.forEach((channel, index) => problems.push(...channelProblems(channel, [...at, "channels", index])));
  problems.push(...shareProblems(channels, [...at, "channels"]));
  const seen = new Set<string>();
  channels.forEach((channel, index) => {
    if (seen.has(channel.name)) problems.push({ path: [...at, "channels", index, "name"], message: `channel name "${channel.name}" is used twice; names must be unique` });
    seen.add(channel.name);
  });
  return problems;
}

const COST_FORMS = "cpa, or cpm + ctr + cvr, or cpc + cvr";

function channelProblems(channel: Channel, at: PropertyKey[]): FieldProblem[] {
  const forms = (["cpa", "cpm", "cpc"] as const).filter((key) => channel[key] !== undefined);
  if (forms.length === 0) return [{ path: at, message: `channel "${channel.name}" has no cost: give ${COST_FORMS}` }];
  if (forms.length > 1) {
    return [{ path: [...at, forms[1]!], message: `give one cost form per channel (${COST_FORMS}), found ${forms.join(" and ")}` }];
  }
  const form = forms[0]!;
  const needs = { cpa: [], cpm: ["ctr", "cvr"], cpc: ["cvr"] }[form] as ("ctr" | "cvr")[];
  const problems: FieldProblem[] = [];
  for (const key of needs) {
    if (channel[key] === undefined) problems.push({ path: at, message: `${form} needs ${key} too (${form} + ${needs.join(" + ")})` });
  }
  for (const key of ["ctr", "cvr"] as const) {
    if (channel[key] !== undefined && !needs.includes(key)) {
      problems.push({ path: [...at, key], message: `${key} is not used with ${form}: ${COST_FORMS}` });
    }
  }
  return problems;
}

function shareProblems(channels: readonly Channel[], at: PropertyKey[]): FieldProblem[] {
  if (channels.length === 1) {
    const share = channels[0]!.share;
    return share === undefined || share === 1 ? [] : [{ path: [...at, 0, "share"], message: `a lone channel takes all the spend: share must be 1 (or left out), found ${share}` }];
  }
  const missing = channels.flatMap((channel, index) => (channel.share === undefined ? [index] : []));
  if (missing.length > 0) {
    return missing.map((index) => ({ path: [...at, index], message: "with several channels, each needs a share of the paid spend" }));
  }
  const total = channels.reduce((sum, channel) => sum + channel.share!, 0);
  if (Math.abs(total - 1) > SHARE_TOLERANCE) {
    return [{ path: at, message: `channel shares must sum to 1, found ${Number(total.toPrecision(12))}` }];
  }
  return [];
}

function retentionProblems(retention: ScenarioData["retention"]): FieldProblem[] {
  const points = (Object.keys(RETENTION_DAYS) as RetentionKey[]).filter((key) => retention[key] !== undefined);
  if (points.length < 2) {
    return [{ path: ["retention"], message: "give d1 and at least one later point (d3, d7, d14, d30, d60, d90, d180 or d365)" }];
  }
  const problems: FieldProblem[] = [];
  for (let i = 1; i < points.length; i++) {
    const [earlier, later] = [points[i - 1]!, points[i]!];
    if (retention[later]! > retention[earlier]!) {
      problems.push({ path: ["retention", later], message: `retention never rises: ${later} (${retention[later]}) is above ${earlier} (${retention[earlier]})` });
    }
  }
  return problems;
}

function inferenceProblems(inference: ScenarioData["inference"]): FieldProblem[] {
  if (inference.model !== undefined) return [];
  return (["input", "output"] as const)
    .filter((key) => inference.price?.[key] === undefined)
    .map((key) => ({ path: ["inference", "price"], message: `required: price.${key} (money per 1M tokens), or name a catalog model with inference.model` }));
}

function trainingProblems(training: ScenarioData["training"]): FieldProblem[] {
  if (training === undefined) return [];
  return training.runs.flatMap((run, index): FieldProblem[] => {
    const at = ["training", "runs", index];
    const hasCost = run.cost !== undefined;
    const hasGpu = run.gpu_hours !== undefined || run.gpu_hour_price !== undefined;
    if (hasCost && hasGpu) return [{ path: [...at, "cost"], message: "give cost, or gpu_hours with gpu_hour_price, not both" }];
    if (hasCost) return [];
    if (run.gpu_hours === undefined || run.gpu_hour_price === undefined) {
      return [{ path: at, message: hasGpu ? "gpu_hours and gpu_hour_price go together" : "a run needs cost, or gpu_hours with gpu_hour_price" }];
    }
    return [];
  });
}

function revenueProblems(revenue: ScenarioData["revenue"]): FieldProblem[] {
  if (revenue === undefined) return [];
  const hasArpdau = revenue.arpdau !== undefined;
  const paying = [revenue.paying_share, revenue.arppu_monthly].filter((value) => value !== undefined).length;
  if (hasArpdau && paying > 0) return [{ path: ["revenue"], message: "give arpdau, or paying_share with arppu_monthly, not both" }];
  if (!hasArpdau && paying < 2) return [{ path: ["revenue"], message: "give arpdau, or paying_share with arppu_monthly" }];
  return [];
}
