import { describe, expect, test } from '@jest/globals';
import { TDigest, quantileSorted, quantiles } from '../../src/sim/quantiles.js';
import { RandomStreams } from '../../src/sim/random.js';

describe('exact quantiles (type 7)', () => {
  test('match numpy.quantile (method="linear") on small hand examples', () => {
    // numpy: np.quantile([3,1,4,1,5,9,2,6], [0, .1, .25, .33, .5, .9, 1])
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    const got = quantiles(x, [0, 0.1, 0.25, 0.33, 0.5, 0.9, 1]);
    const numpy = [1, 1, 1.75, 2.31, 3.5, 6.9, 9];
    got.forEach((q, i) => expect(q).toBeCloseTo(numpy[i], 12));
    expect(quantiles([7], [0, 0.5, 1])).toEqual([7, 7, 7]);
    expect(quantiles([1.5, -2], [0.3, 0.75])).toEqual([expect.closeTo(-0.95, 12), expect.closeTo(0.625, 12)]);
  });

  test('quantileSorted on a typed array; edge cases', () => {
    const sorted = Float64Array.from([10, 20, 30, 40]);
    expect(quantileSorted(sorted, 0.5)).toBe(25);
    expect(quantileSorted(sorted, 1 / 3)).toBeCloseTo(20, 12);
    expect(quantileSorted([], 0.5)).toBeNaN();
    expect(() => quantileSorted(sorted, -0.1)).toThrow(/probability/);
    expect(() => quantiles([1, NaN], [0.5])).toThrow(/values\[1\] is NaN/);
  });

  test('quantiles does not reorder its input', () => {
    const x = [3, 1, 2];
    quantiles(x, [0.5]);
    expect(x).toEqual([3, 1, 2]);
  });
});

/** Fraction of a sorted sample ≤ x. */
function rank(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo / sorted.length;
}

/** The bound documented on TDigest. */
const documentedBound = (q: number, delta: number, n: number): number => (2 * Math.PI * Math.sqrt(q * (1 - q))) / delta + 1 / n;

describe('TDigest', () => {
  const streams = new RandomStreams('tdigest');
  const n = 1_000_000;
  const generators: Record<string, () => (i: number) => number> = {
    uniform: () => { const r = streams.stream('u'); return () => r.next(); },
    exponential: () => { const r = streams.stream('e'); return () => r.exponential(3600); },
    'lognormal sigma 2': () => { const r = streams.stream('l'); return () => Math.exp(r.normal(0, 2)); },
    'sorted ascending': () => (i) => i,
    bimodal: () => { const r = streams.stream('b'); return () => (r.next() < 0.9 ? r.normal(60, 5) : r.normal(3600, 600)); },
  };

  test.each(Object.keys(generators))('rank error at p50/p95/p99/p99.9 within the documented bound on 1e6 samples: %s', (name) => {
    const gen = generators[name]();
    const digest = new TDigest();
    const data = new Float64Array(n);
    for (let i = 0; i < n; i++) { data[i] = gen(i); digest.add(data[i]); }
    data.sort();
    expect(digest.count).toBe(n);
    expect(digest.centroidCount).toBeLessThanOrEqual(102);
    for (const q of [0.5, 0.95, 0.99, 0.999]) {
      const error = Math.abs(rank(data, digest.quantile(q)) - q);
      expect(error).toBeLessThanOrEqual(documentedBound(q, 100, n));
      // Typical accuracy is much better than the bound: hold it to a third of it, to catch regressions.
      expect(error).toBeLessThanOrEqual(documentedBound(q, 100, n) / 3);
    }
    expect(digest.quantile(0)).toBe(data[0]);
    expect(digest.quantile(1)).toBe(data[n - 1]);
  });

  test('merged digests are as accurate as one digest over all the data', () => {
    const rng = streams.stream('merge');
    const parts = Array.from({ length: 8 }, () => new TDigest());
    const all = new Float64Array(400_000);
    for (let i = 0; i < all.length; i++) {
      all[i] = rng.exponential(10);
      parts[i % 8].add(all[i]);
    }
    const merged = parts.reduce((acc, d) => acc.merge(d), new TDigest());
    all.sort();
    expect(merged.count).toBe(all.length);
    for (const q of [0.01, 0.5, 0.95, 0.99]) {
      expect(Math.abs(rank(all, merged.quantile(q)) - q)).toBeLessThanOrEqual(documentedBound(q, 100, all.length));
    }
    expect([merged.min, merged.max]).toEqual([all[0], all[all.length - 1]]);
  });

  test('merge leaves the other digest unchanged', () => {
    const a = new TDigest();
    const b = new TDigest();
    for (let i = 0; i < 1000; i++) { a.add(i); b.add(i * 2); }
    const before = b.toJSON();
    a.merge(b);
    expect(b.toJSON()).toEqual(before);
    expect(a.count).toBe(2000);
  });

  test('small samples are exact at the order statistics', () => {
    const d = new TDigest();
    [5, 1, 3].forEach((x) => d.add(x));
    expect([d.quantile(0), d.quantile(0.5), d.quantile(1)]).toEqual([1, 3, 5]);
    expect(new TDigest().quantile(0.5)).toBeNaN();
    const one = new TDigest();
    one.add(42);
    expect([one.quantile(0.3), one.min, one.max]).toEqual([42, 42, 42]);
  });

  test('quantiles are monotone in q', () => {
    const rng = streams.stream('monotone');
    const d = new TDigest(50);
    for (let i = 0; i < 50_000; i++) d.add(rng.normal(0, 1));
    let previous = -Infinity;
    for (let q = 0; q <= 1; q += 0.001) {
      const x = d.quantile(q);
      expect(x).toBeGreaterThanOrEqual(previous);
      previous = x;
    }
  });

  test('toJSON/fromJSON round-trip through JSON text', () => {
    const rng = streams.stream('json');
    const d = new TDigest();
    for (let i = 0; i < 10_000; i++) d.add(rng.exponential(1));
    const back = TDigest.fromJSON(JSON.parse(JSON.stringify(d)));
    expect(back.count).toBe(d.count);
    for (const q of [0, 0.1, 0.5, 0.9, 0.99, 1]) expect(back.quantile(q)).toBeCloseTo(d.quantile(q), 12);
  });

  test('bad input', () => {
    expect(() => new TDigest(5)).toThrow(/compression/);
    expect(() => new TDigest().add(NaN)).toThrow(/NaN/);
    expect(() => new TDigest().quantile(2)).toThrow(/probability/);
  });
});
