import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { Argument, Command } from "commander";
import { defaultScenarioPath } from "../../lib/package-info.js";
import { completionScript, completionSpec, type Shell, SHELLS } from "../completion.js";
import type { CliIo } from "../io.js";

/** The bundled presets (data/scenarios/*.yaml) by their installed path, offered wherever a scenario file goes. */
function presetFiles(): string[] {
  const folder = dirname(defaultScenarioPath());
  return readdirSync(folder)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((name) => join(folder, name));
}

/** `llm-cac completion bash|zsh|fish`: the shell's completion script, on stdout. */
export function completionCommand(io: CliIo, exit: (code: number) => void): Command {
  return new Command("completion")
    .description("print a shell completion script: commands, options, formats, --set paths and the bundled presets (docs/cli.md)")
    .addArgument(new Argument("<shell>", "the shell").choices(SHELLS))
    .action((shell: Shell, _options: unknown, command: Command) => {
      io.stdout(completionScript(shell, completionSpec(command.parent!), presetFiles()));
      exit(0);
    });
}
