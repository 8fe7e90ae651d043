// The built entry of llm-cac, copied to dist/launch.cjs by scripts/build.mjs: runs the
// bundled CLI in dist/cli.cjs, compiled from V8's code cache in dist/cli.cache when V8
// accepts it (same Node.js build), from source otherwise. CommonJS, like bin/, because
// Node starts a CommonJS entry a few milliseconds faster than an ES module.
"use strict";
const { readFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { join } = require("node:path");
const { Script } = require("node:vm");

function loadBundle() {
  const filename = join(__dirname, "cli.cjs");
  const source = readFileSync(filename, "utf8");
  let cachedData;
  try {
    cachedData = readFileSync(join(__dirname, "cli.cache"));
  } catch {
    // No cache: compile from source, which is only slower.
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapper, { filename, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(filename), module, filename, __dirname);
  return { cli: module.exports, script };
}

function main(argv) {
  return loadBundle().cli.main(argv);
}

module.exports = { loadBundle, main };
