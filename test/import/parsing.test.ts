import { describe, expect, test } from '@jest/globals';
import { decimalEvidence, decimalMarks, parseLocaleNumber } from '../../src/import/locale-numbers.js';
import { detectDelimiter, readCsvText } from '../../src/import/read-csv.js';
import { claim, slug, uniqueNames } from '../../src/import/unique-names.js';
import { yamlString } from '../../src/import/yaml-format.js';
import { exactBytes as formatSize, exactBytesPerSecond as formatRate } from '../../src/models/units/format.js';
import { parseColumnMap } from '../../src/import/column-map.js';
import { ImportError } from '../../src/import/table.js';
import { parseSizeCell, unitFromHeader } from '../../src/import/size-units.js';
import { parsePowerstate, parseTier, parseHypervisor, datastoreOf } from '../../src/import/vm-fields.js';

describe('localized numbers', () => {
  test('unambiguous values vote for a decimal mark; "1,234" does not', () => {
    expect(decimalEvidence('1.234,5')).toBe(',');
    expect(decimalEvidence('1,234.5')).toBe('.');
    expect(decimalEvidence('12,5')).toBe(',');
    expect(decimalEvidence('0,125')).toBe(',');
    expect(decimalEvidence('1.234.567')).toBe(',');
    expect(decimalEvidence('1,234,567')).toBe('.');
    expect(decimalEvidence('1,234')).toBeNull();
    expect(decimalEvidence('1.234')).toBeNull();
    expect(decimalEvidence('1234')).toBeNull();
    expect(decimalEvidence('web01')).toBeNull();
  });
  test('parses with the chosen mark, spaces and apostrophes as thousands separators', () => {
    expect(parseLocaleNumber('1.234,5', ',')).toBe(1234.5);
    expect(parseLocaleNumber('1,234.5', '.')).toBe(1234.5);
    expect(parseLocaleNumber('1 234,5', ',')).toBe(1234.5);
    expect(parseLocaleNumber('1\u202f234,5', ',')).toBe(1234.5);
    expect(parseLocaleNumber("1'234.5", '.')).toBe(1234.5);
    expect(parseLocaleNumber('1,234', '.')).toBe(1234);
    expect(parseLocaleNumber('1,234', ',')).toBe(1.234);
    expect(parseLocaleNumber(' 42 ', '.')).toBe(42);
    expect(parseLocaleNumber(17.5, ',')).toBe(17.5);
    expect(parseLocaleNumber('', '.')).toBeNaN();
    expect(parseLocaleNumber('n/a', '.')).toBeNaN();
    expect(parseLocaleNumber('1.2.3,4,5', ',')).toBeNaN();
  });
  test('each column decides on its own; ambiguous columns follow the file, then the separator', () => {
    const table = {
      source: 't', headers: ['a', 'b', 'c'], delimiter: ',',
      rows: [['1,234', '12,5', '1,234'], ['2,000', '3', '5,000.5']], rowNumbers: [2, 3],
    };
    const marks = decimalMarks(table, [0, 1, 2]);
    expect(marks.get(1)).toBe(',');
    expect(marks.get(2)).toBe('.');
    // Column 0 has no evidence; the file has one vote each way → the ',' delimiter → dot.
    expect(marks.get(0)).toBe('.');
    const semicolon = { ...table, delimiter: ';', rows: [['1.234', '7'], ['2.000', '8']] };
    expect(decimalMarks(semicolon, [0]).get(0)).toBe(',');
  });
});

describe('CSV reading', () => {
  test('detects ; , tab separators from the header line', () => {
    expect(detectDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(detectDelimiter('a,b,c\n1,2,3')).toBe(',');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('"x;y",b,c\n')).toBe(',');
    expect(detectDelimiter('only\n1\n')).toBe(',');
  });
  test('BOM, quoted newlines, empty rows and trailing spaces; row numbers as a spreadsheet shows them', () => {
    const t = readCsvText('\uFEFF\n VM ,Memory\n"a\nb", 12 \n\nc,3\n', 'x.csv');
    expect(t.headers).toEqual(['VM', 'Memory']);
    expect(t.rows[0]).toEqual(['a\nb', '12']);
    expect(t.rowNumbers).toEqual([3, 4, 5]);
    expect(t.rows[2]).toEqual(['c', '3']);
  });
  test('an empty file is an ImportError', () => {
    expect(() => readCsvText('\n\n', 'x.csv')).toThrow(ImportError);
  });
});

describe('fields and units', () => {
  test('units in headers and cells; inventory MB is MiB', () => {
    expect(unitFromHeader('Memory (MB)')).toBe('MB');
    expect(unitFromHeader('Provisioned MiB')).toBe('MiB');
    expect(unitFromHeader('disk_gb')).toBe('gb');
    expect(unitFromHeader('Memory')).toBeNull();
    expect(unitFromHeader('CPUs')).toBeNull();
    expect(parseSizeCell('16', 2 ** 30, '.')).toBe(16 * 2 ** 30);
    expect(parseSizeCell('16 GB', 2 ** 20, '.')).toBe(16 * 2 ** 30);
    expect(parseSizeCell('1,5 TB', 1, ',')).toBe(1.5 * 2 ** 40);
    expect(parseSizeCell('lots', 1, '.')).toBeNaN();
  });
  test('powerstates, tiers, hypervisors and datastore paths', () => {
    expect(parsePowerstate('poweredOff')).toBe(false);
    expect(parsePowerstate('Running')).toBe(true);
    expect(parsePowerstate('suspended')).toBe(true);
    expect(parsePowerstate('Halted')).toBe(false);
    expect(parsePowerstate('weird')).toBeNull();
    expect(parseTier('Tier 2')).toBe(2);
    expect(parseTier('T3')).toBe(3);
    expect(parseTier('gold')).toBe(1);
    expect(parseTier('important')).toBeNull();
    expect(parseHypervisor('Hyper-V')).toBe('hyperv');
    expect(parseHypervisor('XenServer 7')).toBe('xen');
    expect(parseHypervisor('ESXi 7.0')).toBe('vmware');
    expect(datastoreOf('[ds-01] web01/web01.vmx')).toBe('ds-01');
  });
  test('--map: fields, units, quoted column names and clear errors', () => {
    const m = parseColumnMap(['VM Name=name,"Memory, GB"=ram:GB', 'Disk=provisioned:TiB']);
    expect(m.get('name')).toEqual({ column: 'VM Name', unit: null });
    expect(m.get('ram')).toEqual({ column: 'Memory, GB', unit: 'GB' });
    expect(m.get('provisioned')).toEqual({ column: 'Disk', unit: 'TiB' });
    expect(() => parseColumnMap(['x=colour'])).toThrow(/unknown field "colour".*fields: name, vcpus/);
    expect(() => parseColumnMap(['x=name:GB'])).toThrow(/takes no unit/);
    expect(() => parseColumnMap(['x=ram:parsecs'])).toThrow(/unknown unit/);
    expect(() => parseColumnMap(['justtext'])).toThrow(/not column=field/);
    expect(() => parseColumnMap(['a=name,b=name'])).toThrow(/mapped twice/);
  });
});

describe('names and YAML scalars', () => {
  test('duplicates become "name (2)", skipping names already taken', () => {
    const r = uniqueNames(['a', 'b', 'a', 'a (2)', 'a']);
    expect(r.names).toEqual(['a', 'b', 'a (3)', 'a (2)', 'a (4)']);
    expect(r.renamed.map((x) => x.index)).toEqual([2, 4]);
    const taken = new Set(['dr']);
    expect(claim('dr', taken)).toBe('dr-2');
    expect(slug('PowerEdge R750 / Intel(R) Xeon(R) Gold 6338')).toBe('poweredge-r750');
  });
  test('sizes are exact to the byte; quoting only when needed', () => {
    expect(formatSize(16 * 2 ** 30)).toBe('16 GiB');
    expect(formatSize(1e11)).toBe('100 GB');
    expect(formatSize(Math.round(40960.52 * 2 ** 20))).toBe('40960.52 MiB');
    expect(formatSize(0)).toBe('0 GB');
    expect(formatSize(7)).toBe('7 B');
    expect(formatRate(819200)).toBe('819.2 kB/s');
    expect(yamlString('web01')).toBe('web01');
    expect(yamlString('web 01')).toBe('"web 01"');
    expect(yamlString('yes')).toBe('"yes"');
    expect(yamlString('123')).toBe('"123"');
    expect(yamlString('a: b')).toBe('"a: b"');
  });
});
