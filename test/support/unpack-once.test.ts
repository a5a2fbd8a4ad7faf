/** unpackOnce, which unpacks the packaged Chromium, with a cheap fill in its place. */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unpackOnce } from './unpack-once.js';

const MODULE = pathToFileURL(join(process.cwd(), 'test/support/unpack-once.ts')).href;

const roots: string[] = [];
function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'drsim-unpack-'));
  roots.push(root);
  return root;
}
afterAll(() => { for (const root of roots) rmSync(root, { recursive: true, force: true }); });

/** A separate process (as a jest worker is) that unpacks `dir` with a slow fill; prints whether it filled. */
function child(dir: string, log: string): Promise<string> {
  const code = `
    import { appendFileSync, writeFileSync } from 'node:fs';
    import { setTimeout as sleep } from 'node:timers/promises';
    import { unpackOnce } from ${JSON.stringify(MODULE)};
    const filled = await unpackOnce(${JSON.stringify(dir)}, async (tmp) => {
      appendFileSync(${JSON.stringify(log)}, 'fill\\n');
      await sleep(500);
      writeFileSync(tmp + '/payload', 'complete');
    }, { pollMs: 20 });
    process.stdout.write(String(filled));`;
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    p.on('error', reject);
    p.on('exit', (status) => (status === 0 ? resolve(out) : reject(new Error(`child exited with ${status}`))));
  });
}

describe('unpackOnce', () => {
  test('two processes at once: one fills, both get the complete directory, nothing left behind', async () => {
    const root = tempRoot();
    const dir = join(root, 'cache', 'v1');
    const log = join(root, 'fills.log');
    const results = await Promise.all([child(dir, log), child(dir, log)]);
    expect(results.sort()).toEqual(['false', 'true']);
    expect(readFileSync(log, 'utf8')).toBe('fill\n');
    expect(readFileSync(join(dir, 'payload'), 'utf8')).toBe('complete');
    expect(readdirSync(join(root, 'cache'))).toEqual(['v1']);
  }, 30_000);

  test('takes over the lock and leftovers of a process that died mid-unpack', async () => {
    const root = tempRoot();
    const dir = join(root, 'v1');
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(`${dir}.lock`, String(deadPid));
    mkdirSync(`${dir}.tmp-${deadPid}`);
    writeFileSync(join(`${dir}.tmp-${deadPid}`, 'half'), '');
    expect(await unpackOnce(dir, async (tmp) => writeFileSync(join(tmp, 'payload'), 'x'))).toBe(true);
    expect(readdirSync(root)).toEqual(['v1']);
    expect(readdirSync(dir)).toEqual(['payload']);
    // Already there: no fill.
    expect(await unpackOnce(dir, () => Promise.reject(new Error('must not fill again')))).toBe(false);
  });

  test('a failed fill leaves no directory, temporary directory or lock, and rethrows', async () => {
    const root = tempRoot();
    const dir = join(root, 'v1');
    await expect(unpackOnce(dir, async (tmp) => {
      writeFileSync(join(tmp, 'half'), '');
      throw new Error('disk full');
    })).rejects.toThrow('disk full');
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });
});
