/**
 * The HTML reports: the entry of their own bundle (dist/html.cjs), which the CLI loads
 * only for `--format html`, so the other formats never load d3 or the page's CSS.
 */
export { renderCheckHtml } from "./check.js";
export { renderCompareHtml } from "./compare.js";
export { renderOptimizeHtml } from "./optimize.js";
export { renderRunHtml } from "./run.js";
export { renderSamplesHtml } from "./samples.js";
export { renderSensitivityHtml } from "./sensitivity.js";
export { renderSweepHtml } from "./sweep.js";
