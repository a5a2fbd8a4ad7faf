/**
 * CDP checkpointInterval: application-consistent bookmarks in the journal. A corruption rolls back to the newest
 * bookmark before it (within the history); a disaster fails over to the newest crash-consistent point.
 */
import { describe, expect, test } from '@jest/globals';
import { RandomStreams } from '../../../src/sim/random.js';
import { simulateProtection } from '../../../src/models/protection/simulate.js';
import { newestCleanPoint, newestPoint } from '../../../src/models/protection/recovery-points.js';
import type { CdpMethod } from '../../../src/models/protection/methods/registry.js';
import { scenario } from '../../support/scenario-builder.js';

const DAY = 86400;
const HOUR = 3600;
const streams = new RandomStreams(7);

function cdpLog(checkpointIntervalSeconds: number) {
  const m: CdpMethod = { method: 'cdp', historySeconds: DAY, compression: 0, checkpointIntervalSeconds, link: 0, target: 1, promoteSeconds: 0 };
  const s = scenario({ methods: [m], linkBytesPerSecond: 10e6 });
  return simulateProtection({ scenario: s, strategy: s.strategies[0], streams, trial: 0, linkOutages: [[]] }).vmProtection[0].methods[0].log;
}

describe('CDP application-consistent checkpoints', () => {
  test('corruption at 00:20 with 15-min bookmarks rolls back to 00:15; with 1-min bookmarks to 00:20', () => {
    const corruptedAt = 3 * DAY + 20 * 60;
    expect(newestCleanPoint(cdpLog(900), corruptedAt, corruptedAt + 6 * HOUR, 'offsite')).toBeCloseTo(3 * DAY + 15 * 60, 9);
    expect(newestCleanPoint(cdpLog(60), corruptedAt, corruptedAt + 6 * HOUR, 'offsite')).toBeCloseTo(corruptedAt, 9);
  });

  test('over corruption instants spread evenly, the extra rollback is half the checkpoint interval', () => {
    const log = cdpLog(900);
    let sum = 0;
    const n = 3600;
    for (let i = 0; i < n; i++) {
      const at = 2 * DAY + ((i + 0.5) / n) * 10 * HOUR;
      sum += at - newestCleanPoint(log, at, at + HOUR, 'offsite')!;
    }
    expect(sum / n).toBeCloseTo(450, 6);
  });

  test('a disaster still fails over to the newest crash-consistent point (the link keeps up: loss 0)', () => {
    const log = cdpLog(900);
    for (const t of [2 * DAY + 123, 4.3 * DAY]) expect(newestPoint(log, t, 'offsite')).toBeCloseTo(t, 6);
  });

  test('a bookmark older than the journal history is gone', () => {
    const log = cdpLog(900);
    // Corrupted at 00:10 (bookmark 00:00). Detected the next day at 23:59 the 24-h history reaches back to
    // 23:59 the day before, so the bookmark is there; detected at 00:05 it reaches back to 00:05 only.
    const corruptedAt = 3 * DAY + 600;
    expect(newestCleanPoint(log, corruptedAt, 4 * DAY - 60, 'offsite')).toBeCloseTo(3 * DAY, 9);
    expect(newestCleanPoint(log, corruptedAt, 4 * DAY + 300, 'offsite')).toBeNull();
  });
});
