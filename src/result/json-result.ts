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
