/**
 * The reports' stylesheet: readable on a laptop and a projector, and printable on A4 or Letter,
 * portrait. On paper the margins leave 186 mm (A4) of width, ~700 CSS pixels: tables are built narrow
 * enough for it (html-table.ts splits the per-strategy ones into blocks), their cells wrap, charts
 * print as their pre-rendered SVG scaled to the page, headings stay with what follows, and the
 * interactive parts (vega-embed's menus, the live charts) are hidden.
 */
/** Page margins on paper (top and bottom, left and right): A4 then leaves 186 mm × 269 mm, Letter 192 mm × 251 mm. */
export const PAGE_MARGIN_MM = { vertical: 14, horizontal: 12 } as const;

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
table { border-collapse: collapse; font-size: 13px; margin: 6px 0 12px; }
th, td { padding: 4px 8px; border-bottom: 1px solid #e4e4e4; text-align: left; vertical-align: top; }
th { background: #f3f3f3; font-weight: bold; }
td.num, th.num { text-align: right; }
td.num { white-space: nowrap; }
td.num.wrap { white-space: normal; }
.table-wrap { overflow-x: auto; max-width: 100%; }
tr.recommended td { background: #eef8ee; font-weight: bold; }
tr.total td { font-weight: bold; border-top: 2px solid #888; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 2px; }
figure.chart { margin: 28px 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart .fallback { max-width: 100%; height: auto; display: block; }
figure.chart.rendered .fallback { display: none; }
figure.chart figcaption { color: #555; font-size: 13px; max-width: 800px; }
.vega-embed { max-width: 100%; overflow-x: auto; }
.verdict-sentence { font-size: 17px; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12px; background: #f6f6f6; padding: 8px 10px; }
@page { margin: ${PAGE_MARGIN_MM.vertical}mm ${PAGE_MARGIN_MM.horizontal}mm; }
@media print {
  body { font-size: 10pt; line-height: 1.35; }
  header, main { max-width: none; margin: 0; padding: 0; }
  header { padding-top: 0; }
  h1 { font-size: 18pt; margin-top: 0; }
  h2 { font-size: 14pt; margin-top: 18pt; }
  h3 { font-size: 11pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .muted, figure.chart figcaption { font-size: 8.5pt; }
  table { font-size: 8.5pt; width: 100%; }
  th, td { padding: 2px 4px; }
  thead { display: table-header-group; }
  tr, .verdict { break-inside: avoid; page-break-inside: avoid; }
  .table-wrap { overflow: visible; }
  .verdict { background: none; padding: 2px 10px; }
  figure.chart { margin: 10pt 0; }
  figure.chart .vega-target, .vega-embed details, .vega-actions { display: none !important; }
  figure.chart .fallback, figure.chart.rendered .fallback { display: block !important; width: auto; height: auto; max-width: 100%; max-height: 235mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
