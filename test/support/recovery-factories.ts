/**
 * Small factories for normalized Scenario objects and hand-made protection results, for tests that must
 * not depend on the YAML loader. Defaults describe a two-site estate (site 0 primary, site 1 DR) with one
 * array per site, one backup target at the primary, one 100 Mbit/s link and no hosts or VMs: add what a
 * test needs with the helpers, which return the new item's index.
 */
import type { DistributionSpec } from '../../src/sim/distributions.js';
import type { VmProtection } from '../../src/models/failures/events.js';
import type { DiscretePointLog, Retention, StreamPointLog } from '../../src/models/protection/recovery-points.js';
import type { AsyncReplicationMethod, BackupMethod, CdpMethod, SyncReplicationMethod } from '../../src/models/protection/methods/registry.js';
import type { Cluster, DevTestLoad, Host, HostModel, ProtectionMethod, RecoveryPlan, Runbook, Scenario, Strategy, Vm } from '../../src/models/scenario/model.js';

export const GiB = 2 ** 30;
export const MB = 1e6;
export const HOUR = 3600;

export const det = (value: number): DistributionSpec => ({ kind: 'deterministic', value });
export const ZERO = det(0);

export function makeScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    name: 'test',
    description: '',
    sites: [{ name: 'primary', role: 'primary' }, { name: 'dr', role: 'dr' }],
    hostModels: [],
    clusters: [
      { name: 'prod', site: 0, cpuOvercommit: 1, ramReservationFraction: 0 },
      { name: 'dr', site: 1, cpuOvercommit: 1, ramReservationFraction: 0 },
    ],
    hosts: [],
    storage: [
      { name: 'array-a', site: 0, capacityBytes: 1e15, provisioning: 'thin', readBytesPerSecond: 1e12, writeBytesPerSecond: 1e12, pricePerTB: 0 },
      { name: 'array-dr', site: 1, capacityBytes: 1e15, provisioning: 'thin', readBytesPerSecond: 1e12, writeBytesPerSecond: 1e12, pricePerTB: 0 },
    ],
    backupTargets: [{ name: 'backup', site: 0, media: 'disk', mountSeconds: 0, readBytesPerSecond: 100 * MB, writeBytesPerSecond: 100 * MB, pricePerTB: 0 }],
    links: [{ name: 'wan', siteA: 0, siteB: 1, bandwidthBitsPerSecond: 100e6, efficiency: 1, rttSeconds: 0.01, price: { kind: 'fixed', monthly: 0 }, outages: null }],
    workloads: [{
      name: 'w', averageWriteBytesPerSecond: 1e5, peakWriteBytesPerSecond: 1e6, weeklyProfile: new Array(168).fill(1),
      burst: null, uniqueUpdates: [{ windowSeconds: 0, uniqueFraction: 1 }], compression: 0,
    }],
    vms: [],
    applications: [],
    strategies: [],
    failures: { siteDisaster: null, hostFailure: null, storageFailure: null, corruption: [], drHostFailurePerHour: 0, analysis: { conditional: true, annualized: false } },
    costs: { currency: 'EUR', powerPricePerKWh: 0, vaultPerMonth: 0, defaultAmortizationYears: 4, unrecoveredOutageSeconds: 7 * 86400 },
    simulation: { horizonSeconds: 7 * 86400, warmupSeconds: 0, trials: 1, seed: 1, adjustments: [] },
    sensitivity: {},
    assumptions: [],
    ...overrides,
  };
}

export function addHostModel(s: Scenario, m: Partial<HostModel> & { cores: number; ramBytes: number }): number {
  s.hostModels.push({ name: `model-${s.hostModels.length}`, ghz: 2.5, price: 10000, powerWatts: 400, amortizationYears: 4, sockets: 2, ...m });
  return s.hostModels.length - 1;
}

export function addCluster(s: Scenario, c: Partial<Cluster> & { site: number }): number {
  s.clusters.push({ name: `cluster-${s.clusters.length}`, cpuOvercommit: 1, ramReservationFraction: 0, ...c });
  return s.clusters.length - 1;
}

/** Adds `count` hosts of a new model to a cluster (default: the DR cluster, index 1); returns their indices. */
export function addHosts(s: Scenario, count: number, spec: { cores: number; ramBytes: number; cluster?: number; devTest?: DevTestLoad | null }): number[] {
  const model = addHostModel(s, { cores: spec.cores, ramBytes: spec.ramBytes });
  const cluster = spec.cluster ?? 1;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const h: Host = { name: `host-${s.hosts.length}`, model, site: s.clusters[cluster].site, cluster, devTest: spec.devTest ?? null };
    s.hosts.push(h);
    out.push(s.hosts.length - 1);
  }
  return out;
}

export function makeVm(overrides: Partial<Vm> = {}): Vm {
  return {
    name: 'vm', site: 0, cluster: 0, storage: 0, lun: 'lun0', hypervisor: 'vmware', vcpus: 1, ramBytes: 4 * GiB,
    provisionedBytes: 100 * GiB, usedBytes: 50 * GiB, tier: 1, app: null, rtoSeconds: 4 * HOUR, rpoSeconds: HOUR,
    downtimeCostPerHour: 0, dataLossCostPerHour: 0, slowdownCostPerHour: 0, bootSeconds: ZERO, appRecoverySeconds: ZERO, priority: 1,
    dependsOn: [], workload: 0, workloadScale: 1, consistencyGroup: null, stateless: false, application: -1, ...overrides,
  };
}

/** Adds a VM (named vm-<index> unless given a name); returns its index. */
export function addVm(s: Scenario, overrides: Partial<Vm> = {}): number {
  s.vms.push(makeVm({ name: `vm-${s.vms.length}`, ...overrides }));
  return s.vms.length - 1;
}

export const orchestrated = (maxParallelPowerOns: number, guestShutdownTimeoutSeconds = 300): Runbook =>
  ({ kind: 'orchestrated', maxParallelPowerOns, guestShutdownTimeoutSeconds });
export const manual = (operators: number, secondsPerVm: DistributionSpec): Runbook => ({ kind: 'manual', operators, secondsPerVm });

export function makeStrategy(recovery: Partial<RecoveryPlan> = {}, name = 'strategy'): Strategy {
  return {
    name, description: '', assignments: [],
    recovery: { runbook: orchestrated(1000), detectionSeconds: ZERO, declarationSeconds: ZERO, rebalance: false, drSite: 1, ...recovery },
    licences: { perVmPerYear: 0, perSocketPerYear: 0, perTBPerYear: 0 },
  };
}

export function backupMethod(overrides: Partial<BackupMethod> = {}): BackupMethod {
  return {
    method: 'backup', schedule: { kind: 'forever-incremental', incrementalEverySeconds: 86400 }, windowStartSeconds: 0,
    mode: 'proxy', target: 0, offsite: { kind: 'wan', link: 0, store: null }, retentionSeconds: 30 * 86400, agentCpuOverhead: 0,
    restoreStreams: 100, guestRebuildSeconds: 0, ...overrides,
  };
}

export const asyncMethod = (overrides: Partial<AsyncReplicationMethod> = {}): AsyncReplicationMethod =>
  ({ method: 'async-replication', intervalSeconds: 900, quiesceSeconds: 0, retainedSnapshots: 1, compression: 0, link: 0, target: 1, promoteSeconds: 0, ...overrides });
export const syncMethod = (overrides: Partial<SyncReplicationMethod> = {}): SyncReplicationMethod =>
  ({ method: 'sync-replication', linkLossPolicy: 'halt', link: 0, target: 1, writeSizeBytes: 65536, outstandingWrites: 32, resyncCheckSeconds: 60, promoteSeconds: 0, ...overrides });
export const cdpMethod = (overrides: Partial<CdpMethod> = {}): CdpMethod =>
  ({ method: 'cdp', historySeconds: 86400, compression: 0, checkpointIntervalSeconds: 0, link: 0, target: 1, promoteSeconds: 0, ...overrides });

/** A discrete point log; each point defaults to arriving locally and offsite at its own time. */
export function discreteLog(method: ProtectionMethod, points: { at: number; localAt?: number; offsiteAt?: number }[], retention: Retention = { kind: 'age', seconds: 30 * 86400 }): DiscretePointLog {
  const sorted = points.slice().sort((a, b) => a.at - b.at);
  return {
    kind: 'discrete', method: method.method, pointTimes: sorted.map((p) => p.at),
    localAt: sorted.map((p) => p.localAt ?? p.at), offsiteAt: sorted.map((p) => p.offsiteAt ?? p.at), retention,
  };
}

/** A stream log whose newest point trails t by `lagSeconds`. */
export function streamLog(method: ProtectionMethod, startTime = 0, lagSeconds = 0, retention: Retention = { kind: 'latest-only' }): StreamPointLog {
  return { kind: 'stream', method: method.method, recoveryPointAt: (t) => Math.max(startTime, t - lagSeconds), startTime, retention };
}

/** Protection of one VM by the given (method, log) pairs. */
export const protectedBy = (...pairs: [ProtectionMethod, DiscretePointLog | StreamPointLog][]): VmProtection =>
  ({ methods: pairs.map(([method, log]) => ({ method, log })) });

export const unprotected = (): VmProtection => ({ methods: [] });

/** Every VM replicated synchronously (data already at DR, RPO 0): the simplest "VMs already at DR" setup. */
export function allReplicated(s: Scenario): VmProtection[] {
  const m = syncMethod();
  return s.vms.map(() => protectedBy([m, streamLog(m)]));
}
