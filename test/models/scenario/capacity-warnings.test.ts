/**
 * Issue 17, "files from elsewhere": validate said nothing about a VM larger than every DR host (it can never
 * be recovered there) or a DR array holding more replicas than its capacity. Both warn, naming the VMs
 * and arrays; so does a VM larger than every host of its own cluster.
 */
import { describe, expect, test } from '@jest/globals';
import { edit, load, MINIMAL, withVms } from '../../support/scenario-helpers.js';

const messages = (text: string) => load(text).warnings.map((w) => `${w.path}: ${w.message}`);

describe('capacity warnings', () => {
  test('a VM with more RAM than any DR host can give is named', () => {
    // The DR host: 256 GiB × (1 − 10% reservation) = 230.4 GiB for VMs.
    const text = withVms('  - { name: bigdb, vcpus: 8, ram: 300 GiB, disk: 100 GB }');
    expect(messages(text)).toContainEqual(expect.stringMatching(
      /^strategies\[0\]\.recovery: VM bigdb \(8 vCPUs, 300 GiB\) is larger than every host at DR site "dr" \(the largest takes 64 vCPUs and 230 GiB\): it cannot be recovered there/));
  });

  test('so is one with more vCPUs than any DR host can run', () => {
    const text = withVms('  - { name: wide, vcpus: 80, ram: 8 GiB, disk: 100 GB }');
    expect(messages(text)).toContainEqual(expect.stringMatching(/VM wide \(80 vCPUs, 8 GiB\) is larger than every host at DR site "dr"/));
  });

  test('a VM larger than every host of its own cluster is named too', () => {
    const text = withVms('  - { name: bigdb, vcpus: 8, ram: 300 GiB, disk: 100 GB }');
    expect(messages(text)).toContainEqual(expect.stringMatching(/^vms\[2\]: VM bigdb \(8 vCPUs, 300 GiB\) is larger than every host of cluster "prod"/));
  });

  test('a DR array holding more replicas than its capacity is named with its VMs', () => {
    const text = edit({ 15: '  - { name: a2, site: dr, capacity: 100 GB, read: 1 GB/s, write: 1 GB/s }' });
    expect(messages(text)).toContainEqual(
      'strategies[0]: strategy "async": DR array "a2" has 100 GB, but the replicas of 2 VMs (db, app) need 250 GB');
  });

  test('the minimal fixture has none of these', () => {
    expect(messages(MINIMAL)).toEqual([]);
  });
});
