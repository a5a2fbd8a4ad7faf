/** Issue 17: `--workers N` above the cores or the trials started N threads; it is capped, and the user told. */
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseWorkers } from '../../src/cli/workers.js';
import { runCli } from './run-cli.js';

describe('--workers', () => {
  test('is capped by the cores and by the trials, saying so', () => {
    expect(chooseWorkers(64, null, 2)).toEqual({ workers: 2, notes: ['--workers 64: this machine has 2 cores; using 2 workers'] });
    expect(chooseWorkers(8, 3, 16)).toEqual({ workers: 3, notes: ['--workers 8: only 3 trials to run; using 3 workers'] });
    expect(chooseWorkers(undefined, 1, 8)).toEqual({ workers: 1, notes: [] });
    expect(chooseWorkers(2, 100, 8)).toEqual({ workers: 2, notes: [] });
  });

  test('drsim run --workers 64 notes the cap on stderr and runs', async () => {
    const r = await runCli(['run', 'test/support/fixtures/minimal.yaml', '--trials', '2', '--workers', '64', '--json', '--no-report', '--out', join(mkdtempSync(join(tmpdir(), 'drsim-workers-')), 'o')]);
    expect(r.code).toBe(0);
    const cores = availableParallelism();
    expect(r.stderr).toContain(`note: --workers 64: this machine has ${cores} core${cores === 1 ? '' : 's'}; using ${cores}`);
    expect(JSON.parse(r.stdout).trials).toBe(2);
  });
});
