import type { ModelResult, TimelineRow } from "../model/index.js";

/** 2: model-v2.md (CHANGELOG.md lists what changed). */
export const SCHEMA_VERSION = 2;

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
  /** Only when the scenario lists `inference.routes`. */
  routes?: NonNullable<ModelResult["routes"]>;
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
    ...(result.routes === null ? {} : { routes: result.routes }),
    ...(timeline === undefined ? {} : { timeline }),
  };
}
