/**
 * Restores read each copy where it sits, at that store's rate; tapes are mounted first; a lost VM backed up
 * by an agent (file-level) is rebuilt before its files come back, a corrupted one restored in place is not.
 */
import { describe, expect, test } from '@jest/globals';
import type { FailureEvent } from '../../../src/models/failures/events.js';
import { addHosts, addVm, backupMethod, discreteLog, GiB, MB, makeScenario, makeStrategy, protectedBy } from '../../support/recovery-factories.js';
import { run, siteDisaster, step } from '../../support/recovery-helpers.js';

const S = 50 * GiB;
const R = 100 * MB; // the local target's read rate

function estate() {
  const s = makeScenario();
  addHosts(s, 1, { cores: 1000, ramBytes: 10000 * GiB });
  return s;
}

describe('restores read the copy where it sits', () => {
  test('the offsite copy on the DR site\'s own target is read at that target\'s rate (50 MB/s), not the primary target\'s', () => {
    const s = estate();
    s.backupTargets.push({ name: 'dr-target', site: 1, media: 'disk', mountSeconds: 0, readBytesPerSecond: 50 * MB, writeBytesPerSecond: 50 * MB, pricePerTB: 0 });
    const m = backupMethod({ offsite: { kind: 'wan', link: 0, store: 1 } });
    addVm(s, { usedBytes: S });
    const out = run(s, makeStrategy(), [protectedBy([m, discreteLog(m, [{ at: 0, offsiteAt: 10 }])])], siteDisaster(10_000)).vms[0];
    // At the DR site: no WAN stage; the DR array writes at 1 TB/s: the far target's read is the bottleneck.
    expect(out.rtoSeconds).toBeCloseTo(S / (50 * MB), 6);
  });

  test('tapes are mounted before each restore, holding its stream: VM i is back at i × (mount + S/R)', () => {
    const s = estate();
    const m = backupMethod({ offsite: { kind: 'tape', shipEverySeconds: 86400, transitSeconds: 0, costPerShipment: 0, pricePerTB: 0, pickupSecondsAfterMidnight: 0, mountSeconds: 120 }, restoreStreams: 1 });
    const protection = [0, 1, 2].map(() => {
      addVm(s, { usedBytes: S });
      return protectedBy([m, discreteLog(m, [{ at: 0, offsiteAt: 10 }])]);
    });
    run(s, makeStrategy(), protection, siteDisaster(10_000)).vms.forEach((v, i) => expect(v.rtoSeconds).toBeCloseTo((i + 1) * (120 + S / R), 6));
  });

  test('a tape backup target mounts too when its local copy is restored', () => {
    const s = estate();
    s.backupTargets[0] = { ...s.backupTargets[0], media: 'tape', mountSeconds: 90 };
    const m = backupMethod({ offsite: { kind: 'none' } });
    addVm(s, { usedBytes: S });
    const storageFailure: FailureEvent = { kind: 'storage-failure', storage: 0, atSeconds: 10_000, repairSeconds: 86400 };
    const out = run(s, makeStrategy(), [protectedBy([m, discreteLog(m, [{ at: 0 }])])], storageFailure).vms[0];
    expect(out.rtoSeconds).toBeCloseTo(90 + S / R, 6);
  });
});

describe('file-level (agent) backups rebuild a lost guest first', () => {
  const agent = () => backupMethod({ mode: 'agent', offsite: { kind: 'tape', shipEverySeconds: 86400, transitSeconds: 0, costPerShipment: 0, pricePerTB: 0, pickupSecondsAfterMidnight: 0, mountSeconds: 0 }, guestRebuildSeconds: 1800 });

  test('after a site disaster: rebuild, then restore', () => {
    const s = estate();
    const m = agent();
    addVm(s, { usedBytes: S });
    const out = run(s, makeStrategy(), [protectedBy([m, discreteLog(m, [{ at: 0, offsiteAt: 10 }])])], siteDisaster(10_000)).vms[0];
    expect(out.rtoSeconds).toBeCloseTo(1800 + S / R, 6);
    expect(step(out, 'restore').endSeconds).toBeCloseTo(1800 + S / R, 6);
  });

  test('after a corruption, restored in place from the local copy: the guest is there, no rebuild', () => {
    const s = estate();
    const m = agent();
    addVm(s, { usedBytes: S });
    // Its primary host, where it is restored in place.
    s.hostModels.push({ name: 'p', cores: 100, ghz: 2.5, ramBytes: 1000 * GiB, price: 0, powerWatts: 0, amortizationYears: 4, sockets: 1 });
    s.hosts.push({ name: 'prod', model: s.hostModels.length - 1, site: 0, cluster: 0, devTest: null });
    const event: FailureEvent = { kind: 'corruption', vms: [0], atSeconds: 20_000, detectedAtSeconds: 30_000 };
    const out = run(s, makeStrategy(), [protectedBy([m, discreteLog(m, [{ at: 0, offsiteAt: 10 }, { at: 10_000, offsiteAt: 1e9 }])])], event).vms[0];
    expect(out.rpoSeconds).toBe(20_000);
    expect(out.rtoSeconds).toBeCloseTo(S / R, 6);
  });
});
