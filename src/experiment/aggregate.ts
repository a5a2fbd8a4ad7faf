/**
 * Aggregates trial records (in trial order, whatever worker produced them) into results.json: the
 * conditional view (what each VM gets when a failure strikes at a random moment), the annualized view
 * (failure rates × consequences → expected downtime, loss and penalties), traffic, storage, capacity and
 * cost. Aggregation order is fixed, so the same records give byte-identical results.
 */
import { strategyCost, tapeShipments, HOURS_PER_YEAR } from '../models/cost/strategy-cost.js';
import { eventsPerYear, primarySite } from '../models/failures/draws.js';
import type { Scenario } from '../models/scenario/model.js';
import { SummaryBuilder, round } from './summarize.js';
import { OUTCOME_CODES, type EventRecord, type StrategyTrialRecord, type TrialRecord } from './trial.js';
import {
  RESULTS_SCHEMA_VERSION,
  type FailureKind,
  type FailureResult,
  type NotRecoveredReason,
  type RecoveryTimeline,
  type ResultsFile,
  type StrategyResult,
  type Summary,
  type TierResult,
  type VmResult,
} from '../models/results.js';

/** A VM that is not recovered counts this long as down and this much data as lost (assumption, reported). */
export const NOT_RECOVERED_HOURS = 7 * 24;
const SECONDS_PER_YEAR = HOURS_PER_YEAR * 3600;

export interface AggregateMeta {
  scenarioFile: string;
  version: string;
  /** Representative recovery timeline per strategy (site disaster), if computed. */
  timelines?: (RecoveryTimeline | null)[];
}

const REASONS: NotRecoveredReason[] = ['no-capacity', 'no-clean-point', 'not-offsite', 'not-protected'];

function zeroReasons(): Record<NotRecoveredReason, number> {
  return { 'no-capacity': 0, 'no-clean-point': 0, 'not-offsite': 0, 'not-protected': 0 };
}

export function aggregate(scenario: Scenario, records: TrialRecord[], meta: AggregateMeta): ResultsFile {
  const kinds = failureKinds(records);
  const strategies = scenario.strategies.map((strategy, s) => aggregateStrategy(scenario, records.map((r) => r.strategies[s]), s, kinds, meta.timelines?.[s] ?? null));
  const drSiteHosts = new Set(scenario.strategies.map((st) => st.recovery.drSite));
  const tiers = [...new Set(scenario.vms.map((v) => v.tier))].sort((a, b) => a - b);
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    generatedBy: { tool: 'drsim', version: meta.version },
    scenario: {
      name: scenario.name,
      description: scenario.description,
      file: meta.scenarioFile,
      currency: scenario.costs.currency,
      counts: {
        sites: scenario.sites.length,
        hosts: scenario.hosts.length,
        drHosts: scenario.hosts.filter((h) => drSiteHosts.has(h.site)).length,
        vms: scenario.vms.length,
        strategies: scenario.strategies.length,
      },
      links: scenario.links.map((l) => ({ name: l.name, between: [scenario.sites[l.siteA].name, scenario.sites[l.siteB].name], bandwidthBitsPerSecond: l.bandwidthBitsPerSecond, efficiency: l.efficiency, rttSeconds: l.rttSeconds })),
      tiers: tiers.map((tier) => {
        const vms = scenario.vms.filter((v) => v.tier === tier);
        return { tier, vmCount: vms.length, rpoTargetSeconds: Math.min(...vms.map((v) => v.rpoSeconds)), rtoTargetSeconds: Math.min(...vms.map((v) => v.rtoSeconds)) };
      }),
      assumptions: assumptions(scenario),
    },
    seed: scenario.simulation.seed,
    trials: records.length,
    horizonSeconds: scenario.simulation.horizonSeconds,
    analysis: { conditional: scenario.failures.analysis.conditional, annualized: scenario.failures.analysis.annualized, failureKinds: kinds },
    strategies,
  };
}

function failureKinds(records: TrialRecord[]): FailureKind[] {
  const first = records[0]?.strategies[0];
  return first ? first.events.map((e) => e.kind) : ['site-disaster'];
}

function aggregateStrategy(scenario: Scenario, trials: StrategyTrialRecord[], s: number, kinds: FailureKind[], timeline: RecoveryTimeline | null): StrategyResult {
  const strategy = scenario.strategies[s];
  const n = trials.length;
  const vmCount = scenario.vms.length;

  // Which methods protect each VM.
  const vmMethods: string[][] = scenario.vms.map(() => []);
  for (const a of strategy.assignments) for (const v of a.vms) vmMethods[v] = a.methods.map((m) => m.method);

  const failures: FailureResult[] = kinds.map((kind, k) => aggregateFailure(scenario, trials, k, kind));
  const headline = kinds.indexOf('site-disaster');
  const h = headline >= 0 ? headline : 0;

  // Headline view (site disaster): overall, per tier, per VM. Overall it summarizes the same values as
  // failures[h]: that summary is copied rather than built twice (built here only if there is none).
  const reuseOverall = h < failures.length;
  const rpoAll = new SummaryBuilder();
  const rtoAll = new SummaryBuilder();
  const rpoByVm = scenario.vms.map(() => new SummaryBuilder(n));
  const rtoByVm = scenario.vms.map(() => new SummaryBuilder(n));
  const headlineTotals: HeadlineTotals = {
    seen: new Float64Array(vmCount),
    notRecovered: new Float64Array(vmCount),
    metRpo: new Float64Array(vmCount),
    metRto: new Float64Array(vmCount),
    byOutcome: new Float64Array(OUTCOME_CODES.length),
    vmTrials: 0,
  };
  const rpoTarget = Float64Array.from(scenario.vms, (vm) => vm.rpoSeconds);
  const rtoTarget = Float64Array.from(scenario.vms, (vm) => vm.rtoSeconds);
  const drHosts: number[] = [];
  for (const t of trials) {
    const e = t.events[h];
    if (e === undefined) continue;
    if (!reuseOverall) {
      rpoAll.addTrial(e.rpoSeconds);
      rtoAll.addTrial(e.rtoSeconds);
    }
    drHosts.push(e.drHostsUsed);
    addHeadlineTotals(headlineTotals, e, rpoTarget, rtoTarget, rpoByVm, rtoByVm);
  }
  const { seen, notRecovered: notRec, metRpo, metRto, vmTrials } = headlineTotals;
  const reasons = zeroReasons();
  for (let o = 1; o < OUTCOME_CODES.length; o++) reasons[OUTCOME_CODES[o] as NotRecoveredReason] = headlineTotals.byOutcome[o];
  const frac = (x: number, of: number) => (of > 0 ? round(x / of) : 0);
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);

  const vms: VmResult[] = scenario.vms.map((vm, v) => ({
    name: vm.name,
    tier: vm.tier,
    priority: vm.priority,
    rpoTargetSeconds: vm.rpoSeconds,
    rtoTargetSeconds: vm.rtoSeconds,
    methods: vmMethods[v],
    rpoSeconds: rpoByVm[v].build(false),
    rtoSeconds: rtoByVm[v].build(false),
    rpoTargetMet: frac(metRpo[v], seen[v]),
    rtoTargetMet: frac(metRto[v], seen[v]),
    notRecovered: frac(notRec[v], seen[v]),
  }));

  // Per tier: each trial's VMs split by tier in one pass, in their order.
  const tiers = [...new Set(scenario.vms.map((v) => v.tier))].sort((a, b) => a - b);
  const members = tiers.map((tier) => scenario.vms.flatMap((vm, i) => (vm.tier === tier ? [i] : [])));
  const tierOf = Int32Array.from(scenario.vms, (vm) => tiers.indexOf(vm.tier));
  const rpoByTier = members.map((m) => new SummaryBuilder(m.length * n));
  const rtoByTier = members.map((m) => new SummaryBuilder(m.length * n));
  const inTier = tiers.map(() => new Int32Array(vmCount));
  const inTierCount = new Int32Array(tiers.length);
  for (const t of trials) {
    const e = t.events[h];
    if (e === undefined) continue;
    splitByTier(e.vms, tierOf, inTier, inTierCount);
    for (let j = 0; j < tiers.length; j++) {
      const idx = inTier[j].subarray(0, inTierCount[j]);
      rpoByTier[j].addTrial(e.rpoSeconds, idx);
      rtoByTier[j].addTrial(e.rtoSeconds, idx);
    }
  }
  const byTier: TierResult[] = tiers.map((tier, j) => {
    const m = members[j];
    const seenT = m.reduce((a, v) => a + seen[v], 0);
    return {
      tier,
      vmCount: m.length,
      rpoTargetSeconds: Math.min(...m.map((v) => scenario.vms[v].rpoSeconds)),
      rtoTargetSeconds: Math.min(...m.map((v) => scenario.vms[v].rtoSeconds)),
      rpoSeconds: rpoByTier[j].build(),
      rtoSeconds: rtoByTier[j].build(),
      rpoTargetMet: frac(m.reduce((a, v) => a + metRpo[v], 0), seenT),
      rtoTargetMet: frac(m.reduce((a, v) => a + metRto[v], 0), seenT),
      notRecovered: frac(m.reduce((a, v) => a + notRec[v], 0), seenT),
    };
  });

  // Links.
  const wanBitsPerSecond = scenario.links.map((link, l) => {
    const mean = trials.reduce((a, t) => a + t.links[l].meanBytesPerSecond, 0) / Math.max(1, n);
    const p95 = trials.reduce((a, t) => a + t.links[l].p95BytesPerSecond, 0) / Math.max(1, n);
    const peak = trials.reduce((a, t) => Math.max(a, t.links[l].peakBytesPerSecond), 0);
    const util = trials.reduce((a, t) => a + t.links[l].utilization, 0) / Math.max(1, n);
    const backlog = trials.reduce((a, t) => Math.max(a, t.links[l].backlogPeakBytes), 0);
    return {
      link: link.name,
      capacityBitsPerSecond: link.bandwidthBitsPerSecond,
      usableBitsPerSecond: round(link.bandwidthBitsPerSecond * link.efficiency),
      meanBitsPerSecond: round(mean * 8),
      p95BitsPerSecond: round(p95 * 8),
      peakBitsPerSecond: round(peak * 8),
      utilization: round(util),
      backlogPeakBytes: round(backlog),
    };
  });
  const wanWeek = scenario.links.map((link, l) => {
    const week = new Float64Array(168);
    for (const t of trials) for (let i = 0; i < 168; i++) week[i] += t.links[l].weekBytesPerSecond[i];
    return { link: link.name, stepSeconds: 3600, meanBitsPerSecond: Array.from(week, (x) => round((x * 8) / Math.max(1, n))) };
  });
  const linksUsed = scenario.links.flatMap((_, l) => (trials.some((t) => t.links[l].demandBytesPerSecond > 0 || t.links[l].meanBytesPerSecond > 0) ? [l] : []));

  // Sustainability: the analytic check is the same in every trial; keep the worst.
  const worst = trials.reduce<StrategyTrialRecord | null>((w, t) => (w === null || t.shortfallBytesPerSecond > w.shortfallBytesPerSecond ? t : w), null);
  const sustainable = trials.every((t) => t.sustainable);

  // Storage and production impact (means over trials; per-horizon figures scaled to a year).
  const meanOf = (f: (t: StrategyTrialRecord) => number) => trials.reduce((a, t) => a + f(t), 0) / Math.max(1, n);
  const storage = {
    replicaBytes: round(meanOf((t) => t.storage.replicaBytes)),
    snapshotBytes: round(meanOf((t) => t.storage.snapshotBytes)),
    journalBytes: round(meanOf((t) => t.storage.journalBytes)),
    backupMediaBytes: round(meanOf((t) => t.storage.backupMediaBytes)),
    totalBytes: 0,
  };
  storage.totalBytes = round(storage.replicaBytes + storage.snapshotBytes + storage.journalBytes + storage.backupMediaBytes);
  const perYear = (f: (t: StrategyTrialRecord) => number) => meanOf((t) => (f(t) * SECONDS_PER_YEAR) / t.protectionHorizonSeconds);
  const haltedHoursPerYear = perYear((t) => t.impact.haltedSeconds) / 3600;
  const productionImpact = {
    syncWriteLatencySeconds: round(meanOf((t) => t.impact.syncWriteLatencySeconds)),
    throttledBytesPerYear: round(perYear((t) => t.impact.throttledBytes)),
    haltedHoursPerYear: round(haltedHoursPerYear),
    agentOverheadVcpuHoursPerYear: round(perYear((t) => t.impact.agentVcpuSeconds) / 3600),
  };

  // Annualized penalties: failures, plus production halted by sync replication with the halt policy.
  const syncHaltVms = new Set<number>();
  for (const a of strategy.assignments) if (a.methods.some((m) => m.method === 'sync-replication' && m.linkLossPolicy === 'halt')) for (const v of a.vms) syncHaltVms.add(v);
  const haltPenalty = haltedHoursPerYear * [...syncHaltVms].reduce((acc, v) => acc + scenario.vms[v].downtimeCostPerHour, 0);
  const expectedAnnualPenalty = failures.reduce((a, f) => a + f.expectedPenaltyPerYear, 0) + haltPenalty;
  const expectedDowntimeHoursPerYear = failures.reduce((a, f) => a + f.expectedDowntimeHoursPerYear, 0) + haltedHoursPerYear * syncHaltVms.size;
  const expectedDataLossHoursPerYear = failures.reduce((a, f) => a + f.expectedDataLossHoursPerYear, 0);

  const tape = tapeShipments(strategy);
  const mediaTargets = strategy.assignments.flatMap((a) => a.methods.flatMap((m) => (m.method === 'backup' ? [scenario.backupTargets[m.target].pricePerTB] : [])));
  const cost = strategyCost(scenario, strategy, {
    storage,
    linksUsed,
    tapeShipmentsPerYear: tape.perYear,
    tapeCostPerShipment: tape.costPerShipment,
    expectedAnnualPenalty,
    backupMediaPricePerTB: mediaTargets.length > 0 ? mediaTargets.reduce((a, b) => a + b, 0) / mediaTargets.length : 0,
  });
  roundCost(cost);

  const drHostsAvailable = scenario.hosts.filter((x) => x.site === strategy.recovery.drSite).length;
  const notRecoveredFrac = frac(sum(notRec), vmTrials);
  const flags: string[] = [];
  if (!sustainable && worst !== null) flags.push(`not sustainable: ${worst.sustainabilityDetails.join('; ')}`);
  for (const r of REASONS) {
    if (reasons[r] > 0) {
      const perTrial = reasons[r] / Math.max(1, n);
      flags.push(`${perTrial.toFixed(perTrial < 10 ? 1 : 0)} VMs per site disaster not recovered (${r})`);
    }
  }
  const unprotected = scenario.vms.filter((vm, v) => vm.site === primarySite(scenario) && vmMethods[v].length === 0).length;
  if (unprotected > 0) flags.push(`${unprotected} VMs have no protection in this strategy`);

  return {
    id: slug(strategy.name),
    name: strategy.name,
    description: strategy.description,
    methods: [...new Set(strategy.assignments.flatMap((a) => a.methods.map((m) => m.method)))],
    summary: {
      rpoSeconds: reuseOverall ? copySummary(failures[h].rpoSeconds) : rpoAll.build(),
      rtoSeconds: reuseOverall ? copySummary(failures[h].rtoSeconds) : rtoAll.build(),
      rpoTargetMet: frac(sum(metRpo), vmTrials),
      rtoTargetMet: frac(sum(metRto), vmTrials),
      notRecovered: notRecoveredFrac,
      notRecoveredReasons: Object.fromEntries(REASONS.map((r) => [r, frac(reasons[r], vmTrials)])) as Record<NotRecoveredReason, number>,
      byTier,
      wanBitsPerSecond,
      sustainable: { sustainable, shortfallBitsPerSecond: round((worst?.shortfallBytesPerSecond ?? 0) * 8), details: sustainable ? [] : (worst?.sustainabilityDetails ?? []) },
      drHostsUsed: { mean: round(drHosts.reduce((a, b) => a + b, 0) / Math.max(1, drHosts.length)), max: drHosts.reduce((a, b) => Math.max(a, b), 0), available: drHostsAvailable },
      storage,
      productionImpact,
      expectedDowntimeHoursPerYear: round(expectedDowntimeHoursPerYear),
      expectedDataLossHoursPerYear: round(expectedDataLossHoursPerYear),
    },
    failures,
    cost,
    flags,
    vms,
    wanWeek,
    timeline,
  };
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

function aggregateFailure(scenario: Scenario, trials: StrategyTrialRecord[], k: number, kind: FailureKind): FailureResult {
  const values = trials.reduce((a, t) => a + (t.events[k]?.vms.length ?? 0), 0);
  const rpo = new SummaryBuilder(values);
  const rto = new SummaryBuilder(values);
  const downtimePerHour = Float64Array.from(scenario.vms, (vm) => vm.downtimeCostPerHour);
  const dataLossPerHour = Float64Array.from(scenario.vms, (vm) => vm.dataLossCostPerHour);
  const totals: FailureTotals = { affected: 0, notRecovered: 0, byOutcome: new Float64Array(OUTCOME_CODES.length), downtimeHours: 0, lossHours: 0, penalty: 0 };
  for (const t of trials) {
    const e = t.events[k];
    rpo.addTrial(e.rpoSeconds);
    rto.addTrial(e.rtoSeconds);
    addFailureTotals(totals, e, downtimePerHour, dataLossPerHour);
  }
  const { affected, notRecovered, downtimeHours, lossHours, penalty } = totals;
  const reasons = zeroReasons();
  for (let o = 1; o < OUTCOME_CODES.length; o++) reasons[OUTCOME_CODES[o] as NotRecoveredReason] = totals.byOutcome[o];
  const n = Math.max(1, trials.length);
  const rate = eventsPerYear(scenario, kind);
  return {
    kind,
    eventsPerYear: round(rate),
    rpoSeconds: rpo.build(),
    rtoSeconds: rto.build(),
    affectedVmsMean: round(affected / n),
    notRecovered: affected > 0 ? round(notRecovered / affected) : 0,
    notRecoveredReasons: Object.fromEntries(Object.entries(reasons).map(([r, c]) => [r, affected > 0 ? round(c / affected) : 0])) as Record<NotRecoveredReason, number>,
    expectedDowntimeHoursPerYear: round((rate * downtimeHours) / n),
    expectedDataLossHoursPerYear: round((rate * lossHours) / n),
    expectedPenaltyPerYear: round((rate * penalty) / n),
  };
}

interface FailureTotals {
  affected: number;
  notRecovered: number;
  /** VMs per outcome code (index 0, recovered, is not counted). */
  byOutcome: Float64Array;
  downtimeHours: number;
  lossHours: number;
  penalty: number;
}

/**
 * Adds one event's VMs to the totals, in VM order (the sums' order, hence their rounding, is fixed). A
 * small function of its own: V8 optimizes it after a few events, whatever the records' object shapes.
 */
function addFailureTotals(totals: FailureTotals, e: EventRecord, downtimePerHour: Float64Array, dataLossPerHour: Float64Array): void {
  const { vms, outcome, rpoSeconds, rtoSeconds } = e;
  let { notRecovered, downtimeHours, lossHours, penalty } = totals;
  for (let i = 0; i < vms.length; i++) {
    const v = vms[i];
    let down = NOT_RECOVERED_HOURS;
    let loss = NOT_RECOVERED_HOURS;
    if (outcome[i] === 0) {
      down = rtoSeconds[i] / 3600;
      loss = rpoSeconds[i] / 3600;
    } else {
      notRecovered++;
      totals.byOutcome[outcome[i]]++;
    }
    downtimeHours += down;
    lossHours += loss;
    penalty += down * downtimePerHour[v] + loss * dataLossPerHour[v];
  }
  totals.affected += vms.length;
  totals.notRecovered = notRecovered;
  totals.downtimeHours = downtimeHours;
  totals.lossHours = lossHours;
  totals.penalty = penalty;
}

/** A summary not shared with another part of the results (they stay independent objects). */
function copySummary(s: Summary): Summary {
  return { ...s, cdf: s.cdf.slice() };
}

function roundCost(cost: ReturnType<typeof strategyCost>): void {
  cost.capex = round(cost.capex);
  cost.annualCapex = round(cost.annualCapex);
  cost.annualOpex = round(cost.annualOpex);
  cost.expectedAnnualPenalty = round(cost.expectedAnnualPenalty);
  cost.annualTotal = round(cost.annualTotal);
  for (const i of cost.items) { i.capex = round(i.capex); i.annual = round(i.annual); }
}

export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'strategy';
}

function assumptions(scenario: Scenario): string[] {
  const s = scenario.simulation;
  return [
    `Each trial simulates ${(s.horizonSeconds / 86400).toFixed(1)} days of normal operation (the first ${(s.warmupSeconds / 86400).toFixed(1)} days are warm-up); each failure strikes at a uniformly random moment after warm-up.`,
    'Every strategy sees the same failures, WAN outages and write bursts in a trial (common random numbers).',
    'Replicas and backup chains are assumed seeded (initial full copy done) when the simulation starts.',
    'VMs of one consistency group, Hyper-V LUN or application replicate as one unit: their recovery point arrives when the whole unit\'s changes have.',
    `A VM that is not recovered counts as ${NOT_RECOVERED_HOURS} h of downtime and ${NOT_RECOVERED_HOURS} h of lost data in the penalties.`,
    'A corruption hits one application (all its VMs) and is recovered from the newest clean point before it.',
    'Costs: DR hosts and storage amortized over their years; WAN monthly; licences yearly; penalties = failure rates × expected downtime and data loss × their $/h.',
  ];
}
