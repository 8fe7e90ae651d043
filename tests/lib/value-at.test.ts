import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pathTrees, withValueAt, withValuesAt } from "../../src/lib/value-at.js";

describe("withValuesAt", () => {
  it("sets each leaf at its path, copying the containers on the paths once and sharing the rest", () => {
    const value = { a: { b: 1, c: [10, 20, 30] }, d: { e: 5 }, f: 7 };
    const trees = pathTrees([["a", "c", 1], ["a", "b"], ["f"]]);
    const patched = withValuesAt(value, trees, [21, 2, 8]) as typeof value;
    expect(patched).toEqual({ a: { b: 2, c: [10, 21, 30] }, d: { e: 5 }, f: 8 });
    expect(patched.d).toBe(value.d);
    expect(value).toEqual({ a: { b: 1, c: [10, 20, 30] }, d: { e: 5 }, f: 7 });
    expect(Array.isArray(patched.a.c)).toBe(true);
  });

  it("makes a mapping of a parent the value lacks, as withValueAt does", () => {
    expect(withValuesAt({ inference: { price: null } }, pathTrees([["inference", "price", "input"]]), [2])).toEqual({
      inference: { price: { input: 2 } },
    });
  });

  it("refuses paths that lie on one another", () => {
    expect(() => pathTrees([["a", "b"], ["a"]])).toThrow(/lies on another path/);
    expect(() => pathTrees([["a"], ["a", "b"]])).toThrow(/lies on another path/);
  });

  // Lists are left out: withValueAt copies a list by its items, so a key that is not an
  // index (which no scenario has) would be lost by one and kept by the other.
  it("gives the value withValueAt gives path by path", () => {
    const key = fc.constantFrom("a", "b", "c");
    const path = fc.array(key, { minLength: 1, maxLength: 4 });
    const tree: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        fc.integer(),
        fc.record({ a: tie("node"), b: tie("node"), c: tie("node") }, { requiredKeys: [] }),
      ),
    })).node;
    // Keep only paths none of which lies on another (one a prefix of the other), as pathTrees requires.
    const prefixOf = (p: unknown[], q: unknown[]) => p.length <= q.length && p.every((k, at) => k === q[at]);
    const disjoint = (paths: (string | number)[][]) => {
      const kept: (string | number)[][] = [];
      for (const p of paths) if (!kept.some((q) => prefixOf(p, q) || prefixOf(q, p))) kept.push(p);
      return kept;
    };
    fc.assert(
      fc.property(tree, fc.array(path, { minLength: 1, maxLength: 5 }), (value, candidates) => {
        const paths = disjoint(candidates);
        fc.pre(paths.length > 0);
        const leaves = paths.map((_, i) => `leaf ${i}`);
        const oneByOne = paths.reduce((at, p, i) => withValueAt(at, p, leaves[i]), value);
        expect(withValuesAt(value, pathTrees(paths), leaves)).toEqual(oneByOne);
      }),
    );
  });
});
