export interface RenderOptions {
  /** ANSI colour; the CLI decides from the TTY, NO_COLOR, FORCE_COLOR and --no-color. */
  color: boolean;
  /** Terminal columns available. */
  width: number;
  /** llm-cac's version: the HTML report's generator and footer. */
  version?: string;
  /** The day the report is made, `YYYY-MM-DD`, for the HTML report's footer; the CLI reads the clock so that renderers stay pure. */
  date?: string;
}
