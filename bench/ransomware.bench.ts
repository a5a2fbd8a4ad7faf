/**
 * Ransomware on the synthetic 10,000-VM estate (issue 20: 100 trials within 60 s on 2 workers, < 2 GiB):
 * scenarios/synthetic-10k.yaml with an estate-wide attack (`failures.ransomware`, dwell median 5 days, p95
 * 20 days, identity svc001) and a 30-day immutable lock on every backup (so the whole estate restores), run as
 * a user runs it: `drsim run -n TRIALS --workers 2 --no-report` on the compiled build, under /usr/bin/time.
 *
 *   npm run bench -- ransomware [--trials=100] [--rounds=1] [--baseline=DIR] [--without-attack] [--keep=FILE.yaml]
 *
 * --baseline=DIR: another build (DIR/dist) measured in the same run, alternating with this one (ABBA), so both
 * see the same machine load; its results.json must be identical when the change is meant to move no number.
 * --without-attack: also the same estate without the attack (what the attack itself costs).
 * --keep=FILE.yaml: write the scenario there too (to profile it: `node --cpu-prof dist/cli/main.js run FILE.yaml -n 1 --workers 1`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYNTHETIC_10K } from './scaled-estate.js';

export const description = 'drsim run on the synthetic 10k estate with an estate-wide ransomware attack: wall, CPU and peak RSS (target 100 trials < 60 s, < 2 GiB)';

const here = fileURLToPath(new URL('.', import.meta.url));

function flag(args: string[], name: string): string | undefined {
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** The attack of the measurement: one estate-wide attack, and every backup locked for 30 days. */
export function ransomwareEstateYaml(withAttack = true): string {
  const text = readFileSync(SYNTHETIC_10K, 'utf8');
  const locked = text.replace(/restoreStreams: 32 \}/g, 'restoreStreams: 32, copyProtection: { immutable: 30 days } }');
  if (locked === text) throw new Error(`${SYNTHETIC_10K}: no backup method to lock (the bench's pattern no longer matches)`);
  if (!withAttack) return locked.replace(/^name: synthetic-10k$/m, 'name: synthetic-10k-locked');
  const attack = '  ransomware: { rate: 0.05/year, scope: estate, dwell: { lognormal: { median: 5 days, p95: 20 days } }, identity: svc001 }\n';
  const out = locked.replace(/^(failures:\n(?: {2}.*\n)*)/m, (block: string) => block + attack);
  if (!out.includes('ransomware:')) throw new Error(`${SYNTHETIC_10K}: no failures block to add the attack to`);
  return out.replace(/^name: synthetic-10k$/m, 'name: synthetic-10k-ransomware');
}

const load = (): number => +loadavg()[0].toFixed(1);

interface Timed { seconds: number; cpuSeconds: number; peakRssMiB: number; loadAverage: [number, number] }

/** The command under /usr/bin/time: wall, CPU (user + system, every worker thread) and peak RSS of the process. */
function timed(cli: string, yaml: string, trials: number, out: string): Timed {
  const before = load();
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, cli, 'run', yaml, '-n', String(trials), '--workers', '2', '--no-report', '--quiet', '--out', out], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`drsim run ${yaml} failed: ${r.stderr}`);
  const [seconds, user, system, kib] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds, cpuSeconds: +(user + system).toFixed(2), peakRssMiB: Math.round(kib / 1024), loadAverage: [before, load()] };
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const trials = Number(flag(args, 'trials') ?? 100);
  const rounds = Math.max(1, Number(flag(args, 'rounds') ?? 1));
  const baseline = flag(args, 'baseline');
  const keep = flag(args, 'keep');
  const builds: [string, string][] = [['this', resolve(here, '../dist')]];
  if (baseline !== undefined) builds.push(['baseline', resolve(baseline, 'dist')]);
  const dir = mkdtempSync(join(tmpdir(), 'drsim-ransomware-'));
  const out: Record<string, unknown> = { trials, workers: 2, rounds, budgetSeconds: 60, budgetMiB: 2048, loadAverageAtStart: load() };
  try {
    const yaml = join(dir, 'synthetic-10k-ransomware.yaml');
    writeFileSync(yaml, ransomwareEstateYaml());
    if (keep !== undefined) writeFileSync(keep, ransomwareEstateYaml());
    const jobs: [string, string, string][] = builds.map(([name, dist]) => [name, dist, yaml]);
    if (args.includes('--without-attack')) {
      const plain = join(dir, 'synthetic-10k-locked.yaml');
      writeFileSync(plain, ransomwareEstateYaml(false));
      jobs.push(...builds.map(([name, dist]): [string, string, string] => [`${name}WithoutAttack`, dist, plain]));
    }
    const runs: Record<string, Timed[]> = Object.fromEntries(jobs.map(([name]) => [name, []]));
    for (let round = 0; round < rounds; round++) {
      // Alternate the order from round to round, so a drift in the machine's load hits every job alike.
      for (const [name, dist, file] of round % 2 === 0 ? jobs : [...jobs].reverse()) {
        const r = timed(join(dist, 'cli/main.js'), file, trials, join(dir, `${name}-${round}`));
        process.stderr.write(`ransomware: ${name}: ${trials} trials, 2 workers: ${r.seconds} s wall, ${r.cpuSeconds} s CPU, ${r.peakRssMiB} MiB (load ${r.loadAverage.join('→')})\n`);
        runs[name].push(r);
      }
    }
    out.runs = runs;
    // Other jobs on the machine only ever add time: the minimum over rounds is the best estimate of the cost
    // (peak RSS: the largest, the figure the memory budget is about).
    out.best = Object.fromEntries(Object.entries(runs).map(([name, rs]) => [name, {
      seconds: Math.min(...rs.map((r) => r.seconds)),
      cpuSeconds: Math.min(...rs.map((r) => r.cpuSeconds)),
      peakRssMiB: Math.max(...rs.map((r) => r.peakRssMiB)),
    }]));
    if (baseline !== undefined) {
      const same = (a: string, b: string) => readFileSync(join(dir, `${a}-0`, 'results.json')).equals(readFileSync(join(dir, `${b}-0`, 'results.json')));
      out.identicalToBaseline = same('this', 'baseline');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
