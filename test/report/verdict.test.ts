/**
 * The verdict's sustainability sentence names the links whose simulated lag grows and gives the formula's
 * shortfall only when there is one (a lag growing on a link the formula calls big enough is not "short").
 */
import { describe, expect, test } from '@jest/globals';
import type { LinkSustainability, ResultsFile } from '../../src/models/results.js';
import { verdictFor } from '../../src/report/verdict.js';
import { makeResults } from './fixtures/make-results.js';

function link(name: string, sustainable: boolean): LinkSustainability {
  return { link: name, lagGrowthSeconds: { trials: 8, mean: sustainable ? 0 : 9600, ciLow: 0, ciHigh: sustainable ? 0 : 12000 }, lagGrows: !sustainable, demandBitsPerSecond: 72e6, deliverableBitsPerSecond: 80e6, sustainable, explanation: 'why' };
}

function withSustainability(shortfallBitsPerSecond: number, links: LinkSustainability[]): ResultsFile {
  const r = makeResults({ strategies: 1 });
  r.strategies[0].summary.sustainable = { sustainable: false, shortfallBitsPerSecond, details: ['link b: why'], links };
  return r;
}

describe('verdict: sustainability', () => {
  test('the flagged link, without a shortfall when the formula fits', () => {
    const r = withSustainability(0, [link('a', true), link('b', false)]);
    expect(verdictFor(r, r.strategies[0]).sentences).toContain('Not sustainable: the replication lag grows on the link b. link b: why.');
  });

  test("the formula's shortfall when there is one", () => {
    const r = withSustainability(40e6, [link('b', false)]);
    expect(verdictFor(r, r.strategies[0]).sentences).toContain('Not sustainable: the replication lag grows on the link b (40 Mbit/s short by the long-run formula). link b: why.');
  });
});
