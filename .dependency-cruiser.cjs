// The layers of docs/architecture.md, lowest first: each may import only from those before it.
// `whatif` and `uncertainty` sit side by side: neither imports the other.
const LAYERS = ["lib", "model", "result", "catalog", "scenario", "whatif|uncertainty", "report", "cli"];

const above = (index) => LAYERS.slice(index + 1).join("|");

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import cycle ties modules together: neither can be understood, tested or loaded lazily alone.",
      from: {},
      to: { circular: true },
    },
    ...LAYERS.slice(0, -1).map((layer, index) => ({
      name: `layer-${layer.replace("|", "-")}`,
      severity: "error",
      comment: `src/${layer} imports only from the layers below it (${LAYERS.slice(0, index).join(", ") || "none"}).`,
      from: { path: `^src/(${layer})/` },
      to: { path: `^src/(${above(index)})/` },
    })),
    {
      name: "whatif-uncertainty-siblings",
      severity: "error",
      comment: "whatif and uncertainty are siblings: neither imports the other.",
      from: { path: "^src/(whatif|uncertainty)/" },
      to: { path: "^src/(whatif|uncertainty)/", pathNot: "^src/$1/" },
    },
    {
      name: "model-is-pure",
      severity: "error",
      comment: "src/model is pure math on plain data: no I/O, no zod, no chalk, no YAML.",
      from: { path: "^src/model/" },
      to: { dependencyTypes: ["npm", "core"] },
    },
    {
      name: "renderers-do-no-io",
      severity: "error",
      comment: "Renderers are pure: data in, text out; the cli layer writes.",
      from: { path: "^src/report/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "zod-through-lib-zod",
      severity: "error",
      comment:
        "zod's values come from src/lib/zod.ts, which the build bundles apart (dist/zod.cjs); a direct import would put a second copy of zod into cli.cjs. Types may come from zod itself.",
      from: { path: "^src/", pathNot: "^src/lib/zod\\.ts$" },
      to: { path: "node_modules/zod/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "no-orphans",
      severity: "error",
      comment: "A module nothing imports is dead code (entry points excepted).",
      from: { orphan: true, path: "^src/", pathNot: ["^src/cli\\.ts$", "\\.d\\.ts$"] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
      extensions: [".ts", ".js"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
