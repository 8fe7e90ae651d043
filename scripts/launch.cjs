// The built entry of llm-cac, copied to dist/launch.cjs by scripts/build.mjs: runs the
// bundled CLI in dist/cli.cjs, compiled from V8's code cache in dist/cli.cache when V8
// accepts it (same Node.js build), from source otherwise, and then V8's cache for this
// Node.js is saved once into the user's cache folder for the next runs. The yaml package
// and zod are bundles of their own, dist/yaml.cjs and dist/zod.cjs with their caches,
// loaded alike on first use.
// CommonJS, like bin/, because Node starts a CommonJS entry a few milliseconds faster
// than an ES module.
"use strict";
const { closeSync, constants, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { dirname, isAbsolute, join } = require("node:path");
const { Script } = require("node:vm");

/**
 * The bundle's exports and its compiled script. With `debug`, says on stderr when V8
 * rejects the cache (another Node.js build): the run is then only slower. `debug` and
 * `env` are kept for the bundles loaded later (requireBundle).
 * @param {boolean} [debug]
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ cli: { main: (argv: string[]) => unknown, runCli: (argv: string[], io: import("../src/cli/io.js").CliIo) => Promise<number> }, script: Script, cacheRejected: boolean, userCache: string | undefined }}
 */
function loadBundle(debug = false, env = process.env) {
  settings = { debug, env };
  const { exports, script, cacheRejected, userCache } = loadCompiled("cli");
  return { cli: exports, script, cacheRejected, userCache };
}

/** How loadBundle was called: the bundles loaded later (yaml, zod) are loaded alike. */
let settings = { debug: false, env: process.env };

/**
 * Every bundle loaded so far, by name (`cli`, `yaml`, `zod`), with its script and whether V8
 * rejected its cache: the build's cache maker saves their caches, and main() saves the
 * user's cache of those V8 rejected.
 * @type {Map<string, { exports: any, script: Script, cacheRejected: boolean, userCache: string | undefined }>}
 */
const loaded = new Map();

/**
 * A package built apart (`yaml`, `zod`), from dist/NAME.cjs and its own code cache, loaded
 * at the first use of any of its exports (the build gives cli.cjs a stand-in that calls
 * this): a run on a valid scenario in the plain style loads neither.
 * @param {string} name
 */
function requireBundle(name) {
  return (loaded.get(name) ?? loadCompiled(name)).exports;
}

/**
 * dist/NAME.cjs, a CommonJS module's function (the build writes it so), compiled with
 * the code cache made for it, and run.
 * @param {string} name
 */
function loadCompiled(name) {
  const { debug, env } = settings;
  const filename = join(__dirname, `${name}.cjs`);
  // Sized from the open file itself: a bundle replaced meanwhile (a reinstall) is read whole, old or new.
  const bundleFd = openSync(filename, "r");
  const bundle = fstatSync(bundleFd);
  // A cache made for this Node.js by an earlier run (userCachePath) exists only where V8
  // rejected the build's; else the build's own.
  const userCache = userCachePath(env, bundle, name);
  const buildCache = join(__dirname, `${name}.cache`);
  const cacheLimit = MAX_CACHE_PER_BUNDLE_BYTE * bundle.size;
  const cache = openOrUndefined(userCache, cacheLimit) ?? openOrUndefined(buildCache, cacheLimit);
  // One buffer for both files, the source first: each page of fresh memory costs a page
  // fault, which at start-up costs more than reading into it. The bundle is ASCII (the
  // build sees to it), so latin1 reads the same text; it is already wrapped as a CommonJS
  // module's function (the build's banner and footer), so it is never copied again.
  const buffer = Buffer.allocUnsafeSlow(Math.max(bundle.size, cache?.size ?? 0));
  const source = buffer.toString("latin1", 0, readAll(bundleFd, buffer));
  const cachedData = cache === undefined ? undefined : cacheIn(cache.fd, buffer);
  const script = new Script(source, { filename, cachedData });
  const cacheRejected = cachedData === undefined || script.cachedDataRejected === true;
  if (debug && cachedData !== undefined && script.cachedDataRejected === true) {
    process.stderr.write(`llm-cac: V8 rejected the code cache ${cache?.path} (made by another Node.js?); compiling from source\n`);
  }
  const module = { exports: /** @type {any} */ ({}) };
  script.runInThisContext()(module.exports, createRequire(filename), module, filename, __dirname);
  const entry = { exports: module.exports, script, cacheRejected, userCache };
  loaded.set(name, entry);
  return entry;
}

/**
 * A code cache is about as large as the bundle (V8's bytecode of what ran): one many times
 * larger is not a cache of it, and is not read (a 2 GiB file would not even fit the buffer).
 */
const MAX_CACHE_PER_BUNDLE_BYTE = 8;

/**
 * Where this Node.js build keeps its own code cache of a bundle (`cli`, `yaml`, `zod`):
 * $XDG_CACHE_HOME/llm-cac (else ~/.cache/llm-cac), one file per Node.js version and
 * architecture (V8 accepts a cache only from the same build) and per bundle (its name,
 * size and time), so that two installed versions never overwrite each other's.
 * Undefined without a home folder.
 * @param {NodeJS.ProcessEnv} env
 * @param {import("node:fs").Stats} bundle
 * @param {string} name
 */
function userCachePath(env, bundle, name) {
  const base = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, ".cache") : undefined);
  if (base === undefined || !isAbsolute(base)) return undefined;
  return join(base, "llm-cac", `${name}-${process.version}-${process.arch}-${bundle.size}-${Math.trunc(bundle.mtimeMs)}.cache`);
}

/**
 * The file at `path`, open, with its size and path; undefined where there is no such
 * regular file of at most `maxBytes`. Opened without blocking, so that a FIFO at the path
 * (it would wait for a writer) is only not a cache.
 * @param {string | undefined} path
 * @param {number} maxBytes
 */
function openOrUndefined(path, maxBytes) {
  if (path === undefined) return undefined;
  try {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = fstatSync(fd);
    if (stats.isFile() && stats.size <= maxBytes) return { fd, size: stats.size, path };
    closeSync(fd);
  } catch {
    // No cache: compile from source, which is only slower.
  }
  return undefined;
}

/**
 * The cache in the open file `fd`, read into `buffer`; undefined where it cannot be read,
 * which only means compiling from source.
 * @param {number} fd
 * @param {Buffer} buffer
 */
function cacheIn(fd, buffer) {
  try {
    return buffer.subarray(0, readAll(fd, buffer));
  } catch {
    return undefined;
  }
}

/**
 * Reads the open file `fd` into `buffer` from its start, up to the buffer's length, and
 * closes it; the count of bytes read.
 * @param {number} fd
 * @param {Buffer} buffer
 */
function readAll(fd, buffer) {
  try {
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return length;
  } finally {
    closeSync(fd);
  }
}

/**
 * The cache of what this run compiled, written once into the user's cache folder, all at
 * once (a temporary file renamed into place); a folder that is not writable only means
 * no cache, never a failed run.
 * @param {Script} script
 * @param {string} path
 */
function saveUserCache(script, path) {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    // A level at a time, not `recursive`: Node's recursive mkdir never returns where a
    // parent exists but cannot hold folders (XDG_CACHE_HOME=/proc/self).
    makeFolder(dirname(dirname(path)));
    makeFolder(dirname(path));
    writeFileSync(temp, script.createCachedData());
    renameSync(temp, path);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // The folder was never there (its parent is a file): nothing was left behind.
    }
  }
}

/** @param {string} folder */
function makeFolder(folder) {
  try {
    mkdirSync(folder);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST") throw error;
  }
}

/** @param {string[]} argv */
function main(argv) {
  const { cli } = loadBundle(argv.includes("--debug"));
  return Promise.resolve(cli.main(argv)).then(() => {
    for (const { script, cacheRejected, userCache } of loaded.values()) {
      if (cacheRejected && userCache !== undefined) saveUserCache(script, userCache);
    }
  });
}

module.exports = { loadBundle, loaded, main, requireBundle };
