/**
 * Scenario file → normalized Scenario. Steps: guard the file (exists, a file, ≤ 20 MB, text),
 * YAML parseDocument with a LineCounter (syntax errors, duplicate keys, alias bombs), zod schema
 * (shape and units), resolution (references, defaults, templates, cycles), warnings. Collects every
 * problem of a step with its line and column; throws ScenarioError if there is any.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, type Document } from 'yaml';
import type { Scenario } from './model.js';
import { buildScenarioSchema, type ScenarioSchema } from './schema.js';
import { issuesToProblems } from './issues.js';
import { Locator, ScenarioError, sortProblems, type ScenarioProblem } from './problems.js';
import { ResolveContext } from './resolvers/context.js';
import { resolveScenario } from './resolve.js';
import { scenarioLimits } from './limits.js';

export { ScenarioError, formatProblem, type ScenarioProblem } from './problems.js';

/** Files above this are refused before parsing: a hand-written scenario is kilobytes; 10,000 VMs fit in templates. */
export const MAX_SCENARIO_BYTES = 20 * 1024 * 1024;
/** Alias expansions allowed when building the data (the yaml package's guard against "billion laughs"). */
export const MAX_ALIAS_COUNT = 1000;

/**
 * Settings given outside the file (command-line flags). The seed is applied before resolution, so it
 * governs every random draw — template jitter included — exactly as if the file said it.
 */
export interface LoadOptions {
  seed?: number;
  /** Raise the limits on expanded VMs and hosts (limits.ts) to what memory can hold. */
  allowLarge?: boolean;
}

export interface LoadedScenario {
  scenario: Scenario;
  /** Problems that do not stop a run (e.g. an RPO target no strategy can meet). */
  warnings: ScenarioProblem[];
}

function fileProblem(file: string, message: string): ScenarioError {
  return new ScenarioError(file, [{ file, line: 0, column: 0, path: '', message }]);
}

/** Reads and validates a scenario file. Throws ScenarioError listing every problem. */
export function loadScenario(path: string, options: LoadOptions = {}): LoadedScenario {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw fileProblem(path, 'is a directory, not a scenario file');
    if (!st.isFile()) throw fileProblem(path, 'is not a regular file');
    size = st.size;
  } catch (err) {
    if (err instanceof ScenarioError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw fileProblem(path, code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read: ${(err as Error).message}`);
  }
  if (size > MAX_SCENARIO_BYTES) {
    throw fileProblem(path, `is ${(size / 2 ** 20).toFixed(1)} MiB; scenario files are limited to ${MAX_SCENARIO_BYTES / 2 ** 20} MiB (use templates for large estates)`);
  }
  const buf = Buffer.alloc(size);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buf, 0, size, 0);
  } finally {
    closeSync(fd);
  }
  return parseScenarioBuffer(buf, path, options);
}

/** Validates scenario text (e.g. from a test or stdin). `file` labels the problems. */
export function parseScenario(text: string, file = '<scenario>', options: LoadOptions = {}): LoadedScenario {
  return parseScenarioText(text, file, options);
}

function parseScenarioBuffer(buf: Buffer, file: string, options: LoadOptions): LoadedScenario {
  if (buf.subarray(0, 8192).includes(0)) throw fileProblem(file, 'is a binary file, not a YAML scenario');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw fileProblem(file, 'is not UTF-8 text (a binary file?)');
  }
  return parseScenarioText(text.replace(/^\uFEFF/, ''), file, options);
}

const schemas = new Map<string, ScenarioSchema>();
function schemaFor(currency: string): ScenarioSchema {
  let s = schemas.get(currency);
  if (!s) schemas.set(currency, (s = buildScenarioSchema({ currency })));
  return s;
}

function parseScenarioText(text: string, file: string, options: LoadOptions): LoadedScenario {
  if (text.trim() === '') throw fileProblem(file, 'is empty: start from `drsim init` or an example in scenarios/');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true, keepSourceTokens: false });
  const locator = new Locator(file, doc as Document, lineCounter);
  if (doc.errors.length > 0) {
    throw new ScenarioError(file, doc.errors.map((e) => {
      const { line, col } = lineCounter.linePos(e.pos[0]);
      const message = e.code === 'DUPLICATE_KEY'
        ? `duplicate key "${(/^[^:\n]*/.exec(text.slice(e.pos[0]))?.[0] ?? '').trim()}": a key may appear only once in a mapping`
        : `YAML syntax error: ${e.message.split('\n')[0]}`;
      return { file, line, column: col, path: '', message };
    }));
  }
  if (doc.contents === null) throw fileProblem(file, 'has no content (only comments): start from `drsim init`');
  if (!isMap(doc.contents)) {
    throw new ScenarioError(file, [locator.problem([], 'expected a mapping of scenario sections (name, sites, vms, strategies, ...) at the top level')]);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const message = /alias/i.test((err as Error).message)
      ? `too many YAML alias expansions (over ${MAX_ALIAS_COUNT}): refusing a document that expands exponentially`
      : `cannot read the YAML: ${(err as Error).message}`;
    throw new ScenarioError(file, [{ file, line: 1, column: 1, path: '', message }]);
  }
  const raw = data as { costs?: { currency?: unknown } };
  const currency = typeof raw.costs?.currency === 'string' && /^[A-Z]{3}$/.test(raw.costs.currency) ? raw.costs.currency : 'USD';
  const parsed = schemaFor(currency).safeParse(data, { reportInput: true });
  if (!parsed.success) throw new ScenarioError(file, sortProblems(issuesToProblems(parsed.error.issues, locator)));
  if (options.seed !== undefined) parsed.data.simulation.seed = options.seed;
  const ctx = new ResolveContext(locator, scenarioLimits(options.allowLarge));
  const scenario = resolveScenario(ctx, parsed.data);
  if (ctx.problems.length > 0) throw new ScenarioError(file, sortProblems(ctx.problems));
  return { scenario, warnings: sortProblems(ctx.warnings) };
}
