/**
 * What a run will cost before it starts: VM-trials to simulate (VMs × strategies × trials) and the memory
 * the trial records and per-VM results take until aggregation is done. A scenario asking for 10⁹ trials,
 * or millions of VMs × thousands of trials, is refused up front with the estimate (exit 2) instead of
 * running for hours into an out-of-memory abort. `--allow-large` lifts the work limit and raises the
 * memory limit to most of the machine's memory; what cannot fit at all is refused even then.
 */
import { getHeapStatistics } from 'node:v8';
import { totalmem } from 'node:os';
import type { Scenario } from '../models/scenario/model.js';

/** The design's budget: 10,000 VMs × 100 trials × 4 strategies in ~60 s on two cores. */
export const VM_TRIALS_PER_CORE_SECOND = 30_000;
/** Default limit on VM-trials per run: about an hour on two cores at the design's budget. */
export const DEFAULT_MAX_VM_TRIALS = 200_000_000;
/** Default limit on the memory a run's records and results may take. */
export const DEFAULT_MAX_MEMORY_BYTES = 2 * 2 ** 30;

/** A record keeps, per failure event and VM: its index (4 B), RPO and RTO (8 B each), outcome (1 B). */
const BYTES_PER_EVENT_VM = 21;
/** Per trial and strategy: the links' typical week (168 doubles each) and the record's objects. */
const BYTES_PER_LINK_RECORD = 168 * 8 + 200;
const BYTES_PER_STRATEGY_RECORD = 2048;
/** Per VM and strategy in the results: the VM's summaries, targets and name (JS objects and JSON text). */
const BYTES_PER_VM_RESULT = 4096;

export interface RunEstimate {
  vms: number;
  strategies: number;
  trials: number;
  /** VMs × strategies × trials: the unit of simulation work. */
  vmTrials: number;
  /** Trial records, held until aggregation. */
  recordBytes: number;
  /** Per-VM results (on the JS heap). */
  resultBytes: number;
}

export interface RunLimits {
  maxVmTrials: number;
  maxMemoryBytes: number;
  /** The JS heap's own limit: per-VM results above it abort the process whatever the flags. */
  maxHeapBytes: number;
  raisedBy: string | null;
}

export function failureKindsOf(scenario: Scenario): number {
  const f = scenario.failures;
  return 1 + (f.storageFailure !== null ? 1 : 0) + (f.hostFailure !== null ? 1 : 0) + (f.corruption.length > 0 ? 1 : 0);
}

/** The cost of `trials` trials of `scenario` (one shard's, one sweep point's...). */
export function estimateRun(scenario: Scenario, trials: number): RunEstimate {
  const vms = scenario.vms.length;
  const strategies = scenario.strategies.length;
  const perStrategyTrial = failureKindsOf(scenario) * vms * BYTES_PER_EVENT_VM + scenario.links.length * BYTES_PER_LINK_RECORD + BYTES_PER_STRATEGY_RECORD;
  return {
    vms, strategies, trials,
    vmTrials: vms * strategies * trials,
    recordBytes: perStrategyTrial * strategies * trials,
    resultBytes: vms * strategies * BYTES_PER_VM_RESULT,
  };
}

export function runLimits(allowLarge = false): RunLimits {
  const maxHeapBytes = 0.6 * getHeapStatistics().heap_size_limit;
  if (!allowLarge) return { maxVmTrials: DEFAULT_MAX_VM_TRIALS, maxMemoryBytes: DEFAULT_MAX_MEMORY_BYTES, maxHeapBytes, raisedBy: '--allow-large' };
  return { maxVmTrials: Infinity, maxMemoryBytes: Math.max(DEFAULT_MAX_MEMORY_BYTES, 0.7 * totalmem()), maxHeapBytes, raisedBy: null };
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const gib = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(bytes < 10 * 2 ** 30 ? 1 : 0)} GiB`;

function duration(seconds: number): string {
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min`;
  if (seconds < 3 * 86400) return `${(seconds / 3600).toFixed(1)} h`;
  if (seconds < 3 * 365.25 * 86400) return `${Math.round(seconds / 86400)} days`;
  return `${count(seconds / (365.25 * 86400))} years`;
}

/** "2 VMs × 1 strategy × 1,000,000,000 trials = 2,000,000,000 VM-trials (about 9.3 h on 2 cores) and 43 GiB of trial records". */
export function describeEstimate(e: RunEstimate, cores: number, times = 1): string {
  const seconds = (e.vmTrials * times) / (VM_TRIALS_PER_CORE_SECOND * Math.max(1, cores));
  const runs = times === 1 ? '' : ` × ${count(times)} runs`;
  return `${count(e.vms)} VMs × ${count(e.strategies)} strateg${e.strategies === 1 ? 'y' : 'ies'} × ${count(e.trials)} trials${runs} = ${count(e.vmTrials * times)} VM-trials ` +
    `(about ${duration(seconds)} on ${cores} core${cores === 1 ? '' : 's'}), holding about ${gib(e.recordBytes + e.resultBytes)} of trial records and results`;
}

/**
 * Null when the run fits the limits; else why not, with the estimate and what to do. `times`: how many
 * such runs a command makes (sweep points), which multiplies the work but not the memory.
 */
export function budgetProblem(e: RunEstimate, limits: RunLimits, cores: number, times = 1): string | null {
  const raise = limits.raisedBy !== null ? `, or run with ${limits.raisedBy}` : '';
  const what = describeEstimate(e, cores, times);
  if (e.resultBytes > limits.maxHeapBytes) {
    return `this run is too large for this process's memory: ${what}; the per-VM results alone need more than the ${gib(limits.maxHeapBytes)} the JavaScript heap can hold ` +
      '(give node more with NODE_OPTIONS=--max-old-space-size=MB, or split the estate into several scenarios)';
  }
  if (e.recordBytes + e.resultBytes > limits.maxMemoryBytes) {
    return `this run would use too much memory: ${what}, above the limit of ${gib(limits.maxMemoryBytes)}. Lower --trials or split it with --shard i/n${raise}`;
  }
  if (e.vmTrials * times > limits.maxVmTrials) {
    return `this run is too large: ${what}, above the limit of ${count(limits.maxVmTrials)} VM-trials. Lower --trials or split it with --shard i/n${raise}`;
  }
  return null;
}
