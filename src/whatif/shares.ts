import { type InputProblem, UserError } from "../lib/errors.js";
import { valueAt } from "../lib/value-at.js";
import type { DataPath } from "../scenario/input-paths.js";
import { formatShort } from "./amount.js";

/**
 * Shares that sum to 1: the channels' shares of the paid spend, the routes' shares of the
 * sessions (model-v2.md 4), a turn-length histogram's shares (model-v2.md 10). One of them
 * set to another value, the others as they are, breaks the sum: what `sweep` and `solve`
 * say about it instead of leaving the rule to speak alone.
 */

/** The lists whose items' shares sum to 1: channels (of the spend) and routes (of the sessions, model-v2.md 4). */
const SHARE_LISTS = [
  ["acquisition", "channels"],
  ["inference", "routes"],
] as const;

/** A channel's or a route's share. */
export const isShare = (path: DataPath) =>
  path.length === 4 && path[3] === "share" && SHARE_LISTS.some(([section, list]) => path[0] === section && path[1] === list);

/** A share of the turn-length histogram (`usage.turns_distribution.shares.N`). */
export const isTurnShare = (path: DataPath) => path[0] === "usage" && path[1] === "turns_distribution" && path[2] === "shares";

/** A share set alone, seen from the shares it must sum to 1 with. */
export interface ShareGroup {
  /** Where the rule reports a sum other than 1: the list, or the histogram. */
  path: DataPath;
  /** What the shares divide between, as messages name one of them: `channel`, `route`, `turn-length`. */
  noun: "channel" | "route" | "turn-length";
  /** The one value the share may take with the others as the scenario gives them: 1 - their sum. */
  only: number;
}

/**
 * The shares a value at `path` of `data` (the scenario as given) sums to 1 with; undefined
 * where the path is no share, or the share of a lone channel or route, which its own rule
 * (share 1) names well enough.
 */
export function shareGroup(data: unknown, path: DataPath): ShareGroup | undefined {
  if (isShare(path)) {
    const items = valueAt(data, path.slice(0, 2));
    if (!Array.isArray(items) || items.length < 2) return undefined;
    const others = items.reduce<number>((sum, item, index) => (index === path[2] ? sum : sum + shareOf(item)), 0);
    return { path: path.slice(0, 2), noun: path[0] === "inference" ? "route" : "channel", only: 1 - others };
  }
  if (isTurnShare(path) && path.length === 4) {
    const shares = valueAt(data, path.slice(0, 3));
    if (shares === null || typeof shares !== "object") return undefined;
    const others = Object.entries(shares).reduce<number>(
      (sum, [key, share]) => (key === String(path[3]) || typeof share !== "number" ? sum : sum + share),
      0,
    );
    return { path: path.slice(0, 3), noun: "turn-length", only: 1 - others };
  }
  return undefined;
}

function shareOf(item: unknown): number {
  const share = item !== null && typeof item === "object" ? (item as { share?: unknown }).share : undefined;
  return typeof share === "number" ? share : 0;
}

/** Why one share cannot be swept or solved for alone, and what to do instead; `name` is the input as typed. */
export function shareHint(group: ShareGroup, name: string): string {
  const only = `with the others as given, ${name} can only be ${formatShort(group.only)}`;
  if (group.noun === "turn-length")
    return `a turn-length share moves only with the others, since the histogram's shares sum to 1: ${only}; ${WHAT_TO_DO[group.noun]}`;
  return `a ${group.noun}'s share moves only with the other ${group.noun}s', since their shares sum to 1: ${only}; ${WHAT_TO_DO[group.noun]}`;
}

/** Why two shares of one group on a sweep's two axes break the sum at most points, and what to do instead. */
export function shareGridHint(group: ShareGroup, names: readonly [string, string]): string {
  const sum = group.noun === "turn-length" ? "the histogram's shares sum to 1" : `the ${group.noun}s' shares sum to 1`;
  return `a sweep's grid pairs every value of ${names[0]} with every value of ${names[1]}, while ${sum}: most pairs are no split; ${WHAT_TO_DO[group.noun]}`;
}

const WHAT_TO_DO: Record<ShareGroup["noun"], string> = {
  channel:
    "set every channel's share with --set, one run per split, or see sensitivity, which moves a share with the others in proportion, and optimize, which finds the best split",
  route: "set every route's share with --set, one run per split, or see sensitivity, which moves a share with the others in proportion",
  "turn-length": "set every share of the histogram with --set, one run per histogram",
};

/** Whether a problem is the rule that the group's shares sum to 1, where the file holds the group. */
export function breaksShareSum(problem: InputProblem, group: ShareGroup): boolean {
  return problem.line !== undefined && problem.path === group.path.map(String).join(".");
}

/**
 * The error of a point whose shares do not sum to 1 because one of `shares` (a varied share,
 * named as typed) moved alone, or two of one group paired on a grid, with the hint of
 * shareHint (shareGridHint) after the rule's own; any other error as it was.
 */
export function withShareHints(error: UserError, shares: readonly { group: ShareGroup; name: string }[]): UserError {
  let changed = false;
  const problems = error.problems.map((problem) => {
    const [share, other] = shares.filter(({ group }) => breaksShareSum(problem, group));
    if (share === undefined) return problem;
    changed = true;
    const hint = other === undefined ? shareHint(share.group, share.name) : shareGridHint(share.group, [share.name, other.name]);
    return { ...problem, hint: problem.hint === undefined ? hint : `${problem.hint}; ${hint}` };
  });
  return changed ? UserError.fromProblems(problems) : error;
}
