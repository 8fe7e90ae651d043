/**
 * Day-indexed working arrays reused from one evaluation to the next: a sweep or a sample
 * run evaluates thousands of inputs of the same horizon, and allocating (and collecting)
 * several arrays of H doubles for each would cost more than the arithmetic.
 * Valid only until the next call that asks for the same slot; the fast path never
 * returns them.
 */
const slots = new Map<string, Float64Array>();

/**
 * An array of at least `length` doubles owned by `slot` until it is asked for again,
 * holding whatever its last user left: every entry is written before it is read.
 */
export function scratch(slot: string, length: number): Float64Array {
  let array = slots.get(slot);
  if (array === undefined || array.length < length) {
    array = new Float64Array(Math.max(length, 2 * (array?.length ?? 0)));
    slots.set(slot, array);
  }
  return array;
}

/** Entries above which `fill` (a call into the runtime) beats a plain loop. */
const FILL_FROM = 64;

/** scratch() with its first `length` entries 0, for sums. */
export function scratchZeros(slot: string, length: number): Float64Array {
  const array = scratch(slot, length);
  if (length > FILL_FROM) array.fill(0, 0, length);
  else for (let i = 0; i < length; i++) array[i] = 0;
  return array;
}
