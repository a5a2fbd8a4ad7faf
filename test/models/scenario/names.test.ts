/**
 * Issue 17, "names": control characters (NUL, BEL, ESC, DEL, C1, U+2028/2029) and bidirectional overrides
 * in a name passed validation and then crashed the run (an SVG cannot hold ESC; Vega's parser stops at
 * U+2028). Every name field refuses them with FILE:LINE:COL and the field's path; printed problems are
 * escaped so the input cannot drive the terminal.
 */
import { describe, expect, test } from '@jest/globals';
import { formatProblem } from '../../../src/models/scenario/loader.js';
import { escapeControlChars, findControlChar } from '../../../src/models/scenario/control-chars.js';
import { edit, load, MINIMAL, problemsOf } from '../../support/scenario-helpers.js';

/** A YAML double-quoted string holding `c` in the middle of "ab" + c + "cd". */
const quoted = (c: string) => `"ab${c}cd"`;
const CHARS: Array<[string, string]> = [
  ['ESC', '\\e'], ['NUL', '\\0'], ['BEL', '\\a'], ['DEL', '\\x7F'], ['NEL (C1)', '\\N'], ['U+2028', '\\L'], ['U+2029', '\\P'],
  ['RLO bidi override', '\\u202E'], ['LRI bidi isolate', '\\u2066'], ['TAB', '\\t'], ['LF', '\\n'],
];

describe('control characters in names', () => {
  test.each(CHARS)('%s in a VM name is refused at its line and column, naming the field', (_, esc) => {
    const text = edit({ 23: `  - { name: ${quoted(esc)}, vcpus: 4, ram: 16 GiB, disk: 200 GB }` });
    const [p] = problemsOf(text).filter((x) => x.path === 'vms[0].name');
    expect(p).toMatchObject({ file: 't.yaml', line: 23, column: 13 });
    expect(p!.message).toMatch(/^a VM name contains the control character U\+[0-9A-F]{4}.* at position 3: "ab\\u[0-9A-F]{4}cd"/);
    // The formatted line is one printable line.
    expect(findControlChar(formatProblem(p!))).toBeNull();
  });

  const FIELDS: Array<[string, Record<number, string>, string]> = [
    ['site', { 3: `  - { name: ${quoted('\\e')}, role: primary }` }, 'sites[0].name'],
    ['host model', { 6: `  - { name: ${quoted('\\e')}, cores: 16, ghz: 2.4, ram: 256 GiB }` }, 'hostModels[0].name'],
    ['cluster', { 8: `  - { name: ${quoted('\\e')}, site: hq }` }, 'clusters[0].name'],
    ['storage array', { 14: `  - { name: ${quoted('\\e')}, site: hq, capacity: 10 TB, read: 1 GB/s, write: 1 GB/s }` }, 'storage[0].name'],
    ['backup target', { 17: `  - { name: ${quoted('\\e')}, site: hq, read: 200 MB/s, write: 200 MB/s }` }, 'backupTargets[0].name'],
    ['link', { 19: `  - { name: ${quoted('\\L')}, between: [hq, dr], bandwidth: 100 Mbit/s }` }, 'links[0].name'],
    ['workload', { 21: `  - { name: ${quoted('\\0')}, averageWrite: 10 GB/day }` }, 'workloads[0].name'],
    ['app', { 23: `  - { name: db, vcpus: 4, ram: 16 GiB, disk: 200 GB, app: ${quoted('\\e')} }` }, 'vms[0].app'],
    ['dependsOn', { 24: `  - { name: app, vcpus: 2, ram: 8 GiB, disk: 50 GB, dependsOn: [${quoted('\\a')}] }` }, 'vms[1].dependsOn[0]'],
    ['strategy', { 26: `  - name: ${quoted('\\u202E')}` }, 'strategies[0].name'],
    ['scenario', { 1: `name: ${quoted('\\e')}` }, 'name'],
  ];
  test.each(FIELDS)('a %s name is checked too', (_, lines, path) => {
    const p = problemsOf(edit(lines)).find((x) => x.path === path);
    expect(p?.message).toMatch(/contains the control character/);
  });

  test('descriptions may span lines and hold tabs, but not ESC or U+2028', () => {
    expect(load(edit({ 1: 'name: minimal\ndescription: "two\\nlines\\tand a tab"' })).scenario.description).toBe('two\nlines\tand a tab');
    const p = problemsOf(edit({ 1: 'name: minimal\ndescription: "red \\e[31m"' }));
    expect(p.map((x) => `${x.path}: ${x.message}`)).toEqual([expect.stringMatching(/^description: the text contains the control character U\+001B \(ESC\)/)]);
  });

  test('an application\'s name and description are checked like the others', () => {
    const p = problemsOf(edit({ 1: 'name: minimal\napplications:\n  - { name: "e\\erp", description: "red \\e[31m" }' }));
    expect(p.find((x) => x.path === 'applications[0].name')?.message).toMatch(/^an application name contains the control character U\+001B/);
    expect(p.find((x) => x.path === 'applications[0].description')?.message).toMatch(/^the text contains the control character U\+001B/);
  });

  test('other problems quoting hostile input print escaped (an unknown key holding ESC)', () => {
    const p = problemsOf(MINIMAL.replace('name: minimal', 'name: minimal\n"x\\e[2J": 1'));
    const line = p.map(formatProblem).join('\n');
    expect(line).toContain('\\u001B[2J');
    expect(findControlChar(line, true)).toBeNull();
  });

  test('escapeControlChars writes every forbidden character as \\uXXXX and keeps ordinary Unicode', () => {
    expect(escapeControlChars('a\u001b[31mb\u2028c\u202Ed\u0085 é 日本')).toBe('a\\u001B[31mb\\u2028c\\u202Ed\\u0085 é 日本');
    expect(escapeControlChars('a\nb', true)).toBe('a\nb');
  });
});
