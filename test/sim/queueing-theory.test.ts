/**
 * The kernel against queueing theory: M/M/1 (Wq, L) and M/M/c (Erlang C), run with callbacks and with
 * generator processes + Resource, L measured with TimeWeighted. Each quantity is checked
 * within a 99% confidence interval built from independent replications (one mean per replication,
 * Student-t over the replication means), so the test judges the kernel, not itself.
 */
import { describe, test, expect } from '@jest/globals';
import seedrandom from 'seedrandom';
import { Resource, Simulation, TimeWeighted } from '../../src/sim/index.js';

const REPLICATIONS = 30;
const WARMUP_CUSTOMERS = 2_000;
const MEASURED_CUSTOMERS = 20_000;
/** Student-t 0.995 quantile with 29 degrees of freedom (two-sided 99% CI, 30 replications). */
const T_0995_DF29 = 2.756386;

interface QueueStats { meanWaitSeconds: number; meanInSystem: number }

type Rng = () => number;
const expSample = (rng: Rng, rate: number): number => -Math.log(1 - rng()) / rate;

function streams(seed: number): { arrivals: Rng; services: Rng } {
  return { arrivals: seedrandom.xor4096(`arrivals-${seed}`), services: seedrandom.xor4096(`services-${seed}`) };
}

/**
 * Book-keeping shared by both model styles: waits of customers WARMUP..WARMUP+MEASURED-1 (in
 * arrival order; FIFO so also service order), and the time-average number in system between the
 * arrivals of those two customers (the kernel's TimeWeighted, so L checks it too).
 */
class Observer {
  private inSystem = 0;
  /** Number in system over the measured window; null before it opens and after it closes. */
  private level: TimeWeighted | null = null;
  private meanInSystem = NaN;
  private waitSum = 0;
  waitsRecorded = 0;

  arrival(index: number, now: number): void {
    if (index === WARMUP_CUSTOMERS) this.level = new TimeWeighted(now, this.inSystem);
    if (index === WARMUP_CUSTOMERS + MEASURED_CUSTOMERS && this.level !== null) {
      this.meanInSystem = this.level.mean(now);
      this.level = null;
    }
    this.inSystem++;
    this.level?.update(now, this.inSystem);
  }

  serviceStart(index: number, waitSeconds: number): void {
    if (index >= WARMUP_CUSTOMERS && index < WARMUP_CUSTOMERS + MEASURED_CUSTOMERS) {
      this.waitSum += waitSeconds;
      this.waitsRecorded++;
    }
  }

  departure(now: number): void {
    this.inSystem--;
    this.level?.update(now, this.inSystem);
  }

  get done(): boolean {
    return this.waitsRecorded === MEASURED_CUSTOMERS && !Number.isNaN(this.meanInSystem);
  }

  result(): QueueStats {
    return { meanWaitSeconds: this.waitSum / this.waitsRecorded, meanInSystem: this.meanInSystem };
  }
}

/** M/M/1 with plain callbacks and an explicit FIFO of waiting customers. */
function mm1Callbacks(seed: number, lambda: number, mu: number): QueueStats {
  const sim = new Simulation();
  const rng = streams(seed);
  const obs = new Observer();
  const waitingArrivalTimes: number[] = [];
  let busy = false;
  let arrivals = 0;
  let started = 0;
  const startService = (arrivalTime: number): void => {
    busy = true;
    obs.serviceStart(started++, sim.now - arrivalTime);
    sim.after(expSample(rng.services, mu), departure);
  };
  const departure = (): void => {
    obs.departure(sim.now);
    busy = false;
    if (waitingArrivalTimes.length > 0) startService(waitingArrivalTimes.shift() as number);
    if (obs.done) sim.stop();
  };
  const arrival = (): void => {
    obs.arrival(arrivals++, sim.now);
    if (busy) waitingArrivalTimes.push(sim.now);
    else startService(sim.now);
    sim.after(expSample(rng.arrivals, lambda), arrival);
  };
  sim.after(expSample(rng.arrivals, lambda), arrival);
  sim.run();
  return obs.result();
}

/** M/M/c with generator processes and a Resource of `servers` units. */
function mmcProcesses(seed: number, lambda: number, mu: number, servers: number): QueueStats {
  const sim = new Simulation();
  const rng = streams(seed);
  const obs = new Observer();
  const counter = new Resource(sim, servers);
  let started = 0;
  function* customer(index: number) {
    const arrivedAt = sim.now;
    const req = counter.request();
    yield req;
    obs.serviceStart(started++, sim.now - arrivedAt);
    yield sim.timeout(expSample(rng.services, mu));
    counter.release(req);
    obs.departure(sim.now);
    if (obs.done) sim.stop();
  }
  sim.process(function* () {
    for (let index = 0; index <= WARMUP_CUSTOMERS + MEASURED_CUSTOMERS; index++) {
      yield sim.timeout(expSample(rng.arrivals, lambda));
      obs.arrival(index, sim.now);
      sim.process(customer(index));
    }
  });
  sim.run();
  return obs.result();
}

interface Interval { mean: number; halfWidth: number }

function confidenceInterval99(samples: number[]): Interval {
  const n = samples.length;
  const mean = samples.reduce((a, b) => a + b, 0) / n;
  const variance = samples.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  return { mean, halfWidth: T_0995_DF29 * Math.sqrt(variance / n) };
}

function expectWithin(ci: Interval, theory: number, maxRelativeHalfWidth: number): void {
  expect(Math.abs(ci.mean - theory)).toBeLessThanOrEqual(ci.halfWidth);
  // A CI this wide would accept nearly anything: guard against a vacuous test.
  expect(ci.halfWidth).toBeLessThan(maxRelativeHalfWidth * theory);
}

function replicate(model: (seed: number) => QueueStats): { wait: Interval; inSystem: Interval } {
  const runs = Array.from({ length: REPLICATIONS }, (_, r) => model(1000 + r));
  return {
    wait: confidenceInterval99(runs.map((s) => s.meanWaitSeconds)),
    inSystem: confidenceInterval99(runs.map((s) => s.meanInSystem)),
  };
}

/** Erlang C: probability an arrival waits in M/M/c with offered load a = λ/μ. */
function erlangC(servers: number, offeredLoad: number): number {
  let term = 1;
  let sum = 0;
  for (let k = 0; k < servers; k++) {
    sum += term;
    term *= offeredLoad / (k + 1);
  }
  const top = term * (servers / (servers - offeredLoad)); // a^c / c! * c / (c - a)
  return top / (sum + top);
}

describe('queueing theory', () => {
  // M/M/1, λ = 1, μ = 1.25: ρ = 0.8, Wq = ρ / (μ − λ) = 3.2 s, L = ρ / (1 − ρ) = 4.
  const lambda = 1;
  const mu = 1.25;

  test('M/M/1 in callback style: Wq = 3.2 and L = 4 within 99% CIs', () => {
    const { wait, inSystem } = replicate((seed) => mm1Callbacks(seed, lambda, mu));
    expectWithin(wait, 3.2, 0.1);
    expectWithin(inSystem, 4.0, 0.1);
  });

  test('M/M/1 with generator processes and a Resource: Wq = 3.2 and L = 4 within 99% CIs', () => {
    const { wait, inSystem } = replicate((seed) => mmcProcesses(seed, lambda, mu, 1));
    expectWithin(wait, 3.2, 0.1);
    expectWithin(inSystem, 4.0, 0.1);
  });

  test('M/M/3 (λ = 2, μ = 1) against Erlang C within 99% CIs', () => {
    const servers = 3;
    const lambda3 = 2;
    const mu3 = 1;
    const offered = lambda3 / mu3;
    const probWait = erlangC(servers, offered);
    expect(probWait).toBeCloseTo(4 / 9, 12); // hand check: (8/6·3) / (1 + 2 + 2 + 4)
    const wq = probWait / (servers * mu3 - lambda3);
    const l = lambda3 * wq + offered; // Little: Lq = λ Wq, plus the a = λ/μ customers in service
    const { wait, inSystem } = replicate((seed) => mmcProcesses(seed, lambda3, mu3, servers));
    expectWithin(wait, wq, 0.1);
    expectWithin(inSystem, l, 0.1);
  });
});
