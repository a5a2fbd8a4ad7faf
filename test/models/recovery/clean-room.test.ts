/**
 * Ransomware recovery of a whole estate, against times derived by hand.
 *
 * Setup: N VMs of S bytes each, at the primary site; each is protected by a backup whose only surviving copy is
 * in an isolated vault at the DR site, read at R bytes/s (the slowest stage: DR storage writes 1 TB/s and the copy
 * crosses no WAN). Scans run at Q bytes/s, shared. Sign-off takes F seconds (declaration 0), boot and application
 * recovery 0, restore streams and power-ons ≥ N.
 *
 * Derivation (no clean room). Every VM is admitted at F and its scan (k points × S bytes) starts at once. The scan
 * link is a processor-sharing server: N equal jobs started together each get Q/N, so all finish together at
 * F + N·k·S/Q. Then N equal restores start together on the fabric of rate R: each gets R/N and all finish at
 * F + N·k·S/Q + N·S/R, when every VM powers on and is up (boot 0). So every VM's RTO is T = F + N·(k·S/Q + S/R).
 *
 * With a clean room of C slots (N = m·C): C VMs enter at F and go through scan (C·k·S/Q) and restore (C·S/R)
 * alone — the next batch waits for a slot, which frees only when a VM leaves — so batch j (1..m) is up at
 * F + j·C·(k·S/Q + S/R).
 */
import { describe, expect, test } from '@jest/globals';
import type { FailureEvent } from '../../../src/models/failures/events.js';
import type { CopyProtection, RansomwareModel } from '../../../src/models/scenario/model.js';
import { addHosts, addVm, backupMethod, det, discreteLog, GiB, makeScenario, makeStrategy, MB } from '../../support/recovery-factories.js';
import { run } from '../../support/recovery-helpers.js';

const DAY = 86_400;
const S = 100 * GiB;
const R = 200 * MB;
const Q = 1000 * MB;
const F = 2 * DAY;
/** Compromise, encryption and detection. */
const C = 10.5 * DAY;
const E = 12.5 * DAY;
const D = E + 3600;

function attack(overrides: Partial<RansomwareModel> = {}): RansomwareModel {
  return {
    perYear: 1, scope: 'estate', dwellSeconds: det(E - C), detectionSeconds: det(D - E), signOffSeconds: det(F),
    cleanPoint: 'before-compromise', cleaningSeconds: det(0), reinfectionProbability: 0, identityApp: null, ...overrides,
  };
}

/** `reinfectionDraw` 1 (the default): never reinfected; below a policy's reinfection chance: reinfected where that policy restored a point after C. */
const event = (vms: number[], reinfectionDraw = 1): FailureEvent => ({ kind: 'ransomware', vms, compromisedAtSeconds: C, atSeconds: E, detectedAtSeconds: D, reinfectionDraw });

/** Nightly backups at day 0, 1, ..., 13 (on the local target half an hour later, the offsite copy at DR an hour later). */
const nightly = Array.from({ length: 14 }, (_, i) => ({ at: i * DAY, localAt: i * DAY + 1800, offsiteAt: i * DAY + 3600 }));

const vault: CopyProtection = { immutableSeconds: 0, vault: { everySeconds: DAY, windowSeconds: 2 * 3600, readBytesPerSecond: R }, offline: false, costPerYear: 0 };

function estate(n: number, ransomware: RansomwareModel, protection: CopyProtection | null = vault) {
  const s = makeScenario();
  s.failures.ransomware = ransomware;
  // The offsite copy sits on a backup target at DR (read faster than the vault, so the vault's R is the bottleneck).
  s.backupTargets.push({ name: 'dr-backup', site: 1, media: 'disk', mountSeconds: 0, readBytesPerSecond: 10 * R, writeBytesPerSecond: 10 * R, pricePerTB: 0 });
  addHosts(s, 1, { cores: 512, ramBytes: 4096 * GiB });
  const vms = Array.from({ length: n }, () => addVm(s, { usedBytes: S }));
  const method = backupMethod({ offsite: { kind: 'wan', link: 0, store: 1 }, restoreStreams: 100 });
  const log = discreteLog(method, nightly);
  const prot = vms.map(() => ({ methods: [{ method, log, copyProtection: protection }] }));
  return { s, vms, prot };
}

describe('ransomware recovery through scan and restore (closed form)', () => {
  test('N VMs, before-compromise: every VM is up at F + N·(k·S/Q + S/R), RPO = D − the newest point before the compromise', () => {
    const N = 4;
    const { s, vms, prot } = estate(N, attack());
    const strategy = makeStrategy({ scanBytesPerSecond: Q, cleanRoom: null });
    const out = run(s, strategy, prot, event(vms));
    // The vault at encryption: the last sync that completed before E started at day 12 (12 d + 2 h ≤ E = 12.5 d);
    // it holds the points whose copy existed when that sync started: days 0..11 (day 12's lands at 12 d + 30 min).
    // Trusted: the newest before C = 10.5 d → day 10; scanned newest first: day 11 (rejected), day 10 → k = 2.
    const k = 2;
    const T = F + N * ((k * S) / Q + S / R);
    for (const v of out.vms) {
      expect(v.outcome).toBe('recovered');
      expect(v.rtoSeconds!).toBeCloseTo(T, 3);
      expect(v.rpoSeconds).toBe(D - 10 * DAY);
    }
    // Scan N·k·S/Q ≈ 859 s and restore N·S/R ≈ 2147 s are short beside the 2-day sign-off: it is the longest stage.
    expect(out.vms[0].limit).toBe('sign-off');
  });

  test('a clean room of C slots: batch j is up at F + j·C·(k·S/Q + S/R)', () => {
    const N = 6;
    const slots = 2;
    const F = 600;
    const { s, vms, prot } = estate(N, attack({ signOffSeconds: det(F) }));
    const out = run(s, makeStrategy({ scanBytesPerSecond: Q, cleanRoom: { vms: slots, costPerYear: 0 } }), prot, event(vms));
    const k = 2;
    const per = slots * ((k * S) / Q + S / R);
    const rto = out.vms.map((v) => v.rtoSeconds!);
    // Rank order: VM index order within one priority group.
    expect(rto[0]).toBeCloseTo(F + per, 3);
    expect(rto[1]).toBeCloseTo(F + per, 3);
    expect(rto[2]).toBeCloseTo(F + 2 * per, 3);
    expect(rto[3]).toBeCloseTo(F + 2 * per, 3);
    expect(rto[4]).toBeCloseTo(F + 3 * per, 3);
    expect(rto[5]).toBeCloseTo(F + 3 * per, 3);
    // The last batch waited 2·per ≈ 3006 s for a slot: longer than the sign-off (600 s), its scan (≈ 429 s) or its
    // restore (≈ 1074 s): the clean room limited it. The first batch's longest stage is its restore.
    expect(out.vms[5].limit).toBe('clean-room');
    expect(out.vms[0].limit).toBe('restore');
  });

  test('identity first: the rest is admitted once the identity application is up', () => {
    const N = 3;
    const { s, vms, prot } = estate(N, attack({ identityApp: 'ad' }));
    s.vms[2].app = 'ad';
    const out = run(s, makeStrategy({ scanBytesPerSecond: Q, cleanRoom: null }), prot, event(vms));
    const k = 2;
    // The identity VM alone: F + k·S/Q + S/R; then the other two together: + 2·(k·S/Q + S/R).
    const alone = F + (k * S) / Q + S / R;
    expect(out.vms[2].rtoSeconds!).toBeCloseTo(alone, 3);
    expect(out.vms[0].rtoSeconds!).toBeCloseTo(alone + 2 * ((k * S) / Q + S / R), 3);
    expect(out.vms[1].rtoSeconds!).toBeCloseTo(alone + 2 * ((k * S) / Q + S / R), 3);
  });
});

describe('what the attacker deletes', () => {
  test('unprotected backups are gone; immutable (locked at encryption) or vaulted copies survive', () => {
    const none = estate(1, attack(), null);
    expect(run(none.s, makeStrategy(), none.prot, event(none.vms)).vms[0].outcome).toBe('no-clean-point');
    // A 7-day lock from the copy's write: points written after E − 7 d are still locked at E: days 6..12; before C: day 10.
    const immutable: CopyProtection = { immutableSeconds: 7 * DAY, vault: null, offline: false, costPerYear: 0 };
    const locked = estate(1, attack(), immutable);
    expect(run(locked.s, makeStrategy(), locked.prot, event(locked.vms)).vms[0].rpoSeconds).toBe(D - 10 * DAY);
    // A lock shorter than the dwell time: every point before the compromise (≤ day 10) was unlocked by E.
    const short: CopyProtection = { immutableSeconds: 2 * DAY - 7200, vault: null, offline: false, costPerYear: 0 };
    const shortRun = estate(1, attack(), short);
    expect(run(shortRun.s, makeStrategy(), shortRun.prot, event(shortRun.vms)).vms[0].outcome).toBe('no-clean-point');
    const vaulted = estate(1, attack(), vault);
    expect(run(vaulted.s, makeStrategy(), vaulted.prot, event(vaulted.vms)).vms[0].rpoSeconds).toBe(D - 10 * DAY);
  });
});

describe('the clean-point policy trade-off', () => {
  test('before-encryption loses less (newest point before E) but cleans; reinfected, it recovers twice from before the compromise', () => {
    const cleaning = 4 * 3600;
    const policy = attack({ cleanPoint: 'before-encryption', cleaningSeconds: det(cleaning), reinfectionProbability: 0.2 });
    const { s, vms, prot } = estate(1, policy);
    const strategy = makeStrategy({ scanBytesPerSecond: Q, cleanRoom: null });
    const clean = run(s, strategy, prot, event(vms)).vms[0];
    // Newest surviving point before E: day 11 (in the vault; day 12's copy arrived after that sync began). One scan.
    expect(clean.rpoSeconds).toBe(D - 11 * DAY);
    const once = F + S / Q + S / R + cleaning;
    expect(clean.rtoSeconds!).toBeCloseTo(once, 3);
    expect(run(s, strategy, prot, event(vms, 0.2)).vms[0].rtoSeconds!).toBeCloseTo(once, 3);
    const reinfected = run(s, strategy, prot, event(vms, 0.19)).vms[0];
    // Second recovery, as before-compromise (k = 2 scans, no cleaning), after the first one is over.
    expect(reinfected.rpoSeconds).toBe(D - 10 * DAY);
    expect(reinfected.rtoSeconds!).toBeCloseTo(once + F + (2 * S) / Q + S / R, 3);
    expect(reinfected.limit).toBe('reinfection');
    // Before-compromise: more loss than a clean before-encryption recovery, no cleaning, never reinfected.
    const safe = estate(1, attack({ cleanPoint: 'before-compromise', reinfectionProbability: 0.2 }));
    const safeRun = run(safe.s, strategy, safe.prot, event(safe.vms, 0)).vms[0];
    expect(safeRun.rpoSeconds!).toBeGreaterThan(clean.rpoSeconds!);
    expect(safeRun.rtoSeconds!).toBeCloseTo(F + (2 * S) / Q + S / R, 3);
  });
});
