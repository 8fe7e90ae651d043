import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closest, didYouMean, editDistance, nearest } from "../../src/lib/suggest.js";

describe("editDistance (Levenshtein)", () => {
  it("counts insertions, deletions and substitutions", () => {
    // kitten -> sitten -> sittin -> sitting
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("abc", "")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
    // one substitution
    expect(editDistance("dayly_budget", "daily_budget")).toBe(1);
    // transposition is two edits
    expect(editDistance("ab", "ba")).toBe(2);
  });

  it("is a metric: zero only for equal strings, symmetric, triangle inequality", () => {
    const word = fc.string({ maxLength: 12 });
    fc.assert(
      fc.property(word, word, word, (a, b, c) => {
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});

describe("closest", () => {
  const keys = ["daily_budget", "daily_installs", "duration_days", "channels"];

  it("finds near misses, nearest first", () => {
    expect(closest("dayly_budget", keys)).toEqual(["daily_budget"]);
    expect(closest("chanels", keys)).toEqual(["channels"]);
  });

  it("allows 1 edit for a word of one or two letters, at least 2 for longer ones, and a third of the length beyond", () => {
    // "ab" -> limit 1: "abc" (1 edit) is near, "abcd" (2) is not, as 2 edits make any short key of any other
    expect(closest("ab", ["abc", "abcd"])).toEqual(["abc"]);
    // "abc" -> limit 2: "abcde" (2 edits) is near, "abcdef" (3) is not
    expect(closest("abc", ["abcde", "abcdef"])).toEqual(["abcde"]);
    // 12 letters -> limit 4
    expect(closest("abcdefghijkl", ["abcdefghWXYZ", "abcdefgVWXYZ"])).toEqual(["abcdefghWXYZ"]);
  });

  it("ignores case", () => {
    expect(closest("Channels", keys)).toEqual(["channels"]);
  });

  it("breaks ties alphabetically and keeps at most 3", () => {
    // d14 (insert 4), d3, d7 (substitute) are 1 edit away, d30 and d90 are 2:
    // the three at 1, alphabetically ("d14" < "d3" < "d7")
    expect(closest("d1", ["d7", "d3", "d14", "d30", "d90"])).toEqual(["d14", "d3", "d7"]);
    // distance before name: "abd" (1 edit from "abc") comes before "abaa" (2 edits), though "abaa" < "abd"
    expect(closest("abc", ["abaa", "abd"])).toEqual(["abd", "abaa"]);
  });

  it("offers nothing far away", () => {
    expect(closest("zzzzzz", keys)).toEqual([]);
  });
});

describe("nearest", () => {
  it("ranks by distance ignoring case, ties alphabetically, at most max, however far", () => {
    // to "qwen-max": qwen-max 0 (case only), qwen-mux 1, qwen-long 4 and qwen-plus 4 (tie: alphabetical)
    expect(nearest("QWEN-MAX", ["qwen-plus", "qwen-long", "qwen-max", "qwen-mux"], 3)).toEqual(["qwen-max", "qwen-mux", "qwen-long"]);
    expect(nearest("x", [], 3)).toEqual([]);
    expect(nearest("x", ["a", "a"], 3)).toEqual(["a"]);
  });

  it("breaks ties in code-point order, whatever the locale", () => {
    // "Z" < "_" < "a" in code points; a collation would put "_" first and "Z" last.
    expect(nearest("ab", ["a_", "aZ", "aa"], 3)).toEqual(["aZ", "a_", "aa"]);
  });
});

describe("didYouMean", () => {
  it("phrases one or several suggestions", () => {
    expect(didYouMean("dayly_budget", ["daily_budget", "channels"])).toBe('did you mean "daily_budget"?');
    expect(didYouMean("d2", ["d1", "d3"])).toBe('did you mean "d1" or "d3"?');
  });

  it("suggests the key a word shortens when none is close", () => {
    // "cached" is 6 edits from "cached_input": too far for a typo, but a prefix of it.
    expect(didYouMean("cached", ["input", "cached_input", "output"])).toBe('did you mean "cached_input"?');
    expect(didYouMean("ca", ["cached_input"])).toBeUndefined();
    // Two letters that are half the key: "hi" (2 edits from "high", beyond a 2-letter word's 1) shortens it.
    expect(didYouMean("hi", ["low", "high"])).toBe('did you mean "high"?');
  });

  it("is undefined without a close candidate", () => {
    expect(didYouMean("zzzzzz", ["daily_budget"])).toBeUndefined();
  });
});
