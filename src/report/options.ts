export interface RenderOptions {
  /** ANSI colour; the CLI decides from the TTY, NO_COLOR, FORCE_COLOR and --no-color. */
  color: boolean;
  /** Terminal columns available. */
  width: number;
}
