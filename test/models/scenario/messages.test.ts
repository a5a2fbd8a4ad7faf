/**
 * Issue 17, "messages and bounds": problems name the right VM, and non-finite numbers (`.inf`, `.nan`,
 * "Infinity") are called what they are rather than "add a unit".
 */
import { describe, expect, test } from '@jest/globals';
import { edit, problemsOf, withVms } from '../../support/scenario-helpers.js';

describe('dependency problems name the VM that has them', () => {
  test('after an earlier VM failed to build, a dependency still points at the right VM', () => {
    // vms[2] fails (used > provisioned); the VMs after it must keep their own names in messages.
    const text = withVms(
      '  - { name: bad, vcpus: 1, ram: 1 GiB, disk: { provisioned: 10 GB, used: 20 GB } }',
      '  - { name: web, vcpus: 1, ram: 1 GiB, disk: 10 GB }',
      '  - { name: app2, vcpus: 1, ram: 1 GiB, disk: 10 GB, dependsOn: [web] }',
    );
    const messages = problemsOf(text).map((p) => `${p.path}: ${p.message}`);
    expect(messages).toEqual(['vms[2].disk.used: used (20000000000 bytes) is more than provisioned (10000000000 bytes)']);
  });

  test('a real self-dependency names the VM itself', () => {
    const text = withVms('  - { name: web, vcpus: 1, ram: 1 GiB, disk: 10 GB, dependsOn: [web] }');
    expect(problemsOf(text).map((p) => p.message)).toEqual(['VM "web" cannot depend on itself']);
  });
});

describe('non-finite numbers', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['ram: .inf', '  - { name: db, vcpus: 4, ram: .inf, disk: 200 GB }', /vms\[0\]\.ram: expected a memory size like "16 GiB", found infinity \(not a finite number\)/],
    ['ram: -.inf', '  - { name: db, vcpus: 4, ram: -.inf, disk: 200 GB }', /found -infinity \(not a finite number\)/],
    ['disk: .nan', '  - { name: db, vcpus: 4, ram: 16 GiB, disk: .nan }', /vms\[0\]\.disk: .*found NaN \(not a number\)/],
    ['ram: "Infinity GB"', '  - { name: db, vcpus: 4, ram: "Infinity GB", disk: 200 GB }', /vms\[0\]\.ram: .*not a finite number/],
    ['vcpus: .inf', '  - { name: db, vcpus: .inf, ram: 16 GiB, disk: 200 GB }', /vms\[0\]\.vcpus: expected a number of vCPUs, found infinity/],
  ];
  test.each(cases)('%s', (_, line, pattern) => {
    const p = problemsOf(edit({ 23: line })).map((x) => `${x.path}: ${x.message}`).join('\n');
    expect(p).toMatch(pattern);
    expect(p).not.toMatch(/add a unit/);
  });

  test('a clock of .inf GHz, a price of .inf and a rate of 1e400/year are refused', () => {
    const p = problemsOf(edit({ 6: '  - { name: std, cores: 16, ghz: .inf, ram: 256 GiB, price: .inf }' },
      'failures:\n  siteDisaster: { rate: 1e400/year }\n')).map((x) => `${x.path}: ${x.message}`);
    expect(p).toEqual(expect.arrayContaining([
      expect.stringMatching(/^hostModels\[0\]\.ghz: .*not a finite number/),
      expect.stringMatching(/^hostModels\[0\]\.price: .*not a finite number/),
      expect.stringMatching(/^failures\.siteDisaster\.rate: .*not a finite number/),
    ]));
  });

  test('a distribution parameter of .inf is refused', () => {
    const p = problemsOf(edit({ 23: '  - { name: db, vcpus: 4, ram: 16 GiB, disk: 200 GB, writeScale: { uniform: { min: 1, max: .inf } } }' }));
    expect(p.map((x) => x.message).join('\n')).toMatch(/not a finite number/);
  });
});
