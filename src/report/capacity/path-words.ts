/**
 * A scenario path (`--set` / `--vary`) in words for titles and axes: `links.wan.bandwidth` is "Bandwidth
 * of link wan", `hosts[dr-hosts].count` "Count of host group dr-hosts", `tiers[tier=1].rpo` "RPO target of
 * tier 1". The path itself stays in tables and captions, where a reader may want to type it again.
 */
import { parsePath } from '../../experiment/scenario-overrides.js';

/** Keys whose plain spelling misleads or reads badly. */
const KEY_WORDS: Record<string, string> = {
  rpo: 'RPO target', rto: 'RTO target', bandwidth: 'bandwidth', count: 'count', rtt: 'round trip',
  monthlyCost: 'monthly cost', perMbit: 'price per Mbit/s', ram: 'RAM', vcpu: 'vCPUs',
};

/** Collections and what one element of each is called. */
const ELEMENT_WORDS: Record<string, string> = {
  links: 'link', hosts: 'host group', strategies: 'strategy', tiers: 'tier', vms: 'VM', storage: 'storage',
  applications: 'application', protect: 'protection', methods: 'method', failures: 'failure', sites: 'site',
};

function keyWords(key: string): string {
  return KEY_WORDS[key] ?? key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "Bandwidth of link wan"; the path itself when it cannot be parsed. */
export function pathWords(path: string): string {
  let segments: string[];
  try {
    segments = parsePath(path).map((s) => s.text);
  } catch {
    return path;
  }
  if (segments.length === 1) return capitalized(keyWords(segments[0]!));
  const last = segments[segments.length - 1]!;
  const context: string[] = [];
  for (let i = 0; i < segments.length - 1; i++) {
    const key = segments[i]!;
    const element = ELEMENT_WORDS[key];
    const next = segments[i + 1];
    if (element !== undefined && next !== undefined && i + 1 < segments.length - 1) {
      // An element by index reads as its position (0 → 1), by `key=value` as the value.
      const which = /^\d+$/.test(next) ? String(Number(next) + 1) : next.replace(/^[\w-]+=/, '');
      context.push(`${element} ${which}`);
      i++;
    } else {
      context.push(keyWords(key));
    }
  }
  return `${capitalized(keyWords(last))} of ${context.join(', ')}`;
}
