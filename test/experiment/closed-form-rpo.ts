/**
 * fixtures/closed-form.yaml in closed form: one VM writing c = 1 MB/s of unique data, async every T over a link
 * of B bytes/s (efficiency 100%, no quiesce). For a failure at t with phase φ = t mod T, the newest slot's
 * delta arrives L = cT/B later (L < T when B > c), so RPO = φ when φ ≥ L, else φ + T (the slot before): mean
 * T/2 + L for a uniform φ. Probes of a sweep or a sizing search share their trials (common random numbers),
 * so a probe's mean RPO is exactly this form averaged over the trials' failure instants.
 */
import { fileURLToPath } from 'node:url';
import { drawTrialFailures } from '../../src/models/failures/draws.js';
import { ScenarioDocument } from '../../src/experiment/scenario-overrides.js';
import { RandomStreams } from '../../src/sim/random.js';

export const CLOSED_FORM = fileURLToPath(new URL('./fixtures/closed-form.yaml', import.meta.url));

/** The site-disaster instants of trials 0..trials−1 (the failure draws are tested in failure-draws.test.ts). */
export function closedFormInstants(trials: number, seed?: number): number[] {
  const { scenario } = ScenarioDocument.fromFile(CLOSED_FORM).load([]);
  const streams = new RandomStreams(seed ?? scenario.simulation.seed);
  return Array.from({ length: trials }, (_, t) => drawTrialFailures(scenario, streams, t).events[0].atSeconds);
}

export function meanAsyncRpo(instants: number[], T: number, bytesPerSecond: number): number {
  const L = (1e6 * T) / bytesPerSecond;
  return instants.reduce((acc, t) => { const phase = t % T; return acc + (phase >= L ? phase : phase + T); }, 0) / instants.length;
}
