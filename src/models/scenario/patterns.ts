/**
 * Index patterns for generated names: `web-{i}`, `web-{i:02}` (zero-padded), `lun-{i/8}` (index
 * divided by 8, rounded up: 8 VMs per LUN), `lun-{i/8:02}`. Globs (`web-*`, `db-?`) select by name.
 */

export interface IndexPattern { parts: Array<string | { divisor: number; width: number }>; hasIndex: boolean }

const TOKEN = /\{i(?:\/(\d+))?(?::0?(\d+))?\}/g;

export function parseIndexPattern(text: string): IndexPattern {
  const parts: IndexPattern['parts'] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push({ divisor: m[1] ? Math.max(1, Number(m[1])) : 1, width: m[2] ? Number(m[2]) : 0 });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { parts, hasIndex: parts.some((p) => typeof p !== 'string') };
}

export function formatIndexPattern(p: IndexPattern, i: number): string {
  return p.parts.map((part) => typeof part === 'string' ? part : String(Math.ceil(i / part.divisor)).padStart(part.width, '0')).join('');
}

/** Applies a pattern string directly (for lun, app, dependsOn entries of templates). */
export function expandIndex(text: string, i: number): string {
  return text.includes('{i') ? formatIndexPattern(parseIndexPattern(text), i) : text;
}

export function isGlob(text: string): boolean {
  return /[*?]/.test(text);
}

export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}
