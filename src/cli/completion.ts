import type { Command } from "commander";
import { keysAt, kindsAt } from "../lib/schema-walk.js";
import { scenarioSchema } from "../scenario/schema.js";

/**
 * Shell completion for `llm-cac completion bash|zsh|fish`: the scripts are generated from
 * the commander program itself (commands, options, each `--format`'s choices), the
 * scenario schema (`--set` paths) and the bundled presets, so they never fall behind.
 */

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

interface OptionSpec {
  flags: string[];
  /** Takes a value; its choices where commander knows them. */
  takesValue: boolean;
  choices: string[];
  long?: string;
  short?: string;
}

interface CommandSpec {
  name: string;
  options: OptionSpec[];
}

/** What completion needs of the program: each command with its options. */
export function completionSpec(program: Command): CommandSpec[] {
  return program.commands.map((command) => ({
    name: command.name(),
    options: command.options.map((option) => ({
      flags: [option.short, option.long].filter((flag): flag is string => flag !== undefined),
      takesValue: option.required || option.optional,
      choices: option.argChoices ?? [],
      ...(option.long === undefined ? {} : { long: option.long }),
      ...(option.short === undefined ? {} : { short: option.short }),
    })),
  }));
}

/** Every dotted path `--set` takes, a list's items by index 0 (a name works too): `acquisition.channels.0.cpa`. */
function setPaths(path: (string | number)[] = [], depth = 0): string[] {
  if (depth > 6) return [];
  const kinds = kindsAt(scenarioSchema(), path);
  // A value that may also be a range ({ low, high }) completes as the value: a range is typed whole.
  const keys = kinds.has("object") && !kinds.has("leaf") ? keysAt(scenarioSchema(), path) : [];
  const below: (string | number)[][] = [...keys.map((key) => [...path, key]), ...(kinds.has("array") ? [[...path, 0]] : [])];
  const here = path.length > 0 ? [path.join(".")] : [];
  return [...here, ...below.flatMap((next) => setPaths(next, depth + 1))];
}

/** Options that name a file to read or write: the shell completes file names there. */
const FILE_OPTIONS = new Set(["--output", "--prices", "--baseline"]);

/** A word list for a shell, quoted for single quotes. */
function words(list: readonly string[]): string {
  return list.join(" ").replaceAll("'", "");
}

export function completionScript(shell: Shell, commands: readonly CommandSpec[], presets: readonly string[]): string {
  const paths = setPaths().map((path) => `${path}=`);
  return shell === "fish" ? fishScript(commands, paths, presets) : bashScript(commands, paths, presets, shell === "zsh");
}

function bashScript(commands: readonly CommandSpec[], paths: readonly string[], presets: readonly string[], zsh: boolean): string {
  const optionCases = commands
    .map((command) => `    ${command.name}) opts='${words(command.options.flatMap((option) => option.flags))}' ;;`)
    .join("\n");
  const choiceCases = commands
    .flatMap((command) =>
      command.options
        .filter((option) => option.choices.length > 0)
        .map(
          (option) =>
            `    "${command.name} ${option.flags.join(`"|"${command.name} `)}") COMPREPLY=($(compgen -W '${words(option.choices)}' -- "$cur")); return ;;`,
        ),
    )
    .join("\n");
  const lines = [
    "# llm-cac completion for bash (llm-cac completion bash); see docs/cli.md",
    ...(zsh ? ["# zsh: bash's completion through bashcompinit", "autoload -U +X bashcompinit && bashcompinit"] : []),
    // The file pattern below is an extended glob, as bash-completion has them on.
    "shopt -s extglob",
    "_llm_cac() {",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash's ${...}, not a template
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" cmd="${COMP_WORDS[1]}" opts',
    `  if [ "$COMP_CWORD" -eq 1 ]; then COMPREPLY=($(compgen -W '${words([...commands.map((command) => command.name), "--help", "--version"])}' -- "$cur")); return; fi`,
    '  case "$cmd $prev" in',
    choiceCases,
    `    *" --set") compopt -o nospace 2>/dev/null; COMPREPLY=($(compgen -W '${words(paths)}' -- "$cur")); return ;;`,
    `    *" ${[...FILE_OPTIONS].join('"|*" ')}"|*" -o") COMPREPLY=($(compgen -f -- "$cur")); return ;;`,
    "  esac",
    '  case "$cmd" in',
    optionCases,
    "    *) opts='' ;;",
    "  esac",
    '  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$opts --help" -- "$cur")); return; fi',
    `  COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|json)' -- "$cur") $(compgen -d -- "$cur") $(compgen -W '${words(presets)}' -- "$cur"))`,
    "}",
    "complete -o filenames -F _llm_cac llm-cac",
  ];
  return `${lines.filter((line) => line !== "").join("\n")}\n`;
}

function fishScript(commands: readonly CommandSpec[], paths: readonly string[], presets: readonly string[]): string {
  const names = commands.map((command) => command.name);
  const lines = [
    "# llm-cac completion for fish (llm-cac completion fish > ~/.config/fish/completions/llm-cac.fish); see docs/cli.md",
    "complete -c llm-cac -f",
    `complete -c llm-cac -n __fish_use_subcommand -a '${words(names)}'`,
    ...commands.flatMap((command) =>
      command.options.map((option) => {
        const flags = [
          option.long === undefined ? "" : `-l ${option.long.slice(2)}`,
          option.short === undefined ? "" : `-s ${option.short.slice(1)}`,
        ]
          .filter(Boolean)
          .join(" ");
        const values =
          option.choices.length > 0
            ? ` -x -a '${words(option.choices)}'`
            : option.long === "--set"
              ? ` -x -a '${words(paths)}'`
              : option.long !== undefined && FILE_OPTIONS.has(option.long)
                ? " -r -F"
                : option.takesValue
                  ? " -x"
                  : "";
        return `complete -c llm-cac -n '__fish_seen_subcommand_from ${command.name}' ${flags}${values}`;
      }),
    ),
    `complete -c llm-cac -n '__fish_seen_subcommand_from ${words(names)}' -F -a '${words(presets)}'`,
  ];
  return `${lines.join("\n")}\n`;
}
