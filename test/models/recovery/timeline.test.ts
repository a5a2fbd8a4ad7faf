import { describe, expect, test } from '@jest/globals';
import { UnitTimeline } from '../../../src/models/recovery/timeline.js';

describe('unit timeline', () => {
  test('waits before the power-on queue, the queue, boot and app recovery, and the wait after a restart', () => {
    const tl = new UnitTimeline(2, 100);
    tl.hostReadyAt(0, 150);
    tl.dataReadyAt(0, 180);
    tl.eligible(0, 200, true);
    tl.queued(0, 260);
    tl.boots(0, 5, 260, 30, 10);
    tl.boots(0, 6, 260, 20, 0);
    tl.restarted(0, 400);
    tl.eligible(0, 450, true);
    expect(tl.stepsOf(0)).toEqual([
      { vm: -1, step: 'preemption', startSeconds: 100, endSeconds: 150 },
      { vm: -1, step: 'restore', startSeconds: 100, endSeconds: 180 },
      { vm: -1, step: 'wait-dependencies', startSeconds: 180, endSeconds: 200 },
      { vm: -1, step: 'power-on-queue', startSeconds: 200, endSeconds: 260 },
      { vm: 5, step: 'boot', startSeconds: 260, endSeconds: 290 },
      { vm: 5, step: 'app-recovery', startSeconds: 290, endSeconds: 300 },
      { vm: 6, step: 'boot', startSeconds: 260, endSeconds: 280 },
      { vm: -1, step: 'wait-capacity', startSeconds: 400, endSeconds: 450 },
    ]);
  });

  test('a unit ready at declaration and eligible at once waited for nothing', () => {
    const tl = new UnitTimeline(1, 100);
    tl.hostReadyAt(0, 100);
    tl.dataReadyAt(0, 100);
    tl.eligible(0, 100, false);
    expect(tl.stepsOf(0)).toEqual([]);
  });
});
