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

/**
 * A tornado row: `half` cells either side of a centre line `│`, each change drawn from
 * the centre towards its sign (left: lower, right: higher) in its own glyph, in whole
 * cells of `max / half`; a change other than zero shows at least one cell. Where both
 * point the same way the shorter is drawn over the longer, so both stay visible.
 */
export function tornadoBar(changes: readonly { change: number | null; glyph: string }[], max: number, half: number): string {
  const left: string[] = new Array<string>(half).fill(" ");
  const right: string[] = new Array<string>(half).fill(" ");
  const drawn = changes.filter((side): side is { change: number; glyph: string } => side.change !== null && side.change !== 0 && max > 0);
  for (const { change, glyph } of drawn.sort((a, b) => Math.abs(b.change) - Math.abs(a.change))) {
    const cells = Math.min(half, Math.max(1, Math.round((Math.abs(change) / max) * half)));
    for (let i = 0; i < cells; i++) {
      if (change < 0) left[half - 1 - i] = glyph;
      else right[i] = glyph;
    }
  }
  return `${left.join("")}│${right.join("")}`;
}
