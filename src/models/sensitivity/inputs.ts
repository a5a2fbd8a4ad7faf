/**
 * What each uncertain input is in the model, and the scenario with it multiplied by a factor. The scenario
 * is copied (a simulated scenario is frozen), and nothing random changes with the factor: failures are
 * drawn at the same moments, recoveries with the same random numbers (common random numbers), so a
 * difference in results is the input's effect. A factor of exactly 1 returns an unchanged copy.
 *
 * Penalty inputs scale hourly rates only: contractual steps (`downtimePenalties`) are amounts a contract
 * states, not estimates.
 */
import { methodDefinition } from '../protection/methods/registry.js';
import { compressionAtRatioFactor } from '../protection/methods/method.js';
import type { FailureRate, Scenario } from '../scenario/model.js';
import { scaleDistribution } from '../../sim/distribution-scale.js';
import { formatDuration } from '../units/format.js';
import type { SensitivityInputKey } from './input-keys.js';

export interface SensitivityInput {
  key: SensitivityInputKey;
  /** Words for tables and chart axes. */
  label: string;
  /** Why the input does not apply to a scenario (nothing to scale), or null when it does. */
  notApplicable(scenario: Scenario): string | null;
  /** The input's value at `factor` in the scenario's words when it is one number ("0.01/year"); else null. */
  valueText(scenario: Scenario, factor: number): string | null;
  /** Multiplies the input by `factor` in `scenario` (a private copy: changed in place). */
  scale(scenario: Scenario, factor: number): void;
  /** Whether annual penalties are proportional to it, others fixed (break-even solves the linear relation). */
  linear: boolean;
}

const PER_YEAR = (x: number) => `${Number(x.toPrecision(3))}/year`;

function rateInput(key: SensitivityInputKey, label: string, pick: (s: Scenario) => FailureRate | null): SensitivityInput {
  return {
    key,
    label,
    linear: true,
    // A rate of zero is "not modelled": no event is drawn, and no multiple of zero changes that.
    notApplicable: (s) => ((pick(s)?.perYear ?? 0) > 0 ? null : 'not in the failure model'),
    valueText: (s, f) => PER_YEAR((pick(s)?.perYear ?? 0) * f),
    scale: (s, f) => { const r = pick(s); if (r !== null) r.perYear *= f; },
  };
}

/** Corruption events a year for the estate, over every source. */
const corruptionPerYear = (s: Scenario): number => s.failures.corruption.reduce((a, c) => a + c.perYear, 0);

const anyApplication = (s: Scenario, field: 'downtime' | 'dataLoss') => s.applications.some((a) => a[field].perHour > 0);

export const SENSITIVITY_INPUTS: Record<SensitivityInputKey, SensitivityInput> = {
  siteDisasterRate: rateInput('siteDisasterRate', 'Site disaster rate', (s) => s.failures.siteDisaster),
  hostFailureRate: rateInput('hostFailureRate', 'Host failure rate', (s) => s.failures.hostFailure),
  storageFailureRate: rateInput('storageFailureRate', 'Storage failure rate', (s) => s.failures.storageFailure),
  // Corruption is one or more sources (scopes), each with its rate: all of them scale together.
  corruptionRate: {
    key: 'corruptionRate',
    label: 'Corruption rate',
    linear: true,
    notApplicable: (s) => (corruptionPerYear(s) > 0 ? null : 'not in the failure model'),
    valueText: (s, f) => PER_YEAR(corruptionPerYear(s) * f),
    scale: (s, f) => { for (const c of s.failures.corruption) c.perYear *= f; },
  },
  downtimeCost: {
    key: 'downtimeCost',
    label: 'Downtime cost per hour',
    linear: true,
    notApplicable: (s) => (anyApplication(s, 'downtime') ? null : 'no application has a downtime cost'),
    valueText: () => null,
    scale: (s, f) => {
      for (const a of s.applications) a.downtime.perHour *= f;
      // Production held back by throttled writes is charged at the slowdown rate: by default a share of the
      // application's downtime rate (scaled above), else the VM's own, scaled alike.
      for (const v of s.vms) {
        v.downtimeCostPerHour *= f;
        if (v.slowdownCostPerHour !== null) v.slowdownCostPerHour *= f;
      }
    },
  },
  dataLossCost: {
    key: 'dataLossCost',
    label: 'Data-loss cost per hour of updates',
    linear: true,
    notApplicable: (s) => (anyApplication(s, 'dataLoss') ? null : 'no application has a data-loss cost'),
    valueText: () => null,
    scale: (s, f) => {
      for (const a of s.applications) a.dataLoss.perHour *= f;
      for (const v of s.vms) v.dataLossCostPerHour *= f;
    },
  },
  unrecoveredOutage: {
    key: 'unrecoveredOutage',
    label: 'Outage charged when DR fails',
    linear: false,
    notApplicable: () => null,
    valueText: (s, f) => formatDuration(s.costs.unrecoveredOutageSeconds * f),
    scale: (s, f) => { s.costs.unrecoveredOutageSeconds *= f; },
  },
  changeRate: {
    key: 'changeRate',
    label: 'Change rate (writes)',
    linear: false,
    notApplicable: (s) => (s.workloads.some((w) => w.averageWriteBytesPerSecond > 0) ? null : 'no workload writes'),
    valueText: () => null,
    scale: (s, f) => {
      for (const w of s.workloads) { w.averageWriteBytesPerSecond *= f; w.peakWriteBytesPerSecond *= f; }
    },
  },
  compressionRatio: {
    key: 'compressionRatio',
    label: 'Compression ratio',
    linear: false,
    // Applies when doubling the ratio changes something: a workload or a method that compresses.
    notApplicable: (s) => {
      const doubled = structuredClone(s);
      SENSITIVITY_INPUTS.compressionRatio.scale(doubled, 2);
      return JSON.stringify([doubled.workloads, doubled.strategies]) === JSON.stringify([s.workloads, s.strategies]) ? 'nothing is compressed' : null;
    },
    valueText: () => null,
    scale: (s, f) => {
      for (const w of s.workloads) w.compression = compressionAtRatioFactor(w.compression, f);
      for (const st of s.strategies) for (const a of st.assignments) {
        a.methods = a.methods.map((m) => methodDefinition(m).withCompressionRatioScaled?.(m, f) ?? m);
      }
    },
  },
  declarationTime: {
    key: 'declarationTime',
    label: 'Time to declare a disaster',
    linear: false,
    notApplicable: () => null,
    valueText: () => null,
    scale: (s, f) => { for (const st of s.strategies) st.recovery.declarationSeconds = scaleDistribution(st.recovery.declarationSeconds, f); },
  },
};

/** A copy of `scenario` with one input multiplied by `factor` (an unchanged copy for a factor of 1). */
export function scenarioWithInput(scenario: Scenario, key: SensitivityInputKey, factor: number): Scenario {
  const copy = structuredClone(scenario);
  if (factor !== 1) SENSITIVITY_INPUTS[key].scale(copy, factor);
  return copy;
}
