/**
 * Which of a method's recovery points survive a ransomware attack, and which one recovery trusts.
 *
 * The attacker holds administrator rights from `compromisedAt`, encrypts at `encryptedAt`, and is found at
 * `detectedAt`. A point taken at or after the encryption holds encrypted data. Every copy the attacker can reach
 * is deleted — from the encryption until detection, so a copy arriving in between goes too — unless:
 *   - immutable: locked for `immutableSeconds` from when it was written (arrival), still locked at encryption;
 *   - in an isolated vault: the vault syncs every `everySeconds` (from time 0) for `windowSeconds`; it holds the
 *     points that were on the method's copy when the last sync completed before the encryption began. A sync
 *     open at the encryption is in transit and lost; syncs stop once production is encrypted;
 *   - offline: the method's offsite copy is offline media (tape offsite), out of reach once it arrived.
 * Retention still applies at detection, as for corruption (recovery-points.ts newestCleanPoint): a count of
 * points keeps rotating after the encryption (encrypted points push clean ones out).
 *
 * Policy: 'before-compromise' trusts only a point older than the compromise; the surviving points between the
 * compromise and the encryption are scanned, newest first, and rejected (they hold the foothold). 'before-
 * encryption' trusts the newest surviving point before the encryption (scanned once, then cleaned).
 * A continuous log (CDP journal) offers any point inside its history when locked; it is scanned once.
 */
import type { CleanPointPolicy, CopyProtection } from '../scenario/model.js';
import { lastPointAtOrBefore, type PointLog } from '../protection/recovery-points.js';

export interface RansomwareTimes {
  compromisedAtSeconds: number;
  encryptedAtSeconds: number;
  detectedAtSeconds: number;
}

/** Where the trusted point's surviving copy is read from. */
export type SurvivingCopy = 'local' | 'offsite' | 'vault';

export interface TrustedPoint {
  pointSeconds: number;
  /** Restore points scanned to find it (the rejected newer ones and itself). */
  scannedPoints: number;
  copy: SurvivingCopy;
}

/** The point a ransomware recovery trusts from one method's log, or null when none survives. */
export function trustedPoint(log: PointLog, protection: CopyProtection | null, attack: RansomwareTimes, policy: CleanPointPolicy): TrustedPoint | null {
  if (!copyCanSurvive(protection)) return null; // every copy is encrypted or deleted, whatever its times
  const { compromisedAtSeconds: c, encryptedAtSeconds: e, detectedAtSeconds: d } = attack;
  const limit = policy === 'before-compromise' ? c : e;
  const lock = protection?.immutableSeconds ?? 0;
  const r = log.retention;
  if (r.kind === 'latest-only') return null; // a mirror takes the encryption as it is written
  if (log.kind === 'stream') {
    // A journal survives only locked; its points then reach back to the lock (and the history) at encryption.
    if (!(lock > 0)) return null;
    const oldest = Math.max(log.startTime, r.kind === 'age' ? d - r.seconds : -Infinity, e - lock);
    let candidate = Math.min(log.recoveryPointAt(e), limit);
    const every = log.consistentEverySeconds;
    if (every !== undefined && every > 0) candidate = log.startTime + Math.floor((candidate - log.startTime) / every) * every;
    return candidate >= oldest && candidate <= limit ? { pointSeconds: candidate, scannedPoints: 1, copy: 'offsite' } : null;
  }
  if (r.kind === 'count' && !(Number.isInteger(r.newest) || r.newest === Infinity)) throw new RangeError(`a retention count must be a whole number of points, got ${r.newest}`);
  const oldest = r.kind === 'age' ? d - r.seconds : -Infinity;
  const vaultHoldsUntil = protection?.vault ? lastVaultSyncStart(protection.vault.everySeconds, protection.vault.windowSeconds, e) : -Infinity;
  const offline = protection?.offline ?? false;
  let left = r.kind === 'count' ? r.newest : Infinity;
  let scanned = 0;
  for (let i = lastPointAtOrBefore(log.pointTimes, d); i >= 0 && left > 0; i--) {
    const localAt = log.localAt[i];
    const offsiteAt = log.offsiteAt[i];
    if (!(Math.min(localAt, offsiteAt) <= d)) continue;
    left--;
    const p = log.pointTimes[i];
    if (!(p >= oldest)) return null;
    if (p >= e) continue; // encrypted data
    const copy = survivingCopy(localAt, offsiteAt, lock, e, d, vaultHoldsUntil, offline);
    if (copy === null) continue;
    scanned++;
    if (p < limit) return { pointSeconds: p, scannedPoints: scanned, copy };
  }
  return null;
}

/**
 * Whether any copy of a method can survive an attack: only a lock, a vault or offline media keep one from the
 * attacker. Without them no point of the method's log can be trusted, so its log is not read at all.
 */
export function copyCanSurvive(protection: CopyProtection | null | undefined): boolean {
  return protection != null && (protection.immutableSeconds > 0 || protection.vault != null || protection.offline === true);
}

/** Which copy of one point survives: the fastest to restore first (local, then offsite, then the vault). */
function survivingCopy(localAt: number, offsiteAt: number, lock: number, e: number, d: number, vaultHoldsUntil: number, offline: boolean): SurvivingCopy | null {
  // Locked at E: written less than `lock` before it (no closure: this runs per point of every group).
  if (localAt <= d && lock > 0 && localAt + lock > e) return 'local';
  if (offsiteAt <= d && ((lock > 0 && offsiteAt + lock > e) || offline)) return 'offsite';
  if (Math.min(localAt, offsiteAt) <= vaultHoldsUntil) return 'vault';
  return null;
}

/** Start of the last vault sync (at k · every, lasting window) that completed by time t; -Infinity if none. */
export function lastVaultSyncStart(everySeconds: number, windowSeconds: number, t: number): number {
  const k = Math.floor((t - windowSeconds) / everySeconds);
  return k >= 0 ? k * everySeconds : -Infinity;
}
