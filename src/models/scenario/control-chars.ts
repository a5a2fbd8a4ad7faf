/**
 * Characters that must never reach a name, a terminal or a chart: C0 controls (NUL, BEL, ESC...), DEL,
 * C1 controls, the Unicode line and paragraph separators (U+2028/2029, which end lines in JavaScript and
 * YAML readers) and the bidirectional overrides and isolates (which reorder what a reader sees: the
 * "Trojan Source" trick). Names are refused with them; any text printed from input is escaped.
 */

const CONTROL = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;
const CONTROL_ALL = new RegExp(CONTROL.source, 'g');
/** The same, but tab and line feed are allowed (multi-line descriptions, messages listing problems). */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

const NAMES: Record<number, string> = {
  0x00: 'NUL', 0x07: 'BEL', 0x08: 'BS', 0x09: 'TAB', 0x0a: 'LF', 0x0d: 'CR', 0x1b: 'ESC', 0x7f: 'DEL', 0x85: 'NEL',
  0x2028: 'LINE SEPARATOR', 0x2029: 'PARAGRAPH SEPARATOR', 0x202e: 'RIGHT-TO-LEFT OVERRIDE', 0x202d: 'LEFT-TO-RIGHT OVERRIDE',
};

/** "U+001B (ESC)": how a message names a character. */
export function describeCodePoint(c: string): string {
  const cp = c.codePointAt(0)!;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return NAMES[cp] ? `${hex} (${NAMES[cp]})` : hex;
}

/** The first forbidden character of a name, or null. */
export function findControlChar(text: string, allowTabAndNewline = false): { index: number; char: string } | null {
  const m = (allowTabAndNewline ? CONTROL_IN_TEXT : CONTROL).exec(text);
  return m === null ? null : { index: m.index, char: m[0] };
}

/** `text` with every forbidden character written as `\u001B` (printable, unambiguous, one line). */
export function escapeControlChars(text: string, keepNewlines = false): string {
  return text.replace(CONTROL_ALL, (c) => (keepNewlines && c === '\n' ? c : `\\u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`));
}

/** `text` with every forbidden character replaced by a space (for names read from someone else's export). */
export function replaceControlChars(text: string): string {
  return text.replace(CONTROL_ALL, ' ');
}

/** The message for a name that holds one: which character, where, and the name escaped. */
export function controlCharMessage(what: string, text: string, found: { index: number; char: string }): string {
  return `${what} contains the control character ${describeCodePoint(found.char)} at position ${found.index + 1}: "${escapeControlChars(text)}" (names cannot contain control, line-separator or bidirectional-override characters)`;
}
