/**
 * The value at a path of plain data, dotted (`unit.cac_blended`, `channels.0.cpa`) or as
 * segments (for keys that hold dots themselves), or undefined where there is none.
 */
export function valueAt(object: unknown, path: string | readonly PropertyKey[]): unknown {
  let current: unknown = object;
  for (const segment of typeof path === "string" ? path.split(".") : path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/**
 * A copy of `value` with `leaf` at `path`, sharing everything off the path. A parent the
 * value lacks or leaves empty (`price:`) becomes a mapping, as `setValue` makes it in the
 * document: a path may name a key the file leaves to a default or the catalog. (`from`:
 * the segments of `path` already walked.)
 */
export function withValueAt(value: unknown, path: readonly PropertyKey[], leaf: unknown, from = 0): unknown {
  if (from >= path.length) return leaf;
  const key = path[from]!;
  const container = (value !== null && typeof value === "object" ? value : {}) as Record<PropertyKey, unknown>;
  const copy: Record<PropertyKey, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...container };
  (copy as Record<PropertyKey, unknown>)[key] = withValueAt(container[key], path, leaf, from + 1);
  return copy;
}
