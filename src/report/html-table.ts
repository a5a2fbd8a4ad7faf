/**
 * HTML tables for the reports that fit a printed page: numbers stay on one line, words wrap, and a
 * table with a column per strategy is split into blocks of columns that fit the page's width
 * (estimated with DejaVu Sans metrics, the report's font), as the console splits its tables.
 */
import { textWidthPixels } from './text-width.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Width a table may take: the printable width of A4 portrait (186 mm at 96 px per inch) less a margin. */
export const PAGE_TABLE_PIXELS = 680;
const FONT_PIXELS = 13;
const CELL_PADDING = 18;

export interface TableColumn {
  header: string;
  /** Numbers (right-aligned, kept on one line) or words (left-aligned, free to wrap). */
  numeric?: boolean;
  /** A numeric-looking cell whose text may wrap (a verdict note, "no (40 Mbit/s short)"). */
  wrap?: boolean;
}

export interface TableRow { cells: string[]; recommended?: boolean; swatch?: string; /** A totals row (bold, ruled above). */ total?: boolean }

export function tableHtml(cls: string, columns: TableColumn[], rows: TableRow[]): string {
  const cellClass = (c: TableColumn): string => (c.numeric ? ` class="num${c.wrap ? ' wrap' : ''}"` : '');
  return `<div class="table-wrap"><table class="${cls}"><thead><tr>${columns.map((c) => `<th${c.numeric ? ' class="num"' : ''}>${esc(c.header)}</th>`).join('')}</tr></thead>
<tbody>${rows.map((r) => `<tr${r.recommended ? ' class="recommended"' : r.total ? ' class="total"' : ''}>` + r.cells.map((cell, i) => `<td${cellClass(columns[i]!)}>` +
    (i === 0 && r.swatch ? `<span class="swatch" style="background:${r.swatch}"></span>` : '') + `${esc(cell)}</td>`).join('') + '</tr>').join('\n')}</tbody></table></div>`;
}

/** The narrowest a column can get: its longest word (or, for a number, its longest cell), plus padding. */
function minWidth(texts: string[], numeric: boolean): number {
  let w = 0;
  for (const t of texts) {
    for (const part of numeric ? [t] : t.split(/\s+/)) w = Math.max(w, textWidthPixels(part, FONT_PIXELS));
  }
  return w + CELL_PADDING;
}

/**
 * Contiguous blocks of columns (by index), each no wider than `maxPixels` with the label column: as few
 * blocks of even size as fit (two blocks of two strategies rather than three and one). A column wider
 * than the page by itself is a block alone, or in the worst case every column is.
 */
export function columnBlocks(labelPixels: number, columnPixels: number[], maxPixels: number): number[][] {
  const n = columnPixels.length;
  const fits = (block: number[]): boolean =>
    block.length === 1 || labelPixels + block.reduce((s, k) => s + columnPixels[k]!, 0) <= maxPixels;
  // Even splits into m = 1, 2, … blocks (the first n mod m one column longer); the first that fits wins.
  // If none does, a column per block.
  for (let m = 1; m < n; m++) {
    const blocks: number[][] = [];
    for (let b = 0, from = 0; b < m; b++) {
      const size = Math.floor(n / m) + (b < n % m ? 1 : 0);
      blocks.push(Array.from({ length: size }, (_, i) => from + i));
      from += size;
    }
    if (blocks.every(fits)) return blocks;
  }
  return columnPixels.map((_, k) => [k]);
}

/**
 * A table with a label column and a column per strategy, as one table or several with the label column
 * repeated, each no wider than `maxPixels`. With `wrap`, cells are words free to wrap (verdicts), not numbers.
 */
export function strategyColumnsHtml(cls: string, label: string, rowLabels: string[], strategies: string[], cell: (strategy: number, row: number) => string,
  opts: { wrap?: boolean; maxPixels?: number } = {}): string {
  const cells = strategies.map((_, k) => rowLabels.map((__, r) => cell(k, r)));
  const labelWidth = minWidth([label, ...rowLabels], false);
  const widths = strategies.map((s, k) => Math.max(minWidth([s], false), minWidth(cells[k]!, !opts.wrap)));
  return columnBlocks(labelWidth, widths, opts.maxPixels ?? PAGE_TABLE_PIXELS).map((block) => tableHtml(cls, [{ header: label }, ...block.map((k) => ({ header: strategies[k]!, numeric: true, wrap: opts.wrap }))],
    rowLabels.map((r, i) => ({ cells: [r, ...block.map((k) => cells[k]![i]!)] })))).join('\n');
}
