/**
 * An application's description (`applications[].description`) is reported: in results.json with the
 * application, in applications.csv, and under the business services of report.html (escaped as text).
 */
import { describe, expect, test } from '@jest/globals';
import { aggregate } from '../../../src/experiment/aggregate.js';
import type { TrialRecord } from '../../../src/experiment/trial.js';
import { applicationsCsv } from '../../../src/report/csv/small-tables-csv.js';
import { summaryTableHtml } from '../../../src/report/html-summary-table.js';
import { load, MINIMAL } from '../../support/scenario-helpers.js';

const DESCRIBED = MINIMAL
  .replace('  - { name: db, vcpus: 4, ram: 16 GiB, disk: 200 GB }', '  - { name: db, vcpus: 4, ram: 16 GiB, disk: 200 GB, app: orders }')
  .replace('  - { name: app, vcpus: 2, ram: 8 GiB, disk: 50 GB, dependsOn: [db] }', '  - { name: app, vcpus: 2, ram: 8 GiB, disk: 50 GB, dependsOn: [db], app: orders }')
  + 'applications:\n  - { name: orders, description: "Order entry <EU> & billing" }\n';

/** One trial in which both VMs of the site are back in an hour, having lost a minute. */
function record(): TrialRecord {
  return {
    trial: 0,
    strategies: [{
      events: [{ kind: 'site-disaster', vms: Int32Array.from([0, 1]), rpoSeconds: Float64Array.from([60, 60]), rtoSeconds: Float64Array.from([3600, 3600]), outcome: Uint8Array.from([0, 0]), drHostsUsed: 1 }],
      links: [{ usableBytesPerSecond: 1e7, meanBytesPerSecond: 0, p95BytesPerSecond: 0, p98BytesPerSecond: 0, peakBytesPerSecond: 0, utilization: 0, backlogPeakBytes: 0, demandBytesPerSecond: 0, weekBytesPerSecond: new Float64Array(168), lagGrowthSeconds: 0, lagGrowthAllowanceSeconds: 0 }],
      storage: { replicaBytes: 0, snapshotBytes: 0, journalBytes: 0, backupMediaBytes: 0, stores: [], arrays: [] },
      impact: { syncWriteLatencySeconds: 0, throttledBytes: 0, syncWrittenBytes: 0, haltedSeconds: 0, agentVcpuSeconds: 0, throttledVmSeconds: 0, throttledCosts: [] },
      protectionHorizonSeconds: 7 * 86400, simulatedEvents: 0,
    }],
  };
}

describe('an application\'s description', () => {
  const { scenario } = load(DESCRIBED);
  const results = aggregate(scenario, [record()], { scenarioFile: 't.yaml', version: '0' });

  test('is in results.json with its application', () => {
    expect(results.strategies[0].applications.map((a) => [a.name, a.description])).toEqual([['orders', 'Order entry <EU> & billing']]);
  });

  test('is a column of applications.csv', () => {
    const [header, row] = applicationsCsv(results).split('\n');
    const column = header.split(',').indexOf('description');
    expect(column).toBe(header.split(',').indexOf('application') + 1);
    expect(row).toContain(',Order entry <EU> & billing,');
  });

  test('is shown, escaped, under the business services of report.html', () => {
    expect(summaryTableHtml(results)).toContain('<li><strong>orders</strong>: Order entry &lt;EU&gt; &amp; billing</li>');
  });

  test('is empty when the scenario gives none (nothing is listed)', () => {
    const { scenario: plain } = load(DESCRIBED.replace(', description: "Order entry <EU> & billing"', ''));
    const r = aggregate(plain, [record()], { scenarioFile: 't.yaml', version: '0' });
    expect(r.strategies[0].applications[0].description).toBe('');
    expect(summaryTableHtml(r)).not.toContain('service-descriptions');
  });
});
