/**
 * FluidLink throughput with N concurrent bulk transfers kept active: every completion starts a new
 * transfer of random (exponential) size and weight 1..4. A "flow event" is one start or one
 * completion, so each completion cycle is two flow events and one scheduler event.
 * A naive O(n)-per-event processor-sharing link (rescan every flow at each change) runs alongside
 * for the ratio, and a run with 20 streams on the link shows the cost of per-event water-filling.
 * Flags: --quick (fewer events).
 */
import seedrandom from 'seedrandom';
import { FluidLink } from '../src/sim/fluid-link.js';
import { Simulation } from '../src/sim/simulation.js';

export const description = 'FluidLink: flow events/s with 100, 1,000 and 10,000 concurrent transfers (virtual-time heap vs naive rescan)';

const CAPACITY_BYTES_PER_SECOND = 1.25e9; // 10 Gbit/s
const MEAN_SIZE_BYTES = 1e9;

interface Measurement {
  concurrentFlows: number;
  completions: number;
  seconds: number;
  completionsPerSecond: number;
  flowEventsPerSecond: number;
}

function measureFluidLink(concurrentFlows: number, completions: number, seed: string, streams = 0): Measurement {
  const rng = seedrandom.xor4096(seed);
  const sim = new Simulation();
  const link = new FluidLink(sim, { capacityBytesPerSecond: CAPACITY_BYTES_PER_SECOND });
  // Streams around the elastic fair share (φ ≈ 5e4 B/s at 10k flows): some capped, some backlogged.
  for (let i = 0; i < streams; i++) {
    link.addSource({ weight: 1, inflowBytesPerSecond: 1e4 + 1e4 * i, overflow: i % 2 === 0 ? 'buffer' : 'throttle' });
  }
  let remaining = completions;
  const onComplete = (): void => {
    startOne();
    if (--remaining === 0) sim.stop();
  };
  const startOne = (): void => {
    link.startTransfer(-Math.log(1 - rng()) * MEAN_SIZE_BYTES, { weight: 1 + ((rng() * 4) | 0), onComplete });
  };
  for (let i = 0; i < concurrentFlows; i++) startOne();
  const t0 = process.hrtime.bigint();
  sim.run();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (link.activeTransferCount !== concurrentFlows) throw new Error('bench bug: flow count drifted');
  return result(concurrentFlows, completions, seconds);
}

/** Reference: rates recomputed by visiting every flow at each event (what virtual time avoids). */
function measureNaive(concurrentFlows: number, completions: number, seed: string): Measurement {
  const rng = seedrandom.xor4096(seed);
  const remainingBytes = new Float64Array(concurrentFlows);
  const weights = new Float64Array(concurrentFlows);
  const fresh = (i: number): void => {
    remainingBytes[i] = -Math.log(1 - rng()) * MEAN_SIZE_BYTES;
    weights[i] = 1 + ((rng() * 4) | 0);
  };
  let totalWeight = 0;
  for (let i = 0; i < concurrentFlows; i++) {
    fresh(i);
    totalWeight += weights[i];
  }
  const t0 = process.hrtime.bigint();
  for (let done = 0; done < completions; done++) {
    const phi = CAPACITY_BYTES_PER_SECOND / totalWeight;
    let first = 0;
    let firstSeconds = Infinity;
    for (let i = 0; i < concurrentFlows; i++) {
      const s = remainingBytes[i] / (weights[i] * phi);
      if (s < firstSeconds) { firstSeconds = s; first = i; }
    }
    for (let i = 0; i < concurrentFlows; i++) remainingBytes[i] -= weights[i] * phi * firstSeconds;
    totalWeight -= weights[first];
    fresh(first);
    totalWeight += weights[first];
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return result(concurrentFlows, completions, seconds);
}

function result(concurrentFlows: number, completions: number, seconds: number): Measurement {
  return {
    concurrentFlows,
    completions,
    seconds: round(seconds),
    completionsPerSecond: Math.round(completions / seconds),
    flowEventsPerSecond: Math.round((2 * completions) / seconds),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const quick = args.includes('--quick');
  const completions = quick ? 200_000 : 2_000_000;
  const sizes = [100, 1_000, 10_000];
  // Warm-up so the JIT has compiled the hot paths before anything is timed.
  measureFluidLink(1_000, 200_000, 'warmup');
  measureNaive(100, 20_000, 'warmup');
  const fluidLink = sizes.map((n) => measureFluidLink(n, completions, `fluid-link-${n}`));
  // The naive link costs O(n) per event: give it a fixed budget of flow-visits.
  const naive = sizes.map((n) => measureNaive(n, Math.max(2_000, Math.round((quick ? 2e7 : 2e8) / n)), `naive-${n}`));
  const at10k = fluidLink[2];
  const with20Streams = measureFluidLink(10_000, completions, 'fluid-link-streams', 20);
  return {
    completionsPerRun: completions,
    fluidLink,
    with20Streams,
    naive,
    ratios: {
      flowEventsPerSecond100over10k: round(fluidLink[0].flowEventsPerSecond / at10k.flowEventsPerSecond),
      flowEventsPerSecond1kover10k: round(fluidLink[1].flowEventsPerSecond / at10k.flowEventsPerSecond),
      flowEventsPerSecond10kWith20StreamsOver10k: round(with20Streams.flowEventsPerSecond / at10k.flowEventsPerSecond),
      fluidLinkOverNaive: sizes.map((n, i) => ({ concurrentFlows: n, speedup: round(fluidLink[i].flowEventsPerSecond / naive[i].flowEventsPerSecond) })),
    },
    meetsTarget1MFlowEventsPerSecondAt10k: at10k.flowEventsPerSecond >= 1e6,
  };
}
