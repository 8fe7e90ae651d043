/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidates by edit distance to `word`, ignoring case (a wrong case should not push
 * the right one down), nearest first; ties in code-point order, the same in every locale.
 */
function ranked(word: string, candidates: readonly string[]): { candidate: string; distance: number }[] {
  const needle = word.toLowerCase();
  return candidates
    .map((candidate) => ({ candidate, distance: editDistance(needle, candidate.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance || (a.candidate < b.candidate ? -1 : a.candidate > b.candidate ? 1 : 0));
}

/**
 * The candidates closest to `word`, nearest first: those within a third of the word's
 * length (at least 2 edits; 1 for a word of one or two letters, which 2 edits turn into
 * any other short key), so a hint is offered only when it is plausibly a typo.
 */
export function closest(word: string, candidates: readonly string[], max = 3): string[] {
  const limit = word.length <= 2 ? 1 : Math.max(2, Math.floor(word.length / 3));
  return ranked(word, candidates)
    .filter(({ distance }) => distance <= limit)
    .slice(0, max)
    .map(({ candidate }) => candidate);
}

/**
 * The `max` distinct candidates nearest to `word`, however far: for an unknown id among
 * hundreds, where the nearest few help even when none is a typo of it.
 */
export function nearest(word: string, candidates: readonly string[], max = 3): string[] {
  return ranked(word, [...new Set(candidates)])
    .slice(0, Math.max(0, max))
    .map(({ candidate }) => candidate);
}

/**
 * `did you mean "x"?` / `did you mean "x" or "y"?`, or undefined: the closest candidates,
 * or else one the word shortens ("cached" for "cached_input", "hi" for "high").
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const near = closest(word, candidates);
  const needle = word.toLowerCase();
  // A prefix of 3 letters or more, or of half the key ("hi" of "high", not "ca" of "cached_input").
  const shortens = (candidate: string) =>
    candidate.toLowerCase().startsWith(needle) && (needle.length >= 3 || needle.length * 2 >= candidate.length);
  const guesses = near.length > 0 ? near : candidates.filter(shortens).slice(0, 3);
  if (guesses.length === 0) return undefined;
  return `did you mean ${guesses.map((name) => `"${name}"`).join(" or ")}?`;
}
