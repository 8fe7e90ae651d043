/**
 * The grid of a sweep: points in row-major order (the last axis varies fastest), and the
 * neighbouring points between which the ladder's verdict flips. Pure.
 */

/** The index of each axis at a position of the grid, row-major: the last axis varies fastest. */
export function indicesAt(lengths: readonly number[], position: number): number[] {
  const indices = new Array<number>(lengths.length);
  let rest = position;
  for (let axis = lengths.length - 1; axis >= 0; axis--) {
    indices[axis] = rest % lengths[axis]!;
    rest = Math.floor(rest / lengths[axis]!);
  }
  return indices;
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
  const strides = lengths.map((_, axis) => lengths.slice(axis + 1).reduce((product, length) => product * length, 1));
  const total = lengths.length === 0 ? 0 : lengths.reduce((product, length) => product * length, 1);
  for (let position = 0; position < total; position++) {
    for (let axis = 0; axis < lengths.length; axis++) {
      // The point's index on this axis, and the position one step further along it.
      if ((Math.floor(position / strides[axis]!) % lengths[axis]!) + 1 >= lengths[axis]!) continue;
      const next = position + strides[axis]!;
      if (holds[position] !== holds[next]) flips.push({ from: position, to: next, axis });
    }
  }
  return flips;
}
