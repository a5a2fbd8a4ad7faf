/**
 * Inventory import at scale: a 20,000-row RVTools vInfo (with RVTools' ~40 columns, most ignored)
 * as CSV and as .xlsx (with a vHost sheet of 500 hosts), generated in a temp dir; times the import
 * (read + plan + YAML text) and, separately, the loader's validation of the result, which the CLI
 * also runs before writing. Flags: --rows=N (default 20,000). Target: import < 5 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { importRvtools } from '../src/import/importer.js';
import { parseScenario } from '../src/models/scenario/loader.js';

/** The installed command (compiled build: `npm run bench` builds first), as a user runs it. */
const BIN = fileURLToPath(new URL('../bin/drsim.js', import.meta.url));

export const description = 'drsim import rvtools: 20k-row vInfo as CSV and .xlsx → scenario YAML (+ validation)';

const EXTRA = ['Config status', 'DNS Name', 'Connection state', 'Guest state', 'Heartbeat', 'Consolidation Needed', 'PowerOn', 'Suspend time',
  'Creation date', 'Change Version', 'Overall Cpu Readiness', 'NICs', 'Disks', 'Total disk capacity MiB', 'Fixed Passthru HotPlug',
  'min Required EVC Mode Key', 'Latency Sensitivity', 'Firmware', 'HW version', 'HW upgrade status', 'Folder', 'Resource pool', 'vApp',
  'VM ID', 'VM UUID', 'VI SDK Server', 'VI SDK UUID', 'Annotation', 'Primary IP Address'];
const HEADERS = ['VM', 'Powerstate', 'Template', 'SRM Placeholder', 'CPUs', 'Memory', 'Provisioned MiB', 'In Use MiB', 'Datacenter', 'Cluster', 'Host',
  'OS according to the configuration file', ...EXTRA];

function row(i: number): Array<string | number | boolean> {
  const dc = i % 3 === 0 ? 'DC-West' : 'DC-East';
  const cluster = `CL${i % 20}`;
  const provisioned = 40960 + (i % 50) * 10240 + 0.5;
  return [`vm-${String(i).padStart(5, '0')}`, i % 17 === 0 ? 'poweredOff' : 'poweredOn', false, false, 1 + (i % 8), 2048 * (1 + (i % 16)),
    provisioned, Math.round(provisioned * 0.6 * 100) / 100, dc, cluster, `esx${i % 500}.corp`, 'Microsoft Windows Server 2019 (64-bit)',
    ...EXTRA.map((h, k) => (h === 'Annotation' ? `owner team ${i % 40}, "prod"` : `${h.slice(0, 6)}-${(i * 7 + k) % 1000}`))];
}

function hostRow(h: number): Array<string | number> {
  return [`esx${h}.corp`, h % 3 === 0 ? 'DC-West' : 'DC-East', `CL${h % 20}`, 'PowerEdge R750', 'Intel(R) Xeon(R) Gold 6338', 2000, 2, 32, 64, 1048576];
}
const HOST_HEADERS = ['Host', 'Datacenter', 'Cluster', 'Model', 'CPU Model', 'Speed', '# CPU', 'Cores per CPU', '# Cores', '# Memory'];

function csvLine(cells: Array<string | number | boolean>): string {
  return cells.map((c) => (typeof c === 'string' && /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : String(c))).join(',');
}

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, (performance.now() - t0) / 1000];
}

export async function run(args: string[]): Promise<Record<string, unknown>> {
  const rows = Number(args.find((a) => a.startsWith('--rows='))?.slice(7) ?? 20000);
  const dir = mkdtempSync(join(tmpdir(), 'drsim-import-bench-'));
  try {
    const csv = join(dir, 'vInfo.csv');
    const hosts = join(dir, 'vHost.csv');
    const lines = [csvLine(HEADERS)];
    for (let i = 0; i < rows; i++) lines.push(csvLine(row(i)));
    writeFileSync(csv, '\uFEFF' + lines.join('\r\n') + '\r\n');
    writeFileSync(hosts, [csvLine(HOST_HEADERS), ...Array.from({ length: 500 }, (_, h) => csvLine(hostRow(h)))].join('\n'));
    const xlsx = join(dir, 'rvtools.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: true });
    const info = wb.addWorksheet('vInfo');
    info.addRow(HEADERS).commit();
    for (let i = 0; i < rows; i++) info.addRow(row(i)).commit();
    info.commit();
    const vhost = wb.addWorksheet('vHost');
    vhost.addRow(HOST_HEADERS).commit();
    for (let h = 0; h < 500; h++) vhost.addRow(hostRow(h)).commit();
    vhost.commit();
    await wb.commit();

    // Warm-up on a small slice so JIT and module loading are not billed to the first timing.
    const small = join(dir, 'small.csv');
    writeFileSync(small, lines.slice(0, 200).join('\n'));
    await importRvtools(small, { hostsFile: hosts });
    const [fromCsv, csvSeconds] = await timed(() => importRvtools(csv, { hostsFile: hosts }));
    const [fromXlsx, xlsxSeconds] = await timed(() => importRvtools(xlsx));
    const [loaded, validateSeconds] = await timed(async () => parseScenario(fromCsv.yaml, 'bench.yaml'));
    if (fromXlsx.plan.vms.length !== fromCsv.plan.vms.length) throw new Error('CSV and xlsx imports disagree');
    // What a user waits for: a fresh `drsim import rvtools` process (start-up, import, validation, atomic write).
    const t0 = performance.now();
    const cli = spawnSync(process.execPath, [BIN, 'import', 'rvtools', xlsx, '--out', join(dir, 'out.yaml'), '--quiet'], { encoding: 'utf8' });
    const cliSeconds = (performance.now() - t0) / 1000;
    if (cli.status !== 0) throw new Error(`drsim import failed: ${cli.stderr}`);
    return {
      rows,
      vms: loaded.scenario.vms.length,
      csvMiB: Number((statSync(csv).size / 2 ** 20).toFixed(1)),
      xlsxMiB: Number((statSync(xlsx).size / 2 ** 20).toFixed(1)),
      yamlMiB: Number((fromCsv.yaml.length / 2 ** 20).toFixed(2)),
      csvImportSeconds: Number(csvSeconds.toFixed(2)),
      xlsxImportSeconds: Number(xlsxSeconds.toFixed(2)),
      validateSeconds: Number(validateSeconds.toFixed(2)),
      cliXlsxSeconds: Number(cliSeconds.toFixed(2)),
      targetSeconds: 5,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
