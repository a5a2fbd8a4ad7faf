/** The report's stylesheet: print-friendly, readable on a laptop and a projector. */
export const HTML_STYLE = `
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #222; margin: 0; line-height: 1.45; }
header, main { max-width: 1100px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; border-bottom: 1px solid #ddd; }
h1 { font-size: 26px; margin-bottom: 4px; }
h2 { font-size: 21px; margin-top: 36px; border-bottom: 1px solid #eee; padding-bottom: 4px; }
h3 { font-size: 16px; margin: 18px 0 6px; }
.muted { color: #666; font-size: 13px; }
.verdict { border-left: 6px solid #999; padding: 4px 14px; margin: 12px 0; background: #fafafa; }
.verdict .headline { font-weight: bold; margin: 2px 0; }
.verdict p { margin: 4px 0; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 4px 8px; border-bottom: 1px solid #e4e4e4; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.num, th.num { text-align: right; white-space: nowrap; }
.table-wrap { overflow-x: auto; }
tr.recommended td { background: #eef8ee; font-weight: bold; }
table.summary td:first-child { min-width: 190px; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 2px; }
figure.chart { margin: 28px 0; page-break-inside: avoid; }
figure.chart .fallback { max-width: 100%; height: auto; }
figure.chart.rendered .fallback { display: none; }
figure.chart figcaption { color: #555; font-size: 13px; max-width: 800px; }
.vega-embed { max-width: 100%; overflow-x: auto; }
@media print { .vega-embed details { display: none; } }
`;
