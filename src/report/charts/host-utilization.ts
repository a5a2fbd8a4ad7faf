/**
 * dr-host-utilization-<strategy>: CPU and RAM of the DR hosts during the representative recovery.
 * Up to MAX_HOST_LINES hosts get a line each; beyond that a line per host is noise (and megabytes of
 * inlined data), so the chart shows the mean over hosts with a min–max band on a common time grid.
 */
import type { ResultsFile, StrategyResult } from '../../models/results.js';
import { topLevel, plotWidthBesideLegend, type ChartDef, type VlSpec } from './spec-common.js';
import { timeAxis } from './time-axis.js';
import { maxOf, minOf } from '../../sim/array-extremes.js';

export const MAX_HOST_LINES = 8;
const GRID_POINTS = 200;

type Host = NonNullable<StrategyResult['timeline']>['hostUtilization'][number];

/** Value of a sampled step function at t: the last sample at or before t (0 before the first). */
function valueAt(times: number[], values: number[], t: number): number {
  let lo = 0; let hi = times.length - 1; let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found < 0 ? 0 : values[found]!;
}

interface Row { host: string; resource: string; seconds: number; fraction: number; low?: number; high?: number }

function perHostRows(hosts: Host[]): Row[] {
  return hosts.flatMap((h) => h.timeSeconds.flatMap((t, i) => [
    { host: h.host, resource: 'CPU', seconds: t, fraction: h.cpuFraction[i]! },
    { host: h.host, resource: 'RAM', seconds: t, fraction: h.ramFraction[i]! },
  ]));
}

function aggregateRows(hosts: Host[]): Row[] {
  const end = Math.max(0, maxOf(hosts.map((h) => h.timeSeconds[h.timeSeconds.length - 1] ?? 0)));
  const rows: Row[] = [];
  for (let k = 0; k <= GRID_POINTS; k++) {
    const t = (end * k) / GRID_POINTS;
    for (const resource of ['CPU', 'RAM'] as const) {
      const vals = hosts.map((h) => valueAt(h.timeSeconds, resource === 'CPU' ? h.cpuFraction : h.ramFraction, t));
      rows.push({ host: 'all', resource, seconds: t, fraction: vals.reduce((s, v) => s + v, 0) / vals.length, low: minOf(vals), high: maxOf(vals) });
    }
  }
  return rows;
}

export function hostUtilizationChart(results: ResultsFile, s: StrategyResult, label: string): ChartDef | null {
  const hosts = s.timeline?.hostUtilization ?? [];
  if (hosts.length === 0 || hosts.every((h) => h.timeSeconds.length === 0)) return null;
  const aggregate = hosts.length > MAX_HOST_LINES;
  const rows = aggregate ? aggregateRows(hosts) : perHostRows(hosts);
  const axis = timeAxis(rows.map((r) => r.seconds), { title: 'Time after the disaster struck' });
  const legendLabels = aggregate ? ['min–max over hosts'] : hosts.map((h) => h.host);
  const width = plotWidthBesideLegend(legendLabels, 80);
  const x = { field: 'x', type: 'quantitative', scale: axis.scale, axis: axis.axis };
  const panel = (resource: 'CPU' | 'RAM', last: boolean): VlSpec => {
    const y = { field: 'fraction', type: 'quantitative', scale: { domain: [0, 1] }, axis: { title: `${resource} used`, format: '.0%' } };
    const xHere = last ? x : { ...x, axis: { ...axis.axis, title: null, labels: false } };
    const base = { transform: [{ filter: `datum.resource == '${resource}'` }, axis.transform('seconds', 'x')] };
    const layers: VlSpec[] = aggregate
      ? [
        { ...base, mark: { type: 'area', color: '#4c78a8', opacity: 0.25, interpolate: 'step-after' }, encoding: { x: xHere, y: { field: 'low', type: 'quantitative', scale: { domain: [0, 1] }, axis: y.axis }, y2: { field: 'high' } } },
        { ...base, mark: { type: 'line', color: '#4c78a8', strokeWidth: 2, interpolate: 'step-after' }, encoding: { x: xHere, y } },
      ]
      : [{ ...base, mark: { type: 'line', strokeWidth: 1.8, interpolate: 'step-after' }, encoding: { x: xHere, y, color: { field: 'host', type: 'nominal', legend: { title: 'DR host' } } } }];
    return { width, height: 130, layer: layers };
  };
  const subtitle = aggregate
    ? `${hosts.length} DR hosts: line = mean over hosts, band = least to most loaded host. Before preemption the hosts run dev/test.`
    : `One line per DR host (${hosts.map((h) => h.model).filter((m, i, a) => a.indexOf(m) === i).join(', ')}). Before preemption the hosts run dev/test.`;
  const spec = {
    ...topLevel(`DR host load during recovery: ${label}`, [subtitle], `CPU and RAM use of DR hosts over the recovery for ${label}.`),
    data: { values: rows },
    vconcat: [panel('CPU', false), panel('RAM', true)],
    spacing: 12,
  };
  return {
    name: `dr-host-utilization-${s.id}`,
    title: `DR host load: ${label}`,
    caption: 'How full the DR hosts get as VMs come up. RAM near 100% means the next VMs wait for capacity; CPU can be overcommitted, RAM usually not.',
    spec,
  };
}
