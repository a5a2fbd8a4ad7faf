/** Shared helpers for scenario tests: the minimal fixture, line edits, and collecting problems. */
import { readFileSync } from 'node:fs';
import { parseScenario, ScenarioError, type LoadedScenario, type ScenarioProblem } from '../../src/models/scenario/loader.js';

export const MINIMAL = readFileSync(new URL('./fixtures/minimal.yaml', import.meta.url), 'utf8');

/** The minimal fixture with 1-based line `n` replaced (or with extra lines appended). */
export function edit(replacements: Record<number, string>, append = ''): string {
  const lines = MINIMAL.split('\n');
  for (const [n, text] of Object.entries(replacements)) lines[Number(n) - 1] = text;
  return lines.join('\n') + append;
}

export function problemsOf(text: string): ScenarioProblem[] {
  try {
    parseScenario(text, 't.yaml');
  } catch (err) {
    if (err instanceof ScenarioError) return err.problems;
    throw err;
  }
  throw new Error('expected the scenario to be invalid');
}

export function load(text: string): LoadedScenario {
  return parseScenario(text, 't.yaml');
}

/** 1-based column of `needle` on 1-based line `line` of `text`. */
export function columnOf(text: string, line: number, needle: string): number {
  const col = text.split('\n')[line - 1].indexOf(needle);
  if (col < 0) throw new Error(`"${needle}" not on line ${line}`);
  return col + 1;
}

/** The minimal fixture with extra lines inserted after its last VM (line 24). */
export function withVms(...lines: string[]): string {
  const all = MINIMAL.split('\n');
  all.splice(24, 0, ...lines);
  return all.join('\n');
}
