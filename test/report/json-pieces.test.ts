import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { jsonPieces } from '../../src/report/json-pieces.js';

const joined = (value: unknown, suffix?: string): string => [...jsonPieces(value, suffix)].join('');

describe('jsonPieces: JSON.stringify in pieces', () => {
  test('any JSON-like value (long arrays, nested objects, odd keys, non-finite numbers): the same text', () => {
    const anything = fc.anything({ maxDepth: 6, maxKeys: 80, withNullPrototype: true, withBoxedValues: true, withSparseArray: true, withDate: true, withTypedArray: true, withMap: true });
    fc.assert(fc.property(anything, (value) => {
      fc.pre(JSON.stringify(value) !== undefined);
      expect(joined(value)).toBe(JSON.stringify(value));
    }), { numRuns: 400 });
  });

  test('skips what JSON.stringify skips: undefined, functions and symbols in objects; null for them in arrays', () => {
    const long = Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? undefined : i % 3 === 1 ? () => i : Symbol('s')));
    const value = { a: undefined, b: () => 1, c: Symbol('x'), d: long, e: { f: NaN, g: -Infinity, h: -0 }, i: new Date(0), j: { toJSON: () => 'J' } };
    expect(joined(value)).toBe(JSON.stringify(value));
  });

  test('a results-sized value comes in pieces of about a MiB whose concatenation is the text, suffix last', () => {
    const vms = Array.from({ length: 40_000 }, (_, i) => ({ vm: `vm-${i}`, rpoSeconds: { p50: i / 7, max: i }, tier: i % 3, notes: [] as string[] }));
    const value = { schemaVersion: '2.7', strategies: [{ id: 'a', vms }, { id: 'b', vms }] };
    const pieces = [...jsonPieces(value, '\n')];
    expect(pieces.length).toBeGreaterThan(3);
    for (const p of pieces.slice(0, -1)) expect(p.length).toBeGreaterThanOrEqual(1 << 20);
    expect(pieces.join('')).toBe(JSON.stringify(value) + '\n');
  });

  test('a value with no JSON text is refused; a primitive is one piece', () => {
    expect(() => [...jsonPieces(undefined)]).toThrow(TypeError);
    expect([...jsonPieces(42, '\n')]).toEqual(['42\n']);
  });
});
