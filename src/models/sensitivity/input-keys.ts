/**
 * The inputs a sensitivity analysis varies (DOMAIN.md "Decisions need statistics": the inputs nobody knows
 * well), by the names the scenario language's `sensitivity:` block uses. What each one scales: inputs.ts.
 */
export const SENSITIVITY_INPUT_KEYS = [
  'siteDisasterRate', 'hostFailureRate', 'storageFailureRate', 'corruptionRate',
  'downtimeCost', 'dataLossCost', 'unrecoveredOutage',
  'changeRate', 'compressionRatio', 'declarationTime',
] as const;

export type SensitivityInputKey = (typeof SENSITIVITY_INPUT_KEYS)[number];

/** A range as multipliers of the scenario's own value (low ≤ 1 ≤ high). */
export interface SensitivityRange {
  low: number;
  high: number;
}

/** Without a stated range an input goes from half to one and a half times the scenario's value. */
export const DEFAULT_SENSITIVITY_RANGE: SensitivityRange = { low: 0.5, high: 1.5 };
