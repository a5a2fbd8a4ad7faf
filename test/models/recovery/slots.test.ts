import { describe, expect, test } from '@jest/globals';
import { RankedSlots } from '../../../src/models/recovery/slots.js';
import { Resource, type Request } from '../../../src/sim/resource.js';
import { RandomStreams } from '../../../src/sim/random.js';
import { Simulation } from '../../../src/sim/simulation.js';

interface Slots {
  request(rank: number, ticket: number): void;
  release(rank: number): void;
}

/** The runbook's former use of a priority Resource: one request per rank, withdrawn or released by rank. */
function resourceSlots(sim: Simulation, capacity: number, ranks: number, onGrant: (rank: number, ticket: number) => void): Slots {
  const resource = new Resource(sim, capacity, { discipline: 'priority' });
  const live = new Array<Request | null>(ranks).fill(null);
  return {
    request(rank, ticket) {
      const req = resource.request({ priority: rank });
      live[rank] = req;
      req.addCallback(() => onGrant(rank, ticket));
    },
    release(rank) {
      const req = live[rank];
      if (req !== null) resource.release(req);
      live[rank] = null;
    },
  };
}

/**
 * Random requests and withdrawals at whole seconds (many ties), grants held for a few seconds: the log of
 * grants and releases, with the event order's sequence numbers.
 */
function drive(kind: 'resource' | 'ranked', seed: number, capacity: number): string[] {
  const sim = new Simulation();
  const ranks = 12;
  const log: string[] = [];
  const ticketOf = new Array<number>(ranks).fill(-1);
  let tickets = 0;
  const onGrant = (rank: number, ticket: number): void => {
    log.push(`${sim.now} grant ${rank}/${ticket} seq ${sim.eventsProcessed}`);
    if (ticketOf[rank] !== ticket) return; // given up since
    sim.at(sim.now + ((rank * 7 + ticket) % 3), () => {
      if (ticketOf[rank] !== ticket) return;
      log.push(`${sim.now} release ${rank}/${ticket}`);
      slots.release(rank);
      ticketOf[rank] = -1;
    });
  };
  const slots: Slots = kind === 'ranked' ? new RankedSlots(sim, capacity, ranks, onGrant) : resourceSlots(sim, capacity, ranks, onGrant);
  const rng = new RandomStreams(seed).stream('slots');
  for (let i = 0; i < 200; i++) {
    const at = Math.floor(rng.uniform(0, 60));
    const rank = Math.floor(rng.uniform(0, ranks));
    sim.at(at, () => {
      if (ticketOf[rank] < 0) {
        ticketOf[rank] = tickets++;
        slots.request(rank, ticketOf[rank]);
      } else {
        log.push(`${sim.now} give up ${rank}/${ticketOf[rank]}`);
        slots.release(rank);
        ticketOf[rank] = -1;
      }
    });
  }
  sim.run();
  return log;
}

describe('RankedSlots', () => {
  test.each([[1, 1], [2, 2], [3, 3], [4, 5]])('grants and releases exactly as a priority Resource (seed %i, capacity %i)', (seed, capacity) => {
    const expected = drive('resource', seed, capacity);
    expect(expected.filter((l) => l.includes('give up')).length).toBeGreaterThan(10);
    expect(drive('ranked', seed, capacity)).toEqual(expected);
  });

  test('a free slot is granted by an event at the current time, after what is already due', () => {
    const sim = new Simulation();
    const order: string[] = [];
    const slots = new RankedSlots(sim, 1, 2, (rank) => order.push(`grant ${rank}`));
    sim.at(0, () => {
      slots.request(1, 0);
      sim.at(0, () => order.push('due'));
    });
    sim.run();
    expect(order).toEqual(['grant 1', 'due']);
  });

  test('lowest rank first once a slot frees up; a withdrawn request is skipped', () => {
    const sim = new Simulation();
    const granted: number[] = [];
    const slots = new RankedSlots(sim, 1, 4, (rank) => granted.push(rank));
    slots.request(3, 0);
    slots.request(2, 0);
    slots.request(0, 0);
    slots.request(1, 0);
    slots.release(0);
    sim.run();
    slots.release(3);
    sim.run();
    slots.release(1);
    sim.run();
    expect(granted).toEqual([3, 1, 2]);
  });

  test('rejects a capacity that is not a whole number of at least 1', () => {
    expect(() => new RankedSlots(new Simulation(), 0, 1, () => undefined)).toThrow(/capacity/);
    expect(() => new RankedSlots(new Simulation(), 1.5, 1, () => undefined)).toThrow(/capacity/);
  });
});
