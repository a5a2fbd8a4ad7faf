/**
 * Extracts a plain (ustar) tar archive held in memory: regular files and directories only, which is
 * all the packaged Chromium's archives hold. Anything else (links, devices) or a path that leaves
 * `dest` throws, so an archive changed upstream fails loudly instead of unpacking half.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize } from 'node:path';

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.toString('latin1', start, start + length);
  const nul = raw.indexOf('\0');
  return nul === -1 ? raw : raw.slice(0, nul);
}

function octal(header: Buffer, start: number, length: number): number {
  return parseInt(field(header, start, length).trim() || '0', 8);
}

/** Writes every entry of `tar` under `dest`; returns the relative paths of the files written. */
export function untar(tar: Buffer, dest: string): string[] {
  const files: string[] = [];
  for (let at = 0; at + BLOCK <= tar.length;) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    const prefix = field(header, 345, 155);
    const name = normalize(prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    if (isAbsolute(name) || name.split(/[\\/]/).includes('..')) throw new Error(`tar entry leaves the target directory: ${name}`);
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156]!);
    const body = at + BLOCK;
    if (type === '5') {
      mkdirSync(join(dest, name), { recursive: true });
    } else if (type === '0' || type === '\0') {
      mkdirSync(dirname(join(dest, name)), { recursive: true });
      writeFileSync(join(dest, name), tar.subarray(body, body + size), { mode: octal(header, 100, 8) & 0o777 });
      files.push(name);
    } else {
      throw new Error(`tar entry ${name} has type '${type}': only files and directories are expected`);
    }
    at = body + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}
