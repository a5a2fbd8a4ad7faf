/**
 * Benchmarks measure the compiled build (dist/, as users run it), not the tsx-transformed sources: tsx
 * wraps every closure for names, which distorts hot paths. `npm run bench` builds first.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export async function compiled<T>(module: string): Promise<T> {
  const url = new URL(`../dist/${module}.js`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) throw new Error(`dist/${module}.js is missing: run \`npm run build\` (npm run bench does it)`);
  return (await import(url.href)) as T;
}

export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export const scenarioPath = (name: string): string => fileURLToPath(new URL(`../scenarios/${name}`, import.meta.url));
