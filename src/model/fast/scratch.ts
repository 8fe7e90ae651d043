/**
 * Day-indexed working arrays reused from one evaluation to the next: a sweep or a sample
 * run evaluates thousands of inputs of the same horizon, and allocating (and collecting)
 * several arrays of H doubles for each would cost more than the arithmetic.
 * Valid only until the next call that asks for the same slot; the fast path never
 * returns them.
 */
const slots = new Map<string, Float64Array>();

/** A zeroed array of at least `length` doubles, owned by `slot` until it is asked for again. */
export function scratch(slot: string, length: number): Float64Array {
  let array = slots.get(slot);
  if (array === undefined || array.length < length) {
    array = new Float64Array(Math.max(length, 2 * (array?.length ?? 0)));
    slots.set(slot, array);
  } else {
    array.fill(0, 0, length);
  }
  return array;
}
