import { Command, Option } from "commander";
import { UserError } from "../../errors.js";
import { MODELS_FORMATS, type ModelListRow, type ModelPriceRow, type ModelsFormat, type ModelsView, renderModels } from "../../report/models-view.js";
import { type Catalog, type CatalogModel, findModel, isStale, type PricePoint } from "../../scenario/catalog.js";
import { didYouMean } from "../../suggest.js";
import { type CliIo, renderOptionsFor } from "../io.js";
import { outputOptions, pricesOption } from "../options.js";
import { commandLineCatalog } from "../prices.js";
import { emit } from "./run.js";

export interface ModelsOptions {
  format: ModelsFormat;
  provider?: string;
  prices?: string;
  output?: string;
  force: boolean;
  color: boolean;
}

/** `llm-cac models [ID]`: the catalog's newest prices, or one model's price history. */
export async function runModels(id: string | undefined, options: ModelsOptions, io: CliIo): Promise<number> {
  const catalog = commandLineCatalog(io, options.prices);
  const view = id === undefined ? listView(catalog, options.provider, io.today) : historyView(catalog, id, options.provider, io.today);
  emit(await renderModels(options.format, view, renderOptionsFor(io, options)), options, io);
  return 0;
}

function priceRow(price: PricePoint, today: string): ModelPriceRow {
  return {
    effective: price.effective,
    input: price.input,
    cached_input: price.cachedInput ?? null,
    output: price.output,
    currency: price.currency,
    official: price.official,
    source: price.source,
    stale: isStale(price, today),
  };
}

function listView(catalog: Catalog, provider: string | undefined, today: string): ModelsView {
  const models = provider === undefined ? catalog.models : catalog.models.filter((model) => model.provider === knownProvider(catalog, provider));
  const rows = models.map((model): ModelListRow => ({ id: model.id, provider: model.provider, ...priceRow(model.prices[model.prices.length - 1]!, today) }));
  return { kind: "list", today, models: rows };
}

function historyView(catalog: Catalog, id: string, provider: string | undefined, today: string): ModelsView {
  const model = findModel(catalog, id);
  if (provider !== undefined && model.provider !== knownProvider(catalog, provider)) {
    throw new UserError(`${model.id} is from provider ${model.provider}, not ${provider}`, { hint: `leave out --provider, or use llm-cac models --provider ${provider}` });
  }
  return {
    kind: "history",
    today,
    id: model.id,
    provider: model.provider,
    note: model.note ?? null,
    prices: model.prices.map((price) => priceRow(price, today)),
  };
}

/** The provider as the catalog spells it (case aside), or an error listing them all. */
function knownProvider(catalog: Catalog, provider: string): string {
  const providers = [...new Set(catalog.models.map((model: CatalogModel) => model.provider))].sort();
  const match = providers.find((name) => name.toLowerCase() === provider.toLowerCase());
  if (match !== undefined) return match;
  const guess = didYouMean(provider, providers);
  throw new UserError(`unknown provider "${provider}"${guess ? ` (${guess})` : ""}; providers: ${providers.join(", ")}`);
}

export function modelsCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command("models")
    .description("list the price catalog: id, provider, newest prices per 1M tokens, currency, date, source; with ID, that model's price history")
    .argument("[id]", "a model id: show its price history")
    .addOption(new Option("-f, --format <format>", "output format").choices(MODELS_FORMATS).default("table"))
    .option("--provider <name>", "only this provider's models (deepseek, moonshot, openai, ...)")
    .addOption(pricesOption());
  outputOptions(command).action(async (id: string | undefined, options: ModelsOptions) => {
    exit(await runModels(id, options, io));
  });
  return command;
}
