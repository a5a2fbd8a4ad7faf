/**
 * withInterrupts (interrupt.ts) in process: SIGINT, SIGTERM and SIGHUP alike, each with 128 + its number;
 * a signal after the work is done still says so; a second signal removes staging directories and temp
 * files synchronously and exits at once. Signals come from a stand-in emitter: emitted on the process,
 * they would reach every other listener of the test runner's process too (signal-exit re-raises them).
 */
import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interrupted, withInterrupts } from '../../src/cli/interrupt.js';
import { UserError } from '../../src/cli/errors.js';
import { StagedOutput } from '../../src/report/output-set.js';

afterEach(() => { jest.restoreAllMocks(); });

/** Work that waits for its signal to abort, and rejects with the abort reason (as the trials do). */
const untilAborted = (signal: AbortSignal) => new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

describe('withInterrupts', () => {
  test.each([['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const)('%s aborts the work and ends with exit %i, nothing written', async (name, code) => {
    let reason: unknown;
    const signals = new EventEmitter();
    const run = withInterrupts((signal) => untilAborted(signal).catch((e: unknown) => { reason = e; throw e; }), signals);
    signals.emit(name, name);
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err).toMatchObject({ exitCode: code, message: `interrupted by ${name}: nothing was written` });
    expect(reason).toBeInstanceOf(Interrupted);
    expect(signals.listenerCount(name)).toBe(0);
  });

  test('a signal the work could not stop still ends with its exit code, saying the output is complete', async () => {
    const signals = new EventEmitter();
    const run = withInterrupts(async () => {
      signals.emit('SIGTERM', 'SIGTERM');
      return 'done';
    }, signals);
    await expect(run).rejects.toMatchObject({ exitCode: 143, message: expect.stringMatching(/too late to stop: the work was done and its output is complete/) });
  });

  test('without a signal the work\'s own result and errors pass through', async () => {
    await expect(withInterrupts(async () => 7)).resolves.toBe(7);
    await expect(withInterrupts(async () => { throw new UserError('bad input', 2); })).rejects.toMatchObject({ exitCode: 2, message: 'bad input' });
  });

  test('a second signal removes the staging directory at once and exits with the first signal\'s code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drsim-interrupt-'));
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let staged: StagedOutput | null = null;
    const signals = new EventEmitter();
    const run = withInterrupts(async (signal) => {
      staged = await StagedOutput.open(dir);
      // Work that ignores its signal (a long synchronous step, say): only the second signal ends it.
      signals.emit('SIGINT', 'SIGINT');
      expect(signal.aborted).toBe(true);
      signals.emit('SIGTERM', 'SIGTERM');
      return 'unreached in a real process';
    }, signals);
    await run.catch(() => {});
    expect(exit).toHaveBeenCalledWith(130);
    expect(existsSync(staged!.staging)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
