/**
 * Chunks of trial records arrive from the workers in any order; aggregation must take them in trial order
 * (its sums are order-sensitive). The feed keeps the chunks that arrive early and hands records on in order,
 * a few at a time between other work (setImmediate): the main thread then aggregates while the workers run
 * trials, and still answers them promptly (a worker waits for its next task while this thread is busy).
 */
import type { TrialRecord } from './trial.js';

/** How long one turn of feeding may keep the thread, in ms (a trial of 10,000 VMs aggregates in ~20 ms). */
const TURN_MS = 5;

export class InOrderFeed {
  private readonly waiting = new Map<number, TrialRecord[]>();
  private next = 0;
  private readonly ready: (TrialRecord | undefined)[] = [];
  private readyAt = 0;
  private scheduled = false;
  private failure: unknown = null;
  private whenDrained: (() => void) | null = null;

  constructor(private readonly consume: (record: TrialRecord) => void) {}

  /** The chunk whose first record is the `position`-th of the run (positions count records from 0). */
  put(position: number, records: TrialRecord[]): void {
    this.waiting.set(position, records);
    for (let chunk = this.waiting.get(this.next); chunk !== undefined; chunk = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.next += chunk.length;
      for (const r of chunk) this.ready.push(r);
    }
    this.schedule();
  }

  /** Resolves once every record put so far has been consumed; rejects with the consumer's error. */
  drained(): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.failure !== null) reject(this.failure);
        else if (this.readyAt === this.ready.length && !this.scheduled) resolve();
        else this.whenDrained = check;
      };
      check();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.readyAt === this.ready.length || this.failure !== null) return;
    this.scheduled = true;
    setImmediate(() => this.turn());
  }

  private turn(): void {
    this.scheduled = false;
    const until = performance.now() + TURN_MS;
    try {
      while (this.readyAt < this.ready.length && performance.now() < until) {
        const r = this.ready[this.readyAt]!;
        this.ready[this.readyAt++] = undefined; // the caller keeps its own reference
        this.consume(r);
      }
    } catch (err) {
      this.failure = err;
    }
    this.schedule();
    const waiter = this.whenDrained;
    this.whenDrained = null;
    waiter?.();
  }
}
