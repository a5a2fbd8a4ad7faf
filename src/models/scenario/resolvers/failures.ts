/** Failure model, cost settings and the sensitivity ranges of the uncertain inputs. */
import type { Application, CleanPolicy, CorruptionSource, CostSettings, FailureModel, RansomwareModel, SensitivityRanges, Vm } from '../model.js';
import { formatPercent } from '../../units/format.js';
import { SENSITIVITY_INPUT_KEYS } from '../../sensitivity/input-keys.js';
import type { ScenarioInput } from '../schema.js';
import { listNames, type ResolveContext } from './context.js';
import { frequencyPerYear, type Estate } from './estate.js';
import { SECONDS_PER_YEAR } from '../../units/parse.js';
import { corruptionUnits } from '../../failures/corruption-units.js';

/** A site disaster once a century unless told otherwise: the question every DR plan starts from. */
export const DEFAULT_SITE_DISASTER_PER_YEAR = 0.01;

export function resolveFailures(ctx: ResolveContext, input: ScenarioInput, estate: Estate, vms: Vm[], applications: Application[]): FailureModel {
  const f = input.failures;
  const at = (...p: (string | number)[]) => ['failures', ...p];
  const primaries = estate.sites.map((s, i) => ({ s, i })).filter(({ s }) => s.role === 'primary');
  const defaultSite = primaries.length >= 1 ? primaries[0].i : 0;
  let siteDisaster: FailureModel['siteDisaster'];
  if (f.siteDisaster) {
    const site = f.siteDisaster.site !== undefined ? ctx.ref(estate.tables.sites, f.siteDisaster.site, at('siteDisaster', 'site'), 'failures.siteDisaster') : defaultSite;
    if (f.siteDisaster.site === undefined && primaries.length > 1) ctx.error(at('siteDisaster'), `missing site (${primaries.length} sites have role: primary)`);
    siteDisaster = { site, perYear: frequencyPerYear(ctx, at('siteDisaster'), f.siteDisaster) };
  } else {
    siteDisaster = { site: defaultSite, perYear: DEFAULT_SITE_DISASTER_PER_YEAR };
  }
  const drHost = f.drHostFailure ? frequencyPerYear(ctx, at('drHostFailure'), f.drHostFailure) : 0;
  // Every number rests on the conditional view (RPO, RTO, targets met); the annualized one adds frequencies.
  if (!f.analysis.includes('conditional')) ctx.error(at('analysis'), 'the conditional view cannot be left out: RPO, RTO and targets met are that view (leave out annualized to skip expected penalties)');
  return {
    siteDisaster,
    hostFailure: f.hostFailure
      ? { perYear: frequencyPerYear(ctx, at('hostFailure'), f.hostFailure), repairSeconds: f.hostFailure.repair, haDetectionSeconds: f.hostFailure.haDetection }
      : null,
    storageFailure: f.storageFailure ? { perYear: frequencyPerYear(ctx, at('storageFailure'), f.storageFailure), repairSeconds: f.storageFailure.repair } : null,
    corruption: (f.corruption === undefined ? [] : Array.isArray(f.corruption) ? f.corruption : [f.corruption]).map((c, k): CorruptionSource => {
      const path = Array.isArray(f.corruption) ? at('corruption', k) : at('corruption');
      const rate = frequencyPerYear(ctx, path, c);
      // Without scope the form means what it always did: a rate for the estate, the application of a random VM hit.
      if (c.scope === undefined) return { scope: 'application', perYear: rate, draw: 'by-vm', detectionSeconds: c.detection };
      return { scope: c.scope, perYear: Number((rate * corruptionUnits(vms, c.scope).length).toPrecision(15)), draw: 'uniform-unit', detectionSeconds: c.detection };
    }),
    ransomware: f.ransomware === undefined ? noRansomware(ctx, input) : resolveRansomware(ctx, input, f.ransomware, at('ransomware'), vms, applications),
    drHostFailurePerHour: Number(((drHost * 3600) / SECONDS_PER_YEAR).toPrecision(15)),
    analysis: { conditional: f.analysis.includes('conditional'), annualized: f.analysis.includes('annualized') },
  };
}

type RansomwareInput = NonNullable<ScenarioInput['failures']['ransomware']>;

/** Without `failures.ransomware`, an application's ransomware policy is read by nothing: said, as for copyProtection. */
function noRansomware(ctx: ResolveContext, input: ScenarioInput): null {
  input.applications.forEach((a, i) => {
    if (a.ransomware !== undefined) ctx.warn(['applications', i, 'ransomware'], `application "${a.name}": ransomware has no effect: no ransomware is simulated (add failures.ransomware)`);
  });
  return null;
}

/** `failures.ransomware`: the rate is per unit of the scope (like a scoped corruption), the identity application must exist. */
function resolveRansomware(ctx: ResolveContext, input: ScenarioInput, r: RansomwareInput, at: (string | number)[], vms: Vm[], applications: Application[]): RansomwareModel {
  const rate = frequencyPerYear(ctx, at, r);
  if (r.identity !== undefined && !vms.some((v) => v.app === r.identity)) {
    const apps = [...new Set(vms.flatMap((v) => (v.app === null ? [] : [v.app])))];
    ctx.error([...at, 'identity'], `no VM belongs to application "${r.identity}" (applications: ${apps.length === 0 ? 'none' : listNames(apps)})`);
  }
  const scenarioPolicy: CleanPolicy = { cleanPoint: r.cleanPoint, cleaningSeconds: r.cleaning, reinfectionProbability: r.reinfection };
  const policyByApplication = applicationPolicies(ctx, input, scenarioPolicy, applications);
  if (r.cleanPoint === 'before-compromise' && r.reinfection > 0) {
    const others = policyByApplication?.some((p) => p.cleanPoint === 'before-encryption') ? ' (but for the applications whose own ransomware.cleanPoint says before-encryption)' : '';
    ctx.assume(`Ransomware recovery restores from before the compromise (failures.ransomware.cleanPoint)${others}: no reinfection, so reinfection and cleaning are not used.`);
  }
  return {
    perYear: Number((rate * corruptionUnits(vms, r.scope).length).toPrecision(15)),
    scope: r.scope,
    dwellSeconds: r.dwell,
    detectionSeconds: r.detection,
    signOffSeconds: r.signOff,
    cleanPoint: r.cleanPoint,
    cleaningSeconds: r.cleaning,
    reinfectionProbability: r.reinfection,
    identityApp: r.identity ?? null,
    ...(policyByApplication !== undefined ? { policyByApplication } : {}),
  };
}

/**
 * Per application (index order), its policy: `applications[].ransomware` field by field over the scenario's.
 * Undefined when no application declares one (every VM follows the scenario's). A cleaning or reinfection
 * under a before-compromise policy would change nothing: a warning says so.
 */
function applicationPolicies(ctx: ResolveContext, input: ScenarioInput, scenario: CleanPolicy, applications: Application[]): CleanPolicy[] | undefined {
  if (!input.applications.some((a) => a.ransomware !== undefined)) return undefined;
  const own = new Map(input.applications.map((a, i) => [a.name, { o: a.ransomware, i }]));
  return applications.map((app) => {
    const d = app.named ? own.get(app.name) : undefined;
    const o = d?.o;
    if (o === undefined) return scenario;
    const policy: CleanPolicy = {
      cleanPoint: o.cleanPoint ?? scenario.cleanPoint,
      cleaningSeconds: o.cleaning ?? scenario.cleaningSeconds,
      reinfectionProbability: o.reinfection ?? scenario.reinfectionProbability,
    };
    if (policy.cleanPoint === 'before-compromise') {
      for (const key of ['cleaning', 'reinfection'] as const) {
        if (o[key] !== undefined) ctx.warn(['applications', d!.i, 'ransomware', key], `application "${app.name}": ${key} has no effect: it restores from before the compromise (cleanPoint: before-compromise), so nothing is cleaned or reinfected`);
      }
    }
    return policy;
  });
}

export function resolveCosts(input: ScenarioInput): CostSettings {
  return {
    currency: input.costs.currency,
    powerPricePerKWh: input.costs.powerPrice,
    vaultPerMonth: input.costs.vaultPerMonth,
    defaultAmortizationYears: Number((input.costs.defaultAmortization / SECONDS_PER_YEAR).toPrecision(15)),
    unrecoveredOutageSeconds: input.costs.unrecoveredOutage,
  };
}

/**
 * Sensitivity ranges bracket the scenario's own value (low ≤ 100% ≤ high): a tornado bar goes from the low
 * to the high value through the base, and break-even is read off the line through them.
 */
export function resolveSensitivity(ctx: ResolveContext, input: ScenarioInput): SensitivityRanges {
  const out: SensitivityRanges = {};
  for (const key of SENSITIVITY_INPUT_KEYS) {
    const r = input.sensitivity[key];
    if (r === undefined) continue;
    const at = (end: 'low' | 'high') => ['sensitivity', key, end];
    let ok = true;
    if (r.low > 1) { ctx.error(at('low'), `expected a multiplier at most 100% (the scenario's own value), found ${formatPercent(r.low)}`); ok = false; }
    if (r.high < 1) { ctx.error(at('high'), `expected a multiplier at least 100% (the scenario's own value), found ${formatPercent(r.high)}`); ok = false; }
    if (ok) out[key] = { low: r.low, high: r.high };
  }
  return out;
}
