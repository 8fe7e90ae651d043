/**
 * The page's one stylesheet, inlined: system fonts (no web font to fetch), the Okabe-Ito
 * palette (distinct with every common colour-vision deficiency), a dark variant, a
 * layout that folds to one column at phone width, and an A4 print sheet that never cuts
 * a chart across pages.
 */
export const STYLE = `
:root{color-scheme:light dark;
--bg:#ffffff;--fg:#1c1d21;--muted:#5d6069;--line:#d9dbe1;--panel:#f6f7f9;--accent:#0072b2;
--good:#00734f;--good-bg:#e3f4ec;--bad:#b23c00;--bad-bg:#fbe9df;--warn:#8a6d00;--warn-bg:#fbf3d5;
--c-acquisition:#0072b2;--c-inference:#d55e00;--c-training:#009e73;--c-revenue:#cc79a7;--c-dau:#56b4e9;
--c-cac:#e69f00;--c-low:#56b4e9;--c-high:#e69f00;--c-up:#d55e00;--c-down:#0072b2;--c-base:#5d6069;--band:#009e7322}
@media (prefers-color-scheme:dark){:root{
--bg:#15171c;--fg:#e8e9ec;--muted:#a3a7b1;--line:#343842;--panel:#1e2128;--accent:#56b4e9;
--good:#5fd3a6;--good-bg:#12372b;--bad:#ff9a66;--bad-bg:#40220f;--warn:#f0e442;--warn-bg:#3a3510;
--c-acquisition:#56b4e9;--c-inference:#f08a3c;--c-training:#2ec99a;--c-revenue:#e6a2c8;--c-dau:#8fd0f5;
--c-cac:#f0c34d;--c-low:#8fd0f5;--c-high:#f0c34d;--c-up:#f08a3c;--c-down:#56b4e9;--c-base:#a3a7b1;--band:#2ec99a26}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-variant-numeric:tabular-nums}
main{max-width:1080px;margin:0 auto;padding:24px 20px 8px}
header.report{border-bottom:1px solid var(--line);padding-bottom:14px;margin-bottom:18px}
.kicker{margin:0;color:var(--muted);font-size:13px;letter-spacing:.04em;text-transform:uppercase}
h1{font-size:26px;line-height:1.2;margin:4px 0 10px;overflow-wrap:anywhere}
h2{font-size:19px;margin:30px 0 10px;padding-top:4px}
h3{font-size:15px;margin:0 0 6px;overflow-wrap:anywhere}
section>h3{margin-top:22px}
.verdict{font-size:18px;line-height:1.4;margin:0;padding:12px 14px;border-radius:8px;border-left:5px solid}
.verdict.holds{background:var(--good-bg);border-color:var(--good)}
.verdict.fails{background:var(--bad-bg);border-color:var(--bad)}
.verdict strong{font-weight:650}
.verdicts{display:grid;gap:10px}
.lede{color:var(--muted);margin:10px 0 0}
.grid{display:grid;gap:18px;grid-template-columns:repeat(auto-fit,minmax(min(100%,400px),1fr))}
.grid.side{grid-template-columns:repeat(var(--cols),minmax(0,1fr))}
@media (max-width:900px){.grid.side{grid-template-columns:repeat(auto-fit,minmax(min(100%,400px),1fr))}}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:14px 14px 8px;min-width:0}
figure.chart{margin:0 0 10px;break-inside:avoid;page-break-inside:avoid}
figcaption{font-weight:600;font-size:14px;margin-bottom:4px}
svg{display:block;width:100%;height:auto;overflow:visible;font-size:11.5px}
svg text{fill:var(--muted)}
svg .row-label,svg .note{fill:var(--fg)}
svg .axis-x line,svg .baseline{stroke:var(--muted);stroke-width:1}
svg .gridline{stroke:var(--line);stroke-width:1}
svg .zero{stroke:var(--muted);stroke-width:1}
svg .axis-title{fill:var(--muted);font-size:11px}
svg .line{fill:none;stroke-width:2.2;stroke-linejoin:round;stroke-linecap:round}
svg .dashed{stroke-dasharray:6 4}
svg .area{stroke:none;opacity:.18}
svg .bar.flagged{stroke:var(--fg);stroke-width:2}
svg .band{fill:var(--band)}
svg .milestone line{stroke:var(--fg);stroke-width:1;stroke-dasharray:2 3;opacity:.7}
svg .milestone circle{fill:var(--bg);stroke:var(--fg);stroke-width:2}
svg .milestone text{fill:var(--fg);font-size:11px;paint-order:stroke;stroke:var(--panel);stroke-width:3px}
svg .percentile line{stroke:var(--fg);stroke-width:1.2;stroke-dasharray:3 2}
svg .percentile text{fill:var(--fg);font-size:11px;paint-order:stroke;stroke:var(--panel);stroke-width:3px}
svg .cell.na{fill:var(--line)}
svg .cell{stroke:var(--panel);stroke-width:1}
svg text.on-dark{fill:#ffffff}
svg text.on-light{fill:#1c1d21}
svg .holds-outline{fill:none;stroke:var(--fg);stroke-width:3;stroke-linecap:square}
${["acquisition", "inference", "training", "revenue", "dau", "cac", "low", "high", "up", "down", "base"]
  .map((series) => `.s-${series}{stroke:var(--c-${series});fill:var(--c-${series})}svg .line.s-${series}{fill:none}`)
  .join("\n")}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 14px;margin:4px 0 6px;padding:0;font-size:13px;color:var(--muted)}
.percentiles-line{margin:2px 0 4px;font-size:13px;color:var(--muted)}
.percentiles-line strong{color:var(--fg);font-weight:600}
.legend li{display:flex;align-items:center;gap:6px}
.legend svg{width:18px;display:inline-block;flex:none}
.legend line{stroke-width:3}
details.numbers{font-size:13px;margin:2px 0 4px}
details.numbers summary{cursor:pointer;color:var(--accent);width:max-content}
.table-wrap{overflow-x:auto;margin:0 0 8px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:right;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th:first-child,td:first-child{text-align:left}
thead th{font-weight:600;color:var(--muted);font-size:12.5px;border-bottom:2px solid var(--line)}
tbody th{font-weight:normal}
tr.section th{font-weight:650;color:var(--fg);padding-top:14px;text-align:left}
td.text,th.text{text-align:left;overflow-wrap:anywhere}
thead code{white-space:nowrap;font-size:12px}
table.points td{white-space:nowrap}
table.points tr.holds td{background:var(--good-bg)}
.indent{padding-left:22px}
.big{font-size:44px;font-weight:700;line-height:1;margin:2px 0 6px}
.stat{display:flex;gap:14px;align-items:baseline;flex-wrap:wrap}
.badge{display:inline-block;font-size:12px;font-weight:700;letter-spacing:.03em;padding:2px 8px;border-radius:99px}
.badge.pass{background:var(--good-bg);color:var(--good)}
.badge.fail{background:var(--bad-bg);color:var(--bad)}
.badge.invalid{background:var(--warn-bg);color:var(--warn)}
.muted{color:var(--muted)}
code{font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
footer{max-width:1080px;margin:28px auto 0;padding:14px 20px 28px;border-top:1px solid var(--line);color:var(--muted);font-size:13px;overflow-wrap:anywhere}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
@media (max-width:560px){svg{font-size:13.5px}body{font-size:14px}main{padding:16px 12px 4px}h1{font-size:22px}.verdict{font-size:16px}.panel{padding:10px 8px 6px}th,td{padding:4px 5px}table{font-size:13px}.big{font-size:36px}}
@media print{@page{size:A4;margin:14mm 12mm}
:root{--bg:#fff;--fg:#000;--muted:#444;--panel:#fff;--line:#bbb}
body{font-size:11pt;background:#fff;color:#000}main{max-width:none;padding:0}
.grid,.grid.side{grid-template-columns:repeat(auto-fit,minmax(80mm,1fr));gap:10px}
.panel,figure.chart,table,tr,.verdict,.stat{break-inside:avoid;page-break-inside:avoid}
h2{break-after:avoid;page-break-after:avoid}
details.numbers{display:none}
footer{padding:8px 0 0}}
`;
