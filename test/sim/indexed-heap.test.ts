import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { IndexedHeap } from '../../src/sim/indexed-heap.js';

interface Entry { id: number; key: number; seq: number }

/** The reference: a plain list, its minimum found by sorting on (key, seq). */
function minimumOf(model: Map<number, Entry>): Entry | undefined {
  return [...model.values()].sort((a, b) => a.key - b.key || a.seq - b.seq)[0];
}

const ID_SPACE = 40;
/** Few keys, so ties in key are common and seq decides. */
const op = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('push' as const), id: fc.nat(ID_SPACE - 1), key: fc.integer({ min: 0, max: 5 }), seq: fc.nat(1000) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pop' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), id: fc.nat(ID_SPACE - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('update' as const), id: fc.nat(ID_SPACE - 1), key: fc.integer({ min: 0, max: 5 }), seq: fc.nat(1000) }) },
);

describe('IndexedHeap', () => {
  test('property: push, pop, remove and update agree with a sorted-list model, ties in key broken by seq', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.integer({ min: 1, max: 8 }), (ops, initialCapacity) => {
        const heap = new IndexedHeap(initialCapacity);
        const model = new Map<number, Entry>();
        // Seqs must be distinct for the order to be defined: a drawn part (not monotone) and a counter.
        let counter = 0;
        const distinct = (seq: number): number => seq * 1000 + counter++;
        for (const o of ops) {
          if (o.kind === 'push') {
            if (model.has(o.id)) continue; // an id is in the heap at most once
            const seq = distinct(o.seq);
            heap.push(o.id, o.key, seq);
            model.set(o.id, { id: o.id, key: o.key, seq });
          } else if (o.kind === 'pop') {
            const want = minimumOf(model);
            if (want === undefined) continue;
            const got = heap.pop();
            if (got !== want.id) throw new Error(`pop ${got}, model ${want.id}`);
            model.delete(want.id);
          } else if (o.kind === 'remove') {
            if (heap.remove(o.id) !== model.delete(o.id)) throw new Error(`remove(${o.id}) disagrees`);
          } else if (model.has(o.id)) {
            const seq = distinct(o.seq);
            heap.update(o.id, o.key, seq);
            model.set(o.id, { id: o.id, key: o.key, seq });
          }
          // Plain checks on every step (expect() per step would dominate the run time).
          if (heap.size !== model.size) throw new Error(`size ${heap.size}, model ${model.size}`);
          for (let id = 0; id < ID_SPACE; id++) if (heap.has(id) !== model.has(id)) throw new Error(`has(${id}) disagrees`);
          const min = minimumOf(model);
          if (min !== undefined && (heap.peekId() !== min.id || heap.peekKey() !== min.key || heap.peekSeq() !== min.seq)) {
            throw new Error(`peek (${heap.peekId()}, ${heap.peekKey()}, ${heap.peekSeq()}), model (${min.id}, ${min.key}, ${min.seq})`);
          }
        }
        const rest: number[] = [];
        while (heap.size > 0) rest.push(heap.pop());
        expect(rest).toEqual([...model.values()].sort((a, b) => a.key - b.key || a.seq - b.seq).map((e) => e.id));
      }),
      { numRuns: 300 },
    );
  });

  test('equal keys come out in seq order, whatever the order of pushes', () => {
    const heap = new IndexedHeap(2);
    [[7, 3], [3, 1], [9, 4], [1, 0], [5, 2]].forEach(([id, seq]) => heap.push(id, 10, seq));
    heap.push(0, 5, 99); // a smaller key goes first even with the largest seq
    const out: number[] = [];
    while (heap.size > 0) out.push(heap.pop());
    expect(out).toEqual([0, 1, 3, 5, 7, 9]);
  });

  test('removing an absent id is a no-op; ids past the initial capacity grow the position map', () => {
    const heap = new IndexedHeap(4);
    expect(heap.remove(3)).toBe(false);
    expect(heap.remove(1_000)).toBe(false);
    expect(heap.has(-1)).toBe(false);
    heap.push(1_000, 2, 0);
    heap.push(3, 1, 1);
    expect(heap.remove(1_000)).toBe(true);
    expect(heap.remove(1_000)).toBe(false);
    expect([heap.size, heap.pop()]).toEqual([1, 3]);
  });

  test('update moves an entry both ways', () => {
    const heap = new IndexedHeap();
    for (let id = 0; id < 10; id++) heap.push(id, id, id);
    heap.update(9, -1, 100); // to the top
    heap.update(0, 50, 0); // to the bottom
    heap.update(5, 5, 5); // in place
    const out: number[] = [];
    while (heap.size > 0) out.push(heap.pop());
    expect(out).toEqual([9, 1, 2, 3, 4, 5, 6, 7, 8, 0]);
  });
});
