import { type Command, Option } from "commander";

export const timelineOption = () => new Option("--timeline <period>", "add the calendar per period").choices(["month", "day"]);

/** `--set PATH=VALUE`, repeatable; the values are checked against each scenario when it loads. */
const setOption = () =>
  new Option("--set <PATH=VALUE>", "override a scenario value, e.g. --set acquisition.channels.0.cpa=20 (repeatable)").argParser(
    (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
  );

/** `--prices FILE`: a LiteLLM price map (model_prices_and_context_window.json) added to the catalog. */
export const pricesOption = () =>
  new Option("--prices <file>", "a LiteLLM price map (model_prices_and_context_window.json) whose models inference.model may name");

/** `--quiet`: no warnings on stderr (errors still print). */
const quietOption = () => new Option("-q, --quiet", "no warnings on stderr (such as a catalog price over 12 months old)");

/** What every command that loads scenarios takes: `--set`, `--prices` and `--quiet`. */
export function scenarioOptions(command: Command): Command {
  return command.addOption(setOption()).addOption(pricesOption()).addOption(quietOption());
}

/** The options `scenarioOptions` adds, as commander hands them to an action. */
export interface ScenarioOptionValues {
  /** `--set PATH=VALUE` overrides, applied to every scenario. */
  set?: string[];
  /** `--prices FILE`: a LiteLLM price map whose models scenarios may name. */
  prices?: string;
  /** `--quiet`: no warnings on stderr. */
  quiet?: boolean;
}
