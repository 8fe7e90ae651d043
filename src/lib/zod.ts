/**
 * The part of zod/mini llm-cac uses, as one module: scripts/build.mjs bundles it apart
 * (dist/zod.cjs, tree-shaken to these names) and gives cli.cjs a stand-in that loads it at
 * the first use, for a run on a valid file in the plain style never builds a schema
 * (scenario/parse.ts); that bundle also sets zod up for a CLI (jitless). Import zod's
 * values from here (the dependency rules allow no other file to), its types from anywhere.
 */

export {
  _default,
  array,
  boolean,
  enum,
  gt,
  gte,
  int,
  lt,
  lte,
  minLength,
  NEVER,
  number,
  optional,
  pipe,
  record,
  refine,
  regex,
  safeParse,
  strictObject,
  string,
  toJSONSchema,
  transform,
  trim,
  union,
} from "zod/mini";
export type { core, infer, output, ZodMiniType } from "zod/mini";
