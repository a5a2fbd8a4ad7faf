/**
 * Import → scenario YAML → the real loader: valid, with the counts and sizes of the export. Fixtures
 * are small hand-written exports with the usual trouble (BOM, quoted newlines, empty rows, duplicate
 * names, missing values, localized numbers, `;` separators); the .xlsx is built here with exceljs.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { importCsv, importRvtools } from '../../src/import/importer.js';
import { ImportError } from '../../src/import/table.js';
import { parseScenario } from '../../src/models/scenario/loader.js';
import type { Scenario } from '../../src/models/scenario/model.js';

const FIX = fileURLToPath(new URL('./fixtures/', import.meta.url));
const fx = (name: string) => join(FIX, name);
const MiB = 2 ** 20;
const GiB = 2 ** 30;

function load(yaml: string): { scenario: Scenario; warnings: string[] } {
  const r = parseScenario(yaml, 'imported.yaml');
  return { scenario: r.scenario, warnings: r.warnings.map((w) => w.message) };
}
const vm = (s: Scenario, name: string) => {
  const v = s.vms.find((x) => x.name === name);
  if (!v) throw new Error(`no VM ${name}; have ${s.vms.map((x) => x.name).join(', ')}`);
  return v;
};

describe('RVTools vInfo CSV (English, BOM, quoted newline, empty rows, duplicates, missing values)', () => {
  test('round trip: valid, counts and sizes as in the export', async () => {
    const r = await importRvtools(fx('vinfo-en.csv'), { hostsFile: fx('vhost-en.csv') });
    const { scenario: s, warnings } = load(r.yaml);
    // Sized so that nothing in the generated file trips the loader's warnings (capacity, links, empty rules).
    expect(warnings).toEqual([]);
    expect(s.vms.map((v) => v.name)).toEqual(['web01', 'db01', 'web01 (2)', 'app01', 'solo01']);
    const web = vm(s, 'web01');
    expect(web.vcpus).toBe(2);
    expect(web.ramBytes).toBe(4096 * MiB);
    expect(web.provisionedBytes).toBe(Math.round(40960.52 * MiB));
    expect(web.usedBytes).toBe(Math.round(20480.25 * MiB));
    expect(vm(s, 'db01').usedBytes).toBe(800000 * MiB);
    // In use above provisioned (snapshots) is clamped; "1,024" is 1024 in a dot-decimal column.
    expect(vm(s, 'app01').usedBytes).toBe(102400 * MiB);
    expect(vm(s, 'solo01').provisionedBytes).toBe(1024 * MiB);
    expect(s.sites.map((x) => [x.name, x.role])).toEqual([['DC-East', 'primary'], ['DC-West', 'primary'], ['dr', 'dr']]);
    // The same cluster name in two datacenters is qualified by the site; standalone hosts get their own.
    expect(s.clusters.map((c) => c.name)).toEqual(['DC-East-Prod', 'DC-West-Prod', 'DC-West-standalone', 'dr-cluster']);
    expect(s.clusters[vm(s, 'web01 (2)').cluster].name).toBe('DC-West-Prod');
    expect(s.clusters[vm(s, 'solo01').cluster].name).toBe('DC-West-standalone');
    // Hosts grouped by identical hardware: 5 good rows → 3 models; DR like-for-like.
    expect(s.hostModels.map((m) => [m.name, m.cores, m.sockets, m.ghz, m.ramBytes / GiB])).toEqual([
      ['poweredge-r750-64c-512g', 64, 2, 2, 512], ['proliant-dl380-40c-384g', 40, 2, 2.5, 384], ['proliant-dl360-24c-192g', 24, 2, 2.2, 192],
    ]);
    const primaryHosts = s.hosts.filter((h) => s.sites[h.site].role === 'primary');
    expect(primaryHosts.length).toBe(5);
    // DR: the most common primary model (R750 and DL380 tie at 2 hosts; the first seen wins), as many as the 5 VMs
    // need: 17 vCPUs ≤ 64 cores × 4 and 89 GiB ≤ 512 GiB × 0.9 → one host.
    expect(s.hosts.filter((h) => s.sites[h.site].role === 'dr').map((h) => s.hostModels[h.model].name)).toEqual(['poweredge-r750-64c-512g']);
    expect(s.strategies.map((x) => x.name)).toEqual(['nightly-backup', 'async-15min']);
    expect(s.vms.every((v) => v.tier === 3)).toBe(true);
  });

  test('reports what it skipped by spreadsheet row, and marks assumptions in the file', async () => {
    const r = await importRvtools(fx('vinfo-en.csv'), { hostsFile: fx('vhost-en.csv') });
    const all = [...r.log.notes, ...r.log.warnings].join('\n');
    expect(all).toMatch(/missing or unreadable vcpus: row 8\b/);
    expect(all).toMatch(/missing or unreadable ram: row 9\b/);
    expect(all).toMatch(/"web01" \(row 7\) → "web01 \(2\)"/);
    expect(all).toMatch(/skipped 1 powered-off VM/);
    expect(all).toMatch(/skipped 1 template/);
    expect(all).toMatch(/skipped 1 SRM placeholder/);
    expect(all).toMatch(/skipped 2 empty rows/);
    expect(all).toMatch(/ignored .*"Custom Thing"/);
    expect(all).toMatch(/vhost-en.csv: skipped hosts .*row 7\b/);
    expect(r.yaml).toMatch(/# ASSUMPTION: the DR site/);
    expect(r.yaml).toMatch(/tier3-default.*# ASSUMPTION: 5 GB\/day per VM/);
    expect(r.log.assumptions.some((a) => /tier 3 write rate/.test(a))).toBe(true);
    expect(r.yaml).not.toMatch(/\n\s+at /);
  });

  test('--include-powered-off keeps powered-off VMs', async () => {
    const r = await importRvtools(fx('vinfo-en.csv'), { includePoweredOff: true });
    const { scenario: s } = load(r.yaml);
    expect(s.vms.map((v) => v.name)).toContain('off01');
    expect(s.vms.length).toBe(6);
  });

  test('without hosts: assumed host model, clusters sized to their VMs + 1, flagged', async () => {
    const r = await importRvtools(fx('vinfo-en.csv'));
    const { scenario: s } = load(r.yaml);
    expect(s.hostModels.map((m) => m.name)).toEqual(['assumed-host']);
    expect(r.yaml).toMatch(/assumed-host.*# ASSUMPTION: no host hardware in the export/);
    // DC-East-Prod: 2 hosts named in the VM list (esx01, esx02).
    const east = s.clusters.findIndex((c) => c.name === 'DC-East-Prod');
    expect(s.hosts.filter((h) => h.cluster === east).length).toBe(2);
  });

  test('measured write rates: one workload per tier, per-VM writeScale, unmatched VMs reported', async () => {
    const r = await importRvtools(fx('vinfo-en.csv'), { writesFile: fx('perf.csv') });
    const { scenario: s } = load(r.yaml);
    const w = s.workloads.find((x) => x.name === 'tier3-measured')!;
    // web01 and "web01 (2)" (matched by name) average 200 KiB/s, db01 2000 KiB/s: mean 800 KiB/s.
    expect(w.averageWriteBytesPerSecond).toBeCloseTo(819200, -2);
    expect(vm(s, 'web01').workloadScale).toBe(0.25);
    expect(vm(s, 'db01').workloadScale).toBe(2.5);
    expect(vm(s, 'app01').workloadScale).toBe(1);
    expect(s.vms.every((v) => s.workloads[v.workload].name === 'tier3-measured')).toBe(true);
    expect(w.peakWriteBytesPerSecond / w.averageWriteBytesPerSecond).toBeCloseTo(12400 / 2400, 2);
    expect(r.log.warnings.join('\n')).toMatch(/1 VM with write rates but not in the inventory.*ghost/);
    expect(r.log.assumptions.join('\n')).toMatch(/2 VMs without measured write rates/);
  });

  test('PowerCLI Get-Stat samples: mean of write averages, max as peak, reads ignored', async () => {
    const r = await importRvtools(fx('vinfo-en.csv'), { writesFile: fx('perf-getstat.csv') });
    const { scenario: s } = load(r.yaml);
    // db01: (1000 + 3000) / 2 = 2000 KiB/s, web01 and web01 (2): 100 KiB/s → mean 733.3.
    expect(vm(s, 'db01').workloadScale).toBeCloseTo(2000 / (2200 / 3), 2);
  });
});

describe('European vInfo (; separator, decimal commas, CRLF, older MiB headers)', () => {
  test('numbers read per column: "16.384" is 16384, "40.960,5" is 40960.5', async () => {
    const r = await importRvtools(fx('vinfo-de.csv'));
    const { scenario: s } = load(r.yaml);
    expect(s.vms.length).toBe(3);
    expect(vm(s, 'app-de-01').ramBytes).toBe(16384 * MiB);
    expect(vm(s, 'app-de-01').provisionedBytes).toBe(Math.round(40960.5 * MiB));
    expect(vm(s, 'app-de-01').usedBytes).toBe(Math.round(20480.25 * MiB));
    expect(vm(s, 'app-de-02').provisionedBytes).toBe(1024 * MiB);
    expect(vm(s, 'db-de-01').ramBytes).toBe(131072 * MiB);
    expect(vm(s, 'db-de-01').provisionedBytes).toBe(2097152 * MiB);
    expect(vm(s, 'db-de-01').usedBytes).toBe(Math.round(1500000.75 * MiB));
    expect(s.sites[0].name).toBe('RZ-Frankfurt');
  });
});

describe('generic CSV (Hyper-V)', () => {
  test('aliases + --map with units, tiers from words, LUNs for Hyper-V, powered-off skipped', async () => {
    const r = await importCsv(fx('hyperv.csv'), { map: ['MemoryStartup=ram:B'], hypervisor: 'hyperv' });
    const { scenario: s, warnings } = load(r.yaml);
    expect(warnings).toEqual([]);
    expect(s.vms.map((v) => v.name)).toEqual(['sql01', 'app01', 'web01']);
    const sql = vm(s, 'sql01');
    expect(sql.ramBytes).toBe(32 * GiB);
    expect(sql.provisionedBytes).toBe(500 * GiB);
    expect(sql.usedBytes).toBe(Math.round(320.5 * GiB));
    expect(sql.hypervisor).toBe('hyperv');
    expect(sql.lun).toBe('CSV-Vol1');
    expect(sql.tier).toBe(1);
    expect(sql.app).toBe('erp');
    expect(vm(s, 'app01').tier).toBe(2);
    expect(vm(s, 'web01').tier).toBe(1);
    // Tiers came from the export: async replication protects tiers 1–2 only.
    const async = s.strategies.find((x) => x.name === 'async-15min')!;
    expect(async.assignments[0].vms.map((v) => s.vms[v].name)).toEqual(['sql01', 'app01', 'web01']);
    expect(r.log.notes.join('\n')).toMatch(/ram ← "MemoryStartup" \(B\)/);
  });

  test('a required column missing: ImportError naming the field and listing the columns found', async () => {
    await expect(importCsv(fx('perf.csv'))).rejects.toThrow(ImportError);
    await expect(importCsv(fx('perf.csv'))).rejects.toThrow(/no column for vcpus .*ram .*provisioned.*columns found: "VM", "Date", "Avg Write KB\/s"/s);
  });

  test('--map naming a column that is not there', async () => {
    await expect(importCsv(fx('hyperv.csv'), { map: ['Memory=ram'] })).rejects.toThrow(/"Memory" \(for ram\), which is not there; columns found: "VMName"/);
  });
});

describe('RVTools .xlsx (built here with exceljs)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drsim-import-'));
    const wb = new ExcelJS.Workbook();
    const info = wb.addWorksheet('vInfo');
    info.addRow(['VM', 'Powerstate', 'Template', 'CPUs', 'Memory', 'Provisioned MiB', 'In Use MiB', 'Datacenter', 'Cluster', 'Host', 'OS']);
    info.addRow(['x-web01', 'poweredOn', false, 2, 4096, 40960.5, 10240.25, 'HQ', 'Gold', 'esx1', 'Linux']);
    info.addRow([{ richText: [{ text: 'x-' }, { text: 'db01' }] }, 'poweredOn', false, 8, 32768, { formula: '1024*100', result: 102400 }, 51200, 'HQ', 'Gold', 'esx2', 'Linux']);
    info.addRow([]);
    info.addRow(['x-off', 'poweredOff', false, 1, 1024, 1024, 512, 'HQ', 'Gold', 'esx1', 'Linux']);
    const host = wb.addWorksheet('vHost');
    host.addRow(['Host', 'Datacenter', 'Cluster', 'Model', 'CPU Model', 'Speed', '# CPU', 'Cores per CPU', '# Cores', '# Memory']);
    host.addRow(['esx1', 'HQ', 'Gold', 'R650', 'Xeon Gold 5318Y', 2100, 2, 24, 48, 393216]);
    host.addRow(['esx2', 'HQ', 'Gold', 'R650', 'Xeon Gold 5318Y', 2100, 2, 24, 48, 393216]);
    wb.addWorksheet('vDisk').addRow(['VM', 'Disk']);
    await wb.xlsx.writeFile(join(dir, 'rvtools.xlsx'));
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Budget').addRow(['a', 'b']);
    await other.xlsx.writeFile(join(dir, 'budget.xlsx'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('vInfo and vHost sheets: typed numbers, rich text, formula results, empty rows', async () => {
    const r = await importRvtools(join(dir, 'rvtools.xlsx'));
    const { scenario: s } = load(r.yaml);
    expect(s.vms.map((v) => v.name)).toEqual(['x-web01', 'x-db01']);
    expect(vm(s, 'x-db01').provisionedBytes).toBe(102400 * MiB);
    expect(vm(s, 'x-web01').provisionedBytes).toBe(Math.round(40960.5 * MiB));
    expect(s.hostModels[0]).toMatchObject({ name: 'r650-48c-384g', cores: 48, sockets: 2, ghz: 2.1, ramBytes: 384 * GiB });
    expect(s.hosts.filter((h) => s.clusters[h.cluster].name === 'Gold').length).toBe(2);
  });

  test('no vInfo sheet: ImportError listing the sheets found', async () => {
    await expect(importRvtools(join(dir, 'budget.xlsx'))).rejects.toThrow(/no vInfo sheet.*sheets found: "Budget"/);
  });
});

describe('control characters in an export (issue 17)', () => {
  test('become spaces in every name, are reported by row, and the scenario still loads', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { parseScenario } = await import('../../src/models/scenario/loader.js');
    const file = join(mkdtempSync(join(tmpdir(), 'drsim-ctl-')), 'vinfo.csv');
    writeFileSync(file, 'VM,CPUs,Memory,Provisioned MB,Cluster\n"web\u001b[31m01",2,4096,40960,Prod\u2028A\ndb\u000701,4,8192,40960,Prod\u2028A\n');
    const r = await importRvtools(file);
    expect(r.log.notes.join('\n')).toMatch(/vinfo\.csv: control characters \(such as ESC or NUL\) in rows 2, 3 were replaced by spaces/);
    expect(r.plan.vms.map((v) => v.name)).toEqual(['web [31m01', 'db 01']);
    const { scenario } = parseScenario(r.yaml, 'imported.yaml');
    expect(scenario.clusters.map((c) => c.name)).toContain('Prod A');
  });
});

describe('DR hosts sized for the largest VM too (issue 17)', () => {
  async function importWith(vinfo: string, vhost: string) {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'drsim-drsize-'));
    writeFileSync(join(dir, 'vinfo.csv'), vinfo);
    writeFileSync(join(dir, 'vhost.csv'), vhost);
    return importRvtools(join(dir, 'vinfo.csv'), { hostsFile: join(dir, 'vhost.csv') });
  }
  const HOST = 'Host,Datacenter,Cluster,Model,Speed,# CPU,# Cores,# Memory\n';
  const VMS = 'VM,CPUs,Memory,Provisioned MB,Datacenter,Cluster\nbig01,8,716800,40960,DC,Prod\nsmall01,2,4096,40960,DC,Prod\n';

  test('no "enough for all VMs" when a VM needs more RAM than one DR host has: a warning names it', async () => {
    // 700 GiB VM; hosts of 512 GiB (460.8 GiB for VMs after the 10% reservation).
    const r = await importWith(VMS, `${HOST}esx1,DC,Prod,R750,2000,2,64,"524,288"\nesx2,DC,Prod,R750,2000,2,64,"524,288"\n`);
    expect(r.log.assumptions.join('\n')).not.toMatch(/enough for all/);
    expect(r.log.warnings.join('\n')).toMatch(/1 VM needs more than one DR host of model r750[^ ]* offers .*: big01 \(8 vCPUs, 700 GiB\); it cannot be recovered/);
    const { warnings } = load(r.yaml);
    expect(warnings.join("\n")).toMatch(/VM big01 \(8 vCPUs, 700 GiB\) is larger than every host at DR site/);
  });

  test('when the export has a model that holds every VM, the DR site uses it', async () => {
    const r = await importWith(VMS, `${HOST}esx1,DC,Prod,R750,2000,2,64,"524,288"\nesx2,DC,Prod,R750,2000,2,64,"524,288"\nesx3,DC,Prod,R960,2000,4,128,"1,048,576"\n`);
    expect(r.log.warnings.join('\n')).not.toMatch(/needs more than one DR host/);
    const { scenario: s, warnings } = load(r.yaml);
    const dr = s.hosts.filter((h) => s.sites[h.site]!.role === 'dr');
    expect(dr.map((h) => s.hostModels[h.model]!.ramBytes / GiB)).toEqual([1024]);
    expect(warnings.filter((w) => /larger than every host at DR/.test(w))).toEqual([]);
  });
});
