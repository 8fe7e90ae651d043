import { build } from "esbuild";
import { readFileSync, writeFileSync, copyFileSync, mkdirSync } from "node:fs";
const out = process.argv[2]; mkdirSync(out, { recursive: true });
const stub = /src\/cli\/commands\/(compare|completion|init|models|optimize|schema|sensitivity|solve|sweep)\.ts$/;
const r = await build({
  bundle: true, format: "cjs", platform: "node", target: "node20", minifySyntax: true, minifyWhitespace: true, legalComments: "none", logLevel: "warning", metafile: true,
  define: { "import.meta.url": "__importMetaUrl", __LLM_CAC_VERSION__: '"0.1.0"' },
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  entryPoints: ["src/cli.ts"], outfile: out + "/cli.cjs", supported: { "dynamic-import": false },
  plugins: [{ name: "h", setup(b) {
    b.onResolve({ filter: /\/html\/index\.js$/ }, () => ({ path: "./html.cjs", external: true }));
    b.onLoad({ filter: stub }, (a) => { const n = a.path.match(stub)[1]; return { contents: `export function ${n}Command(){throw new Error("stub")}`, loader: "ts" }; });
  } }],
});
writeFileSync(out + "/cli.cjs", readFileSync(out + "/cli.cjs", "utf8").replace(/[^\0-\x7f]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
