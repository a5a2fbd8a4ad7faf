/**
 * Checks the parts of a parsed results.json that the report relies on, naming the JSON path of the
 * first problem (e.g. `strategies[2].summary.rpoSeconds.p95: expected a number, found "abc"`).
 * Deliberately not a full schema: fields the report never reads may be absent or extended.
 */

import { describeCodePoint, escapeControlChars, findControlChar } from '../models/scenario/control-chars.js';

type Json = unknown;

export class ShapeError extends Error {
  constructor(readonly jsonPath: string, readonly problem: string) {
    super(`${jsonPath}: ${problem}`);
  }
}

function describe(v: Json): string {
  if (v === undefined) return 'nothing (missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `"${escapeControlChars(v.length > 40 ? v.slice(0, 40) + '…' : v)}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function obj(v: Json, path: string): Record<string, Json> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ShapeError(path, `expected an object, found ${describe(v)}`);
  return v as Record<string, Json>;
}

function arr(v: Json, path: string): Json[] {
  if (!Array.isArray(v)) throw new ShapeError(path, `expected an array, found ${describe(v)}`);
  return v;
}

function num(v: Json, path: string): number {
  // Infinity cannot appear in JSON; an unsustainable plan must encode unbounded lag some other way.
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ShapeError(path, `expected a number, found ${describe(v)}`);
  return v;
}

function str(v: Json, path: string): string {
  if (typeof v !== 'string') throw new ShapeError(path, `expected a string, found ${describe(v)}`);
  // drsim never writes these (the scenario refuses them); in a chart they break the SVG or Vega's parser.
  const found = findControlChar(v, true);
  if (found !== null) throw new ShapeError(path, `contains the control character ${describeCodePoint(found.char)}: ${describe(v)}`);
  return v;
}

function optionalStr(v: Json, path: string): void {
  if (v !== undefined) str(v, path);
}

/** Strategy ids name chart files: only the slugs drsim writes, never a path. */
const STRATEGY_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

function bool(v: Json, path: string): boolean {
  if (typeof v !== 'boolean') throw new ShapeError(path, `expected true or false, found ${describe(v)}`);
  return v;
}

function fraction(v: Json, path: string): number {
  const n = num(v, path);
  if (n < 0 || n > 1) throw new ShapeError(path, `expected a fraction between 0 and 1, found ${n}`);
  return n;
}

function numbers(v: Json, path: string): void {
  const a = arr(v, path);
  for (let i = 0; i < a.length; i++) num(a[i], `${path}[${i}]`);
}

/** A number, or null where a statistic falls among VMs not recovered (results.ts Summary). */
function numOrNull(v: Json, path: string): number | null {
  return v === null ? null : num(v, path);
}

function summary(v: Json, path: string, withCdf: boolean): void {
  const s = obj(v, path);
  const count = num(s.count, `${path}.count`);
  const censored = num(s.censored, `${path}.censored`);
  if (censored < 0 || censored > count) throw new ShapeError(`${path}.censored`, `expected 0 to count (${count}), found ${censored}`);
  for (const k of ['mean', 'ciLow', 'ciHigh', 'p50', 'p95', 'p99', 'max']) numOrNull(s[k], `${path}.${k}`);
  if (censored === 0 && count > 0) for (const k of ['mean', 'p50', 'p95', 'p99', 'max']) num(s[k], `${path}.${k}`);
  if (withCdf) {
    const cdf = arr(s.cdf, `${path}.cdf`);
    cdf.forEach((x, i) => numOrNull(x, `${path}.cdf[${i}]`));
    const n = (s.cdf as number[]).length;
    if (n !== 0 && n !== 101) throw new ShapeError(`${path}.cdf`, `expected 101 quantiles (0%..100%) or none, found ${n}`);
  }
}

function scenario(v: Json, path: string): void {
  const s = obj(v, path);
  str(s.name, `${path}.name`);
  optionalStr(s.description, `${path}.description`);
  str(s.currency, `${path}.currency`);
  const counts = obj(s.counts, `${path}.counts`);
  for (const k of ['sites', 'hosts', 'drHosts', 'vms', 'strategies']) num(counts[k], `${path}.counts.${k}`);
  arr(s.links, `${path}.links`).forEach((l, i) => {
    const p = `${path}.links[${i}]`;
    const link = obj(l, p);
    str(link.name, `${p}.name`);
    num(link.bandwidthBitsPerSecond, `${p}.bandwidthBitsPerSecond`);
    num(link.efficiency, `${p}.efficiency`);
  });
  arr(s.tiers, `${path}.tiers`).forEach((t, i) => {
    const p = `${path}.tiers[${i}]`;
    const tier = obj(t, p);
    for (const k of ['tier', 'vmCount', 'rpoTargetSeconds', 'rtoTargetSeconds']) num(tier[k], `${p}.${k}`);
  });
  arr(s.assumptions, `${path}.assumptions`).forEach((a, i) => str(a, `${path}.assumptions[${i}]`));
}

function strategySummary(v: Json, path: string): void {
  const s = obj(v, path);
  summary(s.rpoSeconds, `${path}.rpoSeconds`, true);
  summary(s.rtoSeconds, `${path}.rtoSeconds`, true);
  fraction(s.rpoTargetMet, `${path}.rpoTargetMet`);
  fraction(s.rtoTargetMet, `${path}.rtoTargetMet`);
  fraction(s.notRecovered, `${path}.notRecovered`);
  const reasons = obj(s.notRecoveredReasons, `${path}.notRecoveredReasons`);
  for (const [k, r] of Object.entries(reasons)) num(r, `${path}.notRecoveredReasons.${k}`);
  arr(s.byTier, `${path}.byTier`).forEach((t, i) => {
    const p = `${path}.byTier[${i}]`;
    const tier = obj(t, p);
    for (const k of ['tier', 'vmCount', 'rpoTargetSeconds', 'rtoTargetSeconds']) num(tier[k], `${p}.${k}`);
    summary(tier.rpoSeconds, `${p}.rpoSeconds`, false);
    summary(tier.rtoSeconds, `${p}.rtoSeconds`, false);
    for (const k of ['rpoTargetMet', 'rtoTargetMet', 'notRecovered']) fraction(tier[k], `${p}.${k}`);
  });
  arr(s.wanBitsPerSecond, `${path}.wanBitsPerSecond`).forEach((l, i) => {
    const p = `${path}.wanBitsPerSecond[${i}]`;
    const link = obj(l, p);
    str(link.link, `${p}.link`);
    for (const k of ['capacityBitsPerSecond', 'usableBitsPerSecond', 'meanBitsPerSecond', 'p95BitsPerSecond', 'peakBitsPerSecond', 'utilization', 'backlogPeakBytes']) {
      num(link[k], `${p}.${k}`);
    }
  });
  const sus = obj(s.sustainable, `${path}.sustainable`);
  bool(sus.sustainable, `${path}.sustainable.sustainable`);
  num(sus.shortfallBitsPerSecond, `${path}.sustainable.shortfallBitsPerSecond`);
  arr(sus.details, `${path}.sustainable.details`).forEach((d, i) => str(d, `${path}.sustainable.details[${i}]`));
  const hosts = obj(s.drHostsUsed, `${path}.drHostsUsed`);
  for (const k of ['mean', 'max', 'available']) num(hosts[k], `${path}.drHostsUsed.${k}`);
  num(s.expectedDowntimeHoursPerYear, `${path}.expectedDowntimeHoursPerYear`);
  num(s.expectedDataLossHoursPerYear, `${path}.expectedDataLossHoursPerYear`);
}

function cost(v: Json, path: string): void {
  const c = obj(v, path);
  for (const k of ['capex', 'annualOpex', 'annualCapex', 'expectedAnnualPenalty', 'annualTotal']) num(c[k], `${path}.${k}`);
  arr(c.items, `${path}.items`).forEach((it, i) => {
    const p = `${path}.items[${i}]`;
    const item = obj(it, p);
    str(item.category, `${p}.category`);
    str(item.item, `${p}.item`);
    num(item.capex, `${p}.capex`);
    num(item.annual, `${p}.annual`);
  });
}

function vm(v: Json, path: string): void {
  const m = obj(v, path);
  str(m.name, `${path}.name`);
  for (const k of ['tier', 'priority', 'rpoTargetSeconds', 'rtoTargetSeconds']) num(m[k], `${path}.${k}`);
  arr(m.methods, `${path}.methods`);
  summary(m.rpoSeconds, `${path}.rpoSeconds`, false);
  summary(m.rtoSeconds, `${path}.rtoSeconds`, false);
  for (const k of ['rpoTargetMet', 'rtoTargetMet', 'notRecovered']) fraction(m[k], `${path}.${k}`);
}

function timeline(v: Json, path: string): void {
  if (v === null) return;
  const t = obj(v, path);
  str(t.kind, `${path}.kind`);
  arr(t.vms, `${path}.vms`).forEach((x, i) => {
    const p = `${path}.vms[${i}]`;
    const m = obj(x, p);
    str(m.name, `${p}.name`);
    num(m.tier, `${p}.tier`);
    num(m.priority, `${p}.priority`);
    str(m.outcome, `${p}.outcome`);
    arr(m.steps, `${p}.steps`).forEach((s, j) => {
      const q = `${p}.steps[${j}]`;
      const step = obj(s, q);
      str(step.step, `${q}.step`);
      num(step.startSeconds, `${q}.startSeconds`);
      num(step.endSeconds, `${q}.endSeconds`);
    });
  });
  arr(t.hostUtilization, `${path}.hostUtilization`).forEach((h, i) => {
    const p = `${path}.hostUtilization[${i}]`;
    const u = obj(h, p);
    str(u.host, `${p}.host`);
    numbers(u.timeSeconds, `${p}.timeSeconds`);
    numbers(u.cpuFraction, `${p}.cpuFraction`);
    numbers(u.ramFraction, `${p}.ramFraction`);
    const n = (u.timeSeconds as number[]).length;
    if ((u.cpuFraction as number[]).length !== n || (u.ramFraction as number[]).length !== n) {
      throw new ShapeError(p, `timeSeconds, cpuFraction and ramFraction must have the same length`);
    }
  });
}

/** The bill of materials (schema 2.5; absent before): the lines the report prints and its totals. */
function billOfMaterials(v: Json, path: string): void {
  if (v === undefined) return;
  const b = obj(v, path);
  arr(b.lines, `${path}.lines`).forEach((l, i) => {
    const p = `${path}.lines[${i}]`;
    const line = obj(l, p);
    for (const k of ['section', 'item', 'unit', 'note']) str(line[k], `${p}.${k}`);
    for (const k of ['quantity', 'oneOff', 'perYear']) num(line[k], `${p}.${k}`);
    for (const k of ['needed', 'neededHigh', 'available']) numOrNull(line[k], `${p}.${k}`);
    bool(line.overCapacity, `${p}.overCapacity`);
  });
  num(b.oneOffTotal, `${path}.oneOffTotal`);
  num(b.perYearTotal, `${path}.perYearTotal`);
}

function strategy(v: Json, path: string): void {
  const s = obj(v, path);
  const id = str(s.id, `${path}.id`);
  if (!STRATEGY_ID.test(id)) throw new ShapeError(`${path}.id`, `expected an id of lower-case letters, digits and dashes (at most 64), found ${describe(id)}`);
  str(s.name, `${path}.name`);
  optionalStr(s.description, `${path}.description`);
  arr(s.methods, `${path}.methods`).forEach((m, i) => str(m, `${path}.methods[${i}]`));
  strategySummary(s.summary, `${path}.summary`);
  cost(s.cost, `${path}.cost`);
  billOfMaterials(s.billOfMaterials, `${path}.billOfMaterials`);
  arr(s.flags, `${path}.flags`).forEach((f, i) => str(f, `${path}.flags[${i}]`));
  arr(s.vms, `${path}.vms`).forEach((m, i) => vm(m, `${path}.vms[${i}]`));
  arr(s.wanWeek, `${path}.wanWeek`).forEach((w, i) => {
    const p = `${path}.wanWeek[${i}]`;
    const week = obj(w, p);
    str(week.link, `${p}.link`);
    const step = num(week.stepSeconds, `${p}.stepSeconds`);
    if (step <= 0) throw new ShapeError(`${p}.stepSeconds`, `expected a positive number, found ${step}`);
    numbers(week.meanBitsPerSecond, `${p}.meanBitsPerSecond`);
  });
  if (!('timeline' in s)) throw new ShapeError(`${path}.timeline`, 'expected a timeline or null, found nothing (missing)');
  timeline(s.timeline, `${path}.timeline`);
}

function strOrNull(v: Json, path: string): void {
  if (v !== null) str(v, path);
}

function lowBaseHigh(v: Json, path: string, check: (x: Json, p: string) => unknown): void {
  const o = obj(v, path);
  for (const k of ['low', 'base', 'high']) check(o[k], `${path}.${k}`);
}

/** Input keys name break-even chart files: letters only, as drsim writes them. */
const INPUT_KEY = /^[A-Za-z]{1,64}$/;

/** `drsim run --sensitivity`'s section (SensitivityResults): what its report section, CSVs and sheets read. */
function sensitivity(v: Json, path: string): void {
  const r = obj(v, path);
  str(obj(r.scenario, `${path}.scenario`).currency, `${path}.scenario.currency`);
  num(r.seed, `${path}.seed`);
  num(r.trials, `${path}.trials`);
  const keys = new Set<string>();
  arr(r.inputs, `${path}.inputs`).forEach((x, i) => {
    const p = `${path}.inputs[${i}]`;
    const input = obj(x, p);
    const key = str(input.input, `${p}.input`);
    if (!INPUT_KEY.test(key)) throw new ShapeError(`${p}.input`, `expected an input name of letters, found ${describe(key)}`);
    keys.add(key);
    str(input.label, `${p}.label`);
    num(input.lowFactor, `${p}.lowFactor`);
    num(input.highFactor, `${p}.highFactor`);
    bool(input.stated, `${p}.stated`);
    bool(input.linear, `${p}.linear`);
    for (const k of ['lowText', 'baseText', 'highText']) strOrNull(input[k], `${p}.${k}`);
  });
  const known = (x: Json, p: string): void => {
    if (!keys.has(str(x, p))) throw new ShapeError(p, `expected one of the inputs (${[...keys].join(', ')}), found ${describe(x)}`);
  };
  arr(r.skipped, `${path}.skipped`).forEach((x, i) => {
    const sk = obj(x, `${path}.skipped[${i}]`);
    for (const k of ['input', 'label', 'reason']) str(sk[k], `${path}.skipped[${i}].${k}`);
  });
  arr(r.strategies, `${path}.strategies`).forEach((x, i) => {
    const p = `${path}.strategies[${i}]`;
    const st = obj(x, p);
    const id = str(st.id, `${p}.id`);
    if (!STRATEGY_ID.test(id)) throw new ShapeError(`${p}.id`, `expected an id of lower-case letters, digits and dashes (at most 64), found ${describe(id)}`);
    str(st.name, `${p}.name`);
    const base = obj(st.base, `${p}.base`);
    num(base.annualTotal, `${p}.base.annualTotal`);
    num(base.expectedAnnualPenalty, `${p}.base.expectedAnnualPenalty`);
    str(base.verdict, `${p}.base.verdict`);
    arr(st.bars, `${p}.bars`).forEach((y, j) => {
      const q = `${p}.bars[${j}]`;
      const bar = obj(y, q);
      known(bar.input, `${q}.input`);
      lowBaseHigh(bar.annualTotal, `${q}.annualTotal`, num);
      lowBaseHigh(bar.expectedAnnualPenalty, `${q}.expectedAnnualPenalty`, num);
      num(bar.swing, `${q}.swing`);
      lowBaseHigh(bar.verdict, `${q}.verdict`, str);
      arr(bar.flips, `${q}.flips`).forEach((f, k) => {
        lowBaseHigh(f, `${q}.flips[${k}]`, str);
        str((f as Record<string, Json>).check, `${q}.flips[${k}].check`);
      });
    });
  });
  arr(r.breakEven, `${path}.breakEven`).forEach((x, i) => {
    const p = `${path}.breakEven[${i}]`;
    const b = obj(x, p);
    known(b.input, `${p}.input`);
    num(b.factor, `${p}.factor`);
    strOrNull(b.valueText, `${p}.valueText`);
    str(b.cheaperBelow, `${p}.cheaperBelow`);
    str(b.cheaperAbove, `${p}.cheaperAbove`);
    num(b.annualTotalAtCrossing, `${p}.annualTotalAtCrossing`);
    for (const k of ['changesCheapest', 'withinRange', 'exact']) bool(b[k], `${p}.${k}`);
  });
}

/** Throws ShapeError unless `v` has every part of the results contract the report reads. */
export function validateResultsShape(v: Json): void {
  const root = obj(v, '(root)');
  scenario(root.scenario, 'scenario');
  num(root.trials, 'trials');
  const strategies = arr(root.strategies, 'strategies');
  if (strategies.length === 0) throw new ShapeError('strategies', 'expected at least one strategy, found none');
  strategies.forEach((s, i) => strategy(s, `strategies[${i}]`));
  const ids = new Set<string>();
  strategies.forEach((s, i) => {
    const id = (s as { id: string }).id;
    if (ids.has(id)) throw new ShapeError(`strategies[${i}].id`, `duplicate strategy id "${id}"`);
    ids.add(id);
  });
  if (root.sensitivity !== undefined) sensitivity(root.sensitivity, 'sensitivity');
}
