/** A minimal one-site-pair Scenario for protection tests: flat workloads, no jitter, every value explicit. */
import type { ProtectionMethod, Scenario, Vm, Workload } from '../../src/models/scenario/model.js';
import { applicationsOfVms } from '../../src/models/scenario/resolvers/applications.js';

export const FLAT_WEEK = Array.from({ length: 168 }, () => 1);

export function workload(over: Partial<Workload> = {}): Workload {
  return {
    name: 'flat',
    averageWriteBytesPerSecond: 1e6,
    // No ceiling unless a test sets one (resolved workloads always have one: the busiest hour × the burst).
    peakWriteBytesPerSecond: Infinity,
    weeklyProfile: FLAT_WEEK,
    burst: null,
    uniqueUpdates: [],
    compression: 0,
    ...over,
  };
}

export function vm(name: string, over: Partial<Vm> = {}): Vm {
  return {
    name, site: 0, cluster: 0, storage: 0, lun: name, hypervisor: 'vmware', vcpus: 2, ramBytes: 8 * 2 ** 30,
    provisionedBytes: 100e9, usedBytes: 50e9, tier: 1, app: null, rtoSeconds: 4 * 3600, rpoSeconds: 900,
    downtimeCostPerHour: 1000, dataLossCostPerHour: 500, slowdownCostPerHour: 1000, bootSeconds: { kind: 'deterministic', value: 120 },
    appRecoverySeconds: { kind: 'deterministic', value: 0 }, priority: 1, dependsOn: [], workload: 0,
    workloadScale: 1, consistencyGroup: null, stateless: false, application: -1, ...over,
  };
}

export interface BuildOptions {
  vms?: Vm[];
  workloads?: Workload[];
  methods?: ProtectionMethod[];
  /** Usable link rate in bytes/s (efficiency 1). */
  linkBytesPerSecond?: number;
  rttSeconds?: number;
  horizonSeconds?: number;
  warmupSeconds?: number;
  outages?: Scenario['links'][number]['outages'];
}

export function scenario(o: BuildOptions = {}): Scenario {
  const vms = o.vms ?? [vm('vm1')];
  const applications = applicationsOfVms(vms);
  return {
    name: 'test', description: '',
    sites: [{ name: 'prod', role: 'primary' }, { name: 'dr', role: 'dr' }],
    hostModels: [{ name: 'h', cores: 16, ghz: 2.5, ramBytes: 256 * 2 ** 30, price: 10000, powerWatts: 400, amortizationYears: 4, sockets: 2 }],
    clusters: [{ name: 'prod', site: 0, cpuOvercommit: 4, ramReservationFraction: 0 }, { name: 'dr', site: 1, cpuOvercommit: 4, ramReservationFraction: 0 }],
    hosts: [{ name: 'p1', model: 0, site: 0, cluster: 0, devTest: null }, { name: 'd1', model: 0, site: 1, cluster: 1, devTest: null }],
    storage: [{ name: 'prod-array', site: 0, capacityBytes: 1e14, provisioning: 'thin', readBytesPerSecond: 1e9, writeBytesPerSecond: 1e9, pricePerTB: 300 },
      { name: 'dr-array', site: 1, capacityBytes: 1e14, provisioning: 'thin', readBytesPerSecond: 1e9, writeBytesPerSecond: 1e9, pricePerTB: 300 }],
    backupTargets: [{ name: 'local-disk', site: 0, media: 'disk', mountSeconds: 0, readBytesPerSecond: 1e9, writeBytesPerSecond: 1e9, pricePerTB: 50 },
      { name: 'dr-disk', site: 1, media: 'disk', mountSeconds: 0, readBytesPerSecond: 1e9, writeBytesPerSecond: 1e9, pricePerTB: 50 }],
    links: [{ name: 'wan', siteA: 0, siteB: 1, bandwidthBitsPerSecond: (o.linkBytesPerSecond ?? 10e6) * 8, efficiency: 1, rttSeconds: o.rttSeconds ?? 0.005, price: { kind: 'fixed', monthly: 1000 }, outages: o.outages ?? null }],
    workloads: o.workloads ?? [workload()],
    vms,
    applications,
    strategies: [{
      name: 's', description: '',
      assignments: [{ vms: vms.map((_, i) => i), methods: o.methods ?? [] }],
      recovery: { runbook: { kind: 'orchestrated', maxParallelPowerOns: 10, guestShutdownTimeoutSeconds: 300 }, detectionSeconds: { kind: 'deterministic', value: 0 }, declarationSeconds: { kind: 'deterministic', value: 0 }, rebalance: false, drSite: 1 },
      licences: { perVmPerYear: 0, perSocketPerYear: 0, perTBPerYear: 0 },
    }],
    failures: { siteDisaster: { site: 0, perYear: 0.01 }, hostFailure: null, storageFailure: null, corruption: [], drHostFailurePerHour: 0, analysis: { conditional: true, annualized: true } },
    costs: { currency: 'USD', powerPricePerKWh: 0.1, vaultPerMonth: 0, defaultAmortizationYears: 4, unrecoveredOutageSeconds: 7 * 86400 },
    simulation: { horizonSeconds: o.horizonSeconds ?? 7 * 86400, warmupSeconds: o.warmupSeconds ?? 86400, trials: 10, seed: 1, adjustments: [] },
    sensitivity: {},
    assumptions: [],
  };
}
