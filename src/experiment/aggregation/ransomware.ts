/**
 * What a strategy buys against ransomware, over all trials: how often a trusted point survives, which stage
 * held the VMs back longest, how often a reinfection forced a second recovery, what the protection costs, and
 * per named application its outage (the applications accumulator on the ransomware event) with the same shares
 * and the clean-point policy it was recovered under.
 */
import { OUTCOME_CODES, NO_LIMIT, type StrategyTrialRecord } from '../trial.js';
import { RANSOMWARE_LIMITS, type RansomwareApplication, type RansomwareLimit, type RansomwareResult } from '../../models/results.js';
import type { Scenario } from '../../models/scenario/model.js';
import { ApplicationsAccumulator } from './applications.js';
import { round } from '../summarize.js';
import { fraction } from './headline.js';
import { cleanPolicyOfApplication } from '../../models/recovery/clean-policy.js';

const NO_CLEAN_POINT = OUTCOME_CODES.indexOf('no-clean-point');
const REINFECTION = RANSOMWARE_LIMITS.indexOf('reinfection');

export class RansomwareAccumulator {
  private trials = 0;
  private affected = 0;
  private withPoint = 0;
  private reinfectedTrials = 0;
  private readonly limits = new Float64Array(RANSOMWARE_LIMITS.length);
  private readonly applications: ApplicationsAccumulator;
  /** Per application (scenario order): trials hit, trials with every VM's point, and the last VM's limit counts. */
  private readonly appHit: Float64Array;
  private readonly appWithPoint: Float64Array;
  private readonly appLimits: Float64Array[];
  /** Per application in one trial: the affected-entry of its latest VM back, and whether one lacked a point. */
  private readonly latest: Int32Array;
  private readonly lacks: Uint8Array;
  private readonly hit: Uint8Array;

  /** `k`: the ransomware event's index in each trial's events. */
  constructor(private readonly scenario: Scenario, private readonly k: number, expectedTrials = 0) {
    this.applications = new ApplicationsAccumulator(scenario, k, expectedTrials);
    const n = scenario.applications.length;
    this.appHit = new Float64Array(n);
    this.appWithPoint = new Float64Array(n);
    this.appLimits = scenario.applications.map(() => new Float64Array(RANSOMWARE_LIMITS.length));
    this.latest = new Int32Array(n);
    this.lacks = new Uint8Array(n);
    this.hit = new Uint8Array(n);
  }

  add(t: StrategyTrialRecord): void {
    const e = t.events[this.k];
    this.trials++;
    this.applications.add(t);
    const { vms, outcome, rtoSeconds } = e;
    const limit = e.limit!;
    const appOf = (i: number): number => this.scenario.vms[vms[i]].application;
    this.hit.fill(0);
    this.lacks.fill(0);
    this.latest.fill(-1);
    let reinfected = false;
    for (let i = 0; i < vms.length; i++) {
      const a = appOf(i);
      this.hit[a] = 1;
      this.affected++;
      if (outcome[i] === NO_CLEAN_POINT) this.lacks[a] = 1;
      else this.withPoint++;
      if (limit[i] === NO_LIMIT) continue;
      this.limits[limit[i]]++;
      if (limit[i] === REINFECTION) reinfected = true;
      if (this.latest[a] < 0 || rtoSeconds[i] > rtoSeconds[this.latest[a]]) this.latest[a] = i;
    }
    if (reinfected) this.reinfectedTrials++;
    for (let a = 0; a < this.hit.length; a++) {
      if (this.hit[a] === 0) continue;
      this.appHit[a]++;
      if (this.lacks[a] === 0) this.appWithPoint[a]++;
      if (this.latest[a] >= 0) this.appLimits[a][limit[this.latest[a]]]++;
    }
  }

  /** `penaltyPerYearByApplication`, `expectedPenaltyPerYear`: the ransomware failure kind's (aggregation/failures.ts). */
  finish(penaltyPerYearByApplication: Float64Array, eventsPerYear: number, expectedPenaltyPerYear: number, strategy: number): RansomwareResult {
    const { scenario } = this;
    const s = scenario.strategies[strategy];
    const attack = scenario.failures.ransomware!;
    const copies = s.assignments.reduce((acc, a) => acc + (a.copyProtection ?? []).reduce((x, c) => x + (c?.costPerYear ?? 0), 0), 0);
    const named = scenario.applications.map((a, i) => ({ a, i })).filter(({ a }) => a.named);
    const apps = this.applications.finish(penaltyPerYearByApplication);
    return {
      eventsPerYear: round(eventsPerYear),
      cleanPoint: attack.cleanPoint,
      cleanPointExists: fraction(this.withPoint, this.affected),
      reinfected: fraction(this.reinfectedTrials, this.trials),
      limitedBy: shares(this.limits),
      protectionCostPerYear: { copies: round(copies), cleanRoom: round(s.recovery.cleanRoom?.costPerYear ?? 0) },
      expectedPenaltyPerYear,
      applications: apps.map((r, j): RansomwareApplication => {
        const a = named[j].i;
        const policy = cleanPolicyOfApplication(attack, a);
        return {
          // Restored from before the compromise, nothing is reinfected whatever the chance the file gives.
          ...r, cleanPoint: policy.cleanPoint, reinfection: policy.cleanPoint === 'before-encryption' ? policy.reinfectionProbability : 0,
          cleanPointExists: fraction(this.appWithPoint[a], this.appHit[a]), limitedBy: shares(this.appLimits[a]),
        };
      }),
    };
  }
}

function shares(counts: Float64Array): Record<RansomwareLimit, number> {
  const total = counts.reduce((a, b) => a + b, 0);
  return Object.fromEntries(RANSOMWARE_LIMITS.map((l, i) => [l, fraction(counts[i], total)])) as Record<RansomwareLimit, number>;
}
