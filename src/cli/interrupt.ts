/**
 * Ctrl-C, `timeout`, Kubernetes and Slurm: SIGINT, SIGTERM and SIGHUP are handled alike while a command
 * works. The first signal aborts the command's AbortSignal: trials stop (their worker threads are
 * terminated, even with one worker), and output not yet swapped in is discarded (output-set.ts), so the
 * output directory keeps its previous set; the command then exits 128 + the signal's number (130 for
 * SIGINT, 143 for SIGTERM, 129 for SIGHUP), as a shell reports a process killed by it. A second signal
 * exits at once, after removing staging directories and temporary files synchronously.
 */
import { removePendingTempFilesSync } from '../report/atomic-write.js';
import { discardAllSync } from '../report/output-set.js';
import { UserError } from './errors.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type HandledSignal = (typeof SIGNALS)[number];
export const EXIT_CODES: Record<HandledSignal, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/** The abort reason: work stops because of a signal. */
export class Interrupted extends Error {
  constructor(readonly signalName: HandledSignal) {
    super(`interrupted by ${signalName}`);
    this.name = 'Interrupted';
  }
}

/** Where signals come from: the process, or a stand-in (tests emit on an EventEmitter, not on the process). */
export interface SignalSource {
  on(event: HandledSignal, listener: (name: HandledSignal) => void): unknown;
  removeListener(event: HandledSignal, listener: (name: HandledSignal) => void): unknown;
}

/**
 * Runs `work` with the signals handled. Interrupted, it ends with a UserError carrying the signal's exit
 * code: "nothing was written" when the work failed (it stops before swapping its output in), or, when
 * the signal came too late to stop it, that the output is complete.
 */
export async function withInterrupts<T>(work: (signal: AbortSignal) => Promise<T>, source: SignalSource = process): Promise<T> {
  const controller = new AbortController();
  let received: HandledSignal | null = null;
  const onSignal = (name: HandledSignal): void => {
    if (received !== null) {
      discardAllSync();
      removePendingTempFilesSync();
      process.stderr.write(`drsim: interrupted again by ${name}: stopped at once\n`);
      process.exit(EXIT_CODES[received]);
    }
    received = name;
    controller.abort(new Interrupted(name));
  };
  for (const s of SIGNALS) source.on(s, onSignal);
  let result: T;
  try {
    result = await work(controller.signal);
  } catch (err) {
    // Whatever stopped the work once a signal came (the abort itself, or a worker terminated under a
    // probe), nothing was swapped in: the swap is the last step and only runs when the work succeeded.
    if (received !== null) throw new UserError(`interrupted by ${received}: nothing was written`, EXIT_CODES[received]);
    throw err;
  } finally {
    for (const s of SIGNALS) source.removeListener(s, onSignal);
  }
  if (received !== null) throw new UserError(`interrupted by ${received} too late to stop: the work was done and its output is complete`, EXIT_CODES[received]);
  return result;
}
