/**
 * Report generation at scale: 10,000 VMs × 4 strategies (fixture with every per-VM CDF filled, the
 * large-file case) → read results.json + write CSV, SVG, PNG and HTML. Targets: < 10 s, < 1 GiB.
 * Options: --vms=N, --no-vm-cdf (per-VM CDFs left empty, a much smaller results.json).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeResults } from '../test/report/fixtures/make-results.js';

export const description = 'drsim report on 10,000 VMs × 4 strategies: wall time and peak RSS (targets < 10 s, < 1 GiB)';

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const vms = Number(args.find((a) => a.startsWith('--vms='))?.slice(6) ?? 10000);
  const vmCdf = !args.includes('--no-vm-cdf');
  const dir = mkdtempSync(join(tmpdir(), 'drsim-report-bench-'));
  try {
    const resultsPath = join(dir, 'results.json');
    writeFileSync(resultsPath, JSON.stringify(makeResults({ vms, strategies: 4, trials: 20, vmCdf }), null, 2));
    const child = fileURLToPath(new URL('./report-child.ts', import.meta.url));
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', child, resultsPath, join(dir, 'out')], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    const wallSeconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`report child failed (${r.status}): ${r.stderr}`);
    const inner = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number>;
    return {
      vms, strategies: 4, vmCdf,
      resultsMiB: Math.round(statSync(resultsPath).size / 2 ** 20),
      wallSeconds: Number(wallSeconds.toFixed(2)),
      readSeconds: Number(inner.readSeconds!.toFixed(2)),
      writeSeconds: Number(inner.writeSeconds!.toFixed(2)),
      files: inner.files,
      peakRssMiB: inner.peakRssMiB,
      vmsCsvMiB: Math.round(statSync(join(dir, 'out', 'vms.csv')).size / 2 ** 20),
      reportHtmlMiB: Number((statSync(join(dir, 'out', 'report.html')).size / 2 ** 20).toFixed(1)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
