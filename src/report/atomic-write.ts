/**
 * Atomic file output: each file is written to a temporary name in the same directory and renamed
 * into place, so a reader (or an interrupted run) never sees a half-written report file.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempNameFor(path);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Runs `write(tmp)` to produce the file at a temporary name, then renames it to `path` (for writers that want a file name). */
export async function withTempFile(path: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = tempNameFor(path);
  try {
    await write(tmp);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Streams `source` through `transform` into `path` atomically (for outputs too large to build as one string). */
export async function writeStreamAtomic(path: string, source: Readable, transform: Transform): Promise<void> {
  const tmp = tempNameFor(path);
  try {
    await pipeline(source, transform, createWriteStream(tmp));
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
