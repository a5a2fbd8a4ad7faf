/**
 * Kernel throughput on M/M/1 (λ = 1, μ = 1.25, so the mean wait in queue is 3.2 s — printed so a
 * fast but wrong kernel is caught): plain callbacks, generator processes + Resource, and SimPy on
 * the same model in the same run (bench/simpy_mm1.py). Flags: --customers=N (default 1,000,000),
 * --simpy-customers=N (default 200,000; rates are compared, not totals), --no-simpy.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { Resource, Simulation } from '../src/sim/index.js';

export const description = 'M/M/1 customers/s: callbacks vs generator processes vs SimPy';

const LAMBDA = 1;
const MU = 1.25;
const PYTHON = '/usr/bin/python3';

interface ModelRun {
  customers: number;
  seconds: number;
  customersPerSecond: number;
  eventsPerSecond: number;
  meanWaitSeconds: number;
}

function expSampler(seed: string, rate: number): () => number {
  const rng = seedrandom.xor4096(seed);
  return () => -Math.log(1 - rng()) / rate;
}

/** Callback style: two events per customer, waiting arrival times in a growable ring buffer. */
function callbackModel(customers: number): ModelRun {
  const sim = new Simulation();
  const interarrival = expSampler('arrivals', LAMBDA);
  const service = expSampler('services', MU);
  let ring = new Float64Array(1024);
  let head = 0;
  let count = 0;
  let busy = false;
  let arrived = 0;
  let served = 0;
  let waitSum = 0;
  const startService = (arrivalTime: number): void => {
    busy = true;
    waitSum += sim.now - arrivalTime;
    served++;
    sim.after(service(), departure);
  };
  const departure = (): void => {
    busy = false;
    if (count > 0) {
      const t = ring[head];
      head = (head + 1) & (ring.length - 1);
      count--;
      startService(t);
    }
  };
  const arrival = (): void => {
    if (busy) {
      if (count === ring.length) {
        const bigger = new Float64Array(ring.length * 2);
        for (let i = 0; i < count; i++) bigger[i] = ring[(head + i) & (ring.length - 1)];
        ring = bigger;
        head = 0;
      }
      ring[(head + count) & (ring.length - 1)] = sim.now;
      count++;
    } else {
      startService(sim.now);
    }
    if (++arrived < customers) sim.after(interarrival(), arrival);
  };
  sim.after(interarrival(), arrival);
  const start = performance.now();
  sim.run();
  const seconds = (performance.now() - start) / 1000;
  return summary(served, seconds, sim.eventsProcessed, waitSum);
}

/** Generator style: a source process and one process per customer holding a Resource. */
function generatorModel(customers: number): ModelRun {
  const sim = new Simulation();
  const interarrival = expSampler('arrivals', LAMBDA);
  const service = expSampler('services', MU);
  const server = new Resource(sim, 1);
  let served = 0;
  let waitSum = 0;
  function* customer() {
    const arrivedAt = sim.now;
    const req = server.request();
    yield req;
    waitSum += sim.now - arrivedAt;
    served++;
    yield sim.timeout(service());
    server.release(req);
  }
  sim.process(function* () {
    for (let i = 0; i < customers; i++) {
      yield sim.timeout(interarrival());
      sim.process(customer());
    }
  });
  const start = performance.now();
  sim.run();
  const seconds = (performance.now() - start) / 1000;
  return summary(served, seconds, sim.eventsProcessed, waitSum);
}

function summary(served: number, seconds: number, events: number, waitSum: number): ModelRun {
  return {
    customers: served,
    seconds: round(seconds, 3),
    customersPerSecond: Math.round(served / seconds),
    eventsPerSecond: Math.round(events / seconds),
    meanWaitSeconds: round(waitSum / served, 4),
  };
}

function simpy(customers: number): Record<string, unknown> {
  const script = fileURLToPath(new URL('./simpy_mm1.py', import.meta.url));
  if (!existsSync(PYTHON)) return { skipped: `${PYTHON} not found` };
  try {
    const out = execFileSync(PYTHON, [script, String(customers), '1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out.trim()) as Record<string, unknown>;
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? err);
    return { skipped: /No module named 'simpy'/.test(stderr) ? 'SimPy not installed (Debian: python3-simpy3)' : stderr.slice(0, 300) };
  }
}

function flag(args: string[], name: string, fallback: number): number {
  const hit = args.find((a) => a.startsWith(`--${name}=`));
  return hit === undefined ? fallback : Number(hit.slice(name.length + 3));
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const customers = flag(args, 'customers', 1_000_000);
  const simpyCustomers = flag(args, 'simpy-customers', 200_000);
  // A short warm-up so both styles run JIT-compiled code.
  callbackModel(50_000);
  generatorModel(50_000);
  const callbacks = callbackModel(customers);
  const generators = generatorModel(customers);
  const py = args.includes('--no-simpy') ? { skipped: '--no-simpy' } : simpy(simpyCustomers);
  const pyRate = typeof py.customersPerSecond === 'number' ? py.customersPerSecond : undefined;
  return {
    model: { lambda: LAMBDA, mu: MU, theoryMeanWaitSeconds: 3.2 },
    callbacks,
    generators,
    simpy: py,
    ratios:
      pyRate === undefined
        ? 'n/a (SimPy skipped)'
        : {
            callbacksOverSimpy: round(callbacks.customersPerSecond / pyRate, 1),
            generatorsOverSimpy: round(generators.customersPerSecond / pyRate, 1),
            targets: { callbacksOverSimpy: 40, generatorsOverSimpy: 8 },
          },
  };
}
