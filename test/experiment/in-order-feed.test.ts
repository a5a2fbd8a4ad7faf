import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { InOrderFeed } from '../../src/experiment/in-order-feed.js';
import type { TrialRecord } from '../../src/experiment/trial.js';

const record = (trial: number): TrialRecord => ({ trial, strategies: [] });

describe('records fed in trial order whatever order their chunks come in', () => {
  test('any arrival order of any chunking: consumed once each, in order', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (sizes, seed) => {
      const chunks: { position: number; records: TrialRecord[] }[] = [];
      let position = 0;
      for (const size of sizes) {
        chunks.push({ position, records: Array.from({ length: size }, (_, i) => record(position + i)) });
        position += size;
      }
      // A deterministic shuffle of the arrival order.
      let x = seed;
      for (let i = chunks.length - 1; i > 0; i--) {
        x = (x * 1103515245 + 12345) % 2 ** 31;
        const j = x % (i + 1);
        [chunks[i], chunks[j]] = [chunks[j], chunks[i]];
      }
      const seen: number[] = [];
      const feed = new InOrderFeed((r) => seen.push(r.trial));
      for (const c of chunks) {
        feed.put(c.position, c.records);
        await new Promise((r) => setImmediate(r));
      }
      await feed.drained();
      expect(seen).toEqual(Array.from({ length: position }, (_, i) => i));
    }), { numRuns: 100 });
  });

  test("the consumer's error comes out of drained()", async () => {
    const feed = new InOrderFeed((r) => { if (r.trial === 2) throw new Error('bad record'); });
    feed.put(0, [record(0), record(1), record(2), record(3)]);
    await expect(feed.drained()).rejects.toThrow('bad record');
  });
});
