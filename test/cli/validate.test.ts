import { describe, expect, test, beforeAll, afterAll } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

const STACK = /\n\s+at /;
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'drsim-validate-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('drsim validate', () => {
  test('valid files: one summary line each, warnings on stderr, exit 0', async () => {
    const r = await runCli(['validate', 'scenarios/flagship.yaml', 'scenarios/law-firm.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('scenarios/flagship.yaml: valid — 2 sites, 12 hosts, 98 VMs, 4 strategies\n' +
      'scenarios/law-firm.yaml: valid — 2 sites, 25 hosts, 113 VMs, 3 strategies\n');
    expect(r.stderr).toMatch(/^warning: scenarios\/law-firm\.yaml:\d+:\d+: strategies\[0\]\.recovery: DR site "dr-dc" holds/m);
  });

  test('problems: FILE:LINE:COL: path: message, every one, exit 2, no stack trace', async () => {
    const f = join(dir, 'bad.yaml');
    writeFileSync(f, readFileSync('test/support/fixtures/minimal.yaml', 'utf8')
      .replace('  - { name: prod, site: hq }', '  - { name: prod, site: hqq }')
      .replace('{ model: std, cluster: rec }', '{ model: st, cluster: rec }'));
    const r = await runCli(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`drsim: ${f}:8:25: clusters[0].site: cluster "prod" refers to site "hqq", which is not defined (did you mean "hq"?)\n` +
      `${f}:12:14: hosts[1].model: hosts[1] refers to host model "st", which is not defined (did you mean "std"?)\n2 problems found\n`);
    expect(r.stderr).not.toMatch(STACK);
  });

  test('validate prints every warning run prints (here: a link the plan cannot keep up on), and "50 mbps" is refused', async () => {
    const f = join(dir, 'short-link.yaml');
    writeFileSync(f, readFileSync('test/support/fixtures/minimal.yaml', 'utf8').replace('bandwidth: 100 Mbit/s', 'bandwidth: 50 kbit/s'));
    const v = await runCli(['validate', f]);
    const r = await runCli(['run', f, '--trials', '1', '--workers', '1', '--no-report', '--quiet', '--out', join(dir, 'short-out')]);
    expect(v.code).toBe(0);
    const warnings = (text: string) => text.split('\n').filter((l) => l.startsWith('warning:'));
    expect(warnings(v.stderr).some((l) => /looks unsustainable on link "wan"/.test(l))).toBe(true);
    expect(warnings(r.stderr)).toEqual(warnings(v.stderr));
    const m = join(dir, 'mbps.yaml');
    writeFileSync(m, readFileSync('test/support/fixtures/minimal.yaml', 'utf8').replace('bandwidth: 100 Mbit/s', 'bandwidth: 50 mbps'));
    const bad = await runCli(['validate', m]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/links\[0\]\.bandwidth: .*"m" is milli.*did you mean "50 Mbps"\?/);
  });

  test('zod-level problems are reported through the CLI too', async () => {
    const f = join(dir, 'bad2.yaml');
    writeFileSync(f, readFileSync('test/support/fixtures/minimal.yaml', 'utf8').replace('ram: 16 GiB', 'ram: 16 GHz'));
    const r = await runCli(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}:23:32: vms[0].ram: expected a memory size like "16 GiB", found "16 GHz" (a frequency)`);
  });

  test('hostile inputs: each a clear message, exit 2, never a stack trace', async () => {
    const files = {
      missing: join(dir, 'nope.yaml'),
      directory: join(dir, 'adir'),
      binary: join(dir, 'binary.yaml'),
      huge: join(dir, 'huge.yaml'),
      empty: join(dir, 'empty.yaml'),
      bomb: join(dir, 'bomb.yaml'),
      dup: join(dir, 'dup.yaml'),
      malformed: join(dir, 'malformed.yaml'),
      types: join(dir, 'types.yaml'),
    };
    mkdirSync(files.directory);
    writeFileSync(files.binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0]));
    writeFileSync(files.huge, '');
    truncateSync(files.huge, 50 * 1024 * 1024);
    writeFileSync(files.empty, '');
    writeFileSync(files.bomb, 'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n');
    writeFileSync(files.dup, 'name: a\nsites: []\nname: b\n');
    writeFileSync(files.malformed, 'name: x\nsites:\n  - { name: hq\n');
    writeFileSync(files.types, 'name: [1, 2]\nsites: 3\n');
    const r = await runCli(['validate', ...Object.values(files)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).toContain(`${files.missing}: no such file`);
    expect(r.stderr).toContain(`${files.directory}: is a directory, not a scenario file`);
    expect(r.stderr).toContain(`${files.binary}: is a binary file, not a YAML scenario`);
    expect(r.stderr).toContain(`${files.huge}: is 50.0 MiB; scenario files are limited to 20 MiB`);
    expect(r.stderr).toContain(`${files.empty}: is empty`);
    expect(r.stderr).toContain(`${files.bomb}:1:1: too many YAML alias expansions`);
    expect(r.stderr).toContain(`${files.dup}:3:1: duplicate key "name"`);
    expect(r.stderr).toMatch(new RegExp(`${files.malformed}:\\d+:\\d+: YAML syntax error`));
    expect(r.stderr).toContain(`${files.types}:1:7: name: expected a scenario name (text), found a list`);
    expect(r.stderr).toContain(`${files.types}:2:8: sites: expected a list, found 3`);
  });
});

describe('drsim schema', () => {
  test('prints the JSON Schema committed as docs/scenario.schema.json', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.properties.vms.type).toBe('array');
    expect(schema).toEqual(JSON.parse(readFileSync('docs/scenario.schema.json', 'utf8')));
  });
});
