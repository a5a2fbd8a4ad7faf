/**
 * Problems found in a scenario file, each pinned to a line and column. Paths are the YAML paths
 * (`vms[3].ram`), located through the yaml package's node ranges and LineCounter; a path whose
 * key is missing points at its nearest existing ancestor.
 */
import { escapeControlChars } from './control-chars.js';
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type YamlPath = (string | number)[];

export interface ScenarioProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted YAML path, e.g. `vms[3].ram`; empty for the whole file. */
  path: string;
  message: string;
}

/** Thrown by loadScenario when a file has problems; `problems` lists all of them, in file order. */
export class ScenarioError extends Error {
  constructor(readonly file: string, readonly problems: ScenarioProblem[]) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'ScenarioError';
  }
}

export function formatPath(path: YamlPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** `FILE:LINE:COL: path.to.field: message` (the form editors and CI logs link to). */
export function formatProblem(p: ScenarioProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  // One line per problem, whatever the file held: control characters from the input are escaped.
  return escapeControlChars(`${where}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
}

export function sortProblems(problems: ScenarioProblem[]): ScenarioProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Maps YAML paths to line/column in one parsed document. */
export class Locator {
  constructor(readonly file: string, private readonly doc: Document | null, private readonly lines: LineCounter | null) {}

  position(offset: number): { line: number; column: number } {
    if (!this.lines) return { line: 1, column: 1 };
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /** Position of the node at `path`; with `atKey`, of the mapping key itself (for unknown keys). */
  locate(path: YamlPath, atKey = false): { line: number; column: number } {
    if (!this.doc) return { line: 1, column: 1 };
    let node: unknown = this.doc.contents;
    let best: Node | null = (node as Node | null) ?? null;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      if (isAlias(node)) node = node.resolve(this.doc);
      let next: unknown = undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
        if (!pair) break;
        const last = i === path.length - 1;
        if ((last && atKey) || pair.value === null || pair.value === undefined) {
          best = (pair.key as Node) ?? best;
          if (last && atKey) break;
          if (pair.value === null || pair.value === undefined) break;
        }
        next = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        next = node.items[seg];
      }
      if (next === undefined || next === null) break;
      node = next;
      best = next as Node;
    }
    const range = best?.range;
    return this.position(range ? range[0] : 0);
  }

  problem(path: YamlPath, message: string, atKey = false): ScenarioProblem {
    return { file: this.file, ...this.locate(path, atKey), path: formatPath(path), message };
  }
}
