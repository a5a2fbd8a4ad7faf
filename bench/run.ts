/**
 * Benchmark runner: `npm run bench` runs every bench/*.bench.ts; `npm run bench -- NAME [NAME...]`
 * runs the named ones. Each benchmark module exports `description` and `run(args)`, returning a plain
 * object that is printed as one JSON line (with the machine's facts) on stdout.
 * Benchmarks are never part of `npm test`.
 */
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

export interface BenchModule {
  description: string;
  run(args: string[]): Promise<Record<string, unknown>>;
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, '')).sort();
const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('--'));
const flags = args.filter((a) => a.startsWith('--'));
const selected = names.length > 0 ? names : available;
const unknown = selected.filter((n) => !available.includes(n));
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown benchmark(s) ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
  process.exit(2);
}
const machine = { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) };
for (const name of selected) {
  const mod = (await import(pathToFileURL(join(dir, `${name}.bench.ts`)).href)) as BenchModule;
  process.stderr.write(`bench ${name}: ${mod.description}\n`);
  const result = await mod.run(flags);
  process.stdout.write(JSON.stringify({ bench: name, ...result, machine, date: new Date().toISOString() }) + '\n');
}
