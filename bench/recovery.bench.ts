/**
 * Recovery of a 10,000-VM site disaster (orchestrated runbook, 5 priority groups, app → DB dependencies,
 * 10% Hyper-V on shared LUNs, 300 heterogeneous DR hosts half running dev/test) for each protection
 * method kind; plus the backup case with a manual runbook, with the timeline recorded, and with DR host
 * failures on. The Scenario is built in code (no YAML loader). Flags: --vms=N, --reps=N.
 */
import { recover } from '../src/models/recovery/recover.js';
import type { VmProtection } from '../src/models/failures/events.js';
import type { DiscretePointLog, StreamPointLog } from '../src/models/protection/recovery-points.js';
import type { ProtectionMethod, Scenario, Strategy } from '../src/models/scenario/model.js';
import { RandomStreams } from '../src/sim/random.js';

export const description = 'recover(): 10k-VM site disaster per method kind (orchestrated), manual, timeline, DR host failures';

const GiB = 2 ** 30;
const DAY = 86400;

function flag(args: string[], name: string, fallback: number): number {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a === undefined ? fallback : Number(a.split('=')[1]);
}

function scenario(vmCount: number): Scenario {
  const hostModels = [
    { name: 'big', cores: 64, ghz: 2.6, ramBytes: 512 * GiB, price: 30000, powerWatts: 700, amortizationYears: 4, sockets: 2 },
    { name: 'small', cores: 32, ghz: 2.2, ramBytes: 256 * GiB, price: 15000, powerWatts: 400, amortizationYears: 4, sockets: 2 },
  ];
  const hosts: Scenario['hosts'] = [];
  for (let i = 0; i < 400; i++) hosts.push({ name: `p${i}`, model: 0, site: 0, cluster: 0, devTest: null });
  for (let i = 0; i < 300; i++) {
    const devTest = i % 2 === 0 ? { cpuFraction: 0.4, ramFraction: 0.4, shutdownSeconds: { kind: 'lognormal' as const, median: 120, p95: 600 }, valuePerYear: 1000 } : null;
    hosts.push({ name: `dr${i}`, model: i % 3 === 0 ? 1 : 0, site: 1, cluster: 1, devTest });
  }
  const boot = { kind: 'lognormal' as const, median: 90, p95: 300 };
  const app = { kind: 'uniform' as const, min: 0, max: 120 };
  const vms: Scenario['vms'] = [];
  for (let i = 0; i < vmCount; i++) {
    const priority = 1 + Math.floor((i * 5) / vmCount);
    const hyperv = i % 10 === 9;
    vms.push({
      name: `vm${i}`, site: 0, cluster: 0, storage: i % 4, lun: hyperv ? `lun${Math.floor(i / 50)}` : `v${i}`,
      hypervisor: hyperv ? 'hyperv' : 'vmware', vcpus: 1 + (i % 4), ramBytes: (2 + (i % 7) * 2) * GiB,
      provisionedBytes: 200 * GiB, usedBytes: (20 + (i % 13) * 10) * GiB, tier: priority, app: null, rtoSeconds: 14400, rpoSeconds: 3600,
      downtimeCostPerHour: 100, dataLossCostPerHour: 100, slowdownCostPerHour: 100, bootSeconds: boot, appRecoverySeconds: app, priority,
      // Every 10th VM is a database the next nine (same group) depend on.
      dependsOn: i % 10 !== 0 && Math.floor(((i - (i % 10)) * 5) / vmCount) + 1 === priority ? [i - (i % 10)] : [],
      workload: 0, workloadScale: 1, consistencyGroup: null, stateless: false, application: -1,
    });
  }
  return {
    name: 'bench', description: '', sites: [{ name: 'a', role: 'primary' }, { name: 'b', role: 'dr' }], hostModels,
    clusters: [{ name: 'prod', site: 0, cpuOvercommit: 4, ramReservationFraction: 0.05 }, { name: 'dr', site: 1, cpuOvercommit: 4, ramReservationFraction: 0.05 }],
    hosts,
    storage: [0, 1, 2, 3].map((i) => ({ name: `a${i}`, site: 0, capacityBytes: 1e15, provisioning: 'thin' as const, readBytesPerSecond: 2e9, writeBytesPerSecond: 2e9, pricePerTB: 100 }))
      .concat([{ name: 'dr', site: 1, capacityBytes: 1e15, provisioning: 'thin' as const, readBytesPerSecond: 4e9, writeBytesPerSecond: 4e9, pricePerTB: 100 }]),
    backupTargets: [{ name: 'b', site: 0, media: 'disk', mountSeconds: 0, readBytesPerSecond: 1e9, writeBytesPerSecond: 1e9, pricePerTB: 50 }],
    links: [{ name: 'wan', siteA: 0, siteB: 1, bandwidthBitsPerSecond: 1e9, efficiency: 0.75, rttSeconds: 0.01, price: { kind: 'fixed', monthly: 1000 }, outages: null }],
    workloads: [{ name: 'w', averageWriteBytesPerSecond: 1e5, peakWriteBytesPerSecond: 1e6, weeklyProfile: new Array(168).fill(1), burst: null, uniqueUpdates: [{ windowSeconds: 0, uniqueFraction: 1 }], compression: 0 }],
    vms, applications: [], strategies: [],
    failures: { siteDisaster: { perYear: 0.01, site: 0 }, hostFailure: null, storageFailure: null, corruption: [], drHostFailurePerHour: 0, analysis: { conditional: true, annualized: true } },
    costs: { currency: 'EUR', powerPricePerKWh: 0.2, vaultPerMonth: 0, defaultAmortizationYears: 4, unrecoveredOutageSeconds: 7 * 86400 },
    simulation: { horizonSeconds: 7 * DAY, warmupSeconds: 0, trials: 1, seed: 1, adjustments: [] },
    sensitivity: {},
    assumptions: [],
  };
}

const methods: Record<string, ProtectionMethod> = {
  'sync-replication': { method: 'sync-replication', linkLossPolicy: 'halt', link: 0, target: 4, writeSizeBytes: 65536, outstandingWrites: 32, resyncCheckSeconds: 60, promoteSeconds: 0 },
  'async-replication': { method: 'async-replication', intervalSeconds: 900, quiesceSeconds: 5, retainedSnapshots: 4, compression: 0.5, link: 0, target: 4, promoteSeconds: 0 },
  cdp: { method: 'cdp', historySeconds: DAY, compression: 0.5, checkpointIntervalSeconds: 60, link: 0, target: 4, promoteSeconds: 0 },
  backup: {
    method: 'backup', schedule: { kind: 'forever-incremental', incrementalEverySeconds: DAY }, windowStartSeconds: 0, mode: 'proxy', target: 0,
    offsite: { kind: 'tape', shipEverySeconds: DAY, transitSeconds: 3600, costPerShipment: 50, pricePerTB: 0, pickupSecondsAfterMidnight: 9 * 3600, mountSeconds: 0 }, retentionSeconds: 30 * DAY, agentCpuOverhead: 0, restoreStreams: 16, guestRebuildSeconds: 0,
  },
};

function protectionFor(vmCount: number, m: ProtectionMethod): VmProtection[] {
  const log: DiscretePointLog | StreamPointLog = m.method === 'sync-replication' || m.method === 'cdp'
    ? { kind: 'stream', method: m.method, recoveryPointAt: (t) => t - 2, startTime: 0, retention: m.method === 'cdp' ? { kind: 'age', seconds: DAY } : { kind: 'latest-only' } }
    : { kind: 'discrete', method: m.method, pointTimes: [0, DAY, 2 * DAY], localAt: [0, DAY, 2 * DAY], offsiteAt: [3600, DAY + 3600, 2 * DAY + 3600], retention: { kind: 'age', seconds: 30 * DAY } };
  const p: VmProtection = { methods: [{ method: m, log }] };
  return new Array<VmProtection>(vmCount).fill(p);
}

function strategy(runbook: Strategy['recovery']['runbook'], rebalance: boolean): Strategy {
  return {
    name: 's', description: '', assignments: [],
    recovery: { runbook, detectionSeconds: { kind: 'exponential', mean: 900 }, declarationSeconds: { kind: 'uniform', min: 600, max: 3600 }, rebalance, drSite: 1 },
    licences: { perVmPerYear: 0, perSocketPerYear: 0, perTBPerYear: 0 },
  };
}

function time(reps: number, body: (rep: number) => unknown): { medianMs: number; minMs: number; last: unknown } {
  const times: number[] = [];
  let last: unknown;
  body(-1); // warm-up (JIT, primary placement cache)
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    last = body(r);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: Math.round(times[Math.floor(times.length / 2)] * 10) / 10, minMs: Math.round(times[0] * 10) / 10, last };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const vmCount = flag(args, 'vms', 10_000);
  const reps = flag(args, 'reps', 7);
  const s = scenario(vmCount);
  const streams = new RandomStreams(1);
  const event = { kind: 'site-disaster' as const, site: 0, atSeconds: 3 * DAY };
  const orchestrated = strategy({ kind: 'orchestrated', maxParallelPowerOns: 50, guestShutdownTimeoutSeconds: 300 }, true);
  const results: Record<string, unknown> = { vms: vmCount, reps };
  const cases: [string, ProtectionMethod, Strategy, boolean, number][] = [
    ...Object.entries(methods).map(([k, m]) => [k, m, orchestrated, false, 0] as [string, ProtectionMethod, Strategy, boolean, number]),
    ['backup-manual', methods.backup, strategy({ kind: 'manual', operators: 8, secondsPerVm: { kind: 'triangular', min: 120, mode: 300, max: 900 } }, false), false, 0],
    ['backup-timeline', methods.backup, orchestrated, true, 0],
    ['sync-dr-host-failures', methods['sync-replication'], orchestrated, false, 0.01],
  ];
  for (const [name, m, strat, recordTimeline, perHour] of cases) {
    s.failures.drHostFailurePerHour = perHour;
    const protection = protectionFor(vmCount, m);
    const r = time(reps, (rep) => recover({ scenario: s, strategy: strat, protection, event, rng: streams.stream('recovery', rep + 1), recordTimeline }));
    const out = r.last as ReturnType<typeof recover>;
    const rtos = out.vms.map((v) => v.rtoSeconds).filter((x): x is number => x !== null).sort((a, b) => a - b);
    results[name] = {
      medianMs: r.medianMs, minMs: r.minMs,
      recovered: rtos.length, notRecovered: out.vms.length - rtos.length, drHostsUsed: out.drHostsUsed,
      rtoP50Hours: Math.round((rtos[Math.floor(rtos.length / 2)] / 3600) * 100) / 100,
      rtoMaxHours: Math.round((rtos[rtos.length - 1] / 3600) * 100) / 100,
      cpuImbalance: [Math.round(out.cpuImbalanceBefore * 1000) / 1000, Math.round(out.cpuImbalanceAfter * 1000) / 1000],
    };
  }
  return results;
}
