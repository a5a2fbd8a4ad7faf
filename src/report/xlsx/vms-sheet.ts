/** The per-VM sheet: a row per VM × strategy (40,000 rows for 10,000 VMs and 4 strategies), generated as it is written. */
import type { ResultsFile } from '../../models/results.js';
import { strategyLabels } from '../charts/spec-common.js';
import { durationCell, inUnit, unitFor, type CellValue, type SheetTable } from './table.js';

export function vmsSheet(results: ResultsFile): SheetTable | null {
  if (results.strategies.every((s) => s.vms.length === 0)) return null;
  const labels = strategyLabels(results);
  let maxRpo = 0;
  let maxRto = 0;
  for (const s of results.strategies) {
    for (const v of s.vms) {
      maxRpo = Math.max(maxRpo, v.rpoTargetSeconds, v.rpoSeconds.p95 ?? 0);
      maxRto = Math.max(maxRto, v.rtoTargetSeconds, v.rtoSeconds.p95 ?? 0);
    }
  }
  const rpoUnit = unitFor([maxRpo]);
  const rtoUnit = unitFor([maxRto]);
  return {
    name: 'Per-VM results',
    columns: [
      { header: 'Strategy', kind: 'text' }, { header: 'VM', kind: 'text' }, { header: 'Tier', kind: 'count' }, { header: 'Priority', kind: 'count' }, { header: 'Methods', kind: 'text' },
      { header: `RPO target (${rpoUnit.name})`, kind: 'duration' }, { header: `RTO target (${rtoUnit.name})`, kind: 'duration' },
      { header: `RPO mean (${rpoUnit.name})`, kind: 'duration' }, { header: `RPO p95 (${rpoUnit.name})`, kind: 'duration' }, { header: `RPO max (${rpoUnit.name})`, kind: 'duration' },
      { header: `RTO mean (${rtoUnit.name})`, kind: 'duration' }, { header: `RTO p95 (${rtoUnit.name})`, kind: 'duration' }, { header: `RTO max (${rtoUnit.name})`, kind: 'duration' },
      { header: 'Trials meeting RPO target', kind: 'fraction' }, { header: 'Trials meeting RTO target', kind: 'fraction' }, { header: 'Trials not recovered', kind: 'fraction' },
    ],
    rows: function* (): Generator<CellValue[]> {
      for (const s of results.strategies) {
        const label = labels.get(s.id)!;
        for (const v of s.vms) {
          const r = v.rpoSeconds;
          const t = v.rtoSeconds;
          yield [
            label, v.name, v.tier, v.priority, v.methods.join(' '), inUnit(v.rpoTargetSeconds, rpoUnit), inUnit(v.rtoTargetSeconds, rtoUnit),
            durationCell(r.mean, r, rpoUnit), durationCell(r.p95, r, rpoUnit), durationCell(r.max, r, rpoUnit),
            durationCell(t.mean, t, rtoUnit), durationCell(t.p95, t, rtoUnit), durationCell(t.max, t, rtoUnit),
            v.rpoTargetMet, v.rtoTargetMet, v.notRecovered,
          ];
        }
      }
    },
  };
}
