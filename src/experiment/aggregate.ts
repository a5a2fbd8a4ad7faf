/**
 * Aggregates trial records (in trial order, whatever worker produced them) into results.json: the
 * conditional view (what each VM gets when a failure strikes at a random moment), the annualized view
 * (failure rates × consequences → expected downtime, loss and penalties), traffic, storage, capacity and
 * cost. Aggregation order is fixed, so the same records give byte-identical results.
 *
 * Records can be added one trial at a time as they arrive (ResultsAccumulator, in trial order): every sum
 * and summary takes the trials in the same order either way, so adding as they come and aggregating at
 * the end give the same doubles; only the summaries' quantiles and the verdicts wait for the end.
 */
import { capDowntimeAtYear, HOURS_PER_YEAR, type DowntimeOverYear, productionHaltApplications, productionHaltPenalty } from '../models/cost/penalties.js';
import { strategyCostWithSubjects } from '../models/cost/strategy-cost.js';
import { primarySite } from '../models/failures/draws.js';
import {
  type CostBreakdown,
  type FailureKind,
  RESULTS_SCHEMA_VERSION,
  type FailureResult,
  type NotRecoveredReason,
  type RecoveryTimeline,
  type ResultsFile,
  type StrategyResult,
  type Summary,
} from '../models/results.js';
import type { Scenario } from '../models/scenario/model.js';
import { strategyIds } from '../models/scenario/strategy-ids.js';
import { formatDuration } from '../models/units/format.js';
import { ApplicationsAccumulator } from './aggregation/applications.js';
import { billOfMaterials } from './aggregation/bill-of-materials.js';
import { VerdictAccumulator } from './aggregation/verdict.js';
import { FailureAccumulator, REASONS, type FailureAggregate } from './aggregation/failures.js';
import { fraction, HeadlineAccumulator } from './aggregation/headline.js';
import { LinksAccumulator } from './aggregation/links.js';
import { OperationAccumulator } from './aggregation/operation.js';
import { RansomwareAccumulator } from './aggregation/ransomware.js';
import { storeFlags } from './aggregation/stores.js';
import { methodDefinition } from '../models/protection/methods/registry.js';
import { restoreLinks } from '../models/recovery/restore.js';
import { round } from './summarize.js';
import type { StrategyTrialRecord, TrialRecord } from './trial.js';


export interface AggregateMeta {
  scenarioFile: string;
  version: string;
  /** Representative recovery timeline per strategy (site disaster), if computed. */
  timelines?: (RecoveryTimeline | null)[];
}

export function aggregate(scenario: Scenario, records: TrialRecord[], meta: AggregateMeta): ResultsFile {
  const acc = new ResultsAccumulator(scenario, records.length);
  for (const r of records) acc.add(r);
  return acc.finish(meta);
}

/** aggregate() one trial at a time: add the records in trial order (as they arrive), then finish. */
export class ResultsAccumulator {
  private kinds: FailureKind[] | null = null;
  private strategies: StrategyAccumulator[] = [];
  private trials = 0;

  /** `expectedTrials`: a hint for the summaries' buffers. */
  constructor(private readonly scenario: Scenario, private readonly expectedTrials = 0) {}

  get trialsAdded(): number {
    return this.trials;
  }

  add(record: TrialRecord): void {
    if (this.kinds === null) this.start(failureKinds([record]));
    this.trials++;
    this.strategies.forEach((acc, s) => acc.add(record.strategies[s]));
  }

  finish(meta: AggregateMeta): ResultsFile {
    const { scenario } = this;
    if (this.kinds === null) this.start(failureKinds([]));
    const kinds = this.kinds!;
    const strategies = this.strategies.map((acc, s) => acc.finish(meta.timelines?.[s] ?? null));
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
          return { tier, vmCount: vms.length, rpoTargetSeconds: vms.reduce((m, v) => Math.min(m, v.rpoSeconds), Infinity), rtoTargetSeconds: vms.reduce((m, v) => Math.min(m, v.rtoSeconds), Infinity) };
        }),
        assumptions: assumptions(scenario),
      },
      seed: scenario.simulation.seed,
      trials: this.trials,
      horizonSeconds: scenario.simulation.horizonSeconds,
      analysis: { conditional: scenario.failures.analysis.conditional, annualized: scenario.failures.analysis.annualized, failureKinds: kinds },
      strategies,
    };
  }

  private start(kinds: FailureKind[]): void {
    this.kinds = kinds;
    // Unique, stable ids (strategy-ids.ts): names that slug alike must not share chart files or CSV ids.
    const ids = strategyIds(this.scenario.strategies.map((st) => st.name));
    this.strategies = this.scenario.strategies.map((_, s) => new StrategyAccumulator(this.scenario, s, ids[s]!.id, kinds, this.expectedTrials));
  }
}

function failureKinds(records: TrialRecord[]): FailureKind[] {
  const first = records[0]?.strategies[0];
  return first ? first.events.map((e) => e.kind) : ['site-disaster'];
}

/** One strategy's parts, each fed the strategy's record of every trial in trial order. */
class StrategyAccumulator {
  private trials = 0;
  private readonly failures: FailureAccumulator[];
  private readonly h: number;
  private readonly reuseOverall: boolean;
  private readonly headline: HeadlineAccumulator;
  private readonly links: LinksAccumulator;
  private readonly operation: OperationAccumulator;
  private readonly applications: ApplicationsAccumulator;
  private readonly verdict: VerdictAccumulator;
  private readonly ransomware: RansomwareAccumulator | null;
  private readonly r: number;

  constructor(private readonly scenario: Scenario, private readonly s: number, private readonly id: string, private readonly kinds: FailureKind[], expectedTrials: number) {
    const strategy = scenario.strategies[s];
    this.failures = kinds.map((kind, k) => new FailureAccumulator(scenario, k, kind));
    const headlineKind = kinds.indexOf('site-disaster');
    this.h = headlineKind >= 0 ? headlineKind : 0;
    this.reuseOverall = this.h < kinds.length;
    this.headline = new HeadlineAccumulator(scenario, strategy, this.h, !this.reuseOverall, expectedTrials);
    this.links = new LinksAccumulator(scenario);
    this.operation = new OperationAccumulator(scenario);
    this.applications = new ApplicationsAccumulator(scenario, this.h, expectedTrials);
    this.verdict = new VerdictAccumulator(scenario, this.h);
    this.r = kinds.indexOf('ransomware');
    this.ransomware = this.r >= 0 ? new RansomwareAccumulator(scenario, this.r, expectedTrials) : null;
  }

  add(t: StrategyTrialRecord): void {
    this.trials++;
    for (const f of this.failures) f.add(t);
    this.headline.add(t);
    this.links.add(t);
    this.operation.add(t);
    this.applications.add(t);
    this.verdict.add(t);
    this.ransomware?.add(t);
  }

  finish(timeline: RecoveryTimeline | null): StrategyResult {
    const { scenario, s, h, reuseOverall } = this;
    const strategy = scenario.strategies[s];
    const n = this.trials;
    const byKind = this.failures.map((f) => f.finish());
    const failures: FailureResult[] = byKind.map((f) => f.result);
    const headline = this.headline.finish();
    const links = this.links.finish();
    const operation = this.operation.finish();

    // Annualized penalties: failures, plus production halted by methods that halt it when their link is lost.
    const haltedApplications = productionHaltApplications(scenario, strategy);
    const halt = productionHaltPenalty(scenario, haltedApplications, operation.haltedHoursPerYear);
    const penaltyByApplication = new Float64Array(scenario.applications.length);
    // Without the annualized view (failures.analysis) nothing is weighed by frequency: no expected hours, no penalties.
    const annualized = scenario.failures.analysis.annualized;
    let over: DowntimeOverYear = { hours: 0, penalty: 0, applications: [] };
    let capped = 0;
    if (annualized) {
      for (const f of byKind) for (let a = 0; a < penaltyByApplication.length; a++) penaltyByApplication[a] += f.penaltyPerYearByApplication[a];
      for (const a of haltedApplications) penaltyByApplication[a] += operation.haltedHoursPerYear * scenario.applications[a].downtime.perHour;
      // Production slowed (not down): its own penalty, no hours of downtime, so outside the year's cap.
      for (let a = 0; a < penaltyByApplication.length; a++) penaltyByApplication[a] += operation.throttlePenaltyPerYearByApplication[a];
      // Each kind is capped at a year of downtime per application; so is their sum with halted production.
      over = capDowntimeAtYear(scenario, downtimeByApplication(scenario, byKind, haltedApplications, operation.haltedHoursPerYear), penaltyByApplication);
      capped = new Set([...byKind.flatMap((f) => f.cappedApplications), ...over.applications]).size;
    } else {
      for (const f of failures) f.expectedDowntimeHoursPerYear = f.expectedDataLossHoursPerYear = f.expectedPenaltyPerYear = 0;
    }
    const throttle = annualized ? operation.throttlePenaltyPerYear : 0;
    const expectedAnnualPenalty = annualized ? failures.reduce((a, f) => a + f.expectedPenaltyPerYear, 0) + halt.penaltyPerYear + throttle - over.penalty : 0;
    const expectedDowntimeHoursPerYear = annualized ? failures.reduce((a, f) => a + f.expectedDowntimeHoursPerYear, 0) + halt.downtimeHoursPerYear - over.hours : 0;
    const expectedDataLossHoursPerYear = failures.reduce((a, f) => a + f.expectedDataLossHoursPerYear, 0);
    const { cost, subjects } = strategyCostWithSubjects(scenario, strategy, { storage: operation.storage, linksUsed: links.used, restoreLinks: restoreLinks(scenario, strategy), expectedAnnualPenalty, throttlePenalty: throttle });
    roundCost(cost);

    const drHostsUsed = headline.drHostsUsed;
    const bom = billOfMaterials(scenario, strategy, {
      cost, subjects, stores: operation.storage.stores, traffic: links.traffic, p98BitsPerSecond: links.p98BitsPerSecond,
      drHostsUsed, noCapacityVmTrials: headline.reasons['no-capacity'], productionImpact: operation.productionImpact,
      syncReplicated: operation.syncReplicated, syncThrottledFraction: operation.syncThrottledFraction,
    });
    return {
      id: this.id,
      name: strategy.name,
      description: strategy.description,
      methods: [...new Set(strategy.assignments.flatMap((a) => a.methods.map((m) => m.method)))],
      summary: {
        rpoSeconds: reuseOverall ? copySummary(failures[h].rpoSeconds) : headline.rpoSeconds!,
        rtoSeconds: reuseOverall ? copySummary(failures[h].rtoSeconds) : headline.rtoSeconds!,
        rpoTargetMet: fraction(headline.metRpo, headline.vmTrials),
        rtoTargetMet: fraction(headline.metRto, headline.vmTrials),
        notRecovered: fraction(headline.notRecovered, headline.vmTrials),
        notRecoveredReasons: Object.fromEntries(REASONS.map((r) => [r, fraction(headline.reasons[r], headline.vmTrials)])) as Record<NotRecoveredReason, number>,
        byTier: headline.byTier,
        wanBitsPerSecond: links.traffic,
        sustainable: operation.sustainability,
        drHostsUsed: {
          mean: round(drHostsUsed.reduce((a, b) => a + b, 0) / Math.max(1, drHostsUsed.length)),
          max: drHostsUsed.reduce((a, b) => Math.max(a, b), 0),
          available: scenario.hosts.filter((x) => x.site === strategy.recovery.drSite).length,
        },
        storage: operation.storage,
        productionImpact: operation.productionImpact,
        expectedDowntimeHoursPerYear: round(expectedDowntimeHoursPerYear),
        expectedDataLossHoursPerYear: round(expectedDataLossHoursPerYear),
      },
      failures,
      applications: this.applications.finish(penaltyByApplication),
      verdict: this.verdict.finish(operation.sustainability.sustainable),
      cost,
      billOfMaterials: bom,
      flags: [...strategyFlags(scenario, strategy, operation.sustainability, headline.reasons, n), ...storeFlags(operation.storage.stores), ...cappedFlag(capped)],
      vms: headline.vms,
      wanWeek: links.week,
      timeline,
      ...(this.ransomware !== null
        ? { ransomware: this.ransomware.finish(annualized ? byKind[this.r].penaltyPerYearByApplication : new Float64Array(scenario.applications.length), failures[this.r].eventsPerYear, failures[this.r].expectedPenaltyPerYear, s) }
        : {}),
    };
  }
}

/** Plain-language flags: not sustainable, VMs not recovered per disaster (by reason), VMs left unprotected. */
function strategyFlags(scenario: Scenario, strategy: Scenario['strategies'][number], sustainability: { sustainable: boolean; details: string[] }, reasons: Record<NotRecoveredReason, number>, trials: number): string[] {
  const flags: string[] = [];
  if (!sustainability.sustainable && sustainability.details.length > 0) flags.push(`not sustainable: ${sustainability.details.join('; ')}`);
  for (const r of REASONS) {
    if (reasons[r] > 0) {
      const perTrial = reasons[r] / Math.max(1, trials);
      flags.push(`${perTrial.toFixed(perTrial < 10 ? 1 : 0)} VMs per site disaster not recovered (${r})`);
    }
  }
  const protectedVms = new Set(strategy.assignments.filter((a) => a.methods.length > 0).flatMap((a) => a.vms));
  const unprotected = scenario.vms.filter((vm, v) => vm.site === primarySite(scenario) && !protectedVms.has(v)).length;
  if (unprotected > 0) flags.push(`${unprotected} VMs have no protection in this strategy`);
  // What the methods say about the plan itself (e.g. synchronous replication beyond supported distances).
  for (const a of strategy.assignments) for (const m of a.methods) for (const note of methodDefinition(m).planNotes?.(m, scenario) ?? []) if (!flags.includes(note)) flags.push(note);
  return flags;
}

/** A summary not shared with another part of the results (they stay independent objects). */
function copySummary(s: Summary): Summary {
  return { ...s, cdf: s.cdf.slice() };
}

/** Each application's expected downtime a year over every failure kind (each already capped) and halted production. */
function downtimeByApplication(scenario: Scenario, byKind: FailureAggregate[], haltedApplications: readonly number[], haltedHoursPerYear: number): Float64Array {
  const hours = new Float64Array(scenario.applications.length);
  for (const f of byKind) for (let a = 0; a < hours.length; a++) hours[a] += f.downtimeHoursPerYearByApplication[a];
  for (const a of haltedApplications) hours[a] += haltedHoursPerYear;
  return hours;
}

function cappedFlag(applications: number): string[] {
  return applications === 0 ? [] : [`annualized downtime capped at ${HOURS_PER_YEAR.toLocaleString('en-US')} h a year for ${applications} application${applications === 1 ? '' : 's'}: failures strike more often than recoveries end, so they would be down all year`];
}

function roundCost(cost: CostBreakdown): void {
  cost.capex = round(cost.capex);
  cost.annualCapex = round(cost.annualCapex);
  cost.annualOpex = round(cost.annualOpex);
  cost.expectedAnnualPenalty = round(cost.expectedAnnualPenalty);
  cost.annualTotal = round(cost.annualTotal);
  for (const i of cost.items) { i.capex = round(i.capex); i.annual = round(i.annual); }
}

function assumptions(scenario: Scenario): string[] {
  const s = scenario.simulation;
  const span = s.horizonSeconds - s.warmupSeconds;
  const weeks = span / (7 * 86400);
  const spanText = Number.isInteger(weeks) ? `${weeks === 1 ? '1 week' : `${weeks} weeks`} over which each failure strikes at a uniformly random moment (every hour of the week equally likely)` : `${formatDuration(span)} over which each failure strikes at a uniformly random moment`;
  return [
    `Each trial simulates ${formatDuration(s.horizonSeconds)} of normal operation from Monday 00:00: ${formatDuration(s.warmupSeconds)} of warm-up, then ${spanText}.`,
    ...s.adjustments,
    'Every strategy sees the same failures, WAN outages and write bursts in a trial (common random numbers).',
    'At time 0 replicas are in step and every backup chain is whole: it holds a full taken at its schedule\'s previous slot (last night\'s, before time 0), assumed already at DR when copied over the WAN or kept on a remote target, while on tape it waits for the next pickup like any backup. The first scheduled backup is a full when its slot opens a full period (daily fulls: every night; weekly fulls: the first window of each week, from Monday); writes before time 0 are not simulated, so an incremental right after the seed holds the changes since time 0. The warm-up lasts until every schedule\'s own first backup is at DR, so this seeded state is replaced before failures strike.',
    'VMs of one consistency group, Hyper-V LUN or application replicate as one unit: their recovery point arrives when the whole unit\'s changes have.',
    `Penalties are per application (a VM outside any named application is its own): it is down until the VMs it needs are back and loses the updates of its data-bearing VMs (the worst one), each outage charged once at its $/h plus its contractual steps; one that DR does not bring back counts as down, and its data as lost, for ${formatDuration(scenario.costs.unrecoveredOutageSeconds)} (costs.unrecoveredOutage).`,
    corruptionAssumption(scenario),
    'Costs: DR hosts and storage amortized over their years; WAN monthly; licences yearly; expected penalties = failure rates × each application\'s expected outage and data-loss penalties.',
    ...(scenario.failures.analysis.annualized ? [] : ['Annualized view off (failures.analysis): no expected downtime, data loss or penalties per year; costs are outlays only.']),
    // The defaults this scenario relies on (resolution recorded each one it used).
    ...scenario.assumptions,
  ];
}

/** What a corruption hits, per source (the form without scope: the application of a random VM). */
function corruptionAssumption(scenario: Scenario): string {
  const words = { vm: 'one VM', application: 'one application (all its VMs)', site: 'every VM of one site', estate: 'every VM' };
  const parts = scenario.failures.corruption.filter((c) => c.perYear > 0)
    .map((c) => `${c.draw === 'by-vm' ? 'the application of a random VM (all its VMs)' : words[c.scope]} at ${c.perYear.toPrecision(3)}/year for the estate`);
  if (parts.length === 0) return 'No logical corruption is simulated (failures.corruption is not given).';
  const what = parts.length === 1 ? `A corruption hits ${parts[0]}` : `A corruption hits, by source in proportion to its rate: ${parts.join('; ')}`;
  return `${what}, and is recovered from the newest clean point before it.`;
}
