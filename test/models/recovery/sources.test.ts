import { describe, expect, test } from '@jest/globals';
import type { FailureEvent } from '../../../src/models/failures/events.js';
import { chooseSources } from '../../../src/models/recovery/sources.js';
import { addVm, asyncMethod, backupMethod, discreteLog, HOUR, makeScenario, protectedBy, streamLog, syncMethod, unprotected } from '../../support/recovery-factories.js';

describe('recovery sources', () => {
  const s = makeScenario();
  for (let i = 0; i < 5; i++) addVm(s);
  const backup = backupMethod();
  const backupLog = discreteLog(backup, [{ at: HOUR, localAt: HOUR, offsiteAt: 2 * HOUR }, { at: 5 * HOUR, localAt: 5 * HOUR, offsiteAt: 7 * HOUR }]);
  const replica = asyncMethod();
  const replicaLog = discreteLog(replica, [{ at: HOUR, localAt: Infinity, offsiteAt: 1.5 * HOUR }]);
  const sync = syncMethod();
  const protection = [
    unprotected(),
    protectedBy([backup, backupLog]),
    protectedBy([backup, backupLog]),
    protectedBy([backup, backupLog], [replica, replicaLog]),
    protectedBy([sync, streamLog(sync, 0, 0, { kind: 'latest-only' })]),
  ];
  const vms = [0, 1, 2, 3, 4];

  test('site disaster: the newest offsite point; a replica beats a restore of the same point; alike restores share one source', () => {
    const event: FailureEvent = { kind: 'site-disaster', site: 0, atSeconds: 6 * HOUR };
    const out = chooseSources(s, vms, protection, event, 1);
    expect(out.reason).toEqual(['not-protected', null, null, null, null]);
    expect(out.rpoSeconds.slice(1)).toEqual([5 * HOUR, 5 * HOUR, 5 * HOUR, 0]);
    expect(out.via.slice(1)).toEqual(['backup', 'backup', 'async-replication', 'sync-replication']);
    // The offsite copy: across the backup's WAN link at the DR site, read at its target's rate, its streams.
    expect(out.restore[1]).toEqual({ store: backup.target, site: 1, readBytesPerSecond: s.backupTargets[backup.target].readBytesPerSecond, streams: backup.restoreStreams, preferredLink: 0, mountSeconds: 0, rebuildSeconds: 0, local: false });
    expect(out.restore[2]).toBe(out.restore[1]);
    expect(out.restore[3]).toBeNull();
    expect(out.atDr.slice(1)).toEqual([1, 1, 1, 1]);
  });

  test('storage failure: a local copy is restored in place', () => {
    const event: FailureEvent = { kind: 'storage-failure', storage: 0, atSeconds: 6 * HOUR, repairSeconds: HOUR };
    const out = chooseSources(s, [1], protection, event, 1);
    expect(out.restore[0]).toMatchObject({ store: backup.target, site: 0, local: true });
    expect(out.rpoSeconds[0]).toBe(HOUR);
    expect(out.atDr[0]).toBe(0);
  });

  test('corruption: the newest point before it, else no clean point (a sync replica holds the corruption)', () => {
    const event: FailureEvent = { kind: 'corruption', vms, atSeconds: 4 * HOUR, detectedAtSeconds: 8 * HOUR };
    const out = chooseSources(s, vms, protection, event, 1);
    expect(out.reason).toEqual(['not-protected', null, null, null, 'no-clean-point']);
    expect(out.rpoSeconds[1]).toBe(7 * HOUR);
    expect(out.via[3]).toBe('async-replication');
    expect(out.ok(1)).toBe(true);
    expect(out.ok(4)).toBe(false);
  });
});
