import type { CliIo } from "./io.js";

/** A run shorter than this shows no progress at all. */
const QUIET_FOR_MS = 1000;
/** At most this many updates a second. */
const REDRAW_EVERY_MS = 200;

export interface ProgressReporter {
  update: (done: number, total: number) => void;
  /** Clears the line (the report follows on stdout, or the error on stderr). */
  done: () => void;
}

/**
 * Progress of a long run on stderr (points done, rate, time left), redrawn in place, once
 * the run has taken a second; only when stderr is a terminal, never with `--quiet` or in
 * CI (`CI` set), so that logs and pipes never see it.
 */
export function progressReporter(
  io: CliIo,
  options: { quiet?: boolean },
  unit: string,
  now: () => number = Date.now,
): ProgressReporter | undefined {
  if (options.quiet || (io.env.CI !== undefined && io.env.CI !== "" && io.env.CI !== "false") || io.stderrIsTTY?.() !== true)
    return undefined;
  const started = now();
  let drawn = 0;
  let shown = false;
  return {
    update(done, total) {
      const time = now();
      if (time - started < QUIET_FOR_MS || time - drawn < REDRAW_EVERY_MS) return;
      drawn = time;
      shown = true;
      io.stderr(`\r\x1b[K${progressText(done, total, (time - started) / 1000, unit)}`);
    },
    done() {
      if (shown) io.stderr("\r\x1b[K");
    },
  };
}

/** `12,000 / 100,000 samples (12 %), 9,800/s, about 9 s left`. */
export function progressText(done: number, total: number, seconds: number, unit: string): string {
  const rate = seconds > 0 ? done / seconds : 0;
  const left = rate > 0 ? Math.ceil((total - done) / rate) : undefined;
  const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
  const count = (value: number) => Math.round(value).toLocaleString("en-US");
  return `${count(done)} / ${count(total)} ${unit} (${percent} %), ${count(rate)}/s${left === undefined ? "" : `, about ${left} s left`}`;
}
