#!/usr/bin/env node
// The installed command runs the compiled CLI (built by `npm ci` through the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  process.stderr.write('drsim: the compiled CLI is missing; run `npm run build` (or `npm ci`) first\n');
  process.exit(70);
}
await import(compiled.href);
