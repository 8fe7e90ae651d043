import { Command } from "commander";
import { modelsView } from "../../catalog/models-view.js";
import { modelsRegistry } from "../../report/models/index.js";
import type { CliIo } from "../io.js";
import { pricesOption } from "../options.js";
import { emitReport, formatOption, outputOptions, type ReportOptionValues } from "../output.js";
import { commandLineCatalog } from "../prices.js";

export interface ModelsOptions extends ReportOptionValues {
  provider?: string;
  prices?: string;
}

/** `llm-cac models [ID]`: the catalog's newest prices, or one model's price history. */
async function runModels(id: string | undefined, options: ModelsOptions, io: CliIo): Promise<number> {
  const catalog = commandLineCatalog(io, options.prices);
  await emitReport(modelsRegistry, modelsView(catalog, id, options.provider, io.today), options, io);
  return 0;
}

export function modelsCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command("models")
    .description(
      "list the price catalog: id, provider, newest prices per 1M tokens, currency, date, source; with ID, that model's price history",
    )
    .argument("[id]", "a model id: show its price history")
    .addOption(formatOption(modelsRegistry))
    .option("--provider <name>", "only this provider's models (deepseek, moonshot, openai, ...)")
    .addOption(pricesOption());
  outputOptions(command).action(async (id: string | undefined, options: ModelsOptions) => {
    exit(await runModels(id, options, io));
  });
  return command;
}
