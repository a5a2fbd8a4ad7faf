/**
 * The top functions of a V8 CPU profile by self time (what BENCHMARKS.md quotes as "the profile"):
 *   node --import tsx bench/scripts/profile-top.ts FILE.cpuprofile [TOP=15]
 * Produce the profile with `node --cpu-prof --cpu-prof-dir=DIR ...`, e.g. of bench/scale-child.ts on the
 * compiled build. Prints one line per function: share of all samples, self ms, name and file:line (the
 * file relative to its dist/ or node_modules/, so two builds' profiles read alike). Idle, program and
 * garbage-collector samples are V8's own nodes and are listed under their names.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

const [file, topArg] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: profile-top.ts FILE.cpuprofile [TOP]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const top = Number(topArg ?? 15);

// Self time per node: each sample's delta belongs to the node sampled (V8 stores the delta before a sample).
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const place = (url: string): string => url.replace(/^file:\/\//, '').replace(/^.*\/(dist|node_modules|src)\//, '$1/');
const byFunction = new Map<string, number>();
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (us === 0) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = url === '' ? `(${functionName.replace(/[()]/g, '') || 'anonymous'})` : `${functionName || '(anonymous)'} ${place(url)}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
}
const totalUs = [...byFunction.values()].reduce((a, b) => a + b, 0);
process.stdout.write(`${file}: ${(totalUs / 1e6).toFixed(2)} s sampled\n`);
for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  process.stdout.write(`${((100 * us) / totalUs).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}\n`);
}
