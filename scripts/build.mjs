// Builds the CLI into dist/:
//   cli.cjs    the whole CLI bundled by esbuild into one file (renderers stay lazy inside it),
//              ASCII only and written as CommonJS's module function, for launch.cjs to compile
//   html.cjs   the HTML reports with d3, apart: required by cli.cjs only for --format html
//   cli.cache  V8's code cache for cli.cjs, made by running it once on the default scenario
//   yaml.cjs, yaml.cache  the yaml package apart, loaded by launch.cjs on first use, and its cache
//   zod.cjs, zod.cache    zod apart, alike
//   launch.cjs the entry bin/llm-cac.js requires: loads cli.cjs with that cache
//   models.json data/models.yaml parsed at build time (scripts/build-catalog.mjs)
//   index.cjs, index.mjs  the library (import/require "llm-cac"), types by scripts/build-types.mjs
// Start-up is most of a CLI's wall time; with one file and a code cache, Node neither
// resolves hundreds of modules nor compiles the code again on every run. Where V8
// rejects the cache (another Node version), cli.js compiles as usual: same behaviour.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve as resolvePath } from "node:path";
import { fileURLToPath } from "node:url";
import { runInThisContext } from "node:vm";
import { build } from "esbuild";

const dist = new URL("../dist/", import.meta.url);
const requireFromScripts = createRequire(import.meta.url);
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);
const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

/** @type {import("esbuild").BuildOptions} */
const common = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: "linked",
  logLevel: "warning",
  define: { "import.meta.url": "__importMetaUrl", __LLM_CAC_VERSION__: JSON.stringify(version) },
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
};

// The HTML reports (d3, the page's CSS) are a bundle of their own, dist/html.cjs: the CLI
// requires it only for --format html, so the other formats neither load nor compile it.
/** @type {import("esbuild").Plugin} */
const htmlApart = {
  name: "html-apart",
  setup(builder) {
    builder.onResolve({ filter: /\/html\/index\.js$/ }, () => ({ path: "./html.cjs", external: true }));
  },
};

// Commander requires child_process at load (for executable subcommands, which llm-cac has
// none of): loading it and the net and stream modules behind it costs every run a few
// milliseconds, so commander gets a stand-in that requires it only when it spawns.
/** @type {import("esbuild").Plugin} */
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(builder) {
    builder.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: "child_process", namespace: "lazy-child-process" } : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: "lazy-child-process" }, () => ({
      contents: 'exports.spawn = (...args) => require("node:child_process").spawn(...args);',
      loader: "js",
    }));
  },
};

// llm-cac decides colour itself (`new Chalk({ level })` from --color, NO_COLOR and the
// TTY) and never uses chalk's default instances, whose detection requires node:tty, and
// node:net behind it, on every table: chalk gets a detection that finds no colour.
/** @type {import("esbuild").Plugin} */
const noChalkDetection = {
  name: "no-chalk-detection",
  setup(builder) {
    builder.onResolve({ filter: /^#supports-color$/ }, (args) =>
      /[\\/]node_modules[\\/]chalk[\\/]/.test(args.importer) ? { path: "supports-color", namespace: "no-chalk-detection" } : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: "no-chalk-detection" }, () => ({
      contents: "export default { stdout: false, stderr: false };",
      loader: "js",
    }));
  },
};
// The yaml package and zod are bundles of their own too, dist/yaml.cjs and dist/zod.cjs,
// each with its code cache: a run that reads a valid scenario in the plain style
// (src/lib/plain-yaml.ts, then the schema's plan, src/lib/schema-plan.ts) needs neither,
// and then neither reads, compiles nor initialises their 160 and 80 KB. cli.cjs gets a
// stand-in whose exports load the bundle from launch.cjs at their first use (an override,
// a sweep's value written into the document, a file the quick passes decline, a problem to
// word or to place at its line). Every importer gets the stand-in, so that no second copy
// lands in cli.cjs. The stand-in's `require("./launch.cjs")` is the instance that loaded
// cli.cjs (Node caches a module by its path), so the bundle is loaded with loadBundle's settings.
/**
 * The bundles built apart: the bundle's name, its entry (the yaml package; src/lib/zod.ts,
 * the part of zod that llm-cac uses, set up for a CLI), which imports of cli.cjs get its
 * stand-in (by what they resolve to), and the folder of the package's files, none of which
 * may be in cli.cjs (a second copy, from an import the stand-in missed).
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const zodModule = resolvePath(root, "src/lib/zod.ts");
const APART = [
  {
    name: "yaml",
    entry: { entryPoints: [requireFromScripts.resolve("yaml")] },
    imports: /^yaml$/,
    isImport: () => true,
    files: "node_modules/yaml/",
  },
  {
    name: "zod",
    // jitless here, not in lib/zod.ts: zod keeps its configuration on globalThis, and the
    // library must not change it for its host's own zod. A CLI parses one or a few documents
    // per process: compiling each schema's fast path would cost more than it saves.
    entry: {
      stdin: {
        contents: 'export * from "./src/lib/zod.ts";\nimport { config } from "zod/mini";\nconfig({ jitless: true });\n',
        resolveDir: root,
        loader: /** @type {const} */ ("ts"),
      },
    },
    imports: /zod\.js$/,
    /** @param {import("esbuild").OnResolveArgs} args */
    isImport: (args) => resolvePath(args.resolveDir, args.path.replace(/\.js$/, ".ts")) === zodModule,
    files: "node_modules/zod/",
  },
];
/**
 * The stand-in for a bundle built apart, whose exports are the bundle's `names`.
 * @param {(typeof APART)[number]} apart
 * @param {string[]} names
 * @returns {import("esbuild").Plugin}
 */
function standIn({ name, imports, isImport }, names) {
  const namespace = `${name}-apart`;
  return {
    name: namespace,
    setup(builder) {
      builder.onResolve({ filter: imports }, (args) => (isImport(args) ? { path: name, namespace } : undefined));
      builder.onResolve({ filter: /^\.\/launch\.cjs$/, namespace }, () => ({ path: "./launch.cjs", external: true }));
      builder.onLoad({ filter: /.*/, namespace }, () => ({
        contents: [
          "let bundle;",
          `for (const name of ${JSON.stringify(names)}) {`,
          `  Object.defineProperty(exports, name, { enumerable: true, get: () => (bundle ??= require("./launch.cjs").requireBundle(${JSON.stringify(name)}))[name] });`,
          "}",
        ].join("\n"),
        loader: "js",
      }));
    },
  };
}

/**
 * `code` with every non-ASCII character written as a `\\uXXXX` escape. esbuild escapes them
 * in strings, templates and names, but not in regular expression literals (`/[$¥€£]/`);
 * one such character makes V8 hold the whole bundle as two-byte text, decoded from UTF-8
 * and compiled at twice the size on every run. In a regular expression the escape matches
 * the same character; only the literal's `.source` shows it (see MONEY_PATTERN). After a
 * backslash an escape would change the meaning, so the build stops there instead.
 * @param {string} code
 */
function asciiOnly(code) {
  return code.replace(/[^\0-\x7f]/g, (char, offset) => {
    if (code[offset - 1] === "\\") throw new Error(`dist/cli.cjs: "\\${char}" at offset ${offset}: write the character as \\u{...}`);
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/**
 * A bundle launch.cjs loads (dist/NAME.cjs): written as the function CommonJS wraps a
 * module in, for launch.cjs to compile as it is (wrapping it at run time would copy the
 * whole source into a second string), and ASCII only (asciiOnly). Its text, and the files
 * esbuild put into it.
 * @param {string} name
 * @param {import("esbuild").BuildOptions} options
 */
async function buildLaunched(name, options) {
  const { metafile } = await build({
    ...common,
    ...options,
    metafile: true,
    outfile: `dist/${name}.cjs`,
    banner: { js: `(function (exports, require, module, __filename, __dirname) {${common.banner?.js}` },
    footer: { js: "})" },
  });
  const text = asciiOnly(readFileSync(new URL(`${name}.cjs`, dist), "utf8"));
  writeFileSync(new URL(`${name}.cjs`, dist), text);
  return { text, inputs: Object.keys(metafile.inputs) };
}

/** @type {import("esbuild").Plugin[]} */
const standIns = [];
for (const apart of APART) {
  const bundle = (await buildLaunched(apart.name, apart.entry)).text;
  const module = { exports: /** @type {Record<string, unknown>} */ ({}) };
  runInThisContext(bundle)(module.exports, requireFromScripts, module, `${apart.name}.cjs`, ".");
  const names = Object.keys(module.exports);
  // The yaml stand-in's names are the package's: one missing from the bundle would be undefined only at run time.
  if (apart.name === "yaml" && names.sort().join() !== Object.keys(requireFromScripts("yaml")).sort().join()) {
    throw new Error("dist/yaml.cjs does not export the names of the yaml package");
  }
  standIns.push(standIn(apart, names));
}
const cliBundle = await buildLaunched("cli", {
  entryPoints: ["src/cli.ts"],
  plugins: [htmlApart, lazyChildProcess, noChalkDetection, ...standIns],
  // import() of the external bundle as require(): launch.cjs runs cli.cjs in a vm.Script, which has no ES module loader.
  supported: { "dynamic-import": false },
});
for (const { name, files } of APART) {
  const copied = cliBundle.inputs.find((input) => input.includes(files));
  if (copied !== undefined) throw new Error(`dist/cli.cjs holds ${copied} of ${name}: an import the stand-in did not take`);
}
await build({ ...common, entryPoints: ["src/report/html/index.ts"], outfile: "dist/html.cjs" });

// The library (src/index.ts, docs/api.md): one CommonJS bundle, and an ES module that
// re-exports it, so that `import` and `require` share one UserError class (instanceof
// holds across both). Its declarations come from scripts/build-types.mjs (npm pack only).
await build({
  ...common,
  entryPoints: ["src/index.ts"],
  outfile: "dist/index.cjs",
  plugins: [htmlApart],
  supported: { "dynamic-import": false },
});
const libraryExports = Object.keys(requireFromScripts("../dist/index.cjs")).sort();
writeFileSync(new URL("index.mjs", dist), `import library from "./index.cjs";\nexport const { ${libraryExports.join(", ")} } = library;\n`);

copyFileSync(new URL("launch.cjs", import.meta.url), new URL("launch.cjs", dist));
await import("./build-catalog.mjs");
// The cache must come from a plain `node` like the one users run, hence a child process.
execFileSync(process.execPath, [fileURLToPath(new URL("make-code-cache.cjs", import.meta.url))], { stdio: "inherit" });
