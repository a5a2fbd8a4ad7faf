/**
 * recovery-timeline-<strategy>: Gantt chart of the representative disaster, a bar per VM and
 * recovery step, coloured by priority group; waiting steps are pale so the work stands out. Big
 * estates are capped at the first MAX_TIMELINE_VMS VMs by priority (a slide cannot show 10,000 rows)
 * and the rest is summarized in the subtitle.
 */
import type { RecoveryStep, ResultsFile, StrategyResult, TimelineVm } from '../../models/results.js';
import { formatCount, formatDuration } from '../../models/units/format.js';
import { SLIDE_WIDTH, topLevel, type ChartDef } from './spec-common.js';
import { timeAxis } from './time-axis.js';
import { maxOf } from '../../sim/array-extremes.js';

export const MAX_TIMELINE_VMS = 40;

const WAITING: ReadonlySet<RecoveryStep> = new Set(['detection', 'declaration', 'wait-capacity', 'wait-dependencies', 'power-on-queue']);
const PRIORITY_COLORS = ['#b2182b', '#ef8a62', '#67a9cf', '#2166ac', '#5aae61', '#7b3294', '#999999'];

export const NOT_RECOVERED_WORDS: Record<string, string> = {
  'no-capacity': 'no DR capacity',
  'no-clean-point': 'no clean recovery point',
  'not-offsite': 'no copy offsite',
  'not-protected': 'not protected',
};

function lastEnd(vm: TimelineVm): number {
  return vm.steps.reduce((m, s) => Math.max(m, s.endSeconds), 0);
}

/** Highest priority first (1 is first), then the order recovery finished. */
export function timelineOrder(vms: TimelineVm[]): TimelineVm[] {
  return [...vms].sort((a, b) => a.priority - b.priority || lastEnd(a) - lastEnd(b) || a.name.localeCompare(b.name));
}

function summaryNote(vms: TimelineVm[], shown: number): string {
  const recovered = vms.filter((v) => v.outcome === 'recovered');
  const lost = vms.length - recovered.length;
  const finish = recovered.length ? formatDuration(maxOf(recovered.map(lastEnd))) : 'never';
  const head = shown < vms.length ? `Showing the first ${shown} of ${formatCount(vms.length)} VMs by priority. ` : '';
  const byReason = new Map<string, number>();
  for (const v of vms) if (v.outcome !== 'recovered') byReason.set(v.outcome, (byReason.get(v.outcome) ?? 0) + 1);
  const reasons = [...byReason.entries()].map(([r, n]) => `${NOT_RECOVERED_WORDS[r] ?? r}: ${formatCount(n)}`).join(', ');
  return `${head}All ${formatCount(vms.length)} VMs: ${formatCount(recovered.length)} recovered, the last after ${finish}` +
    (lost ? `; ${formatCount(lost)} not recovered (${reasons}).` : '.');
}

export function recoveryTimelineChart(results: ResultsFile, s: StrategyResult, label: string): ChartDef | null {
  const timeline = s.timeline;
  if (!timeline || timeline.vms.length === 0) return null;
  const ordered = timelineOrder(timeline.vms);
  const shown = ordered.slice(0, MAX_TIMELINE_VMS);
  const bars = shown.flatMap((vm, row) => vm.steps.map((st) => ({
    vm: vm.name, row, priority: `Priority ${vm.priority}`, tier: vm.tier, host: vm.host ?? 'none', step: st.step,
    waiting: WAITING.has(st.step), startSeconds: st.startSeconds, endSeconds: st.endSeconds,
    start: formatDuration(st.startSeconds), end: formatDuration(st.endSeconds),
  })));
  const lost = shown.filter((v) => v.outcome !== 'recovered').map((v) => ({
    vm: v.name, endSeconds: lastEnd(v), text: `not recovered: ${NOT_RECOVERED_WORDS[v.outcome] ?? v.outcome}`,
  }));
  const axis = timeAxis(bars.map((b) => b.endSeconds), { title: 'Time after the disaster struck' });
  // Colours by every priority of the estate (stable across strategies); the legend lists only those drawn.
  const priorities = [...new Set(timeline.vms.map((v) => v.priority))].sort((a, b) => a - b).map((p) => `Priority ${p}`);
  const drawn = priorities.filter((p) => bars.some((b) => b.priority === p));
  const y = { field: 'vm', type: 'nominal', sort: shown.map((v) => v.name), axis: { title: null, labelFontSize: shown.length > 25 ? 9 : 11 } };
  const spec = {
    ...topLevel(`Recovery of a representative disaster: ${label}`, [
      `${timeline.kind} (trial ${timeline.trial}, the one with the median RTO p95). Pale: waiting (detection, declaration, queues); solid: preemption, replica promotion, restore, boot, application recovery.`,
      summaryNote(timeline.vms, shown.length),
    ], `Gantt chart of recovery steps per VM for ${label}.`),
    width: SLIDE_WIDTH - 320,
    height: Math.max(120, shown.length * (shown.length > 25 ? 10 : 16)),
    layer: [
      {
        data: { values: bars },
        transform: [axis.transform('startSeconds', 'x'), axis.transform('endSeconds', 'x2')],
        mark: { type: 'bar', height: { band: 0.75 } },
        encoding: {
          y,
          x: { field: 'x', type: 'quantitative', scale: axis.scale, axis: axis.axis },
          x2: { field: 'x2' },
          color: { field: 'priority', type: 'nominal', scale: { domain: priorities, range: priorities.map((_, i) => PRIORITY_COLORS[i % PRIORITY_COLORS.length]) }, legend: { title: 'Priority group', values: drawn } },
          opacity: { condition: { test: 'datum.waiting', value: 0.25 }, value: 1 },
          tooltip: [
            { field: 'vm', title: 'VM' }, { field: 'tier', title: 'Tier' }, { field: 'step', title: 'Step' },
            { field: 'start', title: 'From' }, { field: 'end', title: 'To' }, { field: 'host', title: 'DR host' },
          ],
        },
      },
      ...(lost.length ? [{
        data: { values: lost },
        transform: [axis.transform('endSeconds', 'x')],
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#b2182b' },
        encoding: { y, x: { field: 'x', type: 'quantitative' }, text: { field: 'text' } },
      }] : []),
    ],
  };
  return {
    name: `recovery-timeline-${s.id}`,
    title: `Recovery timeline: ${label}`,
    caption: 'One row per VM, in priority order: how long it waits, restores, boots and recovers its application after a site disaster.',
    spec,
  };
}
