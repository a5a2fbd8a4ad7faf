/**
 * Which restore points survive an attacker, by hand: nightly points at day i (written locally at i d + 30 min,
 * offsite at i d + 1 h); compromise C = 10.5 d, encryption E = 12.5 d, detection D = 12.5 d + 1 h.
 */
import { describe, expect, test } from '@jest/globals';
import { copyCanSurvive, lastVaultSyncStart, trustedPoint, type RansomwareTimes } from '../../../src/models/failures/ransomware-points.js';
import type { CopyProtection } from '../../../src/models/scenario/model.js';
import { asyncMethod, backupMethod, cdpMethod, discreteLog, streamLog, syncMethod } from '../../support/recovery-factories.js';

const DAY = 86_400;
const times: RansomwareTimes = { compromisedAtSeconds: 10.5 * DAY, encryptedAtSeconds: 12.5 * DAY, detectedAtSeconds: 12.5 * DAY + 3600 };
const method = backupMethod();
const log = discreteLog(method, Array.from({ length: 13 }, (_, i) => ({ at: i * DAY, localAt: i * DAY + 1800, offsiteAt: i * DAY + 3600 })));
const protection = (p: Partial<CopyProtection>): CopyProtection => ({ immutableSeconds: 0, vault: null, offline: false, costPerYear: 0, ...p });

describe('what survives', () => {
  test('a copy can survive only with a lock, a vault or offline media', () => {
    expect(copyCanSurvive(null)).toBe(false);
    expect(copyCanSurvive(undefined)).toBe(false);
    // copyProtection given with nothing in it (the resolver warns) protects nothing.
    expect(copyCanSurvive(protection({}))).toBe(false);
    expect(copyCanSurvive(protection({ immutableSeconds: DAY }))).toBe(true);
    expect(copyCanSurvive(protection({ vault: { everySeconds: DAY, windowSeconds: 3600, readBytesPerSecond: null } }))).toBe(true);
    expect(copyCanSurvive(protection({ offline: true }))).toBe(true);
  });

  test('nothing protected: every copy is deleted', () => {
    expect(trustedPoint(log, null, times, 'before-compromise')).toBeNull();
    expect(trustedPoint(log, null, times, 'before-encryption')).toBeNull();
  });

  test('immutable for L from the write: points written after E − L survive; the newest before C (day 10) after scanning day 12, 11', () => {
    const locked = protection({ immutableSeconds: 7 * DAY });
    expect(trustedPoint(log, locked, times, 'before-compromise')).toEqual({ pointSeconds: 10 * DAY, scannedPoints: 3, copy: 'local' });
    expect(trustedPoint(log, locked, times, 'before-encryption')).toEqual({ pointSeconds: 12 * DAY, scannedPoints: 1, copy: 'local' });
    // Locked 2 d: written after 10.5 d → days 11, 12 only, both after the compromise.
    expect(trustedPoint(log, protection({ immutableSeconds: 2 * DAY }), times, 'before-compromise')).toBeNull();
  });

  test('an isolated vault holds what was on a copy when its last completed sync began', () => {
    // Syncs at k·1 d for 3 h: the last one done by E = 12.5 d began at day 12 → points written by then: days 0..11.
    expect(lastVaultSyncStart(DAY, 3 * 3600, times.encryptedAtSeconds)).toBe(12 * DAY);
    const vault = protection({ vault: { everySeconds: DAY, windowSeconds: 3 * 3600, readBytesPerSecond: null } });
    expect(trustedPoint(log, vault, times, 'before-encryption')).toEqual({ pointSeconds: 11 * DAY, scannedPoints: 1, copy: 'vault' });
    expect(trustedPoint(log, vault, times, 'before-compromise')).toEqual({ pointSeconds: 10 * DAY, scannedPoints: 2, copy: 'vault' });
    // Encryption during a sync window (12 d + 1 h): that sync is in transit; the vault holds the day-11 sync's: days 0..10.
    const duringSync = { ...times, encryptedAtSeconds: 12 * DAY + 3600 };
    expect(trustedPoint(log, vault, duringSync, 'before-encryption')).toEqual({ pointSeconds: 10 * DAY, scannedPoints: 1, copy: 'vault' });
  });

  test('offline media: every offsite copy that arrived survives', () => {
    const tape = protection({ offline: true });
    expect(trustedPoint(log, tape, times, 'before-encryption')).toEqual({ pointSeconds: 12 * DAY, scannedPoints: 1, copy: 'offsite' });
  });

  test('retention still applies at detection: 30-day backups keep day 0; 2-day retention has nothing before C', () => {
    const short = discreteLog(method, log.pointTimes.map((at) => ({ at, localAt: at + 1800, offsiteAt: at + 3600 })), { kind: 'age', seconds: 2 * DAY });
    expect(trustedPoint(short, protection({ offline: true }), times, 'before-compromise')).toBeNull();
  });

  test('a mirror (sync) never survives; a CDP journal survives only locked, back to E − lock', () => {
    const sync = syncMethod();
    expect(trustedPoint(streamLog(sync), protection({ immutableSeconds: 30 * DAY }), times, 'before-encryption')).toBeNull();
    const cdp = cdpMethod({ historySeconds: 30 * DAY });
    const journal = streamLog(cdp, 0, 0, { kind: 'age', seconds: 30 * DAY });
    expect(trustedPoint(journal, null, times, 'before-compromise')).toBeNull();
    expect(trustedPoint(journal, protection({ immutableSeconds: 7 * DAY }), times, 'before-compromise')).toEqual({ pointSeconds: times.compromisedAtSeconds, scannedPoints: 1, copy: 'offsite' });
    // Locked 1 d: the journal reaches back to 11.5 d only, after the compromise.
    expect(trustedPoint(journal, protection({ immutableSeconds: DAY }), times, 'before-compromise')).toBeNull();
    expect(trustedPoint(journal, protection({ immutableSeconds: DAY }), times, 'before-encryption')!.pointSeconds).toBe(times.encryptedAtSeconds);
  });

  test('retained snapshots counted at detection: encrypted snapshots push clean ones out', () => {
    const a = asyncMethod();
    // Hourly snapshots, 24 kept; the 1 h between E and D adds 2 encrypted ones (at E and E + 1 h): 22 clean are left.
    const snaps = discreteLog(a, Array.from({ length: 302 }, (_, i) => ({ at: i * 3600 })), { kind: 'count', newest: 24 });
    const locked = protection({ immutableSeconds: 30 * DAY });
    const trusted = trustedPoint(snaps, locked, times, 'before-encryption')!;
    expect(trusted.pointSeconds).toBe(times.encryptedAtSeconds - 3600);
    // Before the compromise: 48 h before E, beyond the 22 clean snapshots kept.
    expect(trustedPoint(snaps, locked, times, 'before-compromise')).toBeNull();
  });
});
