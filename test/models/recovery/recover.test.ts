import { describe, expect, test } from '@jest/globals';
import type { FailureEvent } from '../../../src/models/failures/events.js';
import { placeVmsOnPrimaryHosts } from '../../../src/models/recovery/recover.js';
import type { RandomStream } from '../../../src/sim/random.js';
import { RandomStreams } from '../../../src/sim/random.js';
import {
  addHosts, addVm, allReplicated, asyncMethod, backupMethod, cdpMethod, det, discreteLog, GiB, makeScenario, makeStrategy, manual, MB,
  protectedBy, streamLog, syncMethod, unprotected,
} from '../../support/recovery-factories.js';
import { byVm, run, siteDisaster, step } from '../../support/recovery-helpers.js';

const S = 10 * GiB;
const R = 100 * MB;

function corruptionEstate() {
  const s = makeScenario();
  const primaryHosts = addHosts(s, 2, { cores: 32, ramBytes: 256 * GiB, cluster: 0 });
  const drHosts = addHosts(s, 1, { cores: 32, ramBytes: 256 * GiB });
  return { s, primaryHosts, drHosts };
}

describe('corruption', () => {
  const at = 100_000;
  const detectedAt = 103_600;
  const event = (vms: number[]): FailureEvent => ({ kind: 'corruption', vms, atSeconds: at, detectedAtSeconds: detectedAt });
  const snaps = Array.from({ length: Math.floor(detectedAt / 900) + 1 }, (_, i) => ({ at: i * 900 }));

  test('sync or async replication alone: no clean point', () => {
    const { s } = corruptionEstate();
    const sync = syncMethod();
    const asyn = asyncMethod();
    const a = addVm(s);
    const b = addVm(s);
    const protection = [protectedBy([sync, streamLog(sync)]), protectedBy([asyn, discreteLog(asyn, snaps, { kind: 'count', newest: 1 })])];
    const out = run(s, makeStrategy(), protection, event([a, b]));
    expect(out.vms.map((r) => r.outcome)).toEqual(['no-clean-point', 'no-clean-point']);
    expect(out.vms[0]).toMatchObject({ rpoSeconds: null, rtoSeconds: null, via: null });
  });

  test('CDP with history ≥ detection delay: RPO = detectedAt − corruptedAt, RTO from detection; shorter history: none', () => {
    const { s, drHosts } = corruptionEstate();
    const long = cdpMethod({ historySeconds: 86_400 });
    const short = cdpMethod({ historySeconds: 1800 });
    const a = addVm(s, { bootSeconds: det(60) });
    const b = addVm(s, { bootSeconds: det(60) });
    const protection = [
      protectedBy([long, streamLog(long, 0, 5, { kind: 'age', seconds: 86_400 })]),
      protectedBy([short, streamLog(short, 0, 5, { kind: 'age', seconds: 1800 })]),
    ];
    const out = byVm(run(s, makeStrategy({ declarationSeconds: det(600), detectionSeconds: det(9999) }), protection, event([a, b])));
    expect(out.get(a)).toMatchObject({ outcome: 'recovered', via: 'cdp', rpoSeconds: detectedAt - at, rtoSeconds: 660, host: drHosts[0] });
    expect(out.get(a)!.steps.some((x) => x.step === 'detection')).toBe(false);
    expect(out.get(b)!.outcome).toBe('no-clean-point');
  });

  test('backups: the newest backup before the corruption, restored locally in place', () => {
    const { s, primaryHosts } = corruptionEstate();
    const m = backupMethod();
    const sync = syncMethod();
    const v = addVm(s, { usedBytes: S });
    const log = discreteLog(m, [{ at: 0 }, { at: 86_400 }, { at: 99_000 }, { at: 101_000 }]);
    const out = run(s, makeStrategy(), [protectedBy([sync, streamLog(sync)], [m, log])], event([v])).vms[0];
    expect(out).toMatchObject({ outcome: 'recovered', via: 'backup', rpoSeconds: detectedAt - 99_000, host: primaryHosts[0] });
    expect(out.rtoSeconds).toBeCloseTo(S / R, 6);
  });
});

describe('storage failure', () => {
  test('VMs on the failed array only; a local backup restores in place, a replica fails over to DR', () => {
    const s = makeScenario();
    const [p0] = addHosts(s, 2, { cores: 32, ramBytes: 256 * GiB, cluster: 0 });
    const [d0] = addHosts(s, 1, { cores: 32, ramBytes: 256 * GiB });
    s.storage.push({ ...s.storage[0], name: 'array-b' });
    const m = backupMethod();
    const a = asyncMethod();
    const local = addVm(s, { usedBytes: S });
    const replicated = addVm(s);
    const elsewhere = addVm(s, { storage: 2 });
    const bare = addVm(s);
    const protection = [
      protectedBy([m, discreteLog(m, [{ at: 1000, localAt: 1000, offsiteAt: 5000 }])]),
      protectedBy([a, discreteLog(a, [{ at: 2000, localAt: Infinity, offsiteAt: 2100 }, { at: 2900, localAt: Infinity, offsiteAt: 3100 }])]),
      unprotected(),
      unprotected(),
    ];
    const event: FailureEvent = { kind: 'storage-failure', storage: 0, atSeconds: 3000, repairSeconds: 86_400 };
    const out = byVm(run(s, makeStrategy({ detectionSeconds: det(60), declarationSeconds: det(240) }), protection, event));
    expect([...out.keys()]).toEqual([local, replicated, bare]);
    expect(elsewhere).toBe(2);
    // array-b stays, so the restore writes at array-b's rate; the backup target's read rate is slower.
    expect(out.get(local)).toMatchObject({ outcome: 'recovered', via: 'backup', rpoSeconds: 2000, host: p0 });
    expect(out.get(local)!.rtoSeconds).toBeCloseTo(300 + S / R, 6);
    expect(out.get(replicated)).toMatchObject({ outcome: 'recovered', via: 'async-replication', rpoSeconds: 1000, rtoSeconds: 300, host: d0 });
    expect(out.get(bare)!.outcome).toBe('not-protected');
  });

  test('site disaster: local-only backups are lost (not offsite)', () => {
    const s = makeScenario();
    addHosts(s, 1, { cores: 32, ramBytes: 256 * GiB });
    const m = backupMethod({ offsite: { kind: 'none' } });
    addVm(s);
    const out = run(s, makeStrategy(), [protectedBy([m, discreteLog(m, [{ at: 0, offsiteAt: Infinity }])])], siteDisaster(1000));
    expect(out.vms[0].outcome).toBe('not-offsite');
  });
});

describe('host failure (local HA)', () => {
  function cluster(vmCount: number) {
    const s = makeScenario();
    s.failures.hostFailure = { perYear: 1, repairSeconds: det(7200), haDetectionSeconds: 30 };
    const hosts = addHosts(s, 3, { cores: 32, ramBytes: 64 * GiB, cluster: 0 });
    for (let i = 0; i < vmCount; i++) addVm(s, { ramBytes: 16 * GiB, bootSeconds: det(60) });
    return { s, hosts };
  }
  const fail = (host: number): FailureEvent => ({ kind: 'host-failure', host, atSeconds: 5000, repairSeconds: 7200 });

  test('primary placement is first-fit by priority then RAM', () => {
    const { s } = cluster(10);
    expect([...placeVmsOnPrimaryHosts(s)]).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2]);
  });

  test('N+1 headroom: every VM restarts after HA detection + boot, RPO 0', () => {
    const { s, hosts } = cluster(4);
    const out = run(s, makeStrategy(), s.vms.map(() => unprotected()), fail(hosts[0]));
    expect(out.vms).toHaveLength(4);
    for (const r of out.vms) expect(r).toMatchObject({ outcome: 'recovered', via: 'ha', rpoSeconds: 0, rtoSeconds: 90, host: hosts[1] });
  });

  test('no headroom: VMs that do not fit wait for the repair', () => {
    const { s, hosts } = cluster(10);
    const out = byVm(run(s, makeStrategy(), s.vms.map(() => unprotected()), fail(hosts[0])));
    expect([...out.keys()]).toEqual([0, 1, 2, 3]);
    for (const v of [0, 1]) expect(out.get(v)).toMatchObject({ rtoSeconds: 90, host: hosts[2] });
    for (const v of [2, 3]) {
      expect(out.get(v)).toMatchObject({ rtoSeconds: 7260, host: hosts[0] });
      expect(step(out.get(v)!, 'wait-capacity')).toEqual({ startSeconds: 30, endSeconds: 7200 });
    }
  });
});

/** A stand-in stream: uniforms of 0.5 and exponential draws taken from a list (DR host failure times). */
function scriptedRng(exponentials: number[]): RandomStream {
  const queue = exponentials.slice();
  return { next: () => 0.5, nextOpen: () => 0.5, exponential: () => queue.shift() ?? 1e12 } as unknown as RandomStream;
}

describe('DR host failure during recovery', () => {
  function estate(vmCount: number, host1RamGiB: number) {
    const s = makeScenario();
    addHosts(s, 1, { cores: 64, ramBytes: 64 * GiB });
    addHosts(s, 1, { cores: 64, ramBytes: host1RamGiB * GiB });
    for (let i = 0; i < vmCount; i++) addVm(s, { ramBytes: 16 * GiB, bootSeconds: det(100) });
    s.failures.drHostFailurePerHour = 0.1;
    return s;
  }

  test('a host failing mid-boot: its VMs restart on the other host if it has room, else no-capacity', () => {
    const s = estate(4, 64);
    const out = run(s, makeStrategy(), allReplicated(s), siteDisaster(), { rng: scriptedRng([50, 1e9]) });
    for (const r of out.vms) expect(r).toMatchObject({ outcome: 'recovered', host: 1, rtoSeconds: 150 });
    const tight = estate(4, 32);
    const out2 = run(tight, makeStrategy(), allReplicated(tight), siteDisaster(), { rng: scriptedRng([50, 1e9]) });
    expect(out2.vms.map((r) => [r.outcome, r.rtoSeconds])).toEqual([['recovered', 150], ['recovered', 150], ['no-capacity', null], ['no-capacity', null]]);
  });

  test('a failure after every VM is up does not matter; a very high rate loses everything', () => {
    const s = estate(4, 64);
    for (const r of run(s, makeStrategy(), allReplicated(s), siteDisaster(), { rng: scriptedRng([1000, 1000]) }).vms) expect(r.rtoSeconds).toBe(100);
    const fragile = structuredClone(s); // the scenario is frozen once recovery has seen it
    fragile.failures.drHostFailurePerHour = 1e7;
    for (const r of run(fragile, makeStrategy(), allReplicated(fragile), siteDisaster()).vms) expect(r.outcome).toBe('no-capacity');
  });
});

describe('determinism', () => {
  test('same seed, same outcome; another seed, another outcome', () => {
    const s = makeScenario();
    addHosts(s, 2, { cores: 64, ramBytes: 256 * GiB, devTest: { cpuFraction: 0.3, ramFraction: 0.3, shutdownSeconds: { kind: 'exponential', mean: 300 }, valuePerYear: 0 } });
    for (let i = 0; i < 30; i++) {
      addVm(s, { priority: 1 + (i % 3), ramBytes: 8 * GiB, bootSeconds: { kind: 'lognormal', median: 120, p95: 400 }, appRecoverySeconds: { kind: 'uniform', min: 0, max: 300 } });
    }
    s.failures.drHostFailurePerHour = 0.5;
    const m = backupMethod({ offsite: { kind: 'tape', shipEverySeconds: 86400, transitSeconds: 0, costPerShipment: 0, pricePerTB: 0, pickupSecondsAfterMidnight: 9 * 3600, mountSeconds: 0 }, restoreStreams: 4 });
    const protection = s.vms.map((_, i) => (i % 2 === 0 ? allReplicated(s)[i] : protectedBy([m, discreteLog(m, [{ at: 0 }])])));
    for (const runbook of [undefined, manual(3, { kind: 'triangular', min: 60, mode: 300, max: 900 })]) {
      const strategy = makeStrategy({ detectionSeconds: { kind: 'exponential', mean: 600 }, declarationSeconds: det(900), rebalance: true, ...(runbook ? { runbook } : {}) });
      const go = (seed: number) => run(s, strategy, protection, siteDisaster(5000), { rng: new RandomStreams(seed).stream('recovery', 3) });
      expect(go(7)).toEqual(go(7));
      expect(go(7)).not.toEqual(go(8));
    }
  });
});
