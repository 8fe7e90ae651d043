import type { ModelResult, TimelineRow } from "../model/index.js";

export const SCHEMA_VERSION = 1;

export interface ScenarioHeader {
  name: string;
  file: string;
  currency: string;
  horizon_days: number;
}

/** One scenario's result in the JSON shape of cli.md, keys in the documented order. */
export interface JsonResult {
  schema_version: typeof SCHEMA_VERSION;
  scenario: ScenarioHeader;
  totals: ModelResult["totals"];
  unit: ModelResult["unit"];
  ladder: ModelResult["ladder"];
  milestones: ModelResult["milestones"];
  channels: ModelResult["channels"];
  timeline?: TimelineRow[];
}

export function jsonResult(scenario: ScenarioHeader, result: ModelResult, timeline?: TimelineRow[]): JsonResult {
  return {
    schema_version: SCHEMA_VERSION,
    scenario,
    totals: result.totals,
    unit: result.unit,
    ladder: result.ladder,
    milestones: result.milestones,
    channels: result.channels,
    ...(timeline === undefined ? {} : { timeline }),
  };
}

/** The value at a dotted path (`unit.cac_blended`, `channels.0.cpa`), or undefined where there is none. */
export function valueAt(object: unknown, path: string): unknown {
  let current: unknown = object;
  for (const segment of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
