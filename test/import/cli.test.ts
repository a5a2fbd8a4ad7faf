/** `drsim import` as a user runs it: exit codes, messages without stack traces, --out/--force, validate and run round trip. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { runCli } from '../cli/run-cli.js';

const FIX = fileURLToPath(new URL('./fixtures/', import.meta.url));
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at /);

describe('drsim import (CLI)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drsim-import-cli-'));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Summary').addRow(['x']);
    await wb.xlsx.writeFile(join(dir, 'no-vinfo.xlsx'));
    writeFileSync(join(dir, 'old.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]));
    writeFileSync(join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    writeFileSync(join(dir, 'nomem.csv'), 'VM,CPUs,Provisioned MB\nweb01,2,1024\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each([
    ['a missing file', () => [join(dir, 'missing.xlsx')], /missing\.xlsx: no such file/],
    ['a binary file', () => [join(dir, 'image.png')], /is not a spreadsheet/],
    ['an old .xls', () => [join(dir, 'old.xls')], /old binary Excel \(\.xls\).*save it as \.xlsx/],
    ['a workbook without vInfo', () => [join(dir, 'no-vinfo.xlsx')], /no vInfo sheet.*sheets found: "Summary"/],
    ['a required column missing', () => [join(dir, 'nomem.csv')], /no column for ram .*columns found: "VM", "CPUs", "Provisioned MB"/],
  ])('exit 2 for %s, with a message and no stack trace', async (_label, args, message) => {
    const r = await runCli(['import', 'rvtools', ...args()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    noStack(r.stderr);
  });

  test('--out: written atomically, never overwritten without --force; output validates and runs', async () => {
    const out = join(dir, 'estate.yaml');
    const first = await runCli(['import', 'rvtools', join(FIX, 'vinfo-en.csv'), '--hosts', join(FIX, 'vhost-en.csv'), '--writes', join(FIX, 'perf.csv'), '--out', out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toMatch(/warning: vinfo-en\.csv: skipped, missing or unreadable vcpus: row 8/);
    expect(first.stderr).toMatch(/assumption: DR site "dr"/);
    expect(first.stderr).toMatch(/wrote .*estate\.yaml: 5 VMs/);
    noStack(first.stderr);
    const written = readFileSync(out, 'utf8');
    expect(written).toMatch(/^# yaml-language-server: \$schema=.*docs\/scenario\.schema\.json/);

    writeFileSync(out, 'keep me');
    const again = await runCli(['import', 'rvtools', join(FIX, 'vinfo-en.csv'), '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; use --force/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const forced = await runCli(['import', 'rvtools', join(FIX, 'vinfo-en.csv'), '--hosts', join(FIX, 'vhost-en.csv'), '--writes', join(FIX, 'perf.csv'), '--out', out, '--force', '-q']);
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(written);
    expect(forced.stderr).not.toMatch(/note:|assumption:/);

    const valid = await runCli(['validate', out]);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toMatch(/valid — 3 sites, \d+ hosts, 5 VMs, 2 strategies/);

    const run = await runCli(['run', out, '--trials', '3', '--workers', '1', '--quiet', '--no-report', '--out', join(dir, 'run')]);
    expect(run.code).toBe(0);
    noStack(run.stderr);
    expect(existsSync(join(dir, 'run', 'results.json'))).toBe(true);
  });

  test('csv to stdout with --map and --hypervisor; a bad --map is exit 2', async () => {
    const r = await runCli(['import', 'csv', join(FIX, 'hyperv.csv'), '--map', 'MemoryStartup=ram:B', '--hypervisor', 'hyperv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/name: sql01, cluster: HVC1, vcpus: 8, ram: 32 GiB, .*hypervisor: hyperv, lun: CSV-Vol1/);
    const bad = await runCli(['import', 'csv', join(FIX, 'hyperv.csv'), '--map', 'MemoryStartup=memory']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown field "memory"/);
    const badHv = await runCli(['import', 'csv', join(FIX, 'hyperv.csv'), '--hypervisor', 'kvm']);
    expect(badHv.code).toBe(2);
    expect(badHv.stderr).toMatch(/--hypervisor expects vmware, hyperv or xen/);
  });
});
