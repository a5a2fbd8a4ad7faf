/**
 * Generator processes (SimPy style): a process yields events and is resumed with each event's
 * value (or has its error thrown in). A Process is itself an event that succeeds with the
 * generator's return value, or fails with what the generator threw. Never async/await: plain
 * generators are ~100× cheaper.
 */
import { SimEvent, type EventListener } from './events.js';
import { SimulationError } from './scheduler.js';
import type { Simulation } from './simulation.js';

/** What a process body is: yields events, receives their values, returns R. */
export type ProcessGenerator<R = unknown> = Generator<SimEvent<any>, R, any>;

/** Thrown into a process by Process.interrupt(cause); `cause` says why. */
export class Interrupt extends Error {
  constructor(cause?: unknown) {
    super(`process interrupted${cause === undefined ? '' : `: ${describe(cause)}`}`, { cause });
    this.name = 'Interrupt';
  }
}

export class Process<R = unknown> extends SimEvent<R> {
  private readonly gen: ProcessGenerator<R>;
  /** The event the process waits on, null while running or finished. */
  private target: SimEvent<any> | null = null;
  private started = false;
  /** One bound listener per process, reused for every yield. */
  private readonly resumeCb: EventListener;

  constructor(sim: Simulation, gen: ProcessGenerator<R>) {
    super(sim);
    if (gen === null || typeof gen !== 'object' || typeof gen.next !== 'function') {
      throw new SimulationError('sim.process() needs a generator or a generator function');
    }
    this.gen = gen;
    this.resumeCb = (ev) => this.resume(ev.ok, ev.value, ev);
    // The first firing of this object starts the generator; the second processes its completion.
    sim._enqueueNow(this);
  }

  /** True until the generator returned or threw. */
  get isAlive(): boolean {
    return this._state === 0;
  }

  /**
   * Throws an Interrupt(cause) into the process at its current yield, at the current time (after
   * events already due). The process stops waiting on that event; it may catch the Interrupt and go
   * on. A resource request it was waiting on stays queued unless it cancels or releases it.
   */
  interrupt(cause?: unknown): void {
    if (this._state !== 0) throw new SimulationError(`cannot interrupt a process that has finished (now is ${this.sim.now})`);
    if (this.sim.activeProcess === this) throw new SimulationError('a process cannot interrupt itself');
    this.sim.after(0, () => {
      if (this._state !== 0) return; // finished meanwhile: nothing to interrupt
      const target = this.target;
      if (target !== null) target.removeCallback(this.resumeCb);
      this.started = true;
      this.resume(false, new Interrupt(cause), null);
    });
  }

  override _fire(): void {
    if (!this.started) {
      this.started = true;
      this.resume(true, undefined, null);
    } else {
      super._fire();
    }
  }

  /** Runs the generator until it yields a pending event, returns, or throws. */
  private resume(ok: boolean, value: unknown, from: SimEvent<any> | null): void {
    this.target = null;
    if (from !== null && !ok) from.defused = true;
    const sim = this.sim;
    const gen = this.gen;
    const outer = sim.activeProcess;
    sim.activeProcess = this;
    for (;;) {
      let step: IteratorResult<SimEvent<any>, R>;
      try {
        step = ok ? gen.next(value) : gen.throw(value);
      } catch (error) {
        sim.activeProcess = outer;
        this.finish(false, error);
        return;
      }
      if (step.done === true) {
        sim.activeProcess = outer;
        this.finish(true, step.value);
        return;
      }
      const next = step.value;
      if (next instanceof SimEvent && next.sim === sim) {
        const cbs = next.callbacks;
        if (cbs !== null) {
          cbs.push(this.resumeCb);
          this.target = next;
          sim.activeProcess = outer;
          return;
        }
        // Already processed: continue at once with its outcome.
        ok = next.ok;
        value = next.value;
        if (!ok) next.defused = true;
      } else {
        ok = false;
        value = new SimulationError(`a process must yield events of its own simulation; it yielded ${describe(next)}`);
      }
    }
  }

  private finish(ok: boolean, value: unknown): void {
    if (ok) this.succeed(value as R);
    else this.fail(value);
  }
}

function describe(x: unknown): string {
  if (x instanceof Error) return x.message;
  if (typeof x === 'object' && x !== null) return x.constructor?.name ?? 'an object';
  return String(x);
}
