/**
 * A recovery's per-unit steps for the Gantt chart, kept only when the timeline is recorded (the
 * representative trial): the runbook engine reports when each unit's host and data were ready, when it
 * became eligible, got its power-on slot, booted and restarted, and this turns that into steps.
 */
import type { RecoveryStep, VmRecovery } from '../failures/events.js';
import { filled } from './arrays.js';

/** A VM's steps when the timeline is not recorded: one shared, frozen empty list. */
export const NO_STEPS = Object.freeze([]) as unknown as VmRecovery['steps'];

export interface UnitStep {
  /** The member a boot/app step belongs to, -1 for steps all members share. */
  vm: number;
  step: RecoveryStep;
  startSeconds: number;
  endSeconds: number;
}

export class UnitTimeline {
  private readonly dataAt: number[];
  private readonly hostAt: number[];
  private readonly eligibleAt: number[];
  /** When a DR host failure sent the unit back to placement (NaN: never). */
  private readonly restartAt: number[];
  private readonly steps: UnitStep[][];

  constructor(units: number, private readonly declaredAtSeconds: number) {
    this.dataAt = filled(units, 0);
    this.hostAt = filled(units, 0);
    this.eligibleAt = filled(units, 0);
    this.restartAt = filled(units, NaN);
    this.steps = Array.from({ length: units }, () => []);
  }

  hostReadyAt(u: number, t: number): void {
    this.hostAt[u] = t;
  }

  dataReadyAt(u: number, t: number): void {
    this.dataAt[u] = t;
  }

  restarted(u: number, t: number): void {
    this.restartAt[u] = t;
  }

  /** The unit queues for a power-on slot at `now`: what it waited for until then (`restores`: its data was restored). */
  eligible(u: number, now: number, restores: boolean): void {
    this.eligibleAt[u] = now;
    const steps = this.steps[u];
    const decl = this.declaredAtSeconds;
    if (Number.isNaN(this.restartAt[u])) {
      if (this.hostAt[u] > decl) steps.push({ vm: -1, step: 'preemption', startSeconds: decl, endSeconds: this.hostAt[u] });
      if (restores) steps.push({ vm: -1, step: 'restore', startSeconds: decl, endSeconds: this.dataAt[u] });
      else if (this.dataAt[u] > decl) steps.push({ vm: -1, step: 'promote', startSeconds: decl, endSeconds: this.dataAt[u] });
      const ready = Math.max(decl, this.dataAt[u], this.hostAt[u]);
      if (now > ready) steps.push({ vm: -1, step: 'wait-dependencies', startSeconds: ready, endSeconds: now });
    } else if (now > this.restartAt[u]) {
      steps.push({ vm: -1, step: 'wait-capacity', startSeconds: this.restartAt[u], endSeconds: now });
    }
  }

  /** The unit's power-on starts at `endSeconds` (slot granted, or the operator done). */
  queued(u: number, endSeconds: number): void {
    this.steps[u].push({ vm: -1, step: 'power-on-queue', startSeconds: this.eligibleAt[u], endSeconds });
  }

  /** Member v boots from `start` for `bootSeconds`, then recovers its application for `appSeconds`. */
  boots(u: number, v: number, start: number, bootSeconds: number, appSeconds: number): void {
    const steps = this.steps[u];
    steps.push({ vm: v, step: 'boot', startSeconds: start, endSeconds: start + bootSeconds });
    if (appSeconds > 0) steps.push({ vm: v, step: 'app-recovery', startSeconds: start + bootSeconds, endSeconds: start + bootSeconds + appSeconds });
  }

  stepsOf(u: number): readonly UnitStep[] {
    return this.steps[u];
  }
}
