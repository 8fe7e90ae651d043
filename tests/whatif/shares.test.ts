import { describe, expect, it } from "vitest";
import { UserError } from "../../src/lib/errors.js";
import { breaksShareSum, shareGridHint, shareGroup, shareHint, withShareHints } from "../../src/whatif/shares.js";

const THREE_CHANNELS = { acquisition: { channels: [{ share: 0.2 }, { share: 0.5 }, { share: 0.3 }] } };

describe("shareGroup", () => {
  it("a channel's share sums to 1 with the others: it can only be 1 - their sum", () => {
    // the others: 0.2 + 0.3 = 0.5, so channel 1 can only be 0.5
    const group = shareGroup(THREE_CHANNELS, ["acquisition", "channels", 1, "share"]);
    expect(group?.path).toEqual(["acquisition", "channels"]);
    expect(group?.noun).toBe("channel");
    expect(group?.only).toBeCloseTo(0.5, 15);
    // channel 0: 1 - (0.5 + 0.3) = 0.2
    expect(shareGroup(THREE_CHANNELS, ["acquisition", "channels", 0, "share"])?.only).toBeCloseTo(0.2, 15);
  });

  it("a route's share and a turn-length share likewise", () => {
    const routes = { inference: { routes: [{ share: 0.7 }, { share: 0.3 }] } };
    expect(shareGroup(routes, ["inference", "routes", 0, "share"])).toMatchObject({ path: ["inference", "routes"], noun: "route" });
    const turns = { usage: { turns_distribution: { shares: { 1: 0.6, 2: 0.25, 4: 0.15 } } } };
    // 1 - (0.6 + 0.15) = 0.25
    const group = shareGroup(turns, ["usage", "turns_distribution", "shares", "2"]);
    expect(group).toMatchObject({ path: ["usage", "turns_distribution", "shares"], noun: "turn-length" });
    expect(group?.only).toBeCloseTo(0.25, 15);
  });

  it("nothing for a lone channel (its own rule says share 1) or an input that is no share", () => {
    expect(shareGroup({ acquisition: { channels: [{ share: 1 }] } }, ["acquisition", "channels", 0, "share"])).toBeUndefined();
    expect(shareGroup(THREE_CHANNELS, ["acquisition", "channels", 0, "cpa"])).toBeUndefined();
    expect(shareGroup(THREE_CHANNELS, ["acquisition", "daily_budget"])).toBeUndefined();
  });
});

describe("shareHint", () => {
  it("names the input, the one value it can take, and what to do instead", () => {
    const hint = shareHint({ path: ["acquisition", "channels"], noun: "channel", only: 0.5 }, "acquisition.channels.b.share");
    expect(hint).toContain("acquisition.channels.b.share can only be 0.5");
    expect(hint).toContain("set every channel's share with --set");
    expect(hint).toContain("optimize");
    // routes have no optimize; a turn-length histogram is set whole
    expect(shareHint({ path: ["inference", "routes"], noun: "route", only: 0.3 }, "r")).not.toContain("optimize");
    expect(shareHint({ path: ["usage", "turns_distribution", "shares"], noun: "turn-length", only: 0.3 }, "t")).toContain(
      "set every share of the histogram with --set",
    );
  });
});

describe("withShareHints", () => {
  const group = { path: ["acquisition", "channels"], noun: "channel" as const, only: 0.5 };
  const sum = { file: "f.yaml", line: 9, col: 5, path: "acquisition.channels", message: "channel shares must sum to 1, found 0.7" };

  it("adds the hint to the sum rule's problem, after the hint it had", () => {
    const error = withShareHints(UserError.fromProblems([{ ...sum, hint: "after --vary x=0.2" }]), [{ group, name: "x" }]);
    expect(error.problems[0]!.hint).toBe(`after --vary x=0.2; ${shareHint(group, "x")}`);
    expect(error.problems[0]!.message).toBe(sum.message);
  });

  it("two shares of one group on a grid: the hint says the grid pairs them, not that one can take one value", () => {
    const error = withShareHints(UserError.fromProblems([sum]), [
      { group, name: "a" },
      { group, name: "b" },
    ]);
    expect(error.problems[0]!.hint).toBe(shareGridHint(group, ["a", "b"]));
    expect(error.problems[0]!.hint).toContain("pairs every value of a with every value of b");
    expect(error.problems[0]!.hint).not.toContain("can only be");
  });

  it("leaves any other problem, and an error with none of the rule, as they were", () => {
    const other = { file: "f.yaml", path: "--vary x=2", message: "expected a number <= 1, found 2" };
    const original = UserError.fromProblems([other]);
    expect(withShareHints(original, [{ group, name: "x" }])).toBe(original);
    // the sum rule's place, but not where the file holds it (no line): not the rule
    expect(breaksShareSum({ ...sum, line: undefined }, group)).toBe(false);
    expect(breaksShareSum({ ...sum, path: "acquisition.channels.0" }, group)).toBe(false);
    expect(breaksShareSum(sum, group)).toBe(true);
  });
});
