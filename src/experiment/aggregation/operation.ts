/**
 * Normal operation over trials: whether the plan is sustainable (the simulated lag's trend, explained by the
 * formula: sustainability.ts), the DR storage it holds, and what it does to production (per-horizon figures
 * scaled to a year).
 */
import { HOURS_PER_YEAR } from '../../models/cost/strategy-cost.js';
import type { ProductionImpact, StorageNeed, Sustainability } from '../../models/results.js';
import type { Scenario } from '../../models/scenario/model.js';
import { round } from '../summarize.js';
import { aggregateStores } from './stores.js';
import type { StrategyTrialRecord } from '../trial.js';
import { aggregateSustainability } from './sustainability.js';

const SECONDS_PER_YEAR = HOURS_PER_YEAR * 3600;

export interface Operation {
  sustainability: Sustainability;
  storage: StorageNeed;
  productionImpact: ProductionImpact;
  /** Unrounded, for the penalties. */
  haltedHoursPerYear: number;
  /** Production held back by throttled writes, at the VMs' downtime cost, per year (unrounded). */
  throttlePenaltyPerYear: number;
}

export function aggregateOperation(scenario: Scenario, trials: StrategyTrialRecord[]): Operation {
  const n = trials.length;

  const meanOf = (f: (t: StrategyTrialRecord) => number) => trials.reduce((a, t) => a + f(t), 0) / Math.max(1, n);
  const storage = {
    replicaBytes: round(meanOf((t) => t.storage.replicaBytes)),
    snapshotBytes: round(meanOf((t) => t.storage.snapshotBytes)),
    journalBytes: round(meanOf((t) => t.storage.journalBytes)),
    backupMediaBytes: round(meanOf((t) => t.storage.backupMediaBytes)),
    totalBytes: 0,
    stores: aggregateStores(scenario, trials),
  };
  storage.totalBytes = round(storage.replicaBytes + storage.snapshotBytes + storage.journalBytes + storage.backupMediaBytes);
  const perYear = (f: (t: StrategyTrialRecord) => number) => meanOf((t) => (f(t) * SECONDS_PER_YEAR) / t.protectionHorizonSeconds);
  const haltedHoursPerYear = perYear((t) => t.impact.haltedSeconds) / 3600;
  return {
    sustainability: aggregateSustainability(scenario, trials),
    storage,
    productionImpact: {
      syncWriteLatencySeconds: round(meanOf((t) => t.impact.syncWriteLatencySeconds)),
      throttledBytesPerYear: round(perYear((t) => t.impact.throttledBytes)),
      throttledVmHoursPerYear: round(perYear((t) => t.impact.throttledVmSeconds) / 3600),
      haltedHoursPerYear: round(haltedHoursPerYear),
      agentOverheadVcpuHoursPerYear: round(perYear((t) => t.impact.agentVcpuSeconds) / 3600),
    },
    haltedHoursPerYear,
    throttlePenaltyPerYear: perYear((t) => t.impact.throttledCost),
  };
}
