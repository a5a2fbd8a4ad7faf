/**
 * Issue 17, "drsim merge trusts the shard label": a relabelled partial merged with duplicated trials and
 * exit 0; a corrupted record or a partial without VMs ended in an internal error. Partials now carry the
 * trial indexes they hold and a digest of the scenario and options (seed, trials, drsim version); merge
 * checks every record against them and refuses overlaps, gaps, mismatches and tampering, naming the file.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { MergeError, mergePartials, PARTIAL_VERSION, partialDigest, runShard } from '../../src/experiment/partials.js';
import type { Scenario } from '../../src/models/scenario/model.js';
import { scenario as build, vm } from '../support/scenario-builder.js';

type Part = { path: string; data: any };

function small(): Scenario {
  const s = build({ vms: Array.from({ length: 4 }, (_, i) => vm(`vm${i}`)), methods: [{ method: 'async-replication', intervalSeconds: 900, quiesceSeconds: 5, retainedSnapshots: 24, compression: 0, link: 0, target: 1, promoteSeconds: 0 }] });
  s.simulation.trials = 6;
  return s;
}

let parts: Part[];
const copy = (): Part[] => parts.map((p) => ({ path: p.path, data: structuredClone(p.data) }));
const refusal = (ps: Part[], version = '0'): string => {
  try {
    mergePartials(ps, version);
  } catch (e) {
    expect(e).toBeInstanceOf(MergeError);
    return (e as Error).message;
  }
  throw new Error('expected the merge to be refused');
};

beforeAll(async () => {
  parts = [];
  for (let i = 0; i < 3; i++) parts.push({ path: `p${i + 1}.json`, data: JSON.parse(JSON.stringify(await runShard(small(), 's.yaml', '0', { index: i, count: 3 }, { workers: 1 }))) });
});

describe('drsim merge verifies what each partial holds', () => {
  test('a partial names its trial indexes and a digest of scenario, seed, trials and version', () => {
    expect(PARTIAL_VERSION).toBe(2);
    expect(parts[1]!.data.trialIndexes).toEqual({ from: 2, to: 4 });
    expect(parts[1]!.data.digest).toBe(partialDigest(parts[1]!.data.scenario, parts[1]!.data.generatedBy));
    expect(mergePartials(copy(), '0').trials).toBe(6);
  });

  test('a relabelled partial (shard 1 renamed 2/3) is refused, not merged with duplicated trials', () => {
    const ps = copy();
    ps[1] = { path: 'p2.json', data: { ...structuredClone(parts[0]!.data), shard: { index: 1, count: 3 } } };
    expect(refusal(ps)).toMatch(/^p2\.json: labelled shard 2\/3 \(trials 2–3\), but it holds trials 0–1/);
    // Relabelled consistently (label and indexes) but with the other shard's records: the records' trials differ.
    ps[1]!.data.trialIndexes = { from: 2, to: 4 };
    expect(refusal(ps)).toMatch(/^p2\.json: records\[0\] is trial 0, expected trial 2/);
  });

  test('overlaps and gaps are refused', () => {
    expect(refusal([...copy(), copy()[0]!])).toMatch(/p1\.json: shard 1\/3 \(trials 0–1\) is also in p1\.json/);
    expect(refusal(copy().slice(1))).toMatch(/missing shard 1\/3 \(trials 0–1\)/);
  });

  test('parts of different runs are refused: another seed, trial count, scenario or drsim version', () => {
    const other = async (edit: (s: Scenario) => void) => {
      const s = small();
      edit(s);
      return JSON.parse(JSON.stringify(await runShard(s, 's.yaml', '0', { index: 1, count: 3 }, { workers: 1 })));
    };
    return (async () => {
      const seeded = copy();
      seeded[1]!.data = await other((s) => { s.simulation.seed = 2; });
      expect(refusal(seeded)).toMatch(/^p2\.json: comes from another run than p1\.json \(seed 2 vs 1\)/);
      const changed = copy();
      changed[1]!.data = await other((s) => { s.vms[0]!.ramBytes *= 2; });
      expect(refusal(changed)).toMatch(/^p2\.json: comes from another run than p1\.json \(the scenario differs\)/);
      expect(refusal(copy(), '9.9.9')).toMatch(/^p1\.json: made by drsim 0; this is drsim 9\.9\.9/);
    })();
  });

  test('an edited partial (its content no longer matches its digest) is refused', () => {
    const ps = copy();
    ps[0]!.data.scenario.vms[0].downtimeCostPerHour = 1;
    expect(refusal(ps)).toMatch(/^p1\.json: its digest does not match its content/);
    const seed = copy();
    seed[2]!.data.seed = 5;
    expect(refusal(seed)).toMatch(/^p3\.json: /);
  });

  test('a corrupted record is refused with the file and record named, never an internal error', () => {
    const corruptions: Array<(d: any) => void> = [
      (d) => { d.records[1].strategies[0].events[0].rpoSeconds = 'x'; },
      (d) => { d.records[0].strategies = []; },
      (d) => { d.records[0].strategies[0].events[0].vms = [0, 1, 99]; },
      (d) => { d.records[0].strategies[0].events[0].outcome = [7, 7, 7, 7]; },
      (d) => { d.records[0].strategies[0].links = null; },
      (d) => { d.records[0].strategies[0].events[0].rtoSeconds.pop(); },
      (d) => { d.records[0] = null; },
      (d) => { d.records.pop(); },
      (d) => { d.records[0].strategies[0].storage = 'lots'; },
      // Store and array indexes are looked up in the scenario by aggregation: out of range, they must be refused here.
      (d) => { d.records[0].strategies[0].storage.stores[0].store = { kind: 'array', array: 99 }; },
      (d) => { d.records[0].strategies[0].storage.stores[0].store = { kind: 'tape' }; },
      (d) => { d.records[0].strategies[0].storage.arrays = [{ array: 99, vmBytes: 0, neededBytes: 0, journalKeptFraction: 1 }]; },
      (d) => { delete d.records[0].strategies[0].impact.throttledCosts; },
      // An application index is looked up too (the per-application throttle penalty).
      (d) => { d.records[0].strategies[0].impact.throttledCosts = [{ application: 99, cost: 1 }]; },
    ];
    for (const corrupt of corruptions) {
      const ps = copy();
      corrupt(ps[0]!.data);
      expect(refusal(ps)).toMatch(/^p1\.json: (records\[\d\]|holds \d+ records)/);
    }
  });

  test('a partial with no VMs, no strategies, or not a partial at all is refused', () => {
    const noVms = copy();
    noVms[0]!.data.scenario.vms = [];
    noVms[0]!.data.digest = partialDigest(noVms[0]!.data.scenario, '0');
    expect(refusal(noVms)).toMatch(/^p1\.json: /);
    for (const data of [null, 42, [], { kind: 'drsim-partial-results' }, { ...structuredClone(parts[0]!.data), version: 1 }, { ...structuredClone(parts[0]!.data), scenario: null }]) {
      expect(refusal([{ path: 'x.json', data }])).toMatch(/^x\.json: /);
    }
  });
});
