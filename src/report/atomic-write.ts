/**
 * Atomic file output: each file is written to a temporary name in the same directory and renamed
 * into place, so a reader (or an interrupted run) never sees a half-written file. Whole report sets go
 * through output-set.ts; this is for single files (a partial result, a scenario from `drsim import`) and
 * the files of a set inside its staging directory.
 */
import { createWriteStream, rmSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Temporary files being written now: a forced exit removes them (removePendingTempFilesSync). */
const pending = new Set<string>();

function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
}

/**
 * Runs `write(tmp)` to produce the file at a temporary name, then renames it to `path` (for writers that
 * want a file name); with `signal` aborted before the rename, `path` is left as it was.
 */
export async function withTempFile(path: string, write: (tmp: string) => Promise<void>, signal?: AbortSignal): Promise<void> {
  const tmp = tempNameFor(path);
  pending.add(tmp);
  try {
    await write(tmp);
    signal?.throwIfAborted();
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    pending.delete(tmp);
  }
}

export async function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string>, signal?: AbortSignal): Promise<void> {
  await withTempFile(path, (tmp) => writeFile(tmp, data), signal);
}

/** Streams `source` through `transform` into `path` atomically (for outputs too large to build as one string). */
export async function writeStreamAtomic(path: string, source: Readable, transform: Transform, signal?: AbortSignal): Promise<void> {
  await withTempFile(path, (tmp) => pipeline(source, transform, createWriteStream(tmp)), signal);
}

/** For a forced exit (a second Ctrl-C): removes the temporary files of writes still under way. */
export function removePendingTempFilesSync(): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  pending.clear();
}
