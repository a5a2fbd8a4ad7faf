/** Scalars for the generated YAML: names quoted only when needed (sizes and rates: models/units/format.ts, exact forms). */

const PLAIN = /^[A-Za-z_][A-Za-z0-9_.\-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

/** A string as a YAML scalar usable in flow mappings: plain when safe, else double-quoted (JSON is valid YAML). */
export function yamlString(s: string): string {
  return PLAIN.test(s) && !RESERVED.test(s) ? s : JSON.stringify(s);
}

/** Text for a `#` comment: one line, no control characters. */
export function commentText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}
