/**
 * The link's queued bytes: the data accepted and not yet delivered by the participants that count, summed at
 * each instant — its peak is what a replication log must hold (Veritas SRL sizing), not any one flow's peak.
 */
import { describe, expect, test } from '@jest/globals';
import { FluidLink } from '../../src/sim/fluid-link.js';
import { Simulation } from '../../src/sim/simulation.js';

const DIGITS = 9;

function setup(capacityBytesPerSecond: number): { sim: Simulation; link: FluidLink } {
  const sim = new Simulation();
  return { sim, link: new FluidLink(sim, { capacityBytesPerSecond }) };
}

describe('FluidLink peak queued bytes', () => {
  test('transfers started together: the peak is their sum at the start', () => {
    const { sim, link } = setup(10);
    link.startTransfer(100, { countQueued: true });
    link.startTransfer(60, { countQueued: true });
    sim.run();
    expect(link.peakQueuedBytes).toBeCloseTo(160, DIGITS);
  });

  test('a counted transfer joining later adds to what is still queued; uncounted ones never count', () => {
    const { sim, link } = setup(10);
    link.startTransfer(100, { countQueued: true });
    link.startTransfer(500, {}); // shares the link, not counted
    // By t=5 each got 5 B/s: the counted one has 75 B left. Then 100 B more: 175 B queued.
    sim.at(5, () => link.startTransfer(100, { countQueued: true }));
    sim.run();
    expect(link.peakQueuedBytes).toBeCloseTo(175, DIGITS);
  });

  test('a buffering stream above the capacity: its backlog grows linearly; the peak is at the end of the surge', () => {
    const { sim, link } = setup(10);
    const s = link.addSource({ inflowBytesPerSecond: 25, overflow: 'buffer', countQueued: true });
    sim.at(4, () => link.setInflow(s, 0));
    sim.run({ until: 100 });
    // (25 − 10) B/s for 4 s = 60 B, then it drains.
    expect(link.peakQueuedBytes).toBeCloseTo(60, DIGITS);
  });

  test('two surges at different times: the peak of the sum is one surge, not the sum of the two peaks', () => {
    const { sim, link } = setup(10);
    const a = link.addSource({ inflowBytesPerSecond: 0, overflow: 'buffer', countQueued: true });
    const b = link.addSource({ inflowBytesPerSecond: 0, overflow: 'buffer', countQueued: true });
    sim.at(0, () => link.setInflow(a, 20));
    sim.at(5, () => link.setInflow(a, 0)); // a holds 50 B at t=5, drained by t=10
    sim.at(20, () => link.setInflow(b, 30));
    sim.at(22, () => link.setInflow(b, 0)); // b holds 40 B at t=22
    sim.run({ until: 100 });
    expect(a.peakBacklogBytes + b.peakBacklogBytes).toBeCloseTo(90, DIGITS);
    expect(link.peakQueuedBytes).toBeCloseTo(50, DIGITS);
  });

  test('a stream and a transfer queued together add up', () => {
    const { sim, link } = setup(10);
    // The stream (inflow 10, weight 1) and a 100 B transfer share 10 B/s: the transfer is elastic and
    // the stream is capped at its inflow 10 > its fair share 5, so both get 5 B/s: the stream's backlog grows
    // at 5 B/s and the transfer's remaining falls at 5 B/s — the sum stays 100 B until the stream stops at t=4.
    const s = link.addSource({ inflowBytesPerSecond: 10, overflow: 'buffer', countQueued: true });
    link.startTransfer(100, { countQueued: true });
    sim.at(4, () => link.setInflow(s, 0));
    sim.run({ until: 100 });
    expect(link.peakQueuedBytes).toBeCloseTo(100, DIGITS);
  });
});
