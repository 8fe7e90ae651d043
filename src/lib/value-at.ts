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
