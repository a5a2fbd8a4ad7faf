/**
 * compliance-heatmap: tier × strategy, the share of VMs meeting the tier's RPO and RTO targets.
 * Colour bands are thresholds around the 95% rule (compliance.ts) so "almost" is not painted green.
 */
import type { ResultsFile } from '../../models/results.js';
import { TARGET_MET_THRESHOLD } from '../compliance.js';
import { formatDuration, formatPercent } from '../../models/units/format.js';
import { SLIDE_HEIGHT, strategyLabels, topLevel, type ChartDef } from './spec-common.js';

export function complianceHeatmapChart(results: ResultsFile): ChartDef {
  const labels = strategyLabels(results);
  const threshold = TARGET_MET_THRESHOLD;
  const bands = [0.8, threshold, 0.99];
  const bandLabels = ['below 80%', `80% to ${threshold * 100}%`, `${threshold * 100}% to 99%`, '99% or more'];
  const band = (f: number): string => bandLabels[bands.filter((b) => f >= b).length]!;
  const cells: { strategy: string; tier: string; metric: string; fraction: number; band: string; text: string }[] = [];
  const tierLabels: string[] = [];
  for (const t of [...results.scenario.tiers].sort((a, b) => a.tier - b.tier)) {
    tierLabels.push(`Tier ${t.tier}`);
  }
  for (const s of results.strategies) {
    for (const t of s.summary.byTier) {
      const tier = `Tier ${t.tier}`;
      if (!tierLabels.includes(tier)) tierLabels.push(tier);
      for (const [metric, f] of [['RPO met', t.rpoTargetMet], ['RTO met', t.rtoTargetMet]] as const) {
        cells.push({ strategy: labels.get(s.id)!, tier, metric, fraction: f, band: band(f), text: formatPercent(f) });
      }
    }
  }
  const targets = results.scenario.tiers.map((t) => `tier ${t.tier}: RPO ${formatDuration(t.rpoTargetSeconds)}, RTO ${formatDuration(t.rtoTargetSeconds)}`).join('; ');
  const rowHeight = Math.min(60, Math.floor((SLIDE_HEIGHT - 170) / Math.max(1, results.strategies.length)));
  const spec = {
    ...topLevel('Which strategies meet which tier\'s targets', [
      `Share of VMs in each tier meeting its RPO and RTO target, averaged over trials. Targets: ${targets}.`,
    ], 'Heatmap of the share of VMs meeting RPO and RTO targets per tier and strategy.'),
    data: { values: cells },
    facet: { column: { field: 'metric', type: 'nominal', title: null, header: { labelFontSize: 14, labelFontWeight: 'bold' } } },
    spec: {
      width: 70 * tierLabels.length,
      height: rowHeight * results.strategies.length,
      layer: [
        {
          mark: { type: 'rect', stroke: 'white', strokeWidth: 2 },
          encoding: {
            color: {
              field: 'band', type: 'ordinal',
              scale: { domain: [...bandLabels].reverse(), range: ['#1a9850', '#d9ef8b', '#fc8d59', '#d73027'] },
              legend: { title: 'VMs meeting target', symbolType: 'square' },
            },
            tooltip: [{ field: 'strategy', title: 'Strategy' }, { field: 'tier', title: 'Tier' }, { field: 'metric', title: 'Target' }, { field: 'text', title: 'VMs meeting it' }],
          },
        },
        {
          mark: { type: 'text', fontSize: 13 },
          encoding: {
            text: { field: 'text' },
            color: { condition: { test: `datum.fraction < ${bands[0]} || datum.fraction >= ${bands[2]}`, value: 'white' }, value: 'black' },
          },
        },
      ],
      encoding: {
        x: { field: 'tier', type: 'ordinal', sort: tierLabels, axis: { title: null, orient: 'top', labelAngle: 0 } },
        y: { field: 'strategy', type: 'nominal', sort: [...labels.values()], axis: { title: null, labelFontSize: 13 } },
      },
    },
    resolve: { axis: { y: 'shared' } },
  };
  return {
    name: 'compliance-heatmap',
    title: 'Target compliance per tier',
    caption: `Green cells meet the report's bar (at least ${threshold * 100}% of the tier's VMs meet the target); orange and red cells are where a strategy falls short.`,
    spec,
  };
}
