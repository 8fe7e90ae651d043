/**
 * `date` as YYYY-MM-DD in UTC: what `toISOString().slice(0, 10)` gives for years 0 to
 * 9999, without toISOString, whose first call costs a run 1.5-2 ms of start-up.
 */
export function isoDay(date: Date): string {
  const twoDigits = (value: number) => String(value).padStart(2, "0");
  return `${String(date.getUTCFullYear()).padStart(4, "0")}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}`;
}
