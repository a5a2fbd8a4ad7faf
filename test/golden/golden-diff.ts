/**
 * What moved between two golden results, in the domain's words: `strategy "CDP" › failures[site-disaster]
 * › rpoSeconds.mean: 2,160 → 2,400 (+11.1%)`. Lists of named things (strategies, failure kinds, tiers,
 * links, cost items, VMs) are matched by their name, not their position, so an added strategy shows as
 * one added entry rather than every later one moving.
 */
import { VM_ROW_FIELDS } from './golden-form.js';

export interface Change {
  path: string;
  before: unknown;
  after: unknown;
}

/** The key an element of a list is known by, or null for a list matched by position. */
function labelOf(x: unknown): string | null {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return null;
  const o = x as Record<string, unknown>;
  if (typeof o.category === 'string' && typeof o.item === 'string') return `${o.category}: ${o.item}`;
  for (const k of ['name', 'kind', 'link', 'tier', 'host'] as const) {
    if (typeof o[k] === 'string' || typeof o[k] === 'number') return String(o[k]);
  }
  return null;
}

function join(path: string, part: string): string {
  if (part === '') return path;
  return path === '' ? part : `${path} › ${part}`;
}

function elementPath(path: string, field: string, label: string): string {
  if (field === 'strategies') return join(path, `strategy "${label}"`);
  if (field === 'vmRows') return join(path, `VM ${label}`);
  return join(path, `${field}[${label}]`);
}

export function diffGolden(before: unknown, after: unknown, path = '', field = '', out: Change[] = []): Change[] {
  if (Object.is(before, after)) return out;
  if (Array.isArray(before) && Array.isArray(after)) {
    const labels = [...before, ...after].map(labelOf);
    const byLabel = labels.every((l) => l !== null) && new Set(before.map(labelOf)).size === before.length && new Set(after.map(labelOf)).size === after.length;
    if (byLabel) {
      const a = new Map(before.map((x) => [labelOf(x)!, x]));
      const b = new Map(after.map((x) => [labelOf(x)!, x]));
      for (const [k, x] of a) diffGolden(x, b.get(k), elementPath(path, field, k), '', out);
      for (const [k, x] of b) if (!a.has(k)) diffGolden(undefined, x, elementPath(path, field, k), '', out);
      return out;
    }
    if (before.every((x) => typeof x !== 'object') && after.every((x) => typeof x !== 'object') && before.length !== after.length) {
      out.push({ path: join(path, field), before, after });
      return out;
    }
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) diffGolden(before[i], after[i], join(path, `${field}[${i}]`), '', out);
    return out;
  }
  if (isObject(before) && isObject(after)) {
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (k === 'vmRows' && isObject(before[k]) && isObject(after[k])) diffVmRows(before[k], after[k], path, out);
      else diffGolden(before[k], after[k], path, prefixed(field, k), out);
    }
    return out;
  }
  out.push({ path: join(path, field), before, after });
  return out;
}

function prefixed(field: string, key: string): string {
  return field === '' ? key : `${field}.${key}`;
}

function diffVmRows(before: Record<string, unknown>, after: Record<string, unknown>, path: string, out: Change[]): void {
  for (const vm of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[vm] as number[] | undefined;
    const b = after[vm] as number[] | undefined;
    const at = elementPath(path, 'vmRows', vm);
    if (a === undefined || b === undefined) {
      out.push({ path: at, before: a, after: b });
      continue;
    }
    VM_ROW_FIELDS.forEach((f, i) => {
      if (!Object.is(a[i], b[i])) out.push({ path: join(at, f), before: a[i], after: b[i] });
    });
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function show(x: unknown): string {
  if (x === undefined) return '(absent)';
  if (typeof x === 'number') return x.toLocaleString('en-US', { maximumFractionDigits: 6 });
  const s = JSON.stringify(x);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

export function formatChange(c: Change): string {
  const relative = typeof c.before === 'number' && typeof c.after === 'number' && c.before !== 0
    ? ` (${c.after >= c.before ? '+' : ''}${(((c.after - c.before) / Math.abs(c.before)) * 100).toFixed(1)}%)`
    : '';
  return `${c.path}: ${show(c.before)} → ${show(c.after)}${relative}`;
}

/** A reviewer's summary: every change up to `limit`, then how many more. */
export function describeChanges(name: string, changes: Change[], limit = 60): string {
  const lines = changes.slice(0, limit).map((c) => `  ${formatChange(c)}`);
  if (changes.length > limit) lines.push(`  … and ${changes.length - limit} more`);
  return `${name}: ${changes.length} golden number${changes.length === 1 ? '' : 's'} moved\n${lines.join('\n')}`;
}
