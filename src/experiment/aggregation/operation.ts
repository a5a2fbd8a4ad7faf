/**
 * Normal operation over trials: whether the plan is sustainable (the simulated lag's trend, explained by the
 * formula: sustainability.ts), the DR storage it holds, and what it does to production (per-horizon figures
 * scaled to a year).
 */
import { HOURS_PER_YEAR } from '../../models/cost/strategy-cost.js';
import type { ProductionImpact, StorageNeed, Sustainability } from '../../models/results.js';
import type { Scenario } from '../../models/scenario/model.js';
import { round } from '../summarize.js';
import { StoresAccumulator } from './stores.js';
import type { StrategyTrialRecord } from '../trial.js';
import { SustainabilityAccumulator } from './sustainability.js';

const SECONDS_PER_YEAR = HOURS_PER_YEAR * 3600;

export interface Operation {
  sustainability: Sustainability;
  storage: StorageNeed;
  productionImpact: ProductionImpact;
  /** Unrounded, for the penalties. */
  haltedHoursPerYear: number;
  /** Production held back by throttled writes, at the applications' slowdown cost, per year (unrounded). */
  throttlePenaltyPerYear: number;
  /** The same per application (indices of scenario.applications). */
  throttlePenaltyPerYearByApplication: Float64Array;
  /** Of the bytes synchronously replicated VMs wrote, the share throttled (over all trials; 0 without sync). */
  syncThrottledFraction: number;
  /** Whether any VM is synchronously replicated (it wrote through a sync relationship). */
  syncReplicated: boolean;
}

export function aggregateOperation(scenario: Scenario, trials: StrategyTrialRecord[]): Operation {
  const acc = new OperationAccumulator(scenario);
  for (const t of trials) acc.add(t);
  return acc.finish();
}

/** Sums (in trial order) and the worst trial, one trial at a time. */
export class OperationAccumulator {
  private trials = 0;
  private readonly sums = {
    replica: 0, snapshot: 0, journal: 0, backupMedia: 0, syncLatency: 0,
    throttledPerYear: 0, throttledVmPerYear: 0, haltedPerYear: 0, agentPerYear: 0, throttledCostPerYear: 0,
    throttled: 0, syncWritten: 0,
  };
  private readonly throttledCostPerYearByApplication: Float64Array;
  private readonly stores: StoresAccumulator;
  private readonly sustainability: SustainabilityAccumulator;

  constructor(scenario: Scenario) {
    this.throttledCostPerYearByApplication = new Float64Array(scenario.applications.length);
    this.stores = new StoresAccumulator(scenario);
    this.sustainability = new SustainabilityAccumulator(scenario);
  }

  add(t: StrategyTrialRecord): void {
    this.trials++;
    this.sustainability.add(t);
    const s = this.sums;
    const perYear = (x: number) => (x * SECONDS_PER_YEAR) / t.protectionHorizonSeconds;
    s.replica += t.storage.replicaBytes;
    s.snapshot += t.storage.snapshotBytes;
    s.journal += t.storage.journalBytes;
    s.backupMedia += t.storage.backupMediaBytes;
    s.syncLatency += t.impact.syncWriteLatencySeconds;
    s.throttledPerYear += perYear(t.impact.throttledBytes);
    s.throttledVmPerYear += perYear(t.impact.throttledVmSeconds);
    s.haltedPerYear += perYear(t.impact.haltedSeconds);
    s.agentPerYear += perYear(t.impact.agentVcpuSeconds);
    for (const c of t.impact.throttledCosts) {
      s.throttledCostPerYear += perYear(c.cost);
      this.throttledCostPerYearByApplication[c.application] += perYear(c.cost);
    }
    s.throttled += t.impact.throttledBytes;
    s.syncWritten += t.impact.syncWrittenBytes;
    this.stores.add(t);
  }

  finish(): Operation {
    const s = this.sums;
    const mean = (sum: number) => sum / Math.max(1, this.trials);
    const storage = {
      replicaBytes: round(mean(s.replica)),
      snapshotBytes: round(mean(s.snapshot)),
      journalBytes: round(mean(s.journal)),
      backupMediaBytes: round(mean(s.backupMedia)),
      totalBytes: 0,
      stores: this.stores.finish(),
    };
    storage.totalBytes = round(storage.replicaBytes + storage.snapshotBytes + storage.journalBytes + storage.backupMediaBytes);
    const haltedHoursPerYear = mean(s.haltedPerYear) / 3600;
    return {
      sustainability: this.sustainability.finish(),
      storage,
      productionImpact: {
        syncWriteLatencySeconds: round(mean(s.syncLatency)),
        throttledBytesPerYear: round(mean(s.throttledPerYear)),
        throttledVmHoursPerYear: round(mean(s.throttledVmPerYear) / 3600),
        haltedHoursPerYear: round(haltedHoursPerYear),
        agentOverheadVcpuHoursPerYear: round(mean(s.agentPerYear) / 3600),
      },
      haltedHoursPerYear,
      throttlePenaltyPerYear: mean(s.throttledCostPerYear),
      throttlePenaltyPerYearByApplication: this.throttledCostPerYearByApplication.map(mean),
      syncThrottledFraction: s.syncWritten > 0 ? round(Math.min(1, s.throttled / s.syncWritten)) : 0,
      syncReplicated: s.syncWritten > 0,
    };
  }
}
