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

/** The value at `path` through own properties only (a key `constructor` finds nothing inherited); undefined where the path leaves the value. */
export function ownValueAt(object: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = object;
  for (const segment of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) return undefined;
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
  const { container, copy } = shallowCopy(value);
  copy[key] = withValueAt(container[key], path, leaf, from + 1);
  return copy;
}

/** `value` and a shallow copy of it to write into: a list stays a list; anything but an object becomes an empty mapping. */
function shallowCopy(value: unknown): { container: Record<PropertyKey, unknown>; copy: Record<PropertyKey, unknown> } {
  const container = (value !== null && typeof value === "object" ? value : {}) as Record<PropertyKey, unknown>;
  const copy = (Array.isArray(value) ? [...value] : { ...container }) as Record<PropertyKey, unknown>;
  return { container, copy };
}

/** Paths merged at their common prefixes: each container on them is copied once by withValuesAt. */
export interface PathTree {
  key: PropertyKey;
  /** The index in `leaves` of the value at this node's path, or -1 where paths only pass through. */
  leaf: number;
  children: PathTree[];
}

/**
 * `paths` merged into trees, one per first segment; `paths[i]` ends at a node of leaf `i`.
 * No path may lie on another (a leaf is a value, not a container).
 */
export function pathTrees(paths: readonly (readonly PropertyKey[])[]): PathTree[] {
  const roots: PathTree[] = [];
  paths.forEach((path, index) => {
    if (path.length === 0) throw new Error("pathTrees: an empty path");
    let level = roots;
    path.forEach((key, depth) => {
      let node = level.find((candidate) => candidate.key === key);
      if (node === undefined) {
        node = { key, leaf: -1, children: [] };
        level.push(node);
      }
      const last = depth === path.length - 1;
      if (node.leaf >= 0 || (last && node.children.length > 0)) throw new Error(`pathTrees: ${path.join(".")} lies on another path`);
      if (last) node.leaf = index;
      level = node.children;
    });
  });
  return roots;
}

/**
 * withValueAt for several paths at once (`leaves[i]` at the path of leaf `i` in `trees`):
 * the same value as setting them one by one, with each container on the paths copied once
 * instead of once per path (a `run --samples` draw patches every range's value).
 */
export function withValuesAt(value: unknown, trees: readonly PathTree[], leaves: ArrayLike<unknown>): unknown {
  const { container, copy } = shallowCopy(value);
  for (const node of trees) copy[node.key] = node.leaf >= 0 ? leaves[node.leaf] : withValuesAt(container[node.key], node.children, leaves);
  return copy;
}
