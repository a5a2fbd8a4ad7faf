/**
 * Issue 17, "disks": a full disk (ENOSPC) or an unwritable special path ends with exit 2, a message naming
 * the path, and no partial set; `--out ''` is an error, not the current directory. The full disk is a
 * preload (test/support/enospc-preload.mjs) that makes every write under one directory fail as the kernel
 * does, leaving the partly written file behind. Special files: a FIFO of the test's own (as root, an atomic
 * rename over a device would replace the device: a test must not risk /dev/full), and /proc and /dev/null
 * as output directories (where nothing can be created).
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeResults } from '../report/fixtures/make-results.js';
import { ROOT, runCli, type CliResult } from './run-cli.js';

const PRELOAD = fileURLToPath(new URL('../support/enospc-preload.mjs', import.meta.url));
const MINIMAL = join(ROOT, 'test/support/fixtures/minimal.yaml');
const VINFO = join(ROOT, 'test/import/fixtures/vinfo-en.csv');
const STACK = /\n\s+at /;

function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: false }).map(String).sort();
}

const WRITERS = ['run', 'report', 'merge', 'sweep', 'optimize', 'optimize-report', 'size-report', 'sensitivity', 'import', 'init'] as const;

let dir: string;
let full: string;
let fullBefore: string[];
let fifo: string;
/** The working directory of the `--out ''` cases: before the fix, their whole set landed here. */
let cwd: string;
let r: Record<string, CliResult>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'drsim-output-'));
  full = join(dir, 'full');
  mkdirSync(join(full, 'charts'), { recursive: true });
  for (const f of ['results.json', 'report.html', 'charts/cdf-rpo.svg']) writeFileSync(join(full, f), `OLD ${f}`);
  fullBefore = listing(full);
  fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  cwd = join(dir, 'cwd');
  mkdirSync(cwd);
  const results = join(dir, 'results.json');
  writeFileSync(results, JSON.stringify(makeResults({ vms: 4, strategies: 2 })));
  const enospc = { nodeArgs: ['--import', PRELOAD], env: { DRSIM_TEST_FULL_DIR: full } };
  const empty: Record<(typeof WRITERS)[number], string[]> = {
    run: ['run', MINIMAL, '--out', ''],
    report: ['report', results, '--out', ''],
    merge: ['merge', join(dir, 'x.json'), '--out', ''],
    sweep: ['sweep', MINIMAL, '--set', 'links.wan.bandwidth=1 Gbit/s', '--out', ''],
    optimize: ['optimize', MINIMAL, '--out', ''],
    'optimize-report': ['optimize', MINIMAL, '--report-dir', ''],
    'size-report': ['size', MINIMAL, '--vary', 'links.wan.bandwidth', '--target', 'rpo.p95 <= 1 h', '--report-dir', ''],
    sensitivity: ['sensitivity', MINIMAL, '--out', ''],
    import: ['import', 'rvtools', VINFO, '--out', ''],
    init: ['init', ''],
  };
  const cases: Record<string, [string[], object?]> = {
    runFull: [['run', MINIMAL, '--trials', '1', '--workers', '1', '--quiet', '--out', full], enospc],
    reportFull: [['report', results, '--format', 'csv,svg', '--out', full], enospc],
    sweepFull: [['sweep', MINIMAL, '--set', 'links.wan.bandwidth=100 Mbit/s', '--trials', '1', '--workers', '1', '--no-png', '-q', '--out', full], enospc],
    initFull: [['init', join(full, 'starter.yaml')], enospc],
    importFull: [['import', 'rvtools', VINFO, '--quiet', '--out', join(full, 'estate.yaml')], enospc],
    shardFull: [['run', MINIMAL, '--trials', '2', '--shard', '1/2', '--workers', '1', '--quiet', '--out', full], enospc],
    initFifo: [['init', fifo, '--force']],
    importFifo: [['import', 'rvtools', VINFO, '--out', fifo, '--force']],
    optimizeFifo: [['optimize', MINIMAL, '--out', fifo]],
    runProc: [['run', MINIMAL, '--trials', '1', '--out', '/proc/version']],
    reportProc: [['report', results, '--out', '/proc/version']],
    sweepProc: [['sweep', MINIMAL, '--set', 'links.wan.bandwidth=100 Mbit/s', '--out', '/proc/drsim']],
    runDevNull: [['run', MINIMAL, '--trials', '1', '--out', '/dev/null']],
    ...Object.fromEntries(WRITERS.map((w) => [`empty-${w}`, [empty[w], { cwd }]])),
  };
  const entries = await Promise.all(Object.entries(cases).map(async ([k, [args, opts]]) => [k, await runCli(args, opts)] as const));
  r = Object.fromEntries(entries);
}, 300_000);

describe('full disks and special paths', () => {
  test('ENOSPC while run, report or sweep writes its set: exit 2 naming the directory, the previous set untouched', () => {
    for (const k of ['runFull', 'reportFull', 'sweepFull']) {
      expect({ k, code: r[k]!.code }).toEqual({ k, code: 2 });
      expect(r[k]!.stderr).toContain(`cannot write ${full}: no space left on the device (ENOSPC); nothing was written`);
      expect(r[k]!.stderr).not.toMatch(STACK);
    }
    expect(listing(full)).toEqual(fullBefore);
    expect(readFileSync(join(full, 'report.html'), 'utf8')).toBe('OLD report.html');
  });

  test('ENOSPC for init, import --out and a shard\'s partial: exit 2 naming the file, nothing left behind', () => {
    expect(r.initFull!.code).toBe(2);
    expect(r.initFull!.stderr).toMatch(/cannot write .*starter\.yaml: no space left on the device \(ENOSPC\)/);
    expect(r.importFull!.code).toBe(2);
    expect(r.importFull!.stderr).toMatch(/cannot write .*estate\.yaml: no space left on the device \(ENOSPC\)/);
    expect(r.shardFull!.code).toBe(2);
    expect(r.shardFull!.stderr).toMatch(/cannot write .*partial-1-of-2\.json: no space left on the device \(ENOSPC\)/);
    expect(listing(full)).toEqual(fullBefore);
  });

  test('a device, pipe or socket is not a file to replace (as root, a rename would replace /dev/full itself)', () => {
    for (const k of ['initFifo', 'importFifo', 'optimizeFifo']) {
      expect({ k, code: r[k]!.code }).toEqual({ k, code: 2 });
      expect(r[k]!.stderr).toContain(`${fifo} is not a regular file (a device, pipe or socket)`);
    }
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  test('/proc paths and devices as output directories are refused with exit 2', () => {
    for (const k of ['runProc', 'reportProc', 'sweepProc', 'runDevNull']) {
      expect({ k, code: r[k]!.code }).toEqual({ k, code: 2 });
      expect(r[k]!.stderr).toMatch(/\/proc\/(version|drsim)|\/dev\/null is a device, pipe or socket, not a directory/);
      expect(r[k]!.stderr).not.toMatch(STACK);
    }
  });

  test('--out \'\' (and --report-dir \'\') is an error for every command that writes, and nothing lands in the current directory', () => {
    for (const cmd of WRITERS) {
      const res = r[`empty-${cmd}`]!;
      expect({ cmd, code: res.code }).toEqual({ cmd, code: 2 });
      expect(res.stderr).toMatch(/expects a path, got an empty string/);
    }
    expect(listing(cwd)).toEqual([]);
  });
});
