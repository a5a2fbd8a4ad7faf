import { describe, test, expect } from '@jest/globals';
import fc from 'fast-check';
import { HeapEventQueue, type EventQueue } from '../../src/sim/event-queue.js';
import { CalendarEventQueue } from '../../src/sim/calendar-queue.js';

type QueueClass = new <T>(initialCapacity?: number) => EventQueue<T>;

type Op = { kind: 'push'; time: number } | { kind: 'pop' } | { kind: 'cancel'; pick: number };

/** Reference model: an unsorted list; pop takes the minimum (time, seq) by linear scan. */
interface RefEntry { time: number; seq: number; id: number; handle: number }

function runAgainstReference(Q: QueueClass, ops: Op[], initialCapacity = 4): void {
  const q = new Q<number>(initialCapacity);
  let ref: RefEntry[] = [];
  const handles: { handle: number; id: number }[] = [];
  const cancelled = new Set<number>();
  let seq = 0;
  let id = 0;
  for (const op of ops) {
    if (op.kind === 'push') {
      const handle = q.push(op.time, id);
      ref.push({ time: op.time, seq: seq++, id, handle });
      handles.push({ handle, id });
      id++;
    } else if (op.kind === 'pop') {
      let best = -1;
      for (let i = 0; i < ref.length; i++) {
        const e = ref[i], b = ref[best];
        if (best < 0 || e.time < b.time || (e.time === b.time && e.seq < b.seq)) best = i;
      }
      const got = q.pop();
      if (best < 0) {
        expect(got).toBeUndefined();
      } else {
        const want = ref[best];
        expect(got).toBe(want.id);
        expect(q.lastTime).toBe(want.time);
        expect(q.lastSeq).toBe(want.seq);
        expect(cancelled.has(want.id)).toBe(false);
        ref.splice(best, 1);
      }
    } else if (handles.length > 0) {
      const h = handles[op.pick % handles.length];
      const pending = ref.some((e) => e.id === h.id);
      expect(q.cancel(h.handle)).toBe(pending);
      if (pending) cancelled.add(h.id);
      ref = ref.filter((e) => e.id !== h.id);
    }
    expect(q.size).toBe(ref.length);
    const minTime = ref.reduce((m, e) => Math.min(m, e.time), Infinity);
    expect(q.peekTime()).toBe(minTime);
  }
}

describe.each([['HeapEventQueue', HeapEventQueue], ['CalendarEventQueue', CalendarEventQueue]] as [string, QueueClass][])('%s', (_name, Q) => {
  test('pops in (time, seq) order, ties in insertion order', () => {
    const q = new Q<string>();
    q.push(2, 'c');
    q.push(1, 'a');
    q.push(2, 'd');
    q.push(1, 'b');
    q.push(0.5, 'first');
    const out: string[] = [];
    for (let x = q.pop(); x !== undefined; x = q.pop()) out.push(x);
    expect(out).toEqual(['first', 'a', 'b', 'c', 'd']);
    expect(q.peekTime()).toBe(Infinity);
  });

  test('cancel removes the event once; stale handles never cancel a reused slot', () => {
    const q = new Q<string>();
    const h1 = q.push(1, 'x');
    expect(q.cancel(h1)).toBe(true);
    expect(q.cancel(h1)).toBe(false);
    const h2 = q.push(2, 'y'); // reuses x's slot
    expect(h2).not.toBe(h1);
    expect(q.cancel(h1)).toBe(false);
    expect(q.size).toBe(1);
    expect(q.pop()).toBe('y');
    expect(q.cancel(h2)).toBe(false);
    expect(q.cancel(-1)).toBe(false);
    expect(q.cancel(1.5)).toBe(false);
    expect(q.cancel(123456789)).toBe(false);
  });

  test('rejects NaN times', () => {
    expect(() => new Q<number>().push(NaN, 1)).toThrow(/NaN/);
  });

  test('mass cancellation compacts the heap and keeps order', () => {
    const ops: Op[] = [];
    // 2,500 pushes then 2,000 cancels: stale entries pass 1,024 and outnumber live ones (compaction).
    for (let i = 0; i < 2500; i++) ops.push({ kind: 'push', time: (i * 7919) % 1000 });
    for (let i = 0; i < 2000; i++) ops.push({ kind: 'cancel', pick: (i * 104729) % 2500 });
    for (let i = 0; i < 100; i++) ops.push({ kind: 'push', time: i % 13 });
    for (let i = 0; i < 3000; i++) ops.push({ kind: 'pop' });
    runAgainstReference(Q, ops, 16);
  });

  test('property: random push/pop/cancel sequences match a reference model', () => {
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 5, arbitrary: fc.integer({ min: 0, max: 20 }).map((t) => ({ kind: 'push' as const, time: t / 4 })) },
      { weight: 3, arbitrary: fc.constant({ kind: 'pop' as const }) },
      { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: 'cancel' as const, pick })) },
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 300 }), (ops) => runAgainstReference(Q, ops)), { numRuns: 300 });
  });
});

describe('CalendarEventQueue against the heap on simulation-like workloads', () => {
  test('hold with exponential gaps, bursts of ties, far-future events and cancels: identical pop order', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 3000 }), (seed, pending) => {
      let x = seed;
      const rand = () => ((x = (x * 48271) % 2147483647) / 2147483647);
      const heap = new HeapEventQueue<number>(8);
      const cal = new CalendarEventQueue<number>(8);
      const handles: [number, number][] = [];
      let id = 0;
      const push = (t: number) => { handles.push([heap.push(t, id), cal.push(t, id)]); id++; };
      for (let i = 0; i < pending; i++) push(rand() * 10);
      let now = 0;
      // Plain comparisons in the loop (expect() per step would dominate the run time); one verdict per step.
      for (let i = 0; i < 4000; i++) {
        const r = rand();
        if (r < 0.05 && handles.length > 0) {
          const [h, c] = handles[Math.floor(rand() * handles.length)];
          if (cal.cancel(c) !== heap.cancel(h)) return false;
        } else if (r < 0.08) {
          push(now + 1e6 * rand()); // a far-future event
        } else {
          if (cal.peekTime() !== heap.peekTime()) return false;
          const a = heap.pop();
          if (cal.pop() !== a) return false;
          if (a === undefined) break;
          now = heap.lastTime;
          if (cal.lastSeq !== heap.lastSeq || cal.lastTime !== heap.lastTime) return false;
          // Reschedule at an exponential gap, sometimes at exactly now (ties).
          push(r < 0.2 ? now : now - Math.log(1 - rand()));
        }
        if (cal.size !== heap.size) return false;
      }
      return true;
    }), { numRuns: 40 });
  });
});
