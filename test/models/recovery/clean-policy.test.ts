/**
 * The clean-point policy per application (`applications[].ransomware` over `failures.ransomware`), against
 * times derived by hand.
 *
 * Setup (as clean-room.test.ts): two VMs of S bytes, each an application of its own — erp (index 0) trusting
 * the newest point before the encryption, cleaned for 8 h with a 10% reinfection chance; hr (index 1) on the
 * scenario's policy, before the compromise (whose own reinfection chance, 20%, it never uses). Nightly backups,
 * the only surviving copy in a vault read at R (shared by the restores), scans at Q (shared), sign-off F,
 * declaration, boot and application recovery 0, no clean room. Compromise C = day 10.5, encryption E = day 12.5,
 * detection D = E + 1 h; the vault's last sync before E holds days 0..11.
 *
 * Points: erp trusts day 11 (scanned first: k = 1), hr day 10 (day 11 rejected: k = 2). So hr loses one day more:
 * RPO erp = D − 11 d, hr = D − 10 d.
 *
 * Times (processor sharing): both scans start at F. At Q/2 each, erp's S is scanned at F + 2S/Q, when hr has S of
 * its 2S left, alone at Q: done at F + 3S/Q. erp restores alone at R from F + 2S/Q: by F + 3S/Q it has R·S/Q = 0.2S
 * (R/Q = 0.2); the remaining 0.8S at R/2 takes 1.6·S/R, while hr gets 0.8S too and finishes its last 0.2S alone:
 *   erp restored at F + 3S/Q + 1.6·S/R, then cleaned: up at F + 3S/Q + 1.6·S/R + 8 h;
 *   hr up at F + 3S/Q + 1.8·S/R.
 * Reinfected (the attack's draw below erp's 10%), everything is recovered again once erp is up, from before the
 * compromise: two scans of 2S at Q/2 (4S/Q), two restores of S at R/2 (2S/R), no cleaning (points before C):
 *   both up at RTO_erp + F + 4S/Q + 2S/R, losing D − 10 d.
 */
import { describe, expect, test } from '@jest/globals';
import type { FailureEvent } from '../../../src/models/failures/events.js';
import type { CleanPolicy, CopyProtection, RansomwareModel } from '../../../src/models/scenario/model.js';
import { addHosts, addVm, backupMethod, det, discreteLog, GiB, makeScenario, makeStrategy, MB } from '../../support/recovery-factories.js';
import { run } from '../../support/recovery-helpers.js';

const DAY = 86_400;
const HOUR = 3600;
const S = 100 * GiB;
const R = 200 * MB;
const Q = 1000 * MB;
const F = 2 * DAY;
const C = 10.5 * DAY;
const E = 12.5 * DAY;
const D = E + HOUR;
const CLEANING = 8 * HOUR;

const erpPolicy: CleanPolicy = { cleanPoint: 'before-encryption', cleaningSeconds: det(CLEANING), reinfectionProbability: 0.1 };

/** `own`: per application its policy, null for the scenario's (as the resolver fills it in). */
function attack(own?: (CleanPolicy | null)[]): RansomwareModel {
  const scenarioPolicy: CleanPolicy = { cleanPoint: 'before-compromise', cleaningSeconds: det(0), reinfectionProbability: 0.2 };
  return {
    perYear: 1, scope: 'estate', dwellSeconds: det(E - C), detectionSeconds: det(D - E), signOffSeconds: det(F), identityApp: null,
    ...scenarioPolicy, ...(own !== undefined ? { policyByApplication: own.map((p) => p ?? scenarioPolicy) } : {}),
  };
}

const event = (reinfectionDraw: number): FailureEvent => ({ kind: 'ransomware', vms: [0, 1], compromisedAtSeconds: C, atSeconds: E, detectedAtSeconds: D, reinfectionDraw });

const nightly = Array.from({ length: 14 }, (_, i) => ({ at: i * DAY, localAt: i * DAY + 1800, offsiteAt: i * DAY + 3600 }));
const vault: CopyProtection = { immutableSeconds: 0, vault: { everySeconds: DAY, windowSeconds: 2 * HOUR, readBytesPerSecond: R }, offline: false, costPerYear: 0 };

/** erp (application 0) and hr (application 1), one VM each, sharing one backup method and its log. */
function estate(ransomware: RansomwareModel) {
  const s = makeScenario();
  s.failures.ransomware = ransomware;
  s.backupTargets.push({ name: 'dr-backup', site: 1, media: 'disk', mountSeconds: 0, readBytesPerSecond: 10 * R, writeBytesPerSecond: 10 * R, pricePerTB: 0 });
  addHosts(s, 1, { cores: 512, ramBytes: 4096 * GiB });
  addVm(s, { usedBytes: S, application: 0 });
  addVm(s, { usedBytes: S, application: 1 });
  const method = backupMethod({ offsite: { kind: 'wan', link: 0, store: 1 }, restoreStreams: 100 });
  const log = discreteLog(method, nightly);
  return { s, prot: [0, 1].map(() => ({ methods: [{ method, log, copyProtection: vault }] })) };
}

const strategy = makeStrategy({ scanBytesPerSecond: Q, cleanRoom: null });

describe('a clean-point policy per application', () => {
  const { s, prot } = estate(attack([erpPolicy, null]));

  test('before-encryption (erp) loses a day less than before-compromise (hr), and pays the cleaning', () => {
    const [erp, hr] = run(s, strategy, prot, event(0.5)).vms;
    expect(erp.rpoSeconds).toBe(D - 11 * DAY);
    expect(hr.rpoSeconds).toBe(D - 10 * DAY);
    expect(hr.rpoSeconds! - erp.rpoSeconds!).toBe(DAY);
    expect(erp.rtoSeconds!).toBeCloseTo(F + (3 * S) / Q + (1.6 * S) / R + CLEANING, 3);
    expect(hr.rtoSeconds!).toBeCloseTo(F + (3 * S) / Q + (1.8 * S) / R, 3);
    // The 2-day sign-off is still longer than erp's 8 h of cleaning.
    expect(erp.limit).toBe('sign-off');
  });

  test('reinfection at erp\'s chance (10%), not the scenario\'s (20%): a second recovery of both from before the compromise', () => {
    const first = F + (3 * S) / Q + (1.6 * S) / R + CLEANING;
    const again = run(s, strategy, prot, event(0.05)).vms;
    for (const v of again) {
      expect(v.rpoSeconds).toBe(D - 10 * DAY);
      expect(v.rtoSeconds!).toBeCloseTo(first + F + (4 * S) / Q + (2 * S) / R, 3);
      expect(v.limit).toBe('reinfection');
    }
    // 0.15: below the scenario's 20% (hr's policy, which restores from before the compromise: never reinfected), above erp's 10%.
    expect(run(s, strategy, prot, event(0.15)).vms.map((v) => v.limit)).toEqual(['sign-off', 'sign-off']);
  });

  test('without overrides both follow the scenario (before the compromise): the same point and no cleaning', () => {
    const plain = estate(attack());
    const [erp, hr] = run(plain.s, strategy, plain.prot, event(0)).vms;
    expect([erp.rpoSeconds, hr.rpoSeconds]).toEqual([D - 10 * DAY, D - 10 * DAY]);
    // Two scans of 2S at Q/2, two restores of S at R/2.
    for (const v of [erp, hr]) expect(v.rtoSeconds!).toBeCloseTo(F + (4 * S) / Q + (2 * S) / R, 3);
  });
});
