import { describe, expect, test } from '@jest/globals';
import { concurrencyLimit } from '../../src/report/concurrency-limit.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('concurrencyLimit', () => {
  test('never runs more than the limit at once, starts tasks in order, and returns each result', async () => {
    const limited = concurrencyLimit(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(Array.from({ length: 7 }, (_, i) => limited(async () => {
      started.push(i);
      peak = Math.max(peak, ++running);
      await tick();
      running--;
      return i * 10;
    })));
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  test('a failing task (rejecting or throwing) rejects its own promise and frees its slot', async () => {
    const limited = concurrencyLimit(1);
    const failed = limited(async () => { throw new Error('no'); });
    const thrown = limited((): Promise<number> => { throw new Error('sync'); });
    const after = limited(async () => 'ok');
    await expect(failed).rejects.toThrow('no');
    await expect(thrown).rejects.toThrow('sync');
    await expect(after).resolves.toBe('ok');
  });

  test('rejects a limit below 1', () => {
    expect(() => concurrencyLimit(0)).toThrow(RangeError);
  });
});
