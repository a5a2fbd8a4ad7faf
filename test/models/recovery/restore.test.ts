import { describe, expect, test } from '@jest/globals';
import type { Scenario } from '../../../src/models/scenario/model.js';
import { restorePath } from '../../../src/models/recovery/restore.js';
import { addHosts, addVm, backupMethod, det, discreteLog, GiB, makeScenario, makeStrategy, MB, orchestrated, protectedBy } from '../../support/recovery-factories.js';
import { byVm, run, siteDisaster, step } from '../../support/recovery-helpers.js';

const S = 50 * GiB;
const R = 100 * MB; // the backup target's read rate: the slowest stage

/** n VMs backed up to tapes vaulted at DR (no WAN stage), each S bytes used. */
function tapeEstate(n: number, restoreStreams: number): { s: Scenario; protection: ReturnType<typeof protectedBy>[] } {
  const s = makeScenario();
  addHosts(s, 1, { cores: 1000, ramBytes: 10000 * GiB });
  const m = backupMethod({ offsite: { kind: 'tape', shipEverySeconds: 86400, transitSeconds: 3600, costPerShipment: 0, pricePerTB: 0, pickupSecondsAfterMidnight: 9 * 3600, mountSeconds: 0 }, restoreStreams });
  const protection = [];
  for (let i = 0; i < n; i++) {
    addVm(s, { usedBytes: S });
    protection.push(protectedBy([m, discreteLog(m, [{ at: 0, offsiteAt: 3600 }])]));
  }
  return { s, protection };
}

describe('restore through a shared fabric', () => {
  test('one restore of S bytes through bottleneck R takes S/R; RPO = t − newest offsite point', () => {
    const { s, protection } = tapeEstate(1, 4);
    const m = protection[0].methods[0].method;
    if (m.method !== 'backup') throw new Error('a backup');
    // The tape sits in the DR vault: read at the target's rate R, no WAN stage.
    expect(restorePath(s, { store: m.target, site: 1, readBytesPerSecond: R, streams: 4, preferredLink: null, mountSeconds: 0, rebuildSeconds: 0, local: false }, 1, null).bottleneckBytesPerSecond).toBe(R);
    const out = run(s, makeStrategy(), protection, siteDisaster(10_000)).vms[0];
    expect(out.outcome).toBe('recovered');
    expect(out.via).toBe('backup');
    expect(out.rpoSeconds).toBe(10_000);
    expect(out.rtoSeconds).toBeCloseTo(S / R, 6);
    expect(step(out, 'restore')).toEqual({ startSeconds: 0, endSeconds: expect.closeTo(S / R, 6) });
  });

  test('n equal restores with streams ≥ n share R: each takes nS/R', () => {
    const n = 5;
    const { s, protection } = tapeEstate(n, n);
    for (const r of run(s, makeStrategy(), protection, siteDisaster(10_000)).vms) expect(r.rtoSeconds).toBeCloseTo((n * S) / R, 6);
  });

  test('with one restore stream they finish one after another: S/R, 2S/R, ...', () => {
    const n = 4;
    const { s, protection } = tapeEstate(n, 1);
    run(s, makeStrategy(), protection, siteDisaster(10_000)).vms.forEach((r, i) => expect(r.rtoSeconds).toBeCloseTo(((i + 1) * S) / R, 6));
  });

  test('the DR storage write rate limits when it is the slowest stage', () => {
    const { s, protection } = tapeEstate(1, 1);
    s.storage[1].writeBytesPerSecond = 40 * MB;
    expect(run(s, makeStrategy(), protection, siteDisaster(10_000)).vms[0].rtoSeconds).toBeCloseTo(S / (40 * MB), 6);
  });

  test('a WAN outage during a restore across the WAN delays it by the outage length', () => {
    // Backup at the primary, copied over link 0 to a vault site; restoring to DR crosses link 1 (vault–DR).
    const s = makeScenario();
    s.sites.push({ name: 'vault', role: 'other' });
    s.links = [
      { name: 'primary-vault', siteA: 0, siteB: 2, bandwidthBitsPerSecond: 1e9, efficiency: 1, rttSeconds: 0.01, price: { kind: 'fixed', monthly: 0 }, outages: null },
      { name: 'vault-dr', siteA: 2, siteB: 1, bandwidthBitsPerSecond: 100e6, efficiency: 0.8, rttSeconds: 0.01, price: { kind: 'fixed', monthly: 0 }, outages: null },
    ];
    addHosts(s, 1, { cores: 100, ramBytes: 1000 * GiB });
    const bytes = 1e10;
    addVm(s, { usedBytes: bytes });
    const m = backupMethod({ offsite: { kind: 'wan', link: 0, store: null } });
    const protection = [protectedBy([m, discreteLog(m, [{ at: 0, offsiteAt: 100 }])])];
    const wan = (100e6 * 0.8) / 8; // 10 MB/s, slower than the target's 100 MB/s
    const t0 = 1_000_000;
    const clean = run(s, makeStrategy(), protection, siteDisaster(t0)).vms[0].rtoSeconds!;
    expect(clean).toBeCloseTo(bytes / wan, 6);
    const outages = [[], [{ startSeconds: t0 + 200, endSeconds: t0 + 500 }, { startSeconds: t0 + 5000, endSeconds: t0 + 6000 }]];
    const delayed = run(s, makeStrategy(), protection, siteDisaster(t0), { linkOutages: outages }).vms[0].rtoSeconds!;
    expect(delayed).toBeCloseTo(clean + 300, 6);
    // An outage of the other link (not on the restore path) changes nothing.
    const other = run(s, makeStrategy(), protection, siteDisaster(t0), { linkOutages: [[{ startSeconds: t0, endSeconds: t0 + 900 }], []] }).vms[0].rtoSeconds!;
    expect(other).toBeCloseTo(clean, 6);
  });

  test('Hyper-V: the VMs of one LUN restore as one transfer and power on together', () => {
    const s = makeScenario();
    addHosts(s, 1, { cores: 100, ramBytes: 1000 * GiB });
    const m = backupMethod({ offsite: { kind: 'tape', shipEverySeconds: 86400, transitSeconds: 0, costPerShipment: 0, pricePerTB: 0, pickupSecondsAfterMidnight: 9 * 3600, mountSeconds: 0 }, restoreStreams: 1 });
    const a = [0, 1, 2].map((i) => addVm(s, { hypervisor: 'hyperv', lun: 'A', usedBytes: S, bootSeconds: det(100 + i) }));
    const b = addVm(s, { hypervisor: 'hyperv', lun: 'B', usedBytes: S, bootSeconds: det(100) });
    const vmw = addVm(s, { hypervisor: 'vmware', lun: 'A', usedBytes: S, bootSeconds: det(100), priority: 2 });
    const protection = s.vms.map(() => protectedBy([m, discreteLog(m, [{ at: 0 }])]));
    const out = byVm(run(s, makeStrategy({ runbook: orchestrated(1) }), protection, siteDisaster(10_000)));
    for (const v of a) {
      expect(step(out.get(v)!, 'restore').endSeconds).toBeCloseTo((3 * S) / R, 6);
      expect(step(out.get(v)!, 'boot').startSeconds).toBeCloseTo((3 * S) / R, 6);
    }
    expect(out.get(a[2])!.rtoSeconds).toBeCloseTo((3 * S) / R + 102, 6);
    // LUN B waits for LUN A's restore (one stream), then for the single power-on slot.
    expect(step(out.get(b)!, 'restore').endSeconds).toBeCloseTo((4 * S) / R, 6);
    expect(out.get(b)!.rtoSeconds).toBeCloseTo(Math.max((4 * S) / R, (3 * S) / R + 102) + 100, 6);
    // VMware fails over per VM even on a LUN of the same name.
    expect(step(out.get(vmw)!, 'restore').endSeconds).toBeCloseTo((5 * S) / R, 6);
  });
});
