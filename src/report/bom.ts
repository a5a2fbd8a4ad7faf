/**
 * The bill of materials as people read it, one table per strategy, shared by report.html and the console
 * (`drsim run --bom`): each line's quantity, need and availability in its unit, its one-off and yearly
 * cost, and the totals. The numbers are the results' (billOfMaterials); only their text is made here.
 */
import type { BomLine, ResultsFile, StrategyResult } from '../models/results.js';
import { formatMoney, formatQuantity } from '../models/units/format.js';
import { pushAll } from '../sim/array-extremes.js';
import { alignTable, wrap } from './summary-table.js';

export interface BomRow {
  item: string;
  /** How the need was measured, onsite/offsite…; empty when none. */
  note: string;
  quantity: string;
  needed: string;
  available: string;
  oneOff: string;
  perYear: string;
  overCapacity: boolean;
}

export const BOM_HEADERS = ['Item', 'Quantity', 'Needed', 'Available', 'One-off', 'Per year'] as const;

/** Read before the tables: what the columns mean. */
export const BOM_LEGEND = 'Needed: WAN at the p95 / p98 of the simulated link load; DR hosts in use after a site disaster in 95% of trials / at most; arrays at their largest fill. ' +
  'Available: usable link rate, DR hosts at the site, array capacity. "over" marks a need above what is available. Lines without a cost state a need; the costs add up to the outlays (penalties apart).';

/** "1 host", "2 hosts": counted units read singular for one. */
function quantity(x: number, unit: string): string {
  return formatQuantity(x, x === 1 && /^(hosts|VMs|sockets)$/.test(unit) ? unit.slice(0, -1) : unit);
}

function needed(l: BomLine): string {
  if (l.needed === null) return '';
  const high = l.neededHigh !== null && l.neededHigh !== l.needed ? ` / ${quantity(l.neededHigh, l.unit)}` : '';
  return `${quantity(l.needed, l.unit)}${high}`;
}

/** The strategy's table rows, the totals last; null for a results file written before schema 2.5. */
export function bomRows(results: ResultsFile, s: StrategyResult): BomRow[] | null {
  const bom = s.billOfMaterials;
  if (bom === undefined) return null;
  const cur = results.scenario.currency;
  const money = (x: number, costed: boolean): string => (costed ? formatMoney(x, cur) : '');
  const rows = bom.lines.map((l): BomRow => {
    const costed = l.oneOff !== 0 || l.perYear !== 0;
    return {
      item: l.item,
      note: l.note,
      quantity: quantity(l.quantity, l.unit),
      needed: needed(l),
      available: l.available === null ? '' : `${quantity(l.available, l.unit)}${l.overCapacity ? ' over' : ''}`,
      oneOff: money(l.oneOff, costed && l.oneOff !== 0),
      perYear: money(l.perYear, costed),
      overCapacity: l.overCapacity,
    };
  });
  rows.push({ item: 'Total outlays', note: '', quantity: '', needed: '', available: '', oneOff: formatMoney(bom.oneOffTotal, cur), perYear: formatMoney(bom.perYearTotal, cur), overCapacity: false });
  return rows;
}

/** The row's cells under BOM_HEADERS, the note in the item's cell (a page's table wraps it). */
export const bomCells = (r: BomRow): string[] => [r.note === '' ? r.item : `${r.item} (${r.note})`, r.quantity, r.needed, r.available, r.oneOff, r.perYear];

/** The console's tables (`drsim run --bom`): one per strategy, notes under it, lines no wider than `width` where words allow. */
export function formatBomText(results: ResultsFile, width = 120): string {
  const out: string[] = ['Bill of materials per strategy', ...wrap(BOM_LEGEND, width), ''];
  for (const s of results.strategies) {
    const rows = bomRows(results, s);
    out.push(`${s.name}:`);
    if (rows === null) {
      out.push('  (not in this results file: written before results schema 2.5; run it again)', '');
      continue;
    }
    // The item column wraps so that the table fits `width` (two columns of indent, two between columns).
    const rest = (r: BomRow): string[] => [r.quantity, r.needed, r.available, r.oneOff, r.perYear];
    const restWidths = BOM_HEADERS.slice(1).map((h, i) => rows.reduce((w, r) => Math.max(w, rest(r)[i]!.length), h.length));
    const itemWidth = Math.max(24, width - 2 - restWidths.reduce((a, b) => a + b + 2, 0));
    const cells = rows.flatMap((r) => wrap(r.item, itemWidth, ' ').map((part, k) => (k === 0 ? [part, ...rest(r)] : [part, '', '', '', '', ''])));
    pushAll(out, alignTable([...BOM_HEADERS], cells).map((l) => `  ${l}`));
    for (const r of rows) if (r.note !== '') pushAll(out, wrap(`  ${r.item}: ${r.note}`, width, '    '));
    out.push('');
  }
  return out.join('\n');
}
