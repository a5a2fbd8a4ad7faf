/**
 * Shared state of one resolution pass: problems and warnings (with YAML paths), and name → index
 * tables that report duplicates and undefined references naming both ends.
 */
import { suggestion } from '../did-you-mean.js';
import type { Locator, ScenarioProblem, YamlPath } from '../problems.js';
import { scenarioLimits, type ScenarioLimits } from '../limits.js';

export class NameTable {
  readonly index = new Map<string, number>();
  constructor(readonly kind: string, readonly section: string) {}
  get names(): string[] { return [...this.index.keys()]; }
}

export class ResolveContext {
  readonly problems: ScenarioProblem[] = [];
  readonly warnings: ScenarioProblem[] = [];
  /** Defaults the scenario relies on, in plain words (each once), for results.json `scenario.assumptions`. */
  readonly assumptions: string[] = [];

  constructor(readonly locator: Locator, readonly limits: ScenarioLimits = scenarioLimits()) {}

  error(path: YamlPath, message: string, atKey = false): void {
    this.problems.push(this.locator.problem(path, message, atKey));
  }

  warn(path: YamlPath, message: string): void {
    this.warnings.push(this.locator.problem(path, message));
  }

  assume(message: string): void {
    if (!this.assumptions.includes(message)) this.assumptions.push(message);
  }

  /** Builds a name table for a section, reporting duplicate names at the second occurrence. */
  table<T extends { name: string }>(kind: string, section: string, items: T[], pathOf: (i: number) => YamlPath = (i) => [section, i, 'name']): NameTable {
    const t = new NameTable(kind, section);
    items.forEach((item, i) => this.define(t, item.name, pathOf(i), `${section}[${i}]`));
    return t;
  }

  /** Where each table's names were defined, by table index (an array: 300,000 VMs make no second map). */
  private readonly definedAt = new Map<NameTable, string[]>();

  /** Adds one name; a duplicate is an error naming where the first one is. Returns false on duplicates. */
  define(t: NameTable, name: string, path: YamlPath, where: string): boolean {
    let defs = this.definedAt.get(t);
    if (!defs) this.definedAt.set(t, (defs = []));
    const first = t.index.get(name);
    if (first !== undefined) {
      this.error(path, `duplicate ${t.kind} name "${name}" (already defined at ${defs[first]})`);
      return false;
    }
    defs.push(where);
    t.index.set(name, t.index.size);
    return true;
  }

  /**
   * Resolves a reference; if undefined, reports it naming the referrer and the missing name, with a
   * suggestion. Returns -1 when unresolved.
   */
  ref(t: NameTable, name: string, path: YamlPath, referrer: string): number {
    const i = t.index.get(name);
    if (i !== undefined) return i;
    const known = t.names;
    const hint = known.length === 0 ? ` (no ${t.section} are defined)` : suggestion(name, known, `defined ${t.section}`);
    this.error(path, `${referrer} refers to ${t.kind} "${name}", which is not defined${hint}`);
    return -1;
  }
}

/** "a, b, c and 7 more" for messages about many VMs. */
export function listNames(names: string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
