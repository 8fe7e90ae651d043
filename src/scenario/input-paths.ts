/**
 * Paths into a scenario's data as a user reads and types them: the dotted form `--set`
 * takes, list items by name where that is unambiguous. Shared by `sensitivity` (its
 * rows) and `run --samples` (the ranges it drew).
 */

export type DataPath = readonly (string | number)[];

/** A name `--set` resolves to this item and no other: no dots, not all digits (that is an index), unique in its list. */
function usableName(list: readonly unknown[], index: number): string | undefined {
  const item = list[index];
  const name = item !== null && typeof item === "object" ? (item as { name?: unknown }).name : undefined;
  if (typeof name !== "string" || name === "" || name.includes(".") || /^\d+$/.test(name)) return undefined;
  const same = list.filter((other) => other !== null && typeof other === "object" && (other as { name?: unknown }).name === name).length;
  return same === 1 ? name : undefined;
}

/** `acquisition.channels.bilibili.cpa` for `["acquisition", "channels", 0, "cpa"]`; the index where the name would not do. */
export function inputName(data: unknown, path: DataPath): string {
  const parts: string[] = [];
  let current = data;
  for (const segment of path) {
    if (typeof segment === "number" && Array.isArray(current)) parts.push(usableName(current, segment) ?? String(segment));
    else parts.push(String(segment));
    current = current !== null && typeof current === "object" ? (current as Record<string | number, unknown>)[segment] : undefined;
  }
  return parts.join(".");
}

/** Every finite number in `data` with its path, depth first in the data's own key order. */
export function numberLeaves(data: unknown, path: (string | number)[] = []): { path: (string | number)[]; value: number }[] {
  if (typeof data === "number") return Number.isFinite(data) ? [{ path, value: data }] : [];
  if (Array.isArray(data)) return data.flatMap((item, index) => numberLeaves(item, [...path, index]));
  if (data !== null && typeof data === "object") return Object.entries(data).flatMap(([key, item]) => numberLeaves(item, [...path, key]));
  return [];
}
