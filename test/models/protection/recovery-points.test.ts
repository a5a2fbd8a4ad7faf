import { describe, expect, test } from '@jest/globals';
import { lastPointAtOrBefore, newestCleanPoint, newestPoint, type DiscretePointLog, type PointPlace, type Retention } from '../../../src/models/protection/recovery-points.js';
import { RandomStreams } from '../../../src/sim/random.js';

/** The definitions, spelt out: every point scanned, the retained set built and sorted. */
function referenceNewestPoint(log: DiscretePointLog, t: number, place: PointPlace): number | null {
  let best: number | null = null;
  for (let i = 0; i < log.pointTimes.length; i++) {
    const at = place === 'offsite' ? log.offsiteAt[i] : Math.min(log.localAt[i], log.offsiteAt[i]);
    if (log.pointTimes[i] <= t && at <= t && (best === null || log.pointTimes[i] > best)) best = log.pointTimes[i];
  }
  return best;
}

function referenceCleanPoint(log: DiscretePointLog, corruptedAt: number, detectedAt: number, place: PointPlace): number | null {
  const r = log.retention;
  const usable: number[] = [];
  for (let i = 0; i < log.pointTimes.length; i++) {
    const at = place === 'offsite' ? log.offsiteAt[i] : Math.min(log.localAt[i], log.offsiteAt[i]);
    if (at <= detectedAt && log.pointTimes[i] <= detectedAt) usable.push(log.pointTimes[i]);
  }
  usable.sort((a, b) => a - b);
  let retained = usable;
  if (r.kind === 'count') retained = usable.slice(Math.max(0, usable.length - r.newest));
  else if (r.kind === 'age') retained = usable.filter((p) => p >= detectedAt - r.seconds);
  for (let i = retained.length - 1; i >= 0; i--) if (retained[i] < corruptedAt) return retained[i];
  return null;
}

/** Points every 100 s (some taken at the same time), arriving out of order, some never. */
function randomLog(seed: number, retention: Retention): DiscretePointLog {
  const rng = new RandomStreams(seed).stream('log');
  const pointTimes: number[] = [];
  const localAt: number[] = [];
  const offsiteAt: number[] = [];
  for (let t = 0; t < 5000; t += rng.uniform(0, 1) < 0.2 ? 0 : 100) {
    pointTimes.push(t);
    localAt.push(rng.uniform(0, 1) < 0.1 ? Infinity : t + rng.uniform(0, 300));
    offsiteAt.push(rng.uniform(0, 1) < 0.1 ? Infinity : t + rng.uniform(0, 900));
    if (pointTimes.length > 70) break;
  }
  return { kind: 'discrete', method: 'backup', pointTimes, localAt, offsiteAt, retention };
}

describe('point logs', () => {
  test('lastPointAtOrBefore: the last index whose time is at most t', () => {
    const times = [0, 100, 100, 200];
    expect([-1, 0, 50, 100, 150, 200, 1e9].map((t) => lastPointAtOrBefore(times, t))).toEqual([-1, 0, 0, 2, 2, 3, 3]);
    expect(lastPointAtOrBefore([], 5)).toBe(-1);
  });

  const retentions: Retention[] = [
    { kind: 'age', seconds: 1500 }, { kind: 'count', newest: 0 }, { kind: 'count', newest: 1 }, { kind: 'count', newest: 7 },
    { kind: 'count', newest: Infinity }, { kind: 'age', seconds: Infinity },
  ];
  test('a count retention that is not a whole number of points is refused', () => {
    expect(() => newestCleanPoint(randomLog(1, { kind: 'count', newest: 2.5 }), 1000, 2000, 'offsite')).toThrow(/whole number/);
  });
  test.each(retentions.map((r, i) => [i, r]))('newest point and newest clean point agree with their definitions (retention %i)', (seed, retention) => {
    const log = randomLog(seed as number, retention as Retention);
    const rng = new RandomStreams(seed as number).stream('times');
    for (let k = 0; k < 300; k++) {
      const corruptedAt = Math.round(rng.uniform(-100, 5200) / 50) * 50;
      const detectedAt = corruptedAt + Math.round(rng.uniform(0, 3000) / 50) * 50;
      for (const place of ['offsite', 'local-or-offsite'] as const) {
        expect(newestPoint(log, detectedAt, place)).toBe(referenceNewestPoint(log, detectedAt, place));
        expect(newestCleanPoint(log, corruptedAt, detectedAt, place)).toBe(referenceCleanPoint(log, corruptedAt, detectedAt, place));
      }
    }
  });
});
