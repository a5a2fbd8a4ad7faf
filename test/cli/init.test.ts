import { describe, expect, test, beforeAll, afterAll } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

let dir: string;
// Inside the repository: runCli's `--import tsx` resolves tsx from the working directory.
let inRepo: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'drsim-init-'));
  inRepo = mkdtempSync(join(process.cwd(), 'test', 'cli', '.tmp-init-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(inRepo, { recursive: true, force: true });
});

describe('drsim init', () => {
  test('writes scenario.yaml by default, which validates cleanly (no warnings) and points at the schema', async () => {
    const r = await runCli(['init'], { cwd: inRepo });
    expect(r.code).toBe(0);
    const file = join(inRepo, 'scenario.yaml');
    expect(existsSync(file)).toBe(true);
    const first = readFileSync(file, 'utf8').split('\n')[0];
    expect(first).toMatch(/^# yaml-language-server: \$schema=.*docs\/scenario\.schema\.json$/);
    const schemaPath = join(inRepo, first.split('$schema=')[1]);
    expect(existsSync(schemaPath)).toBe(true);
    const v = await runCli(['validate', file]);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('valid — 2 sites');
    expect(v.stderr).toBe('');
  });

  test('never overwrites without --force', async () => {
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, 'precious\n');
    const r = await runCli(['init', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already exists; use --force to overwrite it');
    expect(readFileSync(file, 'utf8')).toBe('precious\n');
    const forced = await runCli(['init', '--force', file]);
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('name: starter');
  });

  test('a directory or an unwritable place is a clear error', async () => {
    mkdirSync(join(dir, 'sub'));
    const r = await runCli(['init', join(dir, 'sub')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a directory');
    const r2 = await runCli(['init', join(dir, 'no', 'such', 'dir', 'x.yaml')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('cannot write');
    expect(r2.stderr).not.toMatch(/\n\s+at /);
  });
});
