/**
 * Fills a cache directory once, even when several processes (jest workers) ask at the same moment.
 * The first to create `<dir>.lock` fills a private temporary directory and renames it to `dir`; the
 * rename is atomic, so a `dir` that exists is always complete. The others wait for `dir` to appear.
 * A lock whose holder died (a killed test run) is taken over.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface UnpackOnceOptions {
  /** How long to wait for another process's unpack before giving up. */
  timeoutMs?: number;
  pollMs?: number;
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true; // unreadable: assume alive, look again later
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderAlive(lock: string): boolean {
  try {
    return alive(Number(readFileSync(lock, 'utf8')));
  } catch {
    return true; // just created, pid not written yet
  }
}

function tryLock(lock: string): boolean {
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/**
 * Returns `dir`, first calling `fill(tmp)` to populate it if it does not exist yet.
 * @returns whether this call did the filling (false: it was there, or another process filled it).
 */
export async function unpackOnce(dir: string, fill: (tmp: string) => Promise<void>, options: UnpackOnceOptions = {}): Promise<boolean> {
  const { timeoutMs = 180_000, pollMs = 100 } = options;
  const lock = `${dir}.lock`;
  const deadline = Date.now() + timeoutMs;
  mkdirSync(dirname(dir), { recursive: true });
  for (;;) {
    if (existsSync(dir)) return false;
    if (tryLock(lock)) break;
    if (!holderAlive(lock)) {
      rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for another process to unpack ${dir} (lock ${lock})`);
    await sleep(pollMs);
  }
  try {
    if (existsSync(dir)) return false; // filled between our check and our lock
    // Leftovers of processes that died mid-unpack (the pid ends the name; a live one's is left alone).
    const prefix = `${basename(dir)}.tmp-`;
    for (const name of readdirSync(dirname(dir))) {
      if (name.startsWith(prefix) && !alive(Number(name.slice(prefix.length)))) rmSync(join(dirname(dir), name), { recursive: true, force: true });
    }
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    try {
      await fill(tmp);
      renameSync(tmp, dir);
      return true;
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      // Two processes took over the same dead lock at once and both filled: the first rename won.
      if (existsSync(dir) && ['ENOTEMPTY', 'EEXIST'].includes((e as NodeJS.ErrnoException).code ?? '')) return false;
      throw e;
    }
  } finally {
    rmSync(lock, { force: true });
  }
}
