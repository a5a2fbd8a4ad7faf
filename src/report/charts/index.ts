/** Every chart of a report, in the order the HTML report shows them. */
import type { ResultsFile } from '../../models/results.js';
import { cdfChart } from './cdf.js';
import { complianceHeatmapChart } from './compliance-heatmap.js';
import { costBreakdownChart } from './cost-breakdown.js';
import { costVsTargetsChart } from './cost-vs-targets.js';
import { hostUtilizationChart } from './host-utilization.js';
import { recoveryTimelineChart } from './recovery-timeline.js';
import { strategyLabels, type ChartDef } from './spec-common.js';
import { wanWeekChart } from './wan-week.js';

export type { ChartDef } from './spec-common.js';

export function buildCharts(results: ResultsFile): ChartDef[] {
  const labels = strategyLabels(results);
  const perStrategy = results.strategies.flatMap((s) => [
    recoveryTimelineChart(results, s, labels.get(s.id)!),
    hostUtilizationChart(results, s, labels.get(s.id)!),
  ]).filter((c): c is ChartDef => c !== null);
  return [
    costVsTargetsChart(results),
    costBreakdownChart(results),
    complianceHeatmapChart(results),
    cdfChart(results, 'rpo'),
    cdfChart(results, 'rto'),
    wanWeekChart(results),
    ...perStrategy,
  ];
}
