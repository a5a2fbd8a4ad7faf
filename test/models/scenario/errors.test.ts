import { describe, expect, test } from '@jest/globals';
import { columnOf, edit, load, MINIMAL, problemsOf, withVms } from '../../support/scenario-helpers.js';

describe('the minimal fixture', () => {
  test('is valid', () => {
    const { scenario, warnings } = load(MINIMAL);
    expect(scenario.vms.map((v) => v.name)).toEqual(['db', 'app']);
    expect(warnings).toEqual([]);
  });
});

describe('every problem has its line, column, path and message', () => {
  test('a wrong dimension names expected and found', () => {
    const text = edit({ 23: '  - { name: db, vcpus: 4, ram: 16 GHz, disk: 200 GB }' });
    expect(problemsOf(text)).toEqual([{
      file: 't.yaml', line: 23, column: columnOf(text, 23, '16 GHz'), path: 'vms[0].ram',
      message: 'expected a memory size like "16 GiB", found "16 GHz" (a frequency)',
    }]);
  });

  test('an unknown key suggests the nearest one and points at the key; the missing key at its parent', () => {
    const text = edit({ 23: '  - { name: db, vcpus: 4, rma: 16 GiB, disk: 200 GB }' });
    const p = problemsOf(text);
    expect(p).toContainEqual({ file: 't.yaml', line: 23, column: columnOf(text, 23, 'rma'), path: 'vms[0].rma', message: 'unknown key "rma" (did you mean "ram"?)' });
    expect(p).toContainEqual({ file: 't.yaml', line: 23, column: columnOf(text, 23, '{'), path: 'vms[0].ram', message: 'missing required key "ram"' });
  });

  test('an undefined reference names both ends, with a suggestion', () => {
    const text = edit({ 8: '  - { name: prod, site: hqq }' });
    expect(problemsOf(text)).toContainEqual({
      file: 't.yaml', line: 8, column: columnOf(text, 8, 'hqq'), path: 'clusters[0].site',
      message: 'cluster "prod" refers to site "hqq", which is not defined (did you mean "hq"?)',
    });
  });

  test('duplicate names say where the first one is', () => {
    const text = edit({ 4: '  - { name: hq, role: dr }' });
    const p = problemsOf(text);
    expect(p[0]).toMatchObject({ line: 4, column: columnOf(text, 4, 'hq'), path: 'sites[1].name', message: 'duplicate site name "hq" (already defined at sites[0])' });
  });

  test('a dependency cycle is named', () => {
    const text = edit({ 23: '  - { name: db, vcpus: 4, ram: 16 GiB, disk: 200 GB, dependsOn: [app] }' });
    expect(problemsOf(text)).toEqual([expect.objectContaining({ line: 23, path: 'vms[0].dependsOn', message: 'dependency cycle: db → app → db' })]);
  });

  test('a longer cycle through templates, and a self-dependency', () => {
    const text = withVms(
      '  - { template: "x{i}", count: 3, vcpus: 1, ram: 1 GiB, disk: 10 GB, dependsOn: ["x{i/3}"] }',
      '  - { name: y1, vcpus: 1, ram: 1 GiB, disk: 10 GB, dependsOn: [y2] }',
      '  - { name: y2, vcpus: 1, ram: 1 GiB, disk: 10 GB, dependsOn: [y3] }',
      '  - { name: y3, vcpus: 1, ram: 1 GiB, disk: 10 GB, dependsOn: [y1] }',
    );
    const p = problemsOf(text);
    expect(p).toContainEqual(expect.objectContaining({ line: 25, path: 'vms[2].dependsOn[0]', message: 'VM "x1" cannot depend on itself' }));
    expect(p).toContainEqual(expect.objectContaining({ line: 26, path: 'vms[3].dependsOn', message: 'dependency cycle: y1 → y2 → y3 → y1' }));
  });

  test('zero and negative sizes and counts', () => {
    const text = edit({ 14: '  - { name: a1, site: hq, capacity: -5 TB, read: 0 GB/s, write: 1 GB/s }', 23: '  - { name: db, vcpus: 0, ram: 16 GiB, disk: 200 GB }' });
    const p = problemsOf(text);
    expect(p).toContainEqual(expect.objectContaining({ line: 14, path: 'storage[0].capacity', message: 'a size must be more than zero' }));
    expect(p).toContainEqual(expect.objectContaining({ line: 14, path: 'storage[0].read', message: 'a rate must be more than zero' }));
    expect(p).toContainEqual(expect.objectContaining({ line: 23, path: 'vms[0].vcpus', message: 'must be at least 1, found 0' }));
  });

  test('wrong types say what they found', () => {
    const text = edit({ 23: '  - { name: db, vcpus: four, ram: 16 GiB, disk: 200 GB }' });
    expect(problemsOf(text)).toEqual([expect.objectContaining({ line: 23, column: columnOf(text, 23, 'four'), path: 'vms[0].vcpus', message: 'expected a number of vCPUs, found "four"' })]);
  });

  test('an unknown method and an unknown enum value get suggestions', () => {
    const text = edit({ 29: '        methods: [ { method: async-replicaton, interval: 15 min } ]', 4: '  - { name: dr, role: disaster }' });
    const p = problemsOf(text);
    expect(p).toContainEqual(expect.objectContaining({ line: 29, path: 'strategies[0].protect[0].methods[0].method', message: 'unknown method "async-replicaton" (did you mean "async-replication"?)' }));
    expect(p).toContainEqual(expect.objectContaining({ line: 4, path: 'sites[1].role', message: 'expected one of primary, dr, other, found "disaster"' }));
  });

  test('distribution problems point into the distribution', () => {
    const text = edit({
      23: '  - { name: db, vcpus: 4, ram: 16 GiB, disk: 200 GB, boot: { lognormal: { median: 1 h } } }',
      24: '  - { name: app, vcpus: 2, ram: 8 GiB, disk: 50 GB, appRecovery: { triangular: { min: 10 min, mode: 5 min, max: 1 h } }, boot: { lognormall: { median: 1 h, p95: 2 h } } }',
    });
    const p = problemsOf(text);
    expect(p).toContainEqual(expect.objectContaining({ line: 23, path: 'vms[0].boot.lognormal', message: 'lognormal needs median, p95; "p95" is missing' }));
    expect(p).toContainEqual(expect.objectContaining({ line: 24, column: columnOf(text, 24, '5 min'), path: 'vms[1].appRecovery.triangular.mode', message: expect.stringContaining('triangular.mode: expected a number in [min, max] = [600, 3600], found 300') }));
    expect(p).toContainEqual(expect.objectContaining({ line: 24, path: 'vms[1].boot.lognormall', message: expect.stringContaining('unknown distribution "lognormall" (did you mean "lognormal"?)') }));
  });

  test('every VM must be covered by each strategy', () => {
    const text = edit({ 28: '      - select: { tier: 1 }' });
    expect(problemsOf(text)).toEqual([expect.objectContaining({
      line: 28, path: 'strategies[0].protect',
      message: expect.stringContaining('strategy "async" does not cover 2 VMs: db, app'),
    })]);
  });

  test('a strategy without a usable link or target says why', () => {
    const text = edit({ 18: 'links: []', 19: '' });
    expect(problemsOf(text)).toEqual([expect.objectContaining({ line: 29, path: 'strategies[0].protect[0].methods[0]', message: 'strategy "async": missing link (no link connects hq and the DR site "dr")' })]);
  });

  test('all problems are collected, in file order', () => {
    const text = edit({ 6: '  - { name: std, cores: 16, ghz: 2.4, ram: 256 GB/s }', 21: '  - { name: w, averageWrite: 10 GB }', 23: '  - { name: db, vcpus: 4, ram: 16 GiB, disk: 200 GB, colour: blue }' });
    expect(problemsOf(text).map((p) => [p.line, p.path])).toEqual([[6, 'hostModels[0].ram'], [21, 'workloads[0].averageWrite'], [23, 'vms[0].colour']]);
  });

  test('templates: a count needs {i} in the name; a glob must match something', () => {
    const p = problemsOf(withVms(
      '  - { template: web, count: 3, vcpus: 1, ram: 1 GiB, disk: 10 GB }',
      '  - { name: c, vcpus: 1, ram: 1 GiB, disk: 10 GB, dependsOn: ["web-*"] }',
    ));
    expect(p).toContainEqual(expect.objectContaining({ line: 25, path: 'vms[2].template', message: '3 VMs cannot share the name "web": put {i} or {i:02} in it' }));
    expect(p).toContainEqual(expect.objectContaining({ line: 26, path: 'vms[3].dependsOn[0]', message: 'VM "c" depends on "web-*", which matches no VM' }));
  });

  test('a unique-update curve cannot grow with the window', () => {
    const text = edit({ 21: '  - { name: w, averageWrite: 10 GB/day, uniqueUpdates: { 1 min: 50%, 1 h: 60% } }' });
    expect(problemsOf(text)).toEqual([expect.objectContaining({ line: 21, path: 'workloads[0].uniqueUpdates["1 h"]', message: expect.stringContaining('cannot grow with the window') })]);
  });

  test('money in another currency than costs.currency', () => {
    const text = edit({ 6: '  - { name: std, cores: 16, ghz: 2.4, ram: 256 GiB, price: "€9,000" }' });
    expect(problemsOf(text)).toEqual([expect.objectContaining({ line: 6, path: 'hostModels[0].price', message: expect.stringContaining("in EUR, but the scenario's currency is USD") })]);
    expect(() => load(`${text}\ncosts: { currency: EUR }\n`)).not.toThrow();
  });

  test('an unquoted "$12,000" in a flow mapping gets a hint', () => {
    const text = edit({ 6: '  - { name: std, cores: 16, ghz: 2.4, ram: 256 GiB, price: $12,000 }' });
    expect(problemsOf(text)).toEqual([expect.objectContaining({ line: 6, path: 'hostModels[0]["0"]', message: expect.stringContaining('quote amounts with thousands separators') })]);
  });

  test('rate and mtbf together, or neither', () => {
    const p = problemsOf(`${MINIMAL}failures:\n  hostFailure: { rate: 1/year, mtbf: 2 years }\n  storageFailure: { repair: 4 h }\n`);
    expect(p.map((x) => [x.path, x.message])).toEqual([
      ['failures.hostFailure.mtbf', 'give rate or mtbf, not both'],
      ['failures.storageFailure', 'missing how often: give rate (e.g. "0.5/year") or mtbf (e.g. "2 years")'],
    ]);
  });
});

describe('hostile inputs', () => {
  test('malformed YAML reports the parser position', () => {
    expect(problemsOf('name: x\nsites: [\n')).toEqual([expect.objectContaining({ line: 3, column: 1, message: expect.stringContaining('YAML syntax error') })]);
  });
  test('duplicate keys', () => {
    expect(problemsOf('name: x\nname: y\n')).toEqual([expect.objectContaining({ line: 2, column: 1, message: 'duplicate key "name": a key may appear only once in a mapping' })]);
  });
  test('an alias bomb is refused', () => {
    const bomb = 'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n';
    expect(problemsOf(bomb)[0].message).toContain('too many YAML alias expansions');
  });
  test('empty, comment-only and non-mapping documents', () => {
    expect(problemsOf('')[0].message).toContain('is empty');
    expect(problemsOf('# nothing\n')[0].message).toContain('only comments');
    expect(problemsOf('- a\n- b\n')[0].message).toContain('expected a mapping of scenario sections');
    expect(problemsOf('42\n')[0].message).toContain('expected a mapping of scenario sections');
  });
  test('wrong top-level types', () => {
    expect(problemsOf('name: x\nsites: hq\n')).toEqual([expect.objectContaining({ line: 2, path: 'sites', message: 'expected a list, found "hq"' })]);
  });
});
