/**
 * When a backup schedule's backups run and reach DR, from time 0 (Monday 00:00): slots at the window start
 * (first + k·period), fulls on the first slot of each full period, tapes on the next pickup plus transit.
 *
 * Seeded state: the schedule has been running before time 0. The chain's newest backup is the one of the
 * slot before the first (first − period, possibly before 0: "last night's"), so the lag at any time is in
 * phase with the schedule from the start — the warm-up then replaces it with the schedule's own points. It
 * sits on the target and — over the WAN or on a remote target — at DR by time 0 (copied before the run);
 * on tape it follows the shipping rule like any backup. Writes before time 0 are not simulated: an
 * incremental after the seed counts the changes since time 0.
 */
import { DAY_SECONDS } from '../write-curve.js';
import type { BackupMethod, OffsiteCopy } from './backup.js';

/** Time of the first scheduled backup: the window's start on day 0 (a slot at 0 would be the seed itself: one period later). */
export function firstSlotSeconds(method: BackupMethod): number {
  const every = method.schedule.incrementalEverySeconds;
  const first = method.windowStartSeconds % Math.min(every, DAY_SECONDS);
  return first === 0 ? every : first;
}

/** The seeded backup's point: the slot before the first. */
export function seedSlotSeconds(method: BackupMethod): number {
  return firstSlotSeconds(method) - method.schedule.incrementalEverySeconds;
}

/** A slot is a full when it is the first slot of its full period (periods of F aligned to time 0). */
export function isFullSlot(method: BackupMethod, slotSeconds: number): boolean {
  const s = method.schedule;
  if (s.kind !== 'full-incremental') return false;
  return Math.floor(slotSeconds / s.fullEverySeconds) !== Math.floor((slotSeconds - s.incrementalEverySeconds) / s.fullEverySeconds);
}

/** When a tape written at `writtenAt` is offsite: the next pickup at or after it, plus the transit. */
export function tapeArrivalSeconds(o: Extract<OffsiteCopy, { kind: 'tape' }>, writtenAt: number): number {
  const k = Math.ceil((writtenAt - o.pickupSecondsAfterMidnight) / o.shipEverySeconds);
  return o.pickupSecondsAfterMidnight + Math.max(0, k) * o.shipEverySeconds + o.transitSeconds;
}

/** Its periods: incrementals, fulls, tape shipments (a weekly full under monthly tapes still asks for whole weeks). */
export function backupCyclesSeconds(m: BackupMethod): number[] {
  const cycles = [m.schedule.incrementalEverySeconds];
  if (m.schedule.kind === 'full-incremental') cycles.push(m.schedule.fullEverySeconds);
  if (m.offsite.kind === 'tape') cycles.push(m.offsite.shipEverySeconds);
  return cycles;
}

/**
 * The first own backup at DR: its slot, one period for writing and copying it (a copy slower than that
 * falls behind anyway), and on tape the wait for the next pickup plus the transit.
 */
export function backupSettleSeconds(m: BackupMethod): number {
  const tape = m.offsite.kind === 'tape' ? m.offsite.shipEverySeconds + m.offsite.transitSeconds : 0;
  return firstSlotSeconds(m) + m.schedule.incrementalEverySeconds + tape;
}
