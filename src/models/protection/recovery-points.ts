/**
 * What protection leaves behind for recovery: for each protection group and method, the recovery points
 * that exist and where. Protection (normal operation) writes these; recovery reads them at the failure
 * time. Times are simulation seconds.
 *
 * A recovery point is "the state of the data as of `pointTime`". It becomes usable at DR once its data
 * has fully arrived there (`offsiteAt`), and locally (same site, e.g. on a local backup target) at
 * `localAt`. Replication methods keep their points only at DR (`localAt` = Infinity: a local snapshot
 * on the failed array is not counted).
 */
import type { MethodKind } from '../scenario/model.js';

export type Retention =
  | { kind: 'count'; newest: number } // retained snapshots: the newest N (a whole number or Infinity) points that have arrived
  | { kind: 'age'; seconds: number } // backups, CDP journal: points not older than this
  | { kind: 'latest-only' }; // sync replica: only the current state (corruption replicates too)

/** Discrete points (async snapshots, backups): parallel arrays sorted by pointTime. */
export interface DiscretePointLog {
  kind: 'discrete';
  method: MethodKind;
  pointTimes: number[];
  localAt: number[];
  offsiteAt: number[];
  retention: Retention;
}

/**
 * A continuous stream (CDP journal, sync replica, async-degraded sync): any point up to the newest one
 * that has arrived. `recoveryPointAt(t)` = newest point in time whose data has fully arrived at DR by t
 * (t itself when nothing is in flight).
 */
export interface StreamPointLog {
  kind: 'stream';
  method: MethodKind;
  recoveryPointAt(t: number): number;
  /** Time the stream (and so its history) began: no point before it exists. */
  startTime: number;
  retention: Retention;
  /**
   * Application-consistent points (CDP bookmarks) every this many seconds from startTime; undefined: every
   * point is as good as any. Rolling back from a corruption goes to the newest consistent point before it;
   * a disaster fails over to the newest (crash-consistent) point, as CDP products do by default.
   */
  consistentEverySeconds?: number;
}

export type PointLog = DiscretePointLog | StreamPointLog;

export type PointPlace = 'offsite' | 'local-or-offsite';

/** Index of the last point taken at or before t (-1: none); pointTimes are sorted. */
export function lastPointAtOrBefore(pointTimes: readonly number[], t: number): number {
  let lo = 0;
  let hi = pointTimes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pointTimes[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** When point i of a discrete log can be used at `place`. */
function usableAt(log: DiscretePointLog, i: number, place: PointPlace): number {
  return place === 'offsite' ? log.offsiteAt[i] : Math.min(log.localAt[i], log.offsiteAt[i]);
}

/** Newest usable recovery point at time t (null when none has arrived yet). */
export function newestPoint(log: PointLog, t: number, place: PointPlace): number | null {
  if (log.kind === 'stream') return log.startTime <= t ? Math.max(log.startTime, log.recoveryPointAt(t)) : null;
  // Points are sorted by pointTime but may arrive out of order (a small incremental overtaking a full), so scan
  // backwards from the last point taken by t and stop at the first point usable at t; older points cannot be newer.
  for (let i = lastPointAtOrBefore(log.pointTimes, t); i >= 0; i--) {
    if (usableAt(log, i, place) <= t) return log.pointTimes[i];
  }
  return null;
}

/**
 * Newest clean point for logical corruption that began at `corruptedAt` and is acted on at `detectedAt`:
 * the newest point taken strictly before the corruption that still exists (retention) at detection.
 * Null when no clean point exists ("unrecoverable from this strategy").
 */
export function newestCleanPoint(log: PointLog, corruptedAt: number, detectedAt: number, place: PointPlace): number | null {
  const r = log.retention;
  if (r.kind === 'latest-only') {
    // The replica holds the corruption as soon as it has replicated it; only a point before it would help and none is kept.
    return null;
  }
  if (log.kind === 'stream') {
    const oldest = r.kind === 'age' ? Math.max(log.startTime, detectedAt - r.seconds) : log.startTime;
    const newestArrived = log.recoveryPointAt(detectedAt);
    let candidate = Math.min(newestArrived, corruptedAt);
    const every = log.consistentEverySeconds;
    if (every !== undefined && every > 0) candidate = log.startTime + Math.floor((candidate - log.startTime) / every) * every;
    return candidate >= oldest && candidate < corruptedAt + 1e-9 ? candidate : null;
  }
  // Discrete: the retained set at detection time, newest first (points are sorted, so the usable ones in
  // index order are in time order).
  if (r.kind === 'count' && !(Number.isInteger(r.newest) || r.newest === Infinity)) throw new RangeError(`a retention count must be a whole number of points, got ${r.newest}`);
  const oldest = r.kind === 'age' ? detectedAt - r.seconds : -Infinity;
  let left = r.kind === 'count' ? r.newest : Infinity;
  for (let i = lastPointAtOrBefore(log.pointTimes, detectedAt); i >= 0 && left > 0; i--) {
    if (!(usableAt(log, i, place) <= detectedAt)) continue;
    const p = log.pointTimes[i];
    if (!(p >= oldest)) return null;
    if (p < corruptedAt) return p;
    left--;
  }
  return null;
}
