import { Command } from "commander";
import type { CliIo } from "../io.js";
import { emit, type OutputOptionValues, outputOptions } from "../output.js";

/** `llm-cac schema`: the JSON Schema of the scenario format, for editors (docs/editor.md). */
async function runSchema(options: OutputOptionValues, io: CliIo): Promise<number> {
  // Loaded here, not at start-up: only this command needs the JSON Schema generator.
  const { scenarioJsonSchema } = await import("../../scenario/json-schema.js");
  emit(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`, options, io);
  return 0;
}

export function schemaCommand(io: CliIo, exit: (code: number) => void): Command {
  const command = new Command("schema").description("print the JSON Schema of the scenario format, for editor completion and checks");
  outputOptions(command).action(async (options: OutputOptionValues) => {
    exit(await runSchema(options, io));
  });
  return command;
}
