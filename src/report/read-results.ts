/**
 * Reads a results.json written by `drsim run`, refusing anything the report cannot trust:
 * a missing file, non-JSON, some other JSON, a newer schema, or a structurally corrupted file.
 */
import { readFileSync } from 'node:fs';
import { RESULTS_SCHEMA_VERSION, type ResultsFile } from '../models/results.js';
import { readCompactJson } from './compact-json-read.js';
import { ResultsFileError } from './errors.js';
import { jsonErrorPosition } from './json-error-position.js';
import { ShapeError, validateResultsShape } from './validate-results.js';
import { PARTIAL_KIND } from '../models/results.js';

function parseVersion(v: string): { major: number; minor: number } | null {
  const m = /^(\d+)\.(\d+)$/.exec(v);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : null;
}

/** Refuses versions this reader does not understand: other majors and newer minors (see results.ts). */
export function checkSchemaVersion(path: string, version: unknown): void {
  const mine = parseVersion(RESULTS_SCHEMA_VERSION)!;
  const theirs = typeof version === 'string' ? parseVersion(version) : null;
  if (!theirs) {
    throw new ResultsFileError(path, `schemaVersion ${JSON.stringify(version)} is not a version like "${RESULTS_SCHEMA_VERSION}"; the file is corrupted`);
  }
  const newer = theirs.major > mine.major || (theirs.major === mine.major && theirs.minor > mine.minor);
  if (newer) {
    throw new ResultsFileError(path, `written by a newer drsim (schema ${version}); this drsim reads ${mine.major}.x up to ${RESULTS_SCHEMA_VERSION} — upgrade drsim to read it`);
  }
  if (theirs.major < mine.major) {
    throw new ResultsFileError(path, `written by an older drsim (schema ${version}); this drsim reads ${mine.major}.x — re-run the scenario with this drsim`);
  }
}

/** Validates already-parsed JSON as drsim results; `path` only names the source in messages. */
export function resultsFromJson(path: string, data: unknown): ResultsFile {
  const root = data as { generatedBy?: { tool?: unknown }; schemaVersion?: unknown } | null;
  if (typeof root === 'object' && root !== null && (root as { kind?: unknown }).kind === PARTIAL_KIND) {
    throw new ResultsFileError(path, 'this is one shard\'s partial result (`drsim run --shard i/n`): combine all the parts with `drsim merge PARTS... --out DIR` first');
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root) || root.generatedBy?.tool !== 'drsim') {
    throw new ResultsFileError(path, 'not a drsim results file (expected an object with generatedBy.tool = "drsim", as written by `drsim run`)');
  }
  checkSchemaVersion(path, root.schemaVersion);
  try {
    validateResultsShape(root);
  } catch (e) {
    if (e instanceof ShapeError) throw new ResultsFileError(path, `corrupted results file: ${e.message}`);
    throw e;
  }
  return root as unknown as ResultsFile;
}

export function readResults(path: string): ResultsFile {
  let text: string;
  try {
    text = readCompactJson(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ResultsFileError(path, 'no such file (run `drsim run SCENARIO.yaml` first; it writes results.json)');
    if (code === 'EISDIR') throw new ResultsFileError(path, 'is a directory, expected a results.json file');
    throw new ResultsFileError(path, `cannot read: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // Positions in the compacted text are not the file's: locate the error in the original.
    const pos = jsonErrorPosition(readFileSync(path, 'utf8'));
    const where = pos ? `line ${pos.line}, column ${pos.column}` : 'unknown position';
    const detail = (e as Error).message.split('\n')[0]!.replace(/, ".*$/, '');
    throw new ResultsFileError(path, `not valid JSON at ${where}: ${detail} (is this a results.json written by \`drsim run\`?)`);
  }
  return resultsFromJson(path, data);
}
