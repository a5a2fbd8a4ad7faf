/** Parsers for command-line option values: each failure names the flag and what it expected (exit 2). */
import { InvalidArgumentError, Option } from 'commander';
import type { Shard } from '../experiment/experiment.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/index.js';

/** A path (--out, a file argument): an empty one would silently mean the current directory, or say "no such file: ". */
export function nonEmptyPath(what: string): (value: string) => string {
  return (value) => {
    if (value.trim() === '') throw new InvalidArgumentError(`${what} expects a path, got an empty string`);
    return value;
  };
}

/** nonEmptyPath for a variadic argument (`<files...>`): commander hands each value with the ones before. */
export function nonEmptyPaths(what: string): (value: string, previous: string[] | undefined) => string[] {
  const one = nonEmptyPath(what);
  return (value, previous) => [...(previous ?? []), one(value)];
}

export function parsePositiveInteger(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`${flag} expects a whole number ≥ 1, got "${value}"`);
    return n;
  };
}

export function parseNonNegativeInteger(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`${flag} expects a whole number ≥ 0, got "${value}"`);
    return n;
  };
}

/** `--allow-large`, for every command that loads a scenario: lifts the size limits (README "Limits"). */
export function allowLargeOption(): Option {
  return new Option('--allow-large', 'allow scenarios and runs above the default size limits (more VMs, hosts, VM-trials and memory; see README "Limits")');
}

/** "i/n" with 1 ≤ i ≤ n (people count shards from 1); stored 0-based. */
export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const i = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || i < 1 || i > n) throw new InvalidArgumentError(`--shard expects i/n with 1 ≤ i ≤ n (e.g. 2/8), got "${value}"`);
  return { index: i - 1, count: n };
}

export function parseFormats(value: string): Set<ReportFormat> {
  const items = value.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s.length > 0);
  const bad = items.filter((s) => !(REPORT_FORMATS as readonly string[]).includes(s));
  if (items.length === 0 || bad.length > 0) throw new InvalidArgumentError(`--format expects a comma-separated list of ${REPORT_FORMATS.join(', ')}; ${bad.length > 0 ? `unknown: ${bad.join(', ')}` : 'got nothing'}`);
  return new Set(items as ReportFormat[]);
}

/** `--format <list>`, shared by run, merge and report: every format unless narrowed. */
export function formatOption(): Option {
  return new Option('--format <list>', `reports to write: ${REPORT_FORMATS.join(',')}`)
    .argParser(parseFormats)
    .default(new Set<ReportFormat>(REPORT_FORMATS), 'all');
}
