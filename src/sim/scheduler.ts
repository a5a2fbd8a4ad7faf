import type { Timer } from './timers.js';

export type EventCallback = () => void;
/** What a component needs from the simulation clock to schedule its own events. */
export interface Scheduler {
  readonly now: number;
  /** Schedules cb at absolute time `time` (>= now); returns a handle for cancel(). */
  at(time: number, cb: EventCallback): number;
  /** Schedules cb after `delay` seconds (>= 0). */
  after(delay: number, cb: EventCallback): number;
  /** Cancels a pending event; returns false if it already ran or was cancelled. */
  cancel(handle: number): boolean;
  /**
   * Time of the next pending event, or the end of the run in progress if sooner (Infinity when neither).
   * Optional: lets components run ahead safely, never past it.
   */
  peek?(): number;
  /**
   * Events scheduled so far (at, after, timer arms): it grows whenever anything is scheduled. Optional:
   * lets a component check that a callback which promised to schedule nothing kept its promise.
   */
  readonly scheduledCount?: number;
  /** A re-armable event (timers.ts): cancel + at(t) in one step, for an event whose time keeps moving. */
  timer(cb: EventCallback): Timer;
}

/** A misuse of the simulation kernel (bad time, double trigger, ...); the message says what was given. */
export class SimulationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SimulationError';
  }
}
