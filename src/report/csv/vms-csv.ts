/**
 * vms.csv: a row per VM × strategy (10,000 VMs × 4 strategies = 40k rows), streamed through
 * csv-stringify so the table is never held in memory as one string.
 */
import { stringify } from 'csv-stringify';
import { Readable, type Transform } from 'node:stream';
import type { ResultsFile } from '../../models/results.js';
import { TARGET_MET_THRESHOLD } from '../compliance.js';
import { CSV_OPTIONS } from './cast.js';

export const VMS_COLUMNS = [
  'strategy_id', 'vm', 'tier', 'priority', 'methods', 'rpo_target_seconds', 'rto_target_seconds',
  'rpo_mean_seconds', 'rpo_p50_seconds', 'rpo_p95_seconds', 'rpo_p99_seconds', 'rpo_max_seconds',
  'rto_mean_seconds', 'rto_p50_seconds', 'rto_p95_seconds', 'rto_p99_seconds', 'rto_max_seconds',
  'rpo_target_met_fraction', 'rto_target_met_fraction', 'not_recovered_fraction', 'rpo_met', 'rto_met',
] as const;

function* rows(results: ResultsFile): Generator<unknown[]> {
  for (const s of results.strategies) {
    for (const v of s.vms) {
      const r = v.rpoSeconds;
      const t = v.rtoSeconds;
      yield [
        s.id, v.name, v.tier, v.priority, v.methods.join(' '), v.rpoTargetSeconds, v.rtoTargetSeconds,
        r.mean, r.p50, r.p95, r.p99, r.max, t.mean, t.p50, t.p95, t.p99, t.max,
        v.rpoTargetMet, v.rtoTargetMet, v.notRecovered,
        v.rpoTargetMet >= TARGET_MET_THRESHOLD, v.rtoTargetMet >= TARGET_MET_THRESHOLD && v.notRecovered === 0,
      ];
    }
  }
}

/** The rows as a stream and the csv-stringify transform that turns them into vms.csv text. */
export function vmsCsvStreams(results: ResultsFile): { rows: Readable; csv: Transform } {
  return { rows: Readable.from(rows(results)), csv: stringify({ ...CSV_OPTIONS, columns: [...VMS_COLUMNS] }) };
}
