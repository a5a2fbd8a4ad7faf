/**
 * The headline view (the site disaster): what each VM gets, per VM, per tier and overall, and the VMs
 * not recovered by reason. Overall it summarizes the same values as the failure's own summary, so that
 * one is copied when it exists rather than built twice.
 */
import type { NotRecoveredReason, Summary, TierResult, VmResult } from '../../models/results.js';
import type { Scenario, Strategy } from '../../models/scenario/model.js';
import { SummaryBuilder, round } from '../summarize.js';
import { OUTCOME_CODES, type EventRecord, type StrategyTrialRecord } from '../trial.js';
import { zeroReasons } from './failures.js';

export interface Headline {
  /** Built here only when there is no failure summary to copy. */
  rpoSeconds: Summary | null;
  rtoSeconds: Summary | null;
  vms: VmResult[];
  byTier: TierResult[];
  /** VM-trials seen, and of them: met the RPO / RTO target, not recovered (by reason). */
  vmTrials: number;
  metRpo: number;
  metRto: number;
  notRecovered: number;
  reasons: Record<NotRecoveredReason, number>;
  drHostsUsed: number[];
}

/** x / of, rounded; 0 when there is nothing to divide. */
export const fraction = (x: number, of: number): number => (of > 0 ? round(x / of) : 0);
const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);

export function aggregateHeadline(scenario: Scenario, strategy: Strategy, trials: StrategyTrialRecord[], h: number, buildOverall: boolean): Headline {
  const acc = new HeadlineAccumulator(scenario, strategy, h, buildOverall, trials.length);
  for (const t of trials) acc.add(t);
  return acc.finish();
}

/** aggregateHeadline one trial at a time (in trial order): the same sums in the same order. */
export class HeadlineAccumulator {
  private readonly vmMethods: string[][];
  private readonly rpoAll = new SummaryBuilder();
  private readonly rtoAll = new SummaryBuilder();
  private readonly rpoByVm: SummaryBuilder[];
  private readonly rtoByVm: SummaryBuilder[];
  private readonly totals: HeadlineTotals;
  private readonly rpoTarget: Float64Array;
  private readonly rtoTarget: Float64Array;
  private readonly drHostsUsed: number[] = [];
  // Per tier: each trial's VMs split by tier in one pass, in their order.
  private readonly tiers: number[];
  private readonly members: number[][];
  private readonly tierOf: Int32Array;
  private readonly rpoByTier: SummaryBuilder[];
  private readonly rtoByTier: SummaryBuilder[];
  private readonly inTier: Int32Array[];
  private readonly inTierCount: Int32Array;

  /** `expectedTrials`: a hint for the summaries' buffers. */
  constructor(private readonly scenario: Scenario, strategy: Strategy, private readonly h: number, private readonly buildOverall: boolean, expectedTrials = 0) {
    const n = expectedTrials;
    const vmCount = scenario.vms.length;
    this.vmMethods = scenario.vms.map(() => []);
    for (const a of strategy.assignments) for (const v of a.vms) this.vmMethods[v] = a.methods.map((m) => m.method);
    this.rpoByVm = scenario.vms.map(() => new SummaryBuilder(n));
    this.rtoByVm = scenario.vms.map(() => new SummaryBuilder(n));
    this.totals = {
      seen: new Float64Array(vmCount),
      notRecovered: new Float64Array(vmCount),
      metRpo: new Float64Array(vmCount),
      metRto: new Float64Array(vmCount),
      byOutcome: new Float64Array(OUTCOME_CODES.length),
      vmTrials: 0,
    };
    this.rpoTarget = Float64Array.from(scenario.vms, (vm) => vm.rpoSeconds);
    this.rtoTarget = Float64Array.from(scenario.vms, (vm) => vm.rtoSeconds);
    this.tiers = [...new Set(scenario.vms.map((v) => v.tier))].sort((a, b) => a - b);
    this.members = this.tiers.map((tier) => scenario.vms.flatMap((vm, i) => (vm.tier === tier ? [i] : [])));
    this.tierOf = Int32Array.from(scenario.vms, (vm) => this.tiers.indexOf(vm.tier));
    this.rpoByTier = this.members.map((m) => new SummaryBuilder(m.length * n));
    this.rtoByTier = this.members.map((m) => new SummaryBuilder(m.length * n));
    this.inTier = this.tiers.map(() => new Int32Array(vmCount));
    this.inTierCount = new Int32Array(this.tiers.length);
  }

  add(t: StrategyTrialRecord): void {
    const e = t.events[this.h];
    if (e === undefined) return;
    if (this.buildOverall) {
      this.rpoAll.addTrial(e.rpoSeconds);
      this.rtoAll.addTrial(e.rtoSeconds);
    }
    this.drHostsUsed.push(e.drHostsUsed);
    addHeadlineTotals(this.totals, e, this.rpoTarget, this.rtoTarget, this.rpoByVm, this.rtoByVm);
    splitByTier(e.vms, this.tierOf, this.inTier, this.inTierCount);
    for (let j = 0; j < this.tiers.length; j++) {
      const idx = this.inTier[j].subarray(0, this.inTierCount[j]);
      this.rpoByTier[j].addTrial(e.rpoSeconds, idx);
      this.rtoByTier[j].addTrial(e.rtoSeconds, idx);
    }
  }

  finish(): Headline {
    const { scenario, totals, vmMethods, rpoByVm, rtoByVm } = this;
    const { seen, notRecovered, metRpo, metRto } = totals;
    const reasons = zeroReasons();
    for (let o = 1; o < OUTCOME_CODES.length; o++) reasons[OUTCOME_CODES[o] as NotRecoveredReason] = totals.byOutcome[o];

    const vms: VmResult[] = scenario.vms.map((vm, v) => ({
      name: vm.name,
      tier: vm.tier,
      priority: vm.priority,
      rpoTargetSeconds: vm.rpoSeconds,
      rtoTargetSeconds: vm.rtoSeconds,
      methods: vmMethods[v],
      rpoSeconds: rpoByVm[v].build(false),
      rtoSeconds: rtoByVm[v].build(false),
      rpoTargetMet: fraction(metRpo[v], seen[v]),
      rtoTargetMet: fraction(metRto[v], seen[v]),
      notRecovered: fraction(notRecovered[v], seen[v]),
    }));

    return {
      rpoSeconds: this.buildOverall ? this.rpoAll.build() : null,
      rtoSeconds: this.buildOverall ? this.rtoAll.build() : null,
      vms,
      byTier: this.finishTiers(),
      vmTrials: totals.vmTrials,
      metRpo: sum(metRpo),
      metRto: sum(metRto),
      notRecovered: sum(notRecovered),
      reasons,
      drHostsUsed: this.drHostsUsed,
    };
  }

  private finishTiers(): TierResult[] {
    const { scenario, members } = this;
    const { seen, notRecovered, metRpo, metRto } = this.totals;
    return this.tiers.map((tier, j) => {
      const m = members[j];
      const seenT = m.reduce((a, v) => a + seen[v], 0);
      return {
        tier,
        vmCount: m.length,
        // A loop, not Math.min(...): a tier of 70,000 VMs is more arguments than a call may take.
        rpoTargetSeconds: m.reduce((x, v) => Math.min(x, scenario.vms[v].rpoSeconds), Infinity),
        rtoTargetSeconds: m.reduce((x, v) => Math.min(x, scenario.vms[v].rtoSeconds), Infinity),
        rpoSeconds: this.rpoByTier[j].build(),
        rtoSeconds: this.rtoByTier[j].build(),
        rpoTargetMet: fraction(m.reduce((a, v) => a + metRpo[v], 0), seenT),
        rtoTargetMet: fraction(m.reduce((a, v) => a + metRto[v], 0), seenT),
        notRecovered: fraction(m.reduce((a, v) => a + notRecovered[v], 0), seenT),
      };
    });
  }
}

/** Per VM of the headline failure: trials seen, not recovered, targets met; VMs per outcome code. */
interface HeadlineTotals {
  seen: Float64Array;
  notRecovered: Float64Array;
  metRpo: Float64Array;
  metRto: Float64Array;
  byOutcome: Float64Array;
  vmTrials: number;
}

/** Adds one headline event's VMs (a function of its own, for V8: see addFailureTotals). */
function addHeadlineTotals(totals: HeadlineTotals, e: EventRecord, rpoTarget: Float64Array, rtoTarget: Float64Array, rpoByVm: SummaryBuilder[], rtoByVm: SummaryBuilder[]): void {
  const { vms, outcome, rpoSeconds, rtoSeconds } = e;
  const { seen, notRecovered, metRpo, metRto, byOutcome } = totals;
  for (let i = 0; i < vms.length; i++) {
    const v = vms[i];
    seen[v]++;
    if (outcome[i] !== 0) {
      notRecovered[v]++;
      byOutcome[outcome[i]]++;
      // Censored in the VM's own distributions too (later than the horizon), not left out.
      rpoByVm[v].addValue(NaN);
      rtoByVm[v].addValue(NaN);
      continue;
    }
    const rpo = rpoSeconds[i];
    const rto = rtoSeconds[i];
    rpoByVm[v].addValue(rpo);
    rtoByVm[v].addValue(rto);
    if (rpo <= rpoTarget[v]) metRpo[v]++;
    if (rto <= rtoTarget[v]) metRto[v]++;
  }
  totals.vmTrials += vms.length;
}

/** Positions in `vms` of each tier's VMs (tier index per VM in `tierOf`) into inTier[j][0 .. count[j]). */
function splitByTier(vms: Int32Array, tierOf: Int32Array, inTier: Int32Array[], count: Int32Array): void {
  count.fill(0);
  for (let i = 0; i < vms.length; i++) {
    const j = tierOf[vms[i]];
    inTier[j][count[j]++] = i;
  }
}
