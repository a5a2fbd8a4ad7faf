/**
 * WAN outages of a trial: for each link with an outage process, exponential times between outages
 * (mean = MTBF) and durations from the scenario's distribution, drawn from the link's own named stream
 * so every strategy in a trial sees the same outages (common random numbers).
 */
import { distributionOf } from '../../sim/distributions.js';
import type { RandomStreams } from '../../sim/random.js';
import type { OutageInterval } from './events.js';
import type { Scenario } from '../scenario/model.js';

export function drawLinkOutages(scenario: Scenario, streams: RandomStreams, trial: number, untilSeconds: number): OutageInterval[][] {
  return scenario.links.map((link) => {
    const process = link.outages;
    if (process === null || !(process.mtbfSeconds < Infinity)) return [];
    const rng = streams.stream(`link-outages:${link.name}`, trial);
    const duration = distributionOf(process.durationSeconds);
    const outages: OutageInterval[] = [];
    let t = rng.exponential(process.mtbfSeconds);
    while (t < untilSeconds) {
      const d = Math.max(0, duration.sample(rng));
      outages.push({ startSeconds: t, endSeconds: t + d });
      t += d + rng.exponential(process.mtbfSeconds);
    }
    return outages;
  });
}

/** Whether t falls inside one of the outages. */
export function inOutage(outages: readonly OutageInterval[], t: number): boolean {
  for (const o of outages) {
    if (o.startSeconds > t) return false;
    if (t < o.endSeconds) return true;
  }
  return false;
}
