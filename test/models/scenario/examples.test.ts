import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { Ajv } from 'ajv';
import { loadScenario } from '../../../src/models/scenario/loader.js';
import { scenarioJsonSchema } from '../../../src/models/scenario/json-schema.js';

const dir = new URL('../../../scenarios/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const path = (f: string) => new URL(f, dir).pathname;

describe('example scenarios', () => {
  test('all the promised examples exist', () => {
    expect(files).toEqual(expect.arrayContaining(['consolidation-10-to-4.yaml', 'flagship.yaml', 'law-firm.yaml', 'mixed-hypervisor.yaml',
      'regional-bank.yaml', 'synthetic-10k.yaml', 'university.yaml']));
  });

  test.each(files)('%s is valid, compares ≥ 2 strategies and names its schema', (f) => {
    const { scenario } = loadScenario(path(f));
    expect(scenario.strategies.length).toBeGreaterThanOrEqual(2);
    expect(readFileSync(path(f), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../docs/scenario.schema.json');
    const readme = readFileSync(path('README.md'), 'utf8');
    expect(readme).toContain(`(${f})`);
  });

  test('the flagship has what it promises', () => {
    const s = loadScenario(path('flagship.yaml')).scenario;
    expect(s.vms.length).toBeGreaterThanOrEqual(90);
    expect(new Set(s.vms.map((v) => v.tier))).toEqual(new Set([1, 2, 3]));
    expect(s.links).toHaveLength(1);
    expect(s.links[0].outages).not.toBeNull();
    expect(s.hosts.some((h) => h.devTest)).toBe(true);
    const kinds = s.strategies.map((st) => [...new Set(st.assignments.flatMap((a) => a.methods.map((m) => m.method)))].sort().join('+'));
    expect(kinds).toEqual(['backup', 'async-replication+backup', 'async-replication+backup+sync-replication', 'backup+cdp']);
  });

  // Its loading time is measured by `npm run bench -- experiment` (synthetic10kLoad), not asserted here.
  test('synthetic-10k has 10,000 VMs', () => {
    const s = loadScenario(path('synthetic-10k.yaml')).scenario;
    expect(s.vms).toHaveLength(10000);
  });

  test('the mixed-hypervisor scenario has Hyper-V LUNs shared by several VMs', () => {
    const s = loadScenario(path('mixed-hypervisor.yaml')).scenario;
    expect(new Set(s.vms.map((v) => v.hypervisor))).toEqual(new Set(['vmware', 'hyperv', 'xen']));
    const hv = s.vms.filter((v) => v.hypervisor === 'hyperv');
    expect(new Set(hv.map((v) => v.lun)).size).toBeLessThan(hv.length);
  });
});

describe('JSON Schema', () => {
  const schema = scenarioJsonSchema();
  test('docs/scenario.schema.json is up to date (regenerate with `drsim schema > docs/scenario.schema.json`)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../../docs/scenario.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(schema)));
  });
  test.each(files)('accepts %s (as editors will see it)', (f) => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const ok = validate(parse(readFileSync(path(f), 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });
  test('rejects an unknown key', () => {
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate({ name: 'x', sites: [{ name: 'a' }], colour: 'blue' })).toBe(false);
  });
});
