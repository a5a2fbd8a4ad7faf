/**
 * Strategy ids: the short names results.json, the CSV tables and chart file names use
 * (`charts/recovery-timeline-<id>.svg`). An id is the name's lower-case ASCII letters and digits joined
 * by dashes ("Async 15 min" → "async-15-min"), at most MAX_BASE characters. Distinct names can meet on
 * one id ("Async 15" and "async-15"): the first strategy in the file keeps it, the next gets "-2", then
 * "-3" (deterministic: the same file always gives the same ids). A name without ASCII letters or digits
 * (all-CJK, say) gets "strategy-" and 8 hex digits of its hash, so it does not depend on the order.
 */
import { createHash } from 'node:crypto';

/** Ids stay short enough for file names with a prefix and a suffix (results readers accept ≤ 64). */
export const MAX_BASE = 48;

export function baseId(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  if (slug === '') return `strategy-${createHash('sha256').update(name.normalize('NFC')).digest('hex').slice(0, 8)}`;
  return slug.length <= MAX_BASE ? slug : slug.slice(0, MAX_BASE).replace(/-+$/, '');
}

export interface StrategyId {
  id: string;
  /** The strategy that already had this id's base, when this one was given a suffix. */
  collidesWith: number | null;
}

/** One unique id per strategy name, in order. */
export function strategyIds(names: readonly string[]): StrategyId[] {
  const taken = new Map<string, number>();
  const bases = names.map(baseId);
  const out: StrategyId[] = [];
  bases.forEach((base, i) => {
    let id = base;
    // A later strategy whose own base is "x-2" still gets "x-2" first if nobody before took it.
    for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
    taken.set(id, i);
    out.push({ id, collidesWith: id === base ? null : (taken.get(base) ?? null) });
  });
  return out;
}
