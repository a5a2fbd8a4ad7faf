/**
 * A report set appears whole or not at all. Every file of a new set is written into a hidden staging
 * directory inside the output directory (`.drsim-staging-<pid>-<random>`: the same file system, so
 * renames are atomic, even when the output directory is a mount point or the working directory, where
 * the directory itself could not be renamed). Nothing in the output directory changes until the set is
 * complete; then, synchronously — so no signal handler, timer or I/O callback runs in between — the old
 * set's files are renamed away, the new ones renamed in, and the old ones removed. Files drsim does not
 * own (other shards' partials, the user's notes) are left where they are.
 *
 * An interrupted or failed write removes its staging directory; a process killed outright (SIGKILL,
 * power loss) leaves one behind, which the next write into that directory removes.
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { REPORT_ENTRIES } from './index.js';

/** Which entries of the output directory belong to a kind of set (and are replaced by a new one). */
export type OwnedNames = (name: string) => boolean;

/** `drsim run` and `drsim merge`: results.json and the reports made from it. */
export const RESULTS_SET: OwnedNames = (name) => name === 'results.json' || REPORT_ENTRIES.includes(name);
/** `drsim report`: the reports (the results file it reads is the user's input, never replaced). */
export const REPORT_SET: OwnedNames = (name) => REPORT_ENTRIES.includes(name);
/** `drsim sweep`: sweep.csv, the sweep charts and its report.html. */
export const SWEEP_SET: OwnedNames = (name) => name === 'sweep.csv' || name === 'report.html' || /^sweep-[A-Za-z0-9_-]+\.(vl\.json|svg|png)$/.test(name);
/** `drsim sensitivity`: sensitivity.json, its CSVs, workbook, tornado and break-even charts and report.html. */
export const SENSITIVITY_SET: OwnedNames = (name) => ['sensitivity.json', 'sensitivity.csv', 'break-even.csv', 'sensitivity.xlsx', 'report.html'].includes(name) || /^(tornado|break-even)-[A-Za-z0-9_-]+\.(vl\.json|svg|png)$/.test(name);
/** `drsim size` and `drsim optimize`: their report.html (charts inlined). */
export const CAPACITY_PAGE_SET: OwnedNames = (name) => name === 'report.html';

const STAGING = /^\.drsim-(?:staging|old)-(\d+)-[a-z0-9]+$/;
/** Temporary files of single-file atomic writes (atomic-write.ts). */
const TEMP_FILE = /^\..+\.(\d+)\.[a-z0-9]+\.tmp$/;

const open = new Set<StagedOutput>();

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const suffix = (): string => `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;

/** Removes what dead drsim processes left in `dir` (staging directories, temporary files). */
export function removeLeftovers(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = STAGING.exec(name) ?? TEMP_FILE.exec(name);
    if (m !== null && !alive(Number(m[1]))) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

export class StagedOutput {
  private done = false;

  private constructor(readonly dir: string, readonly staging: string) {}

  /** Starts a new set for `dir` (which must exist). */
  static async open(dir: string): Promise<StagedOutput> {
    removeLeftovers(dir);
    const staging = join(dir, `.drsim-staging-${suffix()}`);
    await mkdir(staging);
    const set = new StagedOutput(dir, staging);
    open.add(set);
    return set;
  }

  /** The staging path of an entry of the set. */
  path(name: string): string {
    return join(this.staging, name);
  }

  /** The final path of a staged path. */
  finalPath(stagedPath: string): string {
    return stagedPath.startsWith(this.staging) ? join(this.dir, stagedPath.slice(this.staging.length + 1)) : stagedPath;
  }

  /**
   * Swaps the staged set in, synchronously: the owned entries of the old set go to a trash directory,
   * the staged entries are renamed into place, and the trash is removed.
   */
  commit(owned: OwnedNames): void {
    if (this.done) throw new Error('output set already committed or discarded');
    const trash = join(this.dir, `.drsim-old-${suffix()}`);
    mkdirSync(trash);
    const incoming = readdirSync(this.staging);
    const movedAway: string[] = [];
    const movedIn: string[] = [];
    try {
      for (const name of readdirSync(this.dir)) {
        if (!owned(name) && !incoming.includes(name)) continue;
        renameSync(join(this.dir, name), join(trash, name));
        movedAway.push(name);
      }
      for (const name of incoming) {
        renameSync(join(this.staging, name), join(this.dir, name));
        movedIn.push(name);
      }
    } catch (e) {
      // Put the old set back (a rename that failed once, say on a read-only remount, may fail again: best effort).
      for (const name of movedIn) renameSync(join(this.dir, name), join(this.staging, name));
      for (const name of movedAway) renameSync(join(trash, name), join(this.dir, name));
      rmSync(trash, { recursive: true, force: true });
      throw e;
    }
    rmSync(this.staging, { recursive: true, force: true });
    rmSync(trash, { recursive: true, force: true });
    this.done = true;
    open.delete(this);
  }

  /** Removes the staging directory: the output directory is as it was. */
  async discard(): Promise<void> {
    if (this.done) return;
    this.done = true;
    open.delete(this);
    await rm(this.staging, { recursive: true, force: true });
  }

  discardSync(): void {
    if (this.done) return;
    this.done = true;
    open.delete(this);
    rmSync(this.staging, { recursive: true, force: true });
  }
}

/** For a forced exit (a second Ctrl-C): removes every open staging directory now. */
export function discardAllSync(): void {
  for (const set of [...open]) set.discardSync();
}
