import { describe, expect, test } from '@jest/globals';
import { RandomStream, RandomStreams, streamKey } from '../../src/sim/random.js';

const draw = (stream: RandomStream, n: number): number[] => Array.from({ length: n }, () => stream.next());

describe('RandomStreams', () => {
  test('same (seed, trial, name) gives the same sequence', () => {
    const a = new RandomStreams(42).stream('failures', 3);
    const b = new RandomStreams(42).stream('failures', 3);
    expect(draw(a, 1000)).toEqual(draw(b, 1000));
  });

  test('a different trial, name or seed gives a different sequence', () => {
    const base = draw(new RandomStreams(42).stream('failures', 3), 20);
    expect(draw(new RandomStreams(42).stream('failures', 4), 20)).not.toEqual(base);
    expect(draw(new RandomStreams(42).stream('repairs', 3), 20)).not.toEqual(base);
    expect(draw(new RandomStreams(43).stream('failures', 3), 20)).not.toEqual(base);
  });

  test('creation order and draws from other streams do not matter', () => {
    const first = new RandomStreams('s');
    const a1 = first.stream('a');
    const b1 = first.stream('b');
    const seqA1 = draw(a1, 50);
    const seqB1 = draw(b1, 50);

    const second = new RandomStreams('s');
    const b2 = second.stream('b');
    draw(b2, 7); // draw from b before a even exists
    const a2 = second.stream('a');
    expect(draw(a2, 50)).toEqual(seqA1);
    expect(draw(second.stream('b'), 50)).toEqual(seqB1);
  });

  test('numeric and string base seeds with the same text are the same seed', () => {
    expect(draw(new RandomStreams(7).stream('x'), 5)).toEqual(draw(new RandomStreams('7').stream('x'), 5));
  });

  test('keys are unambiguous even when parts contain separators', () => {
    expect(streamKey('a:1', 2, 'n')).not.toBe(streamKey('a', 1, '2:n'));
    expect(streamKey('a', 1, '2:n')).toBe('drsim/v1["a",1,"2:n"]');
  });

  test('trial defaults to 0 and must be a non-negative integer', () => {
    const streams = new RandomStreams(1);
    expect(draw(streams.stream('x'), 5)).toEqual(draw(streams.stream('x', 0), 5));
    expect(() => streams.stream('x', -1)).toThrow(/trial: expected a non-negative integer, got -1/);
    expect(() => streams.stream('x', 1.5)).toThrow(/trial/);
    expect(() => new RandomStreams(NaN)).toThrow(/baseSeed/);
  });

  test('neighbouring streams are not correlated', () => {
    // 100k pairs: the correlation estimate has sd 1/√n ≈ 0.0032; 0.015 is > 4.5 sd.
    const streams = new RandomStreams(99);
    const a = streams.stream('vm-1');
    const b = streams.stream('vm-2');
    const n = 100_000;
    let sab = 0, sa = 0, sb = 0, saa = 0, sbb = 0;
    for (let i = 0; i < n; i++) {
      const x = a.next(), y = b.next();
      sab += x * y; sa += x; sb += y; saa += x * x; sbb += y * y;
    }
    const cov = sab / n - (sa / n) * (sb / n);
    const r = cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
    expect(Math.abs(r)).toBeLessThan(0.015);
  });
});

describe('RandomStream', () => {
  test('next is in [0, 1) and nextOpen in (0, 1)', () => {
    const s = new RandomStreams(5).stream('u');
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = s.next();
      const v = s.nextOpen();
      if (!(u >= 0 && u < 1) || !(v > 0 && v < 1)) outside++;
    }
    expect(outside).toBe(0);
  });

  test('saveState/restoreState reproduce the sequence, also through JSON and in another stream', () => {
    const s = new RandomStreams(5).stream('state');
    draw(s, 123);
    const state = s.saveState();
    const expected = draw(s, 500);
    s.restoreState(state);
    expect(draw(s, 500)).toEqual(expected);

    const other = new RandomStreams(6).stream('elsewhere');
    other.restoreState(JSON.parse(JSON.stringify(state)));
    expect(draw(other, 500)).toEqual(expected);

    const resumed = new RandomStream('anything', state);
    expect(draw(resumed, 500)).toEqual(expected);
  });

  test('saved state is a copy, not a live view', () => {
    const s = new RandomStreams(5).stream('copy');
    const state = s.saveState();
    const firstDraws = draw(s, 10);
    draw(s, 1000);
    s.restoreState(state);
    expect(draw(s, 10)).toEqual(firstDraws);
  });

  test('each convenience draw consumes exactly one uniform', () => {
    const s = new RandomStreams(8).stream('one');
    const t = new RandomStreams(8).stream('one');
    s.uniform(1, 2); s.exponential(3); s.normal(0, 1); s.integer(0, 10); s.pick(['a', 'b']);
    draw(t, 5);
    expect(s.next()).toBe(t.next());
  });

  test('uniform, integer and pick stay in range and cover it', () => {
    const s = new RandomStreams(3).stream('ranges');
    const seen = new Set<number>();
    let outside = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = s.uniform(-2, 3);
      const k = s.integer(-3, 4);
      if (!(x >= -2 && x < 3) || !Number.isInteger(k)) outside++;
      seen.add(k);
    }
    expect(outside).toBe(0);
    expect([...seen].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    const items = ['x', 'y', 'z'];
    const picked = new Set(Array.from({ length: 200 }, () => s.pick(items)));
    expect(picked).toEqual(new Set(items));
    expect(() => s.pick([])).toThrow(/non-empty/);
  });

  test('exponential and normal have the right mean and sd (200k draws)', () => {
    // Sample mean within 4.5 standard errors: a correct generator fails this < 1e-5 of seeds.
    const s = new RandomStreams(11).stream('moments');
    const n = 200_000;
    let se = 0, sse = 0, sn = 0, ssn = 0;
    for (let i = 0; i < n; i++) {
      const e = s.exponential(2); se += e; sse += e * e;
      const z = s.normal(10, 3); sn += z; ssn += z * z;
    }
    expect(Math.abs(se / n - 2)).toBeLessThan(4.5 * 2 / Math.sqrt(n));
    expect(Math.abs(sn / n - 10)).toBeLessThan(4.5 * 3 / Math.sqrt(n));
    expect(Math.sqrt(ssn / n - (sn / n) ** 2)).toBeCloseTo(3, 1);
    expect(Math.sqrt(sse / n - (se / n) ** 2)).toBeCloseTo(2, 1);
  });
});
