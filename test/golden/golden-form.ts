/**
 * The golden form of a results file: what a fixed small run must reproduce exactly, kept small enough to
 * commit and to read in a diff. Every number of the results is kept except the bulky parts, which are
 * replaced by digests (so any change still shows): the 101-point CDFs, the per-VM rows of large estates
 * (a sample of them is kept as numbers), and the representative recovery timeline's steps.
 */
import { createHash } from 'node:crypto';
import type { ResultsFile, StrategyResult, Summary } from '../../src/models/results.js';

/** Estates up to this many VMs keep every VM's row; larger ones keep every k-th row plus a digest. */
export const ALL_VM_ROWS_UP_TO = 250;
const SAMPLED_VM_ROWS = 100;

export type GoldenSummary = Omit<Summary, 'cdf'>;

/** One VM's outcome as a fixed-order row (one line in the file). */
export const VM_ROW_FIELDS = [
  'tier', 'rpo.mean', 'rpo.p95', 'rpo.max', 'rto.mean', 'rto.p95', 'rto.max', 'rpoTargetMet', 'rtoTargetMet', 'notRecovered',
] as const;

export function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

/** Replaces every Summary's cdf (anywhere in the tree) by nothing; the cdfs are digested separately. */
function withoutCdfs<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'cdf' ? undefined : v))) as T;
}

function vmRow(vm: StrategyResult['vms'][number]): (number | null)[] {
  return [vm.tier, vm.rpoSeconds.mean, vm.rpoSeconds.p95, vm.rpoSeconds.max, vm.rtoSeconds.mean, vm.rtoSeconds.p95, vm.rtoSeconds.max, vm.rpoTargetMet, vm.rtoTargetMet, vm.notRecovered];
}

function goldenStrategy(s: StrategyResult) {
  const { vms, timeline, ...rest } = s;
  const step = vms.length <= ALL_VM_ROWS_UP_TO ? 1 : Math.ceil(vms.length / SAMPLED_VM_ROWS);
  const rows: Record<string, (number | null)[]> = {};
  for (let i = 0; i < vms.length; i += step) rows[vms[i].name] = vmRow(vms[i]);
  return {
    ...withoutCdfs(rest),
    cdfDigest: digest({ summary: [s.summary.rpoSeconds.cdf, s.summary.rtoSeconds.cdf], tiers: s.summary.byTier.map((t) => [t.rpoSeconds.cdf, t.rtoSeconds.cdf]), failures: s.failures.map((f) => [f.rpoSeconds.cdf, f.rtoSeconds.cdf]) }),
    vmRowFields: VM_ROW_FIELDS,
    vmRows: rows,
    vmRowsSampled: step > 1 ? `every ${step}th of ${vms.length} VMs; the rest are in vmsDigest` : false,
    vmsDigest: digest(vms),
    timeline: timeline === null ? null : {
      kind: timeline.kind,
      trial: timeline.trial,
      vms: timeline.vms.length,
      recovered: timeline.vms.filter((v) => v.outcome === 'recovered').length,
      lastStepEndSeconds: timeline.vms.reduce((m, v) => v.steps.reduce((mm, st) => Math.max(mm, st.endSeconds), m), 0),
      hosts: timeline.hostUtilization.length,
      digest: digest(timeline),
    },
  };
}

export type GoldenResults = ReturnType<typeof goldenForm>;

export function goldenForm(results: ResultsFile) {
  const { strategies, generatedBy: _version, ...rest } = results;
  return { ...withoutCdfs(rest), strategies: strategies.map(goldenStrategy) };
}

/**
 * JSON with two-space indentation, but arrays of plain numbers or strings on one line: a VM row, a
 * week of WAN traffic and a list of flags each read as one line in a diff.
 */
export function formatGolden(value: unknown): string {
  const flat = (v: unknown) => Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object');
  const write = (v: unknown, indent: string): string => {
    if (flat(v)) return JSON.stringify(v);
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[\n${v.map((x) => `${indent}  ${write(x, `${indent}  `)}`).join(',\n')}\n${indent}]`;
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v).filter(([, x]) => x !== undefined);
      if (entries.length === 0) return '{}';
      return `{\n${entries.map(([k, x]) => `${indent}  ${JSON.stringify(k)}: ${write(x, `${indent}  `)}`).join(',\n')}\n${indent}}`;
    }
    return JSON.stringify(v);
  };
  return `${write(value, '')}\n`;
}
