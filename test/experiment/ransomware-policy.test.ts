/**
 * A clean-point policy per application, end to end: scenarios/ransomware.yaml with its erp restored from before
 * the encryption (the rest of the estate from before the compromise, the scenario's policy). Same seed, so every
 * attack (compromise, dwell, detection) is the same with and without the override: per trial erp trusts a point
 * at least as new as before (newest before E ≥ newest before C), or the same one after a reinfection, so it loses
 * no more data; the applications without an override get exactly the same data loss (their points do not
 * depend on erp's). The results say which policy each application was recovered under.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runExperiment } from '../../src/experiment/experiment.js';
import { parseScenario } from '../../src/models/scenario/loader.js';
import type { ResultsFile } from '../../src/models/results.js';

const FILE = fileURLToPath(new URL('../../scenarios/ransomware.yaml', import.meta.url));
const TRIALS = 12;

async function run(text: string): Promise<ResultsFile> {
  const { scenario } = parseScenario(text, 'ransomware.yaml');
  scenario.simulation.trials = TRIALS;
  return runExperiment(scenario, 'r', '0', { workers: 1 });
}

describe('applications[].ransomware end to end', () => {
  test('erp before the encryption: reported so, never more data lost than before the compromise; the others unchanged', async () => {
    const text = readFileSync(FILE, 'utf8');
    const own = text.replace(/^applications:\n/m, 'applications:\n  - { name: erp, ransomware: { cleanPoint: before-encryption, cleaning: 8 h, reinfection: 10% } }\n');
    expect(own).not.toBe(text);
    const [base, withOwn] = [await run(text), await run(own)];
    for (const [k, s] of withOwn.strategies.entries()) {
      const apps = new Map(s.ransomware!.applications.map((a) => [a.name, a]));
      const before = new Map(base.strategies[k]!.ransomware!.applications.map((a) => [a.name, a]));
      expect([apps.get('erp')!.cleanPoint, apps.get('erp')!.reinfection]).toEqual(['before-encryption', 0.1]);
      expect([apps.get('crm')!.cleanPoint, apps.get('crm')!.reinfection]).toEqual(['before-compromise', 0]);
      expect(s.ransomware!.cleanPoint).toBe('before-compromise');
      const erp = apps.get('erp')!.rpoSeconds;
      const erpBefore = before.get('erp')!.rpoSeconds;
      if (erp.max !== null && erpBefore.max !== null) expect(erp.max).toBeLessThanOrEqual(erpBefore.max);
      if (erp.p50 !== null && erpBefore.p50 !== null) expect(erp.p50).toBeLessThanOrEqual(erpBefore.p50);
      expect(apps.get('crm')!.rpoSeconds.p50).toBe(before.get('crm')!.rpoSeconds.p50);
    }
    // Some strategy keeps a point after the compromise for erp: there it loses strictly less at the median.
    const gains = withOwn.strategies.map((s, k) => {
      const a = s.ransomware!.applications.find((x) => x.name === 'erp')!.rpoSeconds.p50;
      const b = base.strategies[k]!.ransomware!.applications.find((x) => x.name === 'erp')!.rpoSeconds.p50;
      return a !== null && b !== null && a < b;
    });
    expect(gains).toContain(true);
  }, 300_000);
});
