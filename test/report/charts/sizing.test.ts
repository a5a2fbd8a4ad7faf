/**
 * The size chart (issue 19): strategies whose lines coincide — the same metric at every value the search
 * tried — drew one line for several legend entries without saying so. Now the subtitle says which
 * coincide and the later lines of a group are dashed over the first, as the RTO CDFs do.
 */
import { describe, expect, test } from '@jest/globals';
import type { SizingResult, StrategySizing } from '../../../src/experiment/size.js';
import { parseTarget } from '../../../src/experiment/targets.js';
import { sizingCharts } from '../../../src/report/charts/sizing.js';
import { renderSvg } from '../../../src/report/render.js';

const MBIT = 1e6 / 8; // the search's internal unit for a bandwidth is bytes/s

function sizingOf(name: string, probes: [mbit: number, rpoSeconds: number][]): StrategySizing {
  const trace = probes.map(([mbit, rpo]) => ({ text: `${mbit} Mbit/s`, value: mbit * MBIT, metrics: [rpo], feasible: rpo <= 1170, sustainable: true }));
  return { strategy: name, outcome: 'found', direction: 'smallest', answer: null, beyond: null, trace } as unknown as StrategySizing;
}

function sizing(strategies: StrategySizing[]): SizingResult {
  return { path: 'links.wan.bandwidth', scale: { kind: 'dataRate', unit: 'Mbit/s', perUnit: MBIT }, range: ['2 Mbit/s', '200 Mbit/s'], trials: 20, seed: 1, strategies, purchasable: false } as SizingResult;
}

const target = parseTarget('rpo.mean <= 19.5 min', { links: ['wan'], tiers: [1], currency: 'USD' });
const PROBES: [number, number][] = [[2, 5000], [200, 400], [101, 700], [51, 1100], [26, 1500]];

describe('size chart', () => {
  test('coinciding strategies are said to coincide and dashed so each colour shows', async () => {
    // b probed the same values in another order: the same line. c differs.
    const r = sizing([sizingOf('a', PROBES), sizingOf('b', [...PROBES].reverse()), sizingOf('c', PROBES.map(([x, y]) => [x, y * 1.5]))]);
    const [chart] = sizingCharts(r, [target], 'USD', ['a', 'b', 'c']);
    const spec = chart!.spec as { title: { subtitle: string[] }; layer: { data: { values: { strategy: string; dash: number[] }[] } }[] };
    const subtitle = spec.title.subtitle.join(' ');
    expect(subtitle).toContain('a and b coincide');
    expect(subtitle).toContain('shows both');
    expect(subtitle).not.toMatch(/\bc\b[^.]*coincide/);
    const dash = (s: string) => JSON.stringify(spec.layer[0]!.data.values.find((v) => v.strategy === s)!.dash);
    expect(dash('a')).toBe(JSON.stringify([1, 0]));
    expect(dash('b')).not.toBe(dash('a'));
    expect(dash('c')).toBe(JSON.stringify([1, 0]));
    // Drawn: the dashed line is in the SVG (a stroke-dasharray other than the target rule's 6,4).
    const svg = await renderSvg(chart!.spec);
    expect(svg).toContain('stroke-dasharray="8,8"');
    expect(svg).toContain('a and b coincide');
  });

  test('strategies that differ are not said to coincide', () => {
    const r = sizing([sizingOf('a', PROBES), sizingOf('c', PROBES.map(([x, y]) => [x, y * 1.5]))]);
    const [chart] = sizingCharts(r, [target], 'USD', ['a', 'c']);
    expect((chart!.spec as { title: { subtitle: string[] } }).title.subtitle.join(' ')).not.toContain('coincide');
  });
});
