/**
 * Everything the CLI writes goes through here: an output directory gets a whole report set or keeps the
 * one it had (output-set.ts), an output file is replaced atomically, and a file-system failure (a full
 * disk, a read-only mount, a special file such as /dev/full or /proc/version) is exit 2 naming the
 * path, with nothing half-written left behind.
 */
import { constants, statSync } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { writeFileAtomic } from '../report/atomic-write.js';
import { StagedOutput, type OwnedNames } from '../report/output-set.js';
import { UserError } from './errors.js';

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device', EDQUOT: 'disk quota exceeded', EACCES: 'permission denied', EPERM: 'operation not permitted',
  EROFS: 'read-only file system', ENAMETOOLONG: 'a name is too long', EIO: 'input/output error', ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'is a directory', EEXIST: 'already exists', ENOENT: 'no such file or directory', EMFILE: 'too many open files', EFBIG: 'file too large',
  EXDEV: 'crosses file systems', EBUSY: 'busy', EINVAL: 'not supported there',
};

/** The default output directory's name for a scenario (reports/<name>/): safe characters, never empty, at most 64 of them. */
export function outputDirName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 64).replace(/[-.]+$/, '') || 'scenario';
}

/** A file-system error while writing `path` → exit 2 with the path and the reason; other errors pass. */
export function writeError(err: unknown, path: string): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return err;
  return new UserError(`cannot write ${path}: ${REASONS[code] ?? (err as Error).message} (${code}); nothing was written`, 2);
}

/**
 * The output directory is created if its parent exists (the default reports/<name>/ may create reports/
 * too); a file in the way, a missing parent or an unwritable directory is exit 2.
 */
export async function prepareOutputDir(dir: string): Promise<void> {
  const existing = await stat(dir).catch(() => null);
  if (existing !== null && !existing.isDirectory()) {
    throw new UserError(`output directory ${dir} is ${existing.isFile() ? 'a file' : 'a device, pipe or socket'}, not a directory`, 2);
  }
  if (existing === null) {
    const parent = dirname(dir);
    const parentStat = await stat(parent).catch(() => null);
    const mayCreateParent = relative(process.cwd(), parent) === 'reports';
    if ((parentStat === null || !parentStat.isDirectory()) && !mayCreateParent) {
      throw new UserError(`output directory ${dir} cannot be created: its parent ${parent} does not exist`, 2);
    }
    try {
      // Not recursive unless needed: recursive mkdir can spin forever on pseudo file systems such as /proc.
      if (parentStat === null && mayCreateParent) await mkdir(parent);
      await mkdir(dir);
    } catch (e) {
      throw new UserError(`output directory ${dir} cannot be created: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 2);
    }
  }
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new UserError(`output directory ${dir} is not writable`, 2);
  }
}

/**
 * Writes a set into `dir` through a staging directory and swaps it in, unless `signal` was aborted first.
 * `write` gets the staging set and returns the staged paths it wrote; the final paths are returned.
 */
export async function writeOutputSet(dir: string, owned: OwnedNames, signal: AbortSignal | undefined, write: (set: StagedOutput) => Promise<string[]>): Promise<string[]> {
  let set: StagedOutput;
  try {
    set = await StagedOutput.open(dir);
  } catch (e) {
    throw writeError(e, dir);
  }
  try {
    const staged = await write(set);
    signal?.throwIfAborted();
    set.commit(owned);
    return staged.map((p) => set.finalPath(p));
  } catch (e) {
    // The write's own error is the one to report, not a failure to clean up after it.
    await set.discard().catch(() => {});
    throw writeError(e, dir);
  }
}

/**
 * Checks a single output file before any work: not a directory, not a device or pipe (as root, an
 * atomic rename would replace /dev/full itself), and not an existing file without `force`.
 */
export function checkOutputFile(path: string, force: boolean | undefined, label = path): void {
  let st;
  try {
    st = statSync(path);
  } catch {
    return;
  }
  if (st.isDirectory()) throw new UserError(`${label} is a directory; give a file name like ${path}/scenario.yaml`, 2);
  if (!st.isFile()) throw new UserError(`${label} is not a regular file (a device, pipe or socket): give the path of a file to write`, 2);
  if (!force) throw new UserError(`${path} already exists; use --force to overwrite it`, 2);
}

/** Writes one file atomically; file-system errors are exit 2 naming it. */
export async function writeOutputFile(path: string, data: string | Iterable<string>, signal?: AbortSignal, label = path): Promise<void> {
  try {
    await writeFileAtomic(path, data, signal);
  } catch (e) {
    throw writeError(e, label);
  }
}
