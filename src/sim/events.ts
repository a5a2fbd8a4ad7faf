/**
 * Event objects (SimPy style): an event is pending, then triggered (scheduled on the queue with a
 * value or an error), then processed (its callbacks ran). Processes wait by adding a callback.
 * Kept as plain objects with one callbacks array so the hot path allocates little.
 */
import { SimulationError } from './scheduler.js';
import type { Simulation } from './simulation.js';

/** Listeners take SimEvent<any> so that SimEvent<T> stays covariant in T (a SimEvent<number> is a SimEvent<unknown>). */
export type EventListener = (event: SimEvent<any>) => void;

const PENDING = 0;
const TRIGGERED = 1;
const PROCESSED = 2;

export class SimEvent<T = unknown> {
  readonly sim: Simulation;
  /** Callbacks run when the event is processed; null once processed. */
  callbacks: EventListener[] | null = [];
  /** false when the event failed; `value` then holds the error. */
  ok = true;
  value: T = undefined as T;
  /** Set when someone handled this event's failure; an unhandled failure aborts the run. */
  defused = false;
  /** @internal 0 pending, 1 triggered, 2 processed. */
  _state = PENDING;

  constructor(sim: Simulation) {
    this.sim = sim;
  }

  /** @internal A timeout: triggered at creation, processed after `delay`. */
  static _timeout<T>(sim: Simulation, delay: number, value: T): SimEvent<T> {
    const ev = new SimEvent<T>(sim);
    sim._enqueueAfter(delay, ev);
    ev.value = value;
    ev._state = TRIGGERED;
    return ev;
  }

  /** True once succeed/fail was called (or the timeout was created). */
  get triggered(): boolean {
    return this._state !== PENDING;
  }

  /** True once the callbacks ran. */
  get processed(): boolean {
    return this._state === PROCESSED;
  }

  /** Triggers the event with a value; its callbacks run at the current time, after events already due. */
  succeed(value?: T): this {
    this.trigger(true, value as T);
    return this;
  }

  /** Triggers the event with an error, which is thrown into every process waiting on it. */
  fail(error: unknown): this {
    this.trigger(false, error as T);
    return this;
  }

  /** Adds a callback to run when the event is processed. */
  addCallback(cb: EventListener): void {
    if (this.callbacks === null) throw new SimulationError('addCallback: the event was already processed');
    this.callbacks.push(cb);
  }

  /** Removes a callback; false if it was not registered (or the event was processed). */
  removeCallback(cb: EventListener): boolean {
    const cbs = this.callbacks;
    if (cbs === null) return false;
    const i = cbs.indexOf(cb);
    if (i < 0) return false;
    cbs.splice(i, 1);
    return true;
  }

  /** @internal Called by the simulation when the event's time comes. */
  _fire(): void {
    this._state = PROCESSED;
    const cbs = this.callbacks as EventListener[];
    this.callbacks = null;
    for (let i = 0; i < cbs.length; i++) cbs[i](this);
    if (!this.ok && !this.defused) throw this.value;
  }

  protected trigger(ok: boolean, value: T): void {
    if (this._state !== PENDING) {
      throw new SimulationError(`cannot ${ok ? 'succeed' : 'fail'} an event that was already triggered (now is ${this.sim.now})`);
    }
    this.ok = ok;
    this.value = value;
    this._state = TRIGGERED;
    this.sim._enqueueNow(this);
  }
}

/**
 * allOf / anyOf: triggers when all (or any) of its events succeeded; fails as soon as one of them
 * fails (the failure counts as handled). allOf's value is the values in input order; anyOf's is a
 * Map from each event processed by then to its value, in input order.
 */
export class Condition extends SimEvent<unknown> {
  private readonly events: readonly SimEvent<any>[];
  private readonly needAll: boolean;
  private succeeded = 0;

  constructor(sim: Simulation, events: readonly SimEvent<any>[], needAll: boolean) {
    super(sim);
    this.events = events.slice();
    this.needAll = needAll;
    if (this.events.length === 0) {
      this.succeed(needAll ? [] : new Map());
      return;
    }
    const check: EventListener = (ev) => this.check(ev);
    for (const ev of this.events) {
      if (!(ev instanceof SimEvent) || ev.sim !== sim) {
        throw new SimulationError('allOf/anyOf: every entry must be an event of the same simulation');
      }
      if (ev.callbacks === null) this.check(ev);
      else ev.callbacks.push(check);
    }
  }

  private check(ev: SimEvent<any>): void {
    if (this._state !== PENDING) return;
    if (!ev.ok) {
      ev.defused = true;
      this.fail(ev.value);
      return;
    }
    this.succeeded++;
    if (this.needAll) {
      if (this.succeeded === this.events.length) this.succeed(this.events.map((e) => e.value));
    } else {
      const values = new Map<SimEvent<any>, unknown>();
      for (const e of this.events) if (e.processed && e.ok) values.set(e, e.value);
      this.succeed(values);
    }
  }
}
