import { describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { grid, OverrideError, parsePath, parseSetOption, ScenarioDocument, splitValues } from '../../src/experiment/scenario-overrides.js';
import { ScenarioError } from '../../src/models/scenario/loader.js';

const CLOSED_FORM = fileURLToPath(new URL('./fixtures/closed-form.yaml', import.meta.url));
const FLAGSHIP = fileURLToPath(new URL('../../scenarios/flagship.yaml', import.meta.url));

describe('--set parsing', () => {
  test('splits values on commas, or on ";" when present, never inside quotes or brackets', () => {
    expect(parseSetOption('links.wan.bandwidth=100 Mbit/s,1 Gbit/s')).toEqual({ path: 'links.wan.bandwidth', values: ['100 Mbit/s', '1 Gbit/s'] });
    expect(splitValues('$2,400;$3,000')).toEqual(['$2,400', '$3,000']);
    expect(splitValues('"$2,400",$3000')).toEqual(['"$2,400"', '$3000']);
    expect(splitValues('{ a: 1, b: 2 },{ a: 3 }')).toEqual(['{ a: 1, b: 2 }', '{ a: 3 }']);
    expect(parseSetOption('tiers[tier=1].rpo=5 min,15 min').path).toBe('tiers[tier=1].rpo');
  });

  test('paths: keys, indices, names, key=value and quoted names', () => {
    expect(parsePath('hosts[dr-hosts].count').map((s) => s.text)).toEqual(['hosts', 'dr-hosts', 'count']);
    expect(parsePath('vms["db.prod"].ram')).toEqual([{ text: 'vms', quoted: false }, { text: 'db.prod', quoted: true }, { text: 'ram', quoted: false }]);
    expect(() => parsePath('links..bandwidth')).toThrow(OverrideError);
    expect(() => parsePath('links[wan')).toThrow(/unclosed/);
    expect(() => parseSetOption('links.wan.bandwidth')).toThrow(/PATH=VALUE/);
  });

  test('grid: every combination, first option slowest', () => {
    const g = grid([{ path: 'a', values: ['1', '2'] }, { path: 'b', values: ['x', 'y', 'z'] }]);
    expect(g).toHaveLength(6);
    expect(g[1]).toEqual([{ path: 'a', value: '1' }, { path: 'b', value: 'y' }]);
  });
});

describe('ScenarioDocument', () => {
  const doc = ScenarioDocument.fromFile(CLOSED_FORM);

  test('an override goes through the loader: units as in the file', () => {
    const { scenario } = doc.load([{ path: 'links.wan.bandwidth', value: '1 Gbit/s' }]);
    expect(scenario.links[0].bandwidthBitsPerSecond).toBe(1e9);
    const byIndex = doc.load([{ path: 'links.0.bandwidth', value: '50 Mbit/s' }, { path: 'hosts[cluster=rec].count', value: '3' }]);
    expect(byIndex.scenario.links[0].bandwidthBitsPerSecond).toBe(50e6);
    expect(byIndex.scenario.hosts.filter((h) => h.site === 1)).toHaveLength(3);
    const interval = doc.load([{ path: 'strategies.async.protect[0].methods[0].interval', value: '5 min' }]);
    const m = interval.scenario.strategies[0].assignments[0].methods[0];
    expect(m.method === 'async-replication' && m.intervalSeconds).toBe(300);
  });

  test('splicing keeps every other line, so loader problems point at the file', () => {
    const text = doc.textWith([{ path: 'links.wan.bandwidth', value: 'fast' }]);
    expect(text.split('\n').length).toBe(doc.text.split('\n').length);
    try {
      doc.load([{ path: 'links.wan.bandwidth', value: 'fast' }]);
      throw new Error('expected a ScenarioError');
    } catch (err) {
      expect(err).toBeInstanceOf(ScenarioError);
      const p = (err as ScenarioError).problems[0];
      expect(p.line).toBe(doc.text.split('\n').findIndex((l) => l.includes('bandwidth')) + 1);
      expect(p.message).toMatch(/data rate/);
    }
  });

  test('a missing key is created and validated by the loader; a block collection is replaced', () => {
    const { scenario } = doc.load([{ path: 'links.wan.rtt', value: '20 ms' }]);
    expect(scenario.links[0].rttSeconds).toBeCloseTo(0.02, 9);
    const flagship = ScenarioDocument.fromFile(FLAGSHIP);
    const r = flagship.load([{ path: 'strategies.cdp.recovery', value: '{ runbook: { orchestrated: { maxParallelPowerOns: 5 } } }' }]);
    const cdp = r.scenario.strategies.find((s) => s.name === 'cdp')!;
    expect(cdp.recovery.runbook).toMatchObject({ kind: 'orchestrated', maxParallelPowerOns: 5 });
  });

  test('unknown paths name the closest existing path', () => {
    expect(() => doc.resolve('links.wan.bandwith')).toThrow(/closest existing path: links.wan.bandwidth/);
    expect(() => doc.resolve('links.wna.bandwidth')).toThrow(/closest existing path: links.wan.bandwidth\)/);
    expect(() => doc.resolve('link.wan.bandwidth')).toThrow(/closest existing path: links/);
    expect(() => doc.resolve('hosts[7].count')).toThrow(/indices 0–1/);
    expect(() => doc.resolve('links.wan.bandwidth.x')).toThrow(/single value/);
    expect(() => doc.resolve('hosts[std].count')).toThrow(/matches 2 elements/);
    expect(() => doc.resolve('hosts[nope].count')).toThrow(/no element named "nope"/);
    expect(doc.valueAt('hosts[dr{i}].count')).toBe(1);
    const flagship = ScenarioDocument.fromFile(FLAGSHIP);
    expect(flagship.valueAt('hosts[model=r650].count')).toBe(1);
    expect(flagship.valueAt('tiers[tier=2].rpo')).toBe('1 h');
  });

  test('two --set of the same value are refused', () => {
    expect(() => doc.textWith([{ path: 'links.wan', value: '{}' }, { path: 'links.wan.bandwidth', value: '1 Gbit/s' }])).toThrow(/same value/);
  });
});
