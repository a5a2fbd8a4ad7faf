/**
 * The stream history kept as own changes on the link's reallocation log must give exactly what the link
 * gave when every stream wrote a breakpoint at every event: the reference is that link, frozen in
 * test/sim/reference-fluid-link/. Random workloads (transfers, passive sends, streams with and without
 * history, inflow and overflow changes, outages, removals, cancels, batches) run on both; every number
 * either can report — histories, recovery points at many times, byte counts, throttled shares, the queued
 * bytes' peak, completion times, throughput breakpoints — must be the same double (Object.is), not merely close.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { FluidLink } from '../../src/sim/fluid-link.js';
import { Simulation } from '../../src/sim/simulation.js';
import { KEYFRAME_ENTRIES } from '../../src/sim/fluid-link-history.js';
import { FluidLink as ReferenceLink } from './reference-fluid-link/fluid-link.js';

type Mode = 'buffer' | 'throttle';
type Action =
  | { kind: 'transfer'; bytes: number; weight: number; passive: boolean; counted: boolean }
  | { kind: 'source'; weight: number; inflow: number; overflow: Mode; history: boolean; counted: boolean }
  | { kind: 'inflow'; source: number; inflow: number }
  | { kind: 'overflow'; source: number; overflow: Mode }
  | { kind: 'capacity'; bytesPerSecond: number }
  | { kind: 'remove'; source: number }
  | { kind: 'cancel'; transfer: number }
  | { kind: 'query'; source: number; back: number };
interface Step { dt: number; batch: boolean; actions: Action[] }

/** What both links are driven through: the same calls, in the same order, at the same times. */
type AnyLink = FluidLink | ReferenceLink;
type AnySource = ReturnType<AnyLink['addSource']>;
type AnyTransfer = ReturnType<AnyLink['startTransfer']>;

interface Observed {
  numbers: number[];
  labels: string[];
}

function record(o: Observed, label: string, x: number): void {
  o.labels.push(label);
  o.numbers.push(x);
}

/** Runs a script on one link; returns every number observed, labelled. */
function run(make: (sim: Simulation) => AnyLink, script: Step[], capacity: number): Observed {
  const sim = new Simulation();
  const link = make(sim);
  const o: Observed = { numbers: [], labels: [] };
  const sources: { s: AnySource; history: boolean }[] = [];
  const transfers: AnyTransfer[] = [];
  let n = 0;
  const apply = (a: Action): void => {
    switch (a.kind) {
      case 'transfer': {
        const id = n++;
        if (a.passive) link.send(a.bytes, a.weight, (t) => record(o, `done ${id}`, t), a.counted);
        else transfers.push(link.startTransfer(a.bytes, { weight: a.weight, onComplete: (t) => record(o, `done ${id}`, t), countQueued: a.counted }));
        break;
      }
      case 'source':
        sources.push({ s: link.addSource({ weight: a.weight, inflowBytesPerSecond: a.inflow, overflow: a.overflow, recordHistory: a.history, countQueued: a.counted }), history: a.history });
        break;
      case 'inflow':
      case 'overflow':
      case 'remove': {
        const live = sources.filter((x) => Number.isNaN(x.s.removedAtSeconds));
        if (live.length === 0) return;
        const s = live[a.source % live.length].s as never;
        if (a.kind === 'inflow') link.setInflow(s, a.inflow);
        else if (a.kind === 'overflow') link.setOverflow(s, a.overflow);
        else link.removeSource(s);
        break;
      }
      case 'capacity':
        link.setCapacity(a.bytesPerSecond === 0 ? 0 : a.bytesPerSecond * capacity);
        break;
      case 'cancel':
        if (transfers.length > 0) link.cancel(transfers[a.transfer % transfers.length] as never);
        break;
      case 'query': {
        const withHistory = sources.filter((x) => x.history);
        if (withHistory.length === 0) return;
        const s = withHistory[a.source % withHistory.length].s;
        const t = s.createdAtSeconds + (sim.now - s.createdAtSeconds) * (1 - a.back);
        record(o, `query at ${sim.now}: recoveryPointAt(${t})`, s.recoveryPointAt(t));
        record(o, `query at ${sim.now}: peak queued`, link.peakQueuedBytes);
        break;
      }
    }
  };
  let t = 0;
  for (const step of script) {
    t += step.dt;
    sim.at(t, () => {
      if (step.batch) link.batch(() => step.actions.forEach(apply));
      else step.actions.forEach(apply);
    });
  }
  sim.run({ until: t + 50 });
  record(o, 'bytesCarried', link.bytesCarried);
  record(o, 'utilization', link.utilization);
  record(o, 'rate', link.rateBytesPerSecond);
  record(o, 'peak queued', link.peakQueuedBytes);
  const tp = link.throughputBreakpoints();
  tp.timesSeconds.forEach((x, i) => record(o, `throughput time ${i}`, x));
  tp.bytesPerSecond.forEach((x, i) => record(o, `throughput rate ${i}`, x));
  sources.forEach(({ s, history }, i) => {
    record(o, `source ${i} in`, s.cumulativeInBytes);
    record(o, `source ${i} out`, s.cumulativeOutBytes);
    record(o, `source ${i} backlog`, s.backlogBytes);
    record(o, `source ${i} peak backlog`, s.peakBacklogBytes);
    record(o, `source ${i} throttled`, s.throttledBytes);
    record(o, `source ${i} throttled share`, s.throttledShareSeconds);
    record(o, `source ${i} service`, s.serviceRateBytesPerSecond);
    if (!history) return;
    const h = s.history();
    h.timesSeconds.forEach((x, k) => {
      record(o, `source ${i} history time ${k}`, x);
      record(o, `source ${i} history in ${k}`, h.cumulativeInBytes[k]);
      record(o, `source ${i} history out ${k}`, h.cumulativeOutBytes[k]);
    });
    // Recovery points at every breakpoint, between breakpoints, and on a grid over the stream's life.
    const times = Array.from(h.timesSeconds);
    for (let k = 0; k + 1 < h.timesSeconds.length; k++) times.push((h.timesSeconds[k] + h.timesSeconds[k + 1]) / 2);
    for (let g = 0; g <= 40; g++) times.push(s.createdAtSeconds + ((sim.now - s.createdAtSeconds) * g) / 40);
    for (const x of times) record(o, `source ${i} recoveryPointAt(${x})`, s.recoveryPointAt(x));
  });
  return o;
}

function expectIdentical(script: Step[], capacity: number): void {
  const now = run((sim) => new FluidLink(sim, { capacityBytesPerSecond: capacity, recordThroughput: true }), script, capacity);
  const reference = run((sim) => new ReferenceLink(sim, { capacityBytesPerSecond: capacity, recordThroughput: true }), script, capacity);
  const n = Math.max(now.numbers.length, reference.numbers.length);
  for (let i = 0; i < n; i++) {
    if (now.labels[i] !== reference.labels[i] || !Object.is(now.numbers[i], reference.numbers[i])) {
      throw new Error(`first difference at #${i}: ${reference.labels[i]} = ${reference.numbers[i]} (reference) vs ${now.labels[i]} = ${now.numbers[i]}`);
    }
  }
  expect(now.numbers.length).toBe(reference.numbers.length);
}

// Weights and rates mix exact binary fractions with ones that round, so summation order would show.
const weight = fc.constantFrom(1, 2, 0.25, 0.3, 7.5, 1000);
const rate = fc.oneof(fc.constantFrom(0, 1, 2, 4, 8), fc.double({ min: 0, max: 20, noNaN: true, noDefaultInfinity: true }));
const mode = fc.constantFrom<Mode>('buffer', 'throttle');
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('transfer' as const), bytes: fc.oneof(fc.constantFrom(0, 10, 100), fc.double({ min: 0, max: 500, noNaN: true, noDefaultInfinity: true })), weight, passive: fc.boolean(), counted: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('source' as const), weight, inflow: rate, overflow: mode, history: fc.boolean(), counted: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('inflow' as const), source: fc.nat(20), inflow: rate }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('overflow' as const), source: fc.nat(20), overflow: mode }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('capacity' as const), bytesPerSecond: fc.constantFrom(0, 0.5, 1, 1.7) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), source: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), transfer: fc.nat(50) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('query' as const), source: fc.nat(20), back: fc.double({ min: 0, max: 1, noNaN: true }) }) },
);
const step: fc.Arbitrary<Step> = fc.record({
  dt: fc.oneof(fc.constantFrom(0, 1, 5), fc.double({ min: 0, max: 30, noNaN: true, noDefaultInfinity: true })),
  batch: fc.boolean(),
  actions: fc.array(action, { minLength: 1, maxLength: 4 }),
});

// Streams only, many of them, with inflows whose sum hovers around the capacity: the link's fast share (nothing
// elastic and room to spare, fluid-link-streams.ts) and the reordering of equal and crossing keys.
const smallRate = fc.oneof(fc.constantFrom(0, 0.5, 1, 1.25), fc.double({ min: 0, max: 2, noNaN: true, noDefaultInfinity: true }));
const streamAction: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('source' as const), weight, inflow: smallRate, overflow: mode, history: fc.boolean(), counted: fc.boolean() }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('inflow' as const), source: fc.nat(30), inflow: smallRate }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('overflow' as const), source: fc.nat(30), overflow: mode }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('capacity' as const), bytesPerSecond: fc.constantFrom(0, 0.5, 1, 1.7) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), source: fc.nat(30) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('query' as const), source: fc.nat(30), back: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('transfer' as const), bytes: fc.constantFrom(0, 10, 100), weight, passive: fc.boolean(), counted: fc.boolean() }) },
);
const streamStep: fc.Arbitrary<Step> = fc.record({
  dt: fc.oneof(fc.constantFrom(0, 1, 5), fc.double({ min: 0, max: 30, noNaN: true, noDefaultInfinity: true })),
  batch: fc.boolean(),
  actions: fc.array(streamAction, { minLength: 1, maxLength: 6 }),
});

describe('stream history from own changes and the reallocation log', () => {
  // Found by this test: a subnormal inflow change that cancels the running sum to 0 on a link of capacity 0.
  test('many streams around the capacity, few transfers: the reference link\'s numbers, bit for bit', () => {
    fc.assert(fc.property(fc.array(streamStep, { minLength: 1, maxLength: 80 }), fc.constantFrom(10, 12.5, 1e6 / 3 / 1e5), (script, capacity) => {
      expectIdentical(script, capacity);
    }), { numRuns: 300 });
  });


  test('random workloads: every history, recovery point, byte count and completion is the reference link\'s, bit for bit', () => {
    fc.assert(fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), fc.constantFrom(10, 12.5, 1e6 / 3), (script, capacity) => {
      expectIdentical(script, capacity);
    }), { numRuns: 300 });
  });

  test(`a long run (keyframes every ${KEYFRAME_ENTRIES} reallocations): the same, bit for bit`, () => {
    // Three streams under a steady rain of small transfers: thousands of reallocations, few own changes.
    const script: Step[] = [{ dt: 0, batch: true, actions: [
      { kind: 'source', weight: 1, inflow: 3.3, overflow: 'buffer', history: true, counted: true },
      { kind: 'source', weight: 0.3, inflow: 1.1, overflow: 'throttle', history: true, counted: false },
      { kind: 'source', weight: 2, inflow: 0.7, overflow: 'buffer', history: true, counted: true },
    ] }];
    for (let i = 0; i < 5000; i++) {
      const actions: Action[] = [{ kind: 'transfer', bytes: 3 + (i % 17), weight: 1 + (i % 3), passive: i % 2 === 0, counted: i % 3 === 0 }];
      if (i % 500 === 250) actions.push({ kind: 'capacity', bytesPerSecond: 0 });
      if (i % 500 === 260) actions.push({ kind: 'capacity', bytesPerSecond: 1 });
      if (i % 101 === 0) actions.push({ kind: 'query', source: i, back: (i % 7) / 7 });
      script.push({ dt: 0.37 + (i % 5) * 0.11, batch: false, actions });
    }
    script.push({ dt: 1, batch: false, actions: [{ kind: 'remove', source: 1 }] });
    expectIdentical(script, 10);
  });
});
