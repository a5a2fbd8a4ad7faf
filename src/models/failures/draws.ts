/**
 * The failures of one trial, drawn from named streams of (seed, trial) so that every strategy in the trial
 * sees the same events (common random numbers). One event of each kind in the failure model: its time is
 * uniform over [warm-up, horizon] — the conditional view "if it strikes at a random moment" — and its
 * rate per year turns the consequences into the annualized view. Resolution makes that span whole weeks
 * (resolvers/simulation.ts): with time 0 at Monday 00:00, every hour of the week is equally likely.
 *
 * A site disaster at the primary site is always drawn (the headline question), with the model's rate or 0.
 */
import { distributionOf } from '../../sim/distributions.js';
import type { RandomStreams } from '../../sim/random.js';
import type { FailureEvent } from './events.js';
import type { CorruptionSource, Scenario, Strategy } from '../scenario/model.js';
import { copyCanSurvive } from './ransomware-points.js';
import { corruptionUnits } from './corruption-units.js';

export interface TrialFailures {
  events: FailureEvent[];
  /**
   * The farthest any strategy's protection is simulated: the scenario's horizon, extended to the detection of a
   * corruption or an attack (strategyHorizonSeconds says how far for each strategy).
   */
  horizonSeconds: number;
}

/** Corruption detected later than this after it began is capped (the trial horizon grows to cover it). */
export const MAX_CORRUPTION_DETECTION_SECONDS = 60 * 86_400;

export function primarySite(scenario: Scenario): number {
  if (scenario.failures.siteDisaster !== null) return scenario.failures.siteDisaster.site;
  const p = scenario.sites.findIndex((s) => s.role === 'primary');
  return p >= 0 ? p : 0;
}

export function drawTrialFailures(scenario: Scenario, streams: RandomStreams, trial: number): TrialFailures {
  const { horizonSeconds, warmupSeconds } = scenario.simulation;
  const f = scenario.failures;
  const events: FailureEvent[] = [];
  const when = (name: string) => {
    const rng = streams.stream(`failure:${name}`, trial);
    return { rng, t: warmupSeconds + rng.next() * (horizonSeconds - warmupSeconds) };
  };
  let horizon = horizonSeconds;

  const site = primarySite(scenario);
  events.push({ kind: 'site-disaster', site, atSeconds: when('site-disaster').t });

  const primaryArrays = scenario.storage.map((s, i) => ({ s, i })).filter(({ i }) => scenario.vms.some((v) => v.storage === i && v.site === site)).map(({ i }) => i);
  if (f.storageFailure !== null && f.storageFailure.perYear > 0 && primaryArrays.length > 0) {
    const { rng, t } = when('storage-failure');
    const storage = primaryArrays[Math.min(primaryArrays.length - 1, Math.floor(rng.next() * primaryArrays.length))];
    events.push({ kind: 'storage-failure', storage, atSeconds: t, repairSeconds: Math.max(0, distributionOf(f.storageFailure.repairSeconds).sample(rng)) });
  }

  const primaryHosts = scenario.hosts.map((h, i) => ({ h, i })).filter(({ h }) => h.site === site).map(({ i }) => i);
  if (f.hostFailure !== null && f.hostFailure.perYear > 0 && primaryHosts.length > 0) {
    const { rng, t } = when('host-failure');
    const host = primaryHosts[Math.min(primaryHosts.length - 1, Math.floor(rng.next() * primaryHosts.length))];
    events.push({ kind: 'host-failure', host, atSeconds: t, repairSeconds: Math.max(0, distributionOf(f.hostFailure.repairSeconds).sample(rng)) });
  }

  const sources = f.corruption.filter((c) => c.perYear > 0);
  if (sources.length > 0 && scenario.vms.length > 0) {
    const { rng, t } = when('corruption');
    // One corruption per trial, from a source chosen in proportion to its rate (no draw for a single source,
    // so a file with one source draws exactly as before sources had scopes).
    const source = sources.length === 1 ? sources[0] : pickByRate(sources, rng.next());
    const delay = Math.min(MAX_CORRUPTION_DETECTION_SECONDS, Math.max(0, distributionOf(source.detectionSeconds).sample(rng)));
    const vms = corruptedVms(scenario, source, rng.next());
    const event: FailureEvent = { kind: 'corruption', vms, atSeconds: t, detectedAtSeconds: t + delay };
    events.push(event);
    horizon = Math.max(horizon, pointsReadUntilSeconds(event));
  }

  const attack = scenario.failures.ransomware;
  if (attack && attack.perYear > 0 && scenario.vms.length > 0) {
    // The compromise strikes at a random moment; encryption follows after the dwell time, detection after that.
    const { rng, t } = when('ransomware');
    const dwell = Math.min(MAX_CORRUPTION_DETECTION_SECONDS, Math.max(0, distributionOf(attack.dwellSeconds).sample(rng)));
    const delay = Math.min(MAX_CORRUPTION_DETECTION_SECONDS, Math.max(0, distributionOf(attack.detectionSeconds).sample(rng)));
    const units = corruptionUnits(scenario.vms, attack.scope);
    const vms = units[Math.min(units.length - 1, Math.floor(rng.next() * units.length))];
    // Compared with the reinfection chance of the policies the recovery used (recover.ts), per strategy.
    const reinfectionDraw = rng.next();
    const event: FailureEvent = { kind: 'ransomware', vms, compromisedAtSeconds: t, atSeconds: t + dwell, detectedAtSeconds: t + dwell + delay, reinfectionDraw };
    events.push(event);
    horizon = Math.max(horizon, pointsReadUntilSeconds(event));
  }
  return { events, horizonSeconds: horizon };
}

/**
 * Until when a failure's recovery reads recovery points: a corruption or an attack is recovered from what the
 * retention still holds at its detection (points arriving until then rotate older ones out); the other failures
 * strike inside the horizon.
 */
function pointsReadUntilSeconds(event: FailureEvent): number {
  return event.kind === 'corruption' || event.kind === 'ransomware' ? event.detectedAtSeconds + 1 : event.atSeconds;
}

/**
 * How far one strategy's protection is simulated in a trial: to the trial's horizon, except that an attack
 * on VMs none of whose copies in this strategy can survive it reads no point (ransomware-points.ts: every
 * copy is encrypted or deleted), so it does not carry this strategy past the scenario's horizon. Normal
 * operation is then measured over the scenario's own span for that strategy — what simulating weeks more
 * would only have re-estimated.
 */
export function strategyHorizonSeconds(scenario: Scenario, strategy: Strategy, failures: TrialFailures): number {
  let horizon = scenario.simulation.horizonSeconds;
  for (const event of failures.events) {
    if (event.kind === 'ransomware' && !anyCopyCanSurvive(strategy, event.vms)) continue;
    horizon = Math.max(horizon, pointsReadUntilSeconds(event));
  }
  return horizon;
}

/** Whether a method protecting one of `vms` in this strategy has a copy an attacker cannot reach. */
function anyCopyCanSurvive(strategy: Strategy, vms: readonly number[]): boolean {
  const hit = new Set(vms);
  return strategy.assignments.some((a) => (a.copyProtection ?? []).some(copyCanSurvive) && a.vms.some((v) => hit.has(v)));
}

function pickByRate(sources: CorruptionSource[], u: number): CorruptionSource {
  const total = sources.reduce((a, c) => a + c.perYear, 0);
  let acc = 0;
  for (const c of sources) {
    acc += c.perYear;
    if (u * total < acc) return c;
  }
  return sources[sources.length - 1];
}

/**
 * The VMs one corruption hits, from one uniform u: a unit of the source's scope drawn uniformly, or (the form
 * without scope) the application of a uniformly drawn VM — a VM outside any application alone.
 */
function corruptedVms(scenario: Scenario, source: CorruptionSource, u: number): number[] {
  if (source.draw === 'by-vm') {
    const victim = scenario.vms[Math.min(scenario.vms.length - 1, Math.floor(u * scenario.vms.length))];
    return victim.app === null ? [scenario.vms.indexOf(victim)] : scenario.vms.flatMap((v, i) => (v.app === victim.app ? [i] : []));
  }
  const units = corruptionUnits(scenario.vms, source.scope);
  return units[Math.min(units.length - 1, Math.floor(u * units.length))];
}

/** Expected events per year of each kind for the whole estate (rates are per site / array / host / estate). */
export function eventsPerYear(scenario: Scenario, kind: FailureEvent['kind']): number {
  const f = scenario.failures;
  const site = primarySite(scenario);
  switch (kind) {
    case 'site-disaster': return f.siteDisaster?.perYear ?? 0;
    case 'storage-failure': {
      const arrays = scenario.storage.filter((s, i) => s.site === site && scenario.vms.some((v) => v.storage === i)).length;
      return (f.storageFailure?.perYear ?? 0) * arrays;
    }
    case 'host-failure': return (f.hostFailure?.perYear ?? 0) * scenario.hosts.filter((h) => h.site === site).length;
    case 'corruption': return f.corruption.reduce((a, c) => a + c.perYear, 0);
    case 'ransomware': return f.ransomware?.perYear ?? 0;
  }
}
