import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { ascending, heapPop, heapPush } from '../../src/sim/binary-heap.js';

describe('binary heap', () => {
  test('pops in compare order under any interleaving of pushes and pops', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constant(null)), { maxLength: 200 }), (ops) => {
      const heap: number[] = [];
      const model: number[] = [];
      for (const op of ops) {
        if (op === null) {
          model.sort((a, b) => a - b);
          expect(heapPop(heap, ascending)).toBe(model.shift());
        } else {
          heapPush(heap, op, ascending);
          model.push(op);
        }
      }
      const rest: number[] = [];
      for (let x = heapPop(heap, ascending); x !== undefined; x = heapPop(heap, ascending)) rest.push(x);
      expect(rest).toEqual(model.sort((a, b) => a - b));
    }));
  });

  test('ties broken by the comparator come out in its order (arrival here)', () => {
    const heap: { p: number; arrival: number }[] = [];
    const cmp = (a: { p: number; arrival: number }, b: { p: number; arrival: number }) => a.p - b.p || a.arrival - b.arrival;
    [3, 1, 3, 1, 2].forEach((p, arrival) => heapPush(heap, { p, arrival }, cmp));
    const out: number[] = [];
    for (let x = heapPop(heap, cmp); x !== undefined; x = heapPop(heap, cmp)) out.push(x.arrival);
    expect(out).toEqual([1, 3, 4, 0, 2]);
  });
});
