/** Scalars for the generated YAML: names quoted only when needed, sizes and rates exact and human. */

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

const SIZE_UNITS: Array<[number, string]> = [
  [2 ** 40, 'TiB'], [1e12, 'TB'], [2 ** 30, 'GiB'], [1e9, 'GB'], [2 ** 20, 'MiB'], [1e6, 'MB'], [2 ** 10, 'KiB'], [1e3, 'kB'],
];

/**
 * Bytes as the largest unit that says them to the byte with at most 3 decimals ("16 GiB",
 * "40960.52 MiB", "1.5 TB"); else plain bytes. The loader rounds to whole bytes, so this round-trips.
 */
export function formatSize(bytes: number): string {
  if (bytes === 0) return '0 GB';
  for (const [unit, name] of SIZE_UNITS) {
    const v = bytes / unit;
    if (v < 1) continue;
    const r = Math.round(v * 1000) / 1000;
    if (Math.abs(r * unit - bytes) <= 0.5) return `${r} ${name}`;
  }
  return `${Math.round(bytes)} B`;
}

/** A data rate with 4 significant digits ("2.315 MB/s", "57.87 kB/s"). */
export function formatRate(bytesPerSecond: number): string {
  const steps: Array<[number, string]> = [[1e9, 'GB/s'], [1e6, 'MB/s'], [1e3, 'kB/s']];
  for (const [unit, name] of steps) if (bytesPerSecond >= unit) return `${Number((bytesPerSecond / unit).toPrecision(4))} ${name}`;
  return `${Number(bytesPerSecond.toPrecision(4))} B/s`;
}
