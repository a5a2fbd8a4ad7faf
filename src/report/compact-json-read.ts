/**
 * Reads a JSON file with the whitespace between tokens removed, in chunks. `drsim run` writes
 * results.json indented; with per-VM CDFs at 10,000 VMs × 4 strategies that is ~380 MB, two thirds
 * of it indentation. Reading it whole would hold the file as a Buffer and as a string at once (over
 * 1 GiB peak with the parsed tree); compacting chunk by chunk into one output buffer keeps only the
 * meaningful bytes resident (untouched pages of the output allocation are never faulted in).
 * Small files are read directly: compaction only pays off when memory does.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';

const CHUNK_BYTES = 8 * 2 ** 20;
const COMPACT_ABOVE_BYTES = 64 * 2 ** 20;

export function readCompactJson(path: string, compactAboveBytes = COMPACT_ABOVE_BYTES): string {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size <= compactAboveBytes) return readFileSync(fd, 'utf8');
    const out = Buffer.allocUnsafe(size);
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    let o = 0;
    let inString = false;
    let escaped = false;
    for (;;) {
      const n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      for (let i = 0; i < n; i++) {
        const c = chunk[i]!;
        if (inString) {
          out[o++] = c;
          if (escaped) escaped = false;
          else if (c === 0x5c) escaped = true;
          else if (c === 0x22) inString = false;
        } else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
          out[o++] = c;
          if (c === 0x22) inString = true;
        }
      }
    }
    return out.toString('utf8', 0, o);
  } finally {
    closeSync(fd);
  }
}
