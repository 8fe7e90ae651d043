/**
 * The grid of a sweep: points in row-major order (the last axis varies fastest), and the
 * neighbouring points between which the ladder's verdict flips. Pure.
 */

/** The index of each axis for every point of the grid, row-major. */
export function gridPoints(lengths: readonly number[]): number[][] {
  let points: number[][] = [[]];
  for (const length of lengths) points = points.flatMap((point) => Array.from({ length }, (_, index) => [...point, index]));
  return lengths.length === 0 ? [] : points;
}

/** Two neighbouring points (one step apart on one axis) with different verdicts, by their positions in the grid. */
export interface Flip {
  from: number;
  to: number;
  /** The axis along which they are neighbours. */
  axis: number;
}

/**
 * Every pair of neighbours whose `holds` differ: along each axis in turn, each point with
 * the next one on that axis. One axis: consecutive values; two: down the columns and
 * along the rows of the matrix.
 */
export function findFlips(lengths: readonly number[], holds: readonly boolean[]): Flip[] {
  const flips: Flip[] = [];
  const points = gridPoints(lengths);
  const strides = lengths.map((_, axis) => lengths.slice(axis + 1).reduce((product, length) => product * length, 1));
  points.forEach((point, position) => {
    point.forEach((index, axis) => {
      if (index + 1 >= lengths[axis]!) return;
      const next = position + strides[axis]!;
      if (holds[position] !== holds[next]) flips.push({ from: position, to: next, axis });
    });
  });
  return flips;
}
