/** The expansion check of templates and host counts against the scenario limits (limits.ts). */
import { limitText } from '../limits.js';
import type { ResolveContext } from './context.js';

/**
 * Whether the entries' counts stay within `limit` in total; if not, reports the entry that crosses it
 * (with the total it would reach) and returns false. Shared with hosts (estate.ts).
 */
export function withinLimit(ctx: ResolveContext, entries: ReadonlyArray<{ count?: number; template?: string; name?: string }>, section: string, noun: string, limit: number): boolean {
  let total = 0;
  const counts = entries.map((e) => e.count ?? 1);
  for (let i = 0; i < counts.length; i++) {
    total += counts[i]!;
    if (total <= limit) continue;
    const all = counts.reduce((a, c) => a + c, 0);
    const what = entries[i]!.template !== undefined ? `template "${entries[i]!.template}"` : `entry ${i + 1}`;
    ctx.error([section, i, ...(entries[i]!.count !== undefined ? ['count'] : [])], `${what} makes ${counts[i]!.toLocaleString('en-US')} ${noun}s, ` +
      `${all.toLocaleString('en-US')} in the scenario: ${limitText(limit, ctx.limits)}`);
    return false;
  }
  return true;
}
