const FULL = "█";
const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/**
 * A horizontal bar of `value / max` of `width` cells, in eighths of a cell; a value
 * above zero always shows at least a sliver, so the cheapest rung stays visible.
 */
export function horizontalBar(value: number | null, max: number, width: number): string {
  if (value === null || !(max > 0) || value <= 0) return "";
  const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * width * 8));
  return FULL.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]!;
}
