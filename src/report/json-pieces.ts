/**
 * Compact JSON in pieces: exactly the text of JSON.stringify(value), produced a piece at a time so that a large
 * results file is never one string. A string in V8 holds at most 2^29 − 24 characters (≈ 512 MiB): results of
 * 100,000 VMs × 4 strategies are 420 MB, and one string of them also costs its size again in memory.
 *
 * The top levels of objects and every long array are walked here; anything below is JSON.stringify's own
 * (a VM's row, a summary), so the output is JSON.stringify's by construction: the same keys in the same order,
 * the same skipped values (undefined, functions and symbols in objects; null for them in arrays), toJSON honoured.
 */

/** Objects and arrays this close to the root are walked (the results' strategies, each strategy, its VMs); deeper ones are one JSON.stringify each. */
const WALKED_DEPTH = 4;
/** Arrays longer than this are walked element by element at any depth. */
const WALKED_ARRAY_LENGTH = 64;
/** About how many characters each piece holds (the last one may be shorter). */
const PIECE_CHARS = 1 << 20;

/** JSON.stringify(value) + `suffix`, as pieces of about a MiB whose concatenation is that text. */
export function* jsonPieces(value: unknown, suffix = ''): Generator<string, void, undefined> {
  const out = { text: '' };
  const whole = leafOrUndefined(value, 0);
  if (whole !== null) {
    if (whole === undefined) throw new TypeError('jsonPieces: the value has no JSON text (undefined, a function or a symbol)');
    yield whole + suffix;
    return;
  }
  yield* walk(value as object, 0, out);
  out.text += suffix;
  if (out.text.length > 0) yield out.text;
}

/** Walks a container, appending its text to `out.text` and yielding whenever that reaches a piece's size. */
function* walk(value: object, depth: number, out: { text: string }): Generator<string, void, undefined> {
  if (Array.isArray(value)) {
    out.text += '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.text += ',';
      const leaf = leafOrUndefined(value[i], depth + 1);
      if (leaf === null) yield* walk(value[i] as object, depth + 1, out);
      else out.text += leaf ?? 'null';
      if (out.text.length >= PIECE_CHARS) { yield out.text; out.text = ''; }
    }
    out.text += ']';
    return;
  }
  out.text += '{';
  let first = true;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const v = record[key];
    const leaf = leafOrUndefined(v, depth + 1);
    if (leaf === undefined) continue;
    out.text += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (leaf === null) yield* walk(v as object, depth + 1, out);
    else out.text += leaf;
    if (out.text.length >= PIECE_CHARS) { yield out.text; out.text = ''; }
  }
  out.text += '}';
}

/**
 * The value's JSON text when it is not walked here (undefined when JSON has none for it: skipped in an object,
 * null in an array), or null when it is a container to walk.
 */
function leafOrUndefined(value: unknown, depth: number): string | undefined | null {
  if (Array.isArray(value)) return (depth < WALKED_DEPTH || value.length > WALKED_ARRAY_LENGTH) && !hasToJson(value) ? null : JSON.stringify(value);
  if (value !== null && typeof value === 'object' && depth < WALKED_DEPTH && isPlainObject(value)) return null;
  return JSON.stringify(value) as string | undefined;
}

function hasToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

function isPlainObject(value: object): boolean {
  if (hasToJson(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
