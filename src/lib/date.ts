/**
 * `date` in UTC as YYYY-MM-DD, or with `withTime` YYYY-MM-DDTHH:MM:SS: what
 * `toISOString()` begins with for years 0 to 9999, without toISOString, whose first call
 * costs a run 0.7-2 ms of start-up.
 */
export function isoDay(date: Date, withTime = false): string {
  const day = `${String(date.getUTCFullYear()).padStart(4, "0")}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}`;
  return withTime ? `${day}T${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}:${twoDigits(date.getUTCSeconds())}` : day;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, "0");
}
