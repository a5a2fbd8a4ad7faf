/**
 * `--set PATH=V1,V2,...`: change values of a scenario *file* and re-run the loader, so units, defaults
 * and validation behave exactly as if the user had edited the YAML ("1 Gbit/s", "15 min").
 *
 * PATH names a value by keys and list elements: `links.wan.bandwidth`, `hosts[dr-hosts].count`,
 * `hosts.3.count`, `strategies.async-15min.protect[0].methods[0].interval`, `tiers[tier=1].rpo`.
 * A list element is addressed by index, by its `name` / `template` / `model` value, or by `key=value`;
 * quote a name that contains dots or brackets: `vms["db.prod"].ram`. An unknown path is an error that
 * names the closest existing path. A missing last key is created (e.g. a default the file leaves out)
 * unless it looks like a typo of an existing key; the loader then validates it like any other key.
 *
 * Values are YAML (`4` is a number, `15 min` a string, `{ orchestrated: { maxParallelPowerOns: 10 } }` a
 * mapping). A list of values is split on commas, or on `;` when the list contains one — write
 * `"$2,400;$3,000"` or quote a value (`'"$2,400",$3,000'`) when a value has a comma of its own.
 *
 * Edits are spliced into the original text where possible (scalars and flow collections), so problems
 * the loader reports keep the file's own line numbers.
 */
import { readFileSync } from 'node:fs';
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, parse, parseDocument, type Document, type Node } from 'yaml';
import { closest } from '../models/scenario/did-you-mean.js';
import { parseScenario, type LoadedScenario, type LoadOptions } from '../models/scenario/loader.js';

export class OverrideError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OverrideError';
  }
}

export interface SetOption {
  path: string;
  values: string[];
}

export interface Assignment {
  path: string;
  value: string;
}

interface Segment {
  text: string;
  /** Written in brackets with quotes: always a name, never an index or key=value. */
  quoted: boolean;
}

/** `PATH=V1,V2` → path and value texts. */
export function parseSetOption(spec: string): SetOption {
  const eq = findTopLevel(spec, '=');
  if (eq <= 0) throw new OverrideError(`--set expects PATH=VALUE[,VALUE...] (e.g. links.wan.bandwidth=100 Mbit/s,1 Gbit/s), got "${spec}"`);
  const path = spec.slice(0, eq).trim();
  parsePath(path);
  const values = splitValues(spec.slice(eq + 1));
  if (values.length === 0) throw new OverrideError(`--set ${path}: no value after "="`);
  return { path, values };
}

/** Splits a value list on `;` if there is one at the top level, else on commas (never inside quotes or brackets). */
export function splitValues(text: string): string[] {
  const sep = findTopLevel(text, ';') >= 0 ? ';' : ',';
  const parts: string[] = [];
  let rest = text;
  for (;;) {
    const at = findTopLevel(rest, sep);
    if (at < 0) { parts.push(rest); break; }
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  const values = parts.map((p) => p.trim());
  if (values.some((v) => v === '') && values.length > 1) throw new OverrideError(`empty value in the list "${text}" (values are separated by "${sep}")`);
  return values.filter((v) => v !== '');
}

/** Index of `ch` outside quotes, brackets and braces; -1 if none. For `=` in a path, brackets are skipped too. */
function findTopLevel(text: string, ch: string): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== null) { if (c === quote) quote = null; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === ch && depth === 0) return i;
  }
  return -1;
}

/** `a.b[c].d[0]` → segments. */
export function parsePath(path: string): Segment[] {
  const segments: Segment[] = [];
  const bad = (why: string) => new OverrideError(`bad --set path "${path}": ${why} (e.g. links.wan.bandwidth or hosts[dr-hosts].count)`);
  let i = 0;
  let expectKey = true;
  while (i < path.length) {
    const c = path[i];
    if (c === '[') {
      const end = closingBracket(path, i);
      if (end < 0) throw bad('an unclosed "["');
      let inner = path.slice(i + 1, end).trim();
      const quoted = /^(["']).*\1$/.test(inner);
      if (quoted) inner = inner.slice(1, -1);
      if (inner === '') throw bad('empty brackets');
      segments.push({ text: inner, quoted });
      i = end + 1;
      expectKey = false;
    } else if (c === '.') {
      if (expectKey) throw bad('an empty name');
      i++;
      expectKey = true;
    } else {
      if (!expectKey) throw bad(`"." or "[" expected before "${path.slice(i)}"`);
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      segments.push({ text: path.slice(i, j).trim(), quoted: false });
      i = j;
      expectKey = false;
    }
  }
  if (segments.length === 0 || expectKey) throw bad('it is empty or ends with "."');
  return segments;
}

function closingBracket(path: string, open: number): number {
  let quote: string | null = null;
  for (let i = open + 1; i < path.length; i++) {
    const c = path[i];
    if (quote !== null) { if (c === quote) quote = null; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === ']') return i;
  }
  return -1;
}

/** A path resolved against the document: concrete keys and indices, and the node there (null: key to create). */
export interface ResolvedPath {
  path: string;
  keys: (string | number)[];
  node: Node | null;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function showKey(key: string): string {
  return /^[\w$-]+$/.test(key) ? key : `[${JSON.stringify(key)}]`;
}

/** Path pieces → `a.b[0].c`. */
function joinShown(pieces: string[]): string {
  return pieces.map((p, i) => (i > 0 && !p.startsWith('[') ? `.${p}` : p)).join('');
}

/** The `name`, `template` or `model` of a list element: how people refer to it. */
function elementNames(item: unknown): string[] {
  if (!isMap(item)) return [];
  const out: string[] = [];
  for (const field of ['name', 'template', 'model']) {
    const v = item.get(field, true);
    if (isScalar(v) && v.value !== null) out.push(String(v.value));
  }
  return out;
}

/** A scenario file's YAML, ready to take overrides. */
export class ScenarioDocument {
  private readonly doc: Document;

  /** `options` (the command's --seed, --allow-large) apply to every load of this document, before resolution. */
  constructor(readonly text: string, readonly file: string, readonly options: LoadOptions = {}) {
    this.doc = parseDocument(text, { keepSourceTokens: false, merge: true });
    if (this.doc.errors.length > 0 || !isMap(this.doc.contents)) {
      // The loader gives the precise problems; callers load the file first, so this is a last resort.
      throw new OverrideError(`${file}: not a valid scenario file (run \`drsim validate ${file}\`)`);
    }
  }

  /** The same document loading with a given seed (when the caller's seed is set and differs). */
  withSeed(seed: number | undefined): ScenarioDocument {
    return seed === undefined || seed === this.options.seed ? this : new ScenarioDocument(this.text, this.file, { ...this.options, seed });
  }

  static fromFile(path: string, options: LoadOptions = {}): ScenarioDocument {
    return new ScenarioDocument(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), path, options);
  }

  /** Resolves PATH; throws OverrideError naming the closest existing path when it does not exist. */
  resolve(path: string): ResolvedPath {
    const segments = parsePath(path);
    const keys: (string | number)[] = [];
    // The path as the user addresses it (names, not indices), for messages.
    const shown: string[] = [];
    const here = () => (shown.length === 0 ? 'the top level' : joinShown(shown));
    let node: unknown = this.doc.contents;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i];
      const last = i === segments.length - 1;
      if (isAlias(node)) throw new OverrideError(`--set ${path}: ${here()} is a YAML alias (*${node.source}); change the anchored value instead`);
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === seg.text);
        if (pair === undefined) {
          const existing = node.items.filter(isPair).map((p) => keyText(p.key)).filter((k) => k !== '<<');
          const near = closest(seg.text, existing);
          if (last && near === null) return { path, keys: [...keys, seg.text], node: null };
          throw new OverrideError(`--set ${path}: ${here()} has no "${seg.text}"${this.closestHint(shown, near, segments.slice(i + 1), existing)}`);
        }
        keys.push(keyText(pair.key));
        shown.push(showKey(keyText(pair.key)));
        node = pair.value;
      } else if (isSeq(node)) {
        const index = this.elementIndex(node.items, seg, path, shown, segments.slice(i + 1));
        keys.push(index);
        shown.push(!seg.quoted && /^\d+$/.test(seg.text) ? `[${index}]` : seg.quoted || !/^[\w$-]+$/.test(seg.text) ? `[${seg.quoted ? JSON.stringify(seg.text) : seg.text}]` : seg.text);
        node = node.items[index];
      } else {
        const value = isScalar(node) ? ` (${JSON.stringify(node.value)})` : '';
        throw new OverrideError(`--set ${path}: ${here()} is a single value${value}; it has no "${seg.text}"`);
      }
    }
    if (isAlias(node)) throw new OverrideError(`--set ${path}: ${here()} is a YAML alias (*${node.source}); change the anchored value instead`);
    return { path, keys, node: (node as Node | null) ?? null };
  }

  private elementIndex(items: unknown[], seg: Segment, path: string, shown: string[], rest: Segment[]): number {
    const here = joinShown(shown);
    if (!seg.quoted && /^\d+$/.test(seg.text)) {
      const index = Number(seg.text);
      if (index >= items.length) throw new OverrideError(`--set ${path}: ${here} has ${items.length} element${items.length === 1 ? '' : 's'} (indices 0–${items.length - 1}); there is no [${index}]`);
      return index;
    }
    const eq = seg.quoted ? -1 : seg.text.indexOf('=');
    const matches: number[] = [];
    if (eq > 0) {
      const field = seg.text.slice(0, eq).trim();
      const want = seg.text.slice(eq + 1).trim();
      items.forEach((item, k) => {
        const v = isMap(item) ? item.get(field, true) : undefined;
        if (isScalar(v) && String(v.value) === want) matches.push(k);
      });
    } else {
      items.forEach((item, k) => { if (elementNames(item).includes(seg.text)) matches.push(k); });
    }
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) {
      throw new OverrideError(`--set ${path}: "${seg.text}" matches ${matches.length} elements of ${here} (${matches.map((k) => `${here}[${k}]`).join(', ')}); use an index or key=value`);
    }
    const field = eq > 0 ? seg.text.slice(0, eq).trim() : '';
    const names = eq > 0
      ? items.flatMap((item) => { const v = isMap(item) ? item.get(field, true) : undefined; return isScalar(v) ? [`${field}=${String(v.value)}`] : []; })
      : items.flatMap((item) => elementNames(item).slice(0, 1));
    const near = eq > 0 ? null : closest(seg.text, names);
    throw new OverrideError(`--set ${path}: ${here} has no element ${eq > 0 ? `with ${seg.text}` : `named "${seg.text}"`}${this.closestHint(shown, near, rest, names)}`);
  }

  /** " (closest existing path: a.b.c)" — the near name with the rest of the path if that exists — or the names there. */
  private closestHint(shown: string[], near: string | null, rest: Segment[], existing: string[]): string {
    if (near === null) return existing.length > 0 ? ` (existing: ${existing.slice(0, 15).join(', ')}${existing.length > 15 ? ', …' : ''})` : '';
    const prefix = joinShown([...shown, showKey(near)]);
    const full = rest.length > 0 ? `${prefix}.${rest.map((s) => (s.quoted ? `["${s.text}"]` : s.text)).join('.')}` : prefix;
    if (rest.length > 0) {
      try {
        const r = this.resolve(full);
        if (r.node !== null) return ` (closest existing path: ${full})`;
      } catch { /* fall back to the prefix */ }
    }
    return ` (closest existing path: ${prefix})`;
  }

  /** The value at PATH as plain data (undefined for a key that does not exist yet). */
  valueAt(path: string): unknown {
    const r = this.resolve(path);
    if (r.node === null) return undefined;
    return (r.node as { toJSON?: () => unknown }).toJSON?.() ?? (isScalar(r.node) ? r.node.value : undefined);
  }

  /** The whole document as plain data, after the assignments (aliases and merge keys expanded). */
  dataWith(assignments: Assignment[]): Record<string, unknown> {
    const doc = assignments.length === 0 ? this.doc : parseDocument(this.textWith(assignments), { merge: true });
    return doc.toJS({ maxAliasCount: 1000 }) as Record<string, unknown>;
  }

  /** The scenario text with the assignments applied. */
  textWith(assignments: Assignment[]): string {
    const edits = assignments.map((a) => ({ resolved: this.resolve(a.path), value: parseValue(a.path, a.value) }));
    for (let i = 0; i < edits.length; i++) for (let j = 0; j < edits.length; j++) {
      const a = edits[i].resolved.keys;
      const b = edits[j].resolved.keys;
      if (i !== j && a.length <= b.length && a.every((k, n) => k === b[n])) {
        throw new OverrideError(`--set ${edits[i].resolved.path} and --set ${edits[j].resolved.path} change the same value`);
      }
    }
    const spliceable = edits.every(({ resolved: { node } }) => node !== null && node.range != null && !node.anchor && (isScalar(node) || (isCollection(node) && node.flow === true)));
    if (spliceable) {
      // Splice from the end so earlier offsets stay valid; every other line keeps its number.
      let text = this.text;
      const sorted = [...edits].sort((x, y) => y.resolved.node!.range![0] - x.resolved.node!.range![0]);
      for (const { resolved, value } of sorted) {
        const [start, end] = resolved.node!.range!;
        text = text.slice(0, start) + JSON.stringify(value) + text.slice(end);
      }
      return text;
    }
    const doc = this.doc.clone();
    for (const { resolved, value } of edits) doc.setIn(resolved.keys, doc.createNode(value));
    return doc.toString({ lineWidth: 0 });
  }

  /** Applies the assignments and loads the result; ScenarioError (from the loader) if the values are invalid. */
  load(assignments: Assignment[]): LoadedScenario {
    const label = assignments.length === 0 ? this.file : `${this.file} (with ${assignments.map((a) => `${a.path}=${a.value}`).join(', ')})`;
    return parseScenario(this.textWith(assignments), label, this.options);
  }
}

/** A value as YAML: `4` → 4, `1 Gbit/s` → "1 Gbit/s", `{ a: 1 }` → { a: 1 }. */
function parseValue(path: string, text: string): unknown {
  try {
    const v: unknown = parse(text);
    if (v === null || v === undefined) throw new OverrideError(`--set ${path}: empty value`);
    return v;
  } catch (err) {
    if (err instanceof OverrideError) throw err;
    throw new OverrideError(`--set ${path}=${text}: not a valid YAML value (${(err as Error).message.split('\n')[0]}); quote it`);
  }
}

/** Every combination of the options' values (the first option varies slowest), as assignment lists. */
export function grid(options: SetOption[]): Assignment[][] {
  let points: Assignment[][] = [[]];
  for (const o of options) points = points.flatMap((p) => o.values.map((value) => [...p, { path: o.path, value }]));
  return points;
}
