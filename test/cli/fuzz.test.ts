/**
 * Issue 17, "done when": drsim never ends with a stack trace or exit 1 on any input a user can write.
 * Generated hostile input, through the CLI's own entry (main(), in process, so hundreds of cases stay
 * quick): scenarios mutated from a valid one (hostile values in every field, lines deleted, duplicated,
 * truncated), hostile flag values for every command, and corrupted results and partial files. Each must
 * end with exit 0 or 2 and a message, never exit 1 ("internal error") or a stack trace.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/cli.js';
import { RandomStreams } from '../../src/sim/random.js';
import { makeResults } from '../report/fixtures/make-results.js';
import { ROOT } from './run-cli.js';

const MINIMAL = readFileSync(join(ROOT, 'test/support/fixtures/minimal.yaml'), 'utf8');
const STACK = /\n\s+at .*[:(]/;

/** Values a user (or an attacker) could put anywhere: YAML oddities, non-finite and huge numbers, units, control characters, formula starts. */
const HOSTILE_VALUES = [
  '', '~', 'null', 'true', '[]', '{}', '[1, 2]', '{ a: 1 }', '.inf', '-.inf', '.nan', '1e400', '-1', '0', '-0', '1e-400',
  '9999999999999999999999', '0x10', '"Infinity"', '"NaN GB"', '100 TB/s', '1e308 GB', '15 mon', '-15 min', '0 Mbit/s', '50 mbps',
  '"\\e[2J"', '"\\0"', '"\\u2028"', '"\\u202E"', `"${'x'.repeat(300)}"`, '"=cmd|\' /C calc\'!A0"', '"@SUM(1)"', '"日本語"',
  '*undefined_alias', '&a', '!!binary AAAA', '!!js/function "f"', '"{i:099}"', '{ uniform: { min: 5 min, max: 1 min } }',
  '{ lognormal: { median: 1 h, p95: 10 min } }', '{ exponential: { mean: .inf } }', '"$-5"', '"$1e400/h"', '200%', '-5%',
];

function rng(seed: number): { int: (n: number) => number; pick: <T>(xs: readonly T[]) => T } {
  const stream = new RandomStreams(seed).stream('cli-fuzz');
  const int = (n: number) => Math.floor(stream.uniform(0, n));
  return { int, pick: (xs) => xs[int(xs.length)]! };
}

/** A mutant of the minimal scenario: one to three edits of the kinds a typo, a bad merge or an attacker make. */
function mutant(seed: number): string {
  const r = rng(seed);
  let lines = MINIMAL.split('\n');
  for (let edits = 1 + r.int(3); edits > 0; edits--) {
    const i = r.int(lines.length);
    switch (r.int(6)) {
      case 0: case 1: case 2: {
        // A value of a `key: value` pair (flow or block) replaced by a hostile one.
        const pairs = [...lines[i]!.matchAll(/(\w+): ([^,{}[\]\n]+)/g)];
        if (pairs.length === 0) break;
        const p = r.pick(pairs);
        lines[i] = lines[i]!.slice(0, p.index) + `${p[1]}: ${r.pick(HOSTILE_VALUES)}` + lines[i]!.slice(p.index! + p[0].length);
        break;
      }
      case 3: lines.splice(i, 1); break;
      case 4: lines.splice(i, 0, lines[i]!); break;
      default: lines = lines.join('\n').slice(0, r.int(MINIMAL.length)).split('\n');
    }
  }
  return lines.join('\n');
}

let dir: string;
let out: string;
let stderr = '';

/** Runs the CLI in process; returns its exit code and what it printed on stderr. */
async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  stderr = '';
  const code = await main(args);
  return { code, stderr };
}

function expectHandled(args: string[], r: { code: number; stderr: string }): void {
  const shown = { args: args.join(' ').slice(0, 200), code: r.code, stderr: r.stderr.slice(0, 400) };
  expect({ ...shown, code: [0, 2].includes(r.code) ? 'handled' : r.code }).toEqual({ ...shown, code: 'handled' });
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stderr).not.toMatch(STACK);
  if (r.code === 2) expect(r.stderr.trim()).not.toBe('');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'drsim-fuzz-'));
  out = join(dir, 'out');
  mkdirSync(out);
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += String(chunk); return true; });
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterAll(() => { jest.restoreAllMocks(); });

describe('hostile input never ends in exit 1 or a stack trace', () => {
  test('300 mutated scenarios through validate; those that validate also run (one trial)', async () => {
    let ran = 0;
    let refused = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const file = join(dir, `m${seed}.yaml`);
      writeFileSync(file, mutant(seed));
      const v = await cli(['validate', file]);
      expectHandled(['validate', file], v);
      if (v.code === 2) refused++;
      // Running every valid mutant would boot a worker thread each time: a sample is enough.
      if (v.code === 0 && ran < 8) {
        ran++;
        const args = ['run', file, '--trials', '1', '--workers', '1', '--quiet', '--no-report', '--out', out];
        expectHandled(args, await cli(args));
      }
    }
    // The generator makes both kinds (else it would test nothing of one side).
    expect(ran).toBe(8);
    expect(refused).toBeGreaterThan(100);
  }, 600_000);

  test('hostile flag values for every command', async () => {
    const scenario = join(dir, 'minimal.yaml');
    writeFileSync(scenario, MINIMAL);
    const results = join(dir, 'results.json');
    writeFileSync(results, JSON.stringify(makeResults({ vms: 3, strategies: 2 })));
    const numbers = ['0', '-1', '1.5', '1e3', 'NaN', 'Infinity', ' ', '99999999999999999999', '0x10', '½'];
    const cases: string[][] = [
      ...numbers.flatMap((n) => [['run', scenario, '--trials', n], ['run', scenario, '--seed', n], ['run', scenario, '--workers', n],
        ['run', scenario, '--precision', '--max-trials', n], ['optimize', scenario, '--max-exhaustive', n], ['size', scenario, '--vary', 'links.wan.bandwidth', '--target', 'rpo.p95 <= 1 h', '--trials', n]]),
      ...['0/1', '1/0', '2/1', 'a/b', '1/1/1', '', '1/99999999999', '-1/2'].map((s) => ['run', scenario, '--shard', s]),
      ...['', ',', 'pdf', 'csv,,svg', 'CSV'].map((f) => ['report', results, '--format', f, '--out', out]),
      ...['', '=', 'x=', '=1', 'links.wan.bandwidth=', 'links..bandwidth=1', 'links.wan.bandwidth=1e400 Mbit/s', 'links.wan.bandwidth=.inf Mbit/s',
        'links.wan.bandwidth=-5 Mbit/s', 'hosts[model=std].count=-1', 'hosts[model=std].count=1e9', 'vms[0].name=\u001b[2J', 'strategies.async.protect[9].methods[0].interval=1 h']
        .map((s) => ['sweep', scenario, '--set', s, '--trials', '1', '--workers', '1', '-q', '--no-charts', '--out', out]),
      ...['', 'wan..p95', 'rpo', 'tier99.rpo.p95', 'cost.', '\u001b'].map((m) => ['sweep', scenario, '--set', 'links.wan.bandwidth=100 Mbit/s', '--metric', m, '-q', '--out', out]),
      ...['', 'rpo.p95 <=', '<= 1 h', 'rpo.p95 <= .inf h', 'rpo.p95 <= -1 h', 'rpo.p95 ~ 1 h', 'cost.annualTotal < $1e400'].map((t) => ['size', scenario, '--vary', 'links.wan.bandwidth', '--target', t]),
      ...['', 'nope', 'links', 'links.wan', 'vms[0].vcpus'].map((p) => ['size', scenario, '--vary', p, '--target', 'rpo.p95 <= 1 h', '--min', '1', '--max', '0']),
      ...['', '$-1', '$.inf', '$1e400', 'lots', '€5'].map((b) => ['optimize', scenario, '--budget', b]),
      ...['', '200%', '-5%', 'NaN%', '0.5.5'].map((q) => ['optimize', scenario, '--required', q]),
      ['optimize', scenario, '--group-by', 'x'], ['validate'], ['merge', '--out', out], ['nonsense'], ['run', '--no-such-flag'],
      ['run', join(dir, 'missing.yaml')], ['run', dir], ['report', dir], ['import', 'rvtools', dir], ['import', 'csv', scenario, '--map', '=,='],
      ['import', 'csv', scenario, '--hypervisor', 'kvm'], ['init', dir], ['init', join(dir, 'no', 'such', 'x.yaml')],
    ];
    for (const args of cases) expectHandled(args, await cli(args));
  }, 600_000);

  test('corrupted results and partial files for report and merge', async () => {
    const good = JSON.stringify(makeResults({ vms: 3, strategies: 2 }));
    const r = rng(7);
    const texts: string[] = [
      '', '{', 'null', '[]', '"x"', '1e400', '[' .repeat(100_000) + ']'.repeat(100_000), '{"schemaVersion": "2.0"}',
      good.slice(0, good.length >> 1), good.replace(/"rpoSeconds"/g, '"rpoSecond"'), good.replace(/: \d+(\.\d+)?/g, ': -1'),
      good.replace(/"id":"[^"]+"/, '"id":"../../x"'), good.replace(/"name":"[^"]+"/, '"name":"\\u001b[2J"'),
      // Random byte flips in a valid file.
      ...Array.from({ length: 40 }, () => {
        const at = r.int(good.length);
        return good.slice(0, at) + r.pick(['}', '"', ',', 'null', '1e400', '-', '[', '\\u0000']) + good.slice(at + 1);
      }),
    ];
    for (const [i, text] of texts.entries()) {
      const file = join(dir, `r${i}.json`);
      writeFileSync(file, text);
      for (const args of [['report', file, '--format', 'csv', '--out', out], ['merge', file, '--out', out, '-q', '--no-report']]) expectHandled(args, await cli(args));
    }
  }, 600_000);
});
