/** Two-space indented JSON with a final newline, as every JSON report prints. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, finiteOrNull, 2)}\n`;
}

/** The model never yields NaN or Infinity; should one slip through, JSON gets null, as promised, not a string. */
function finiteOrNull(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}
