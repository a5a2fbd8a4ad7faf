/**
 * The XML parts of an .xlsx (Office Open XML SpreadsheetML, the subset a typed table needs): workbook,
 * worksheets with frozen panes, column widths and an autofilter, a style sheet with one cell format per
 * number format, shared strings. Sheet rows are produced as chunks of text for the ZIP writer.
 */
import { NUMBER_FORMATS, type CellValue, type ColumnKind } from './table.js';

/** XML text: markup characters escaped, characters XML 1.0 forbids dropped. */
export function xmlText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** "A", ..., "Z", "AA", ... for a 0-based column index. */
export function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const KINDS: ColumnKind[] = ['text', 'prose', 'count', 'number', 'money', 'fraction', 'duration', 'boolean'];

/** Cell format (xf) indices in styles.xml. */
export const STYLE = {
  default: 0,
  header: 1,
  preamble: 2,
  /** Data cells of a column of this kind. */
  data: (kind: ColumnKind): number => 3 + KINDS.indexOf(kind),
};

export function stylesXml(): string {
  const custom = KINDS.map((k) => NUMBER_FORMATS[k]).filter((f): f is string => f !== undefined).filter((f, i, a) => a.indexOf(f) === i);
  const fmtId = (k: ColumnKind): number => (NUMBER_FORMATS[k] === undefined ? 0 : 164 + custom.indexOf(NUMBER_FORMATS[k]!));
  const dataXfs = KINDS.map((k) => (k === 'prose'
    ? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>'
    : `<xf numFmtId="${fmtId(k)}" fontId="0" fillId="0" borderId="0" xfId="0"${fmtId(k) ? ' applyNumberFormat="1"' : ''}/>`)).join('');
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<numFmts count="${custom.length}">${custom.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${xmlText(f)}"/>`).join('')}</numFmts>` +
    '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><i/><sz val="11"/><color rgb="FF555555"/><name val="Calibri"/><family val="2"/></font></fonts>' +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
    '<fill><patternFill patternType="solid"><fgColor rgb="FFF3F3F3"/><bgColor indexed="64"/></patternFill></fill></fills>' +
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
    '<border><left/><right/><top/><bottom style="thin"><color rgb="FF999999"/></bottom><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${3 + KINDS.length}">` +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="top" wrapText="1"/></xf>' +
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
    dataXfs + '</cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>';
}

/** Shared strings: each distinct text once (strategy names repeat on every per-VM row). */
export class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];
  count = 0;

  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(s, i);
      this.list.push(s);
    }
    return i;
  }

  *xml(): Generator<string> {
    yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.list.length}">`;
    let chunk = '';
    for (const s of this.list) {
      chunk += /^\s|\s$/.test(s) ? `<si><t xml:space="preserve">${xmlText(s)}</t></si>` : `<si><t>${xmlText(s)}</t></si>`;
      if (chunk.length > 65536) { yield chunk; chunk = ''; }
    }
    yield chunk + '</sst>';
  }
}

export interface SheetLayout {
  widths: number[];
  /** Rows above the header (written as text in column A). */
  preamble: string[];
  headers: string[];
  headerHeightPoints: number;
  kinds: ColumnKind[];
  /** Freeze the first column too (the strategy or item each row is about). */
  freezeFirstColumn: boolean;
  tabSelected: boolean;
}

function cell(ref: string, v: CellValue, style: number, strings: SharedStrings): string {
  if (v === null) return '';
  if (typeof v === 'number') return `<c r="${ref}" s="${style}"><v>${v}</v></c>`;
  if (typeof v === 'boolean') return `<c r="${ref}" s="${style}" t="b"><v>${v ? 1 : 0}</v></c>`;
  return `<c r="${ref}" s="${style}" t="s"><v>${strings.id(v)}</v></c>`;
}

/** A worksheet's XML in chunks; `rows` are already safe values. Reports the data row count through `onRows`. */
export function* sheetXml(layout: SheetLayout, rows: Iterable<CellValue[]>, strings: SharedStrings): Generator<string> {
  const headerRow = layout.preamble.length + 1;
  const last = columnName(layout.headers.length - 1);
  const top = `${layout.freezeFirstColumn ? 'B' : 'A'}${headerRow + 1}`;
  const pane = layout.freezeFirstColumn
    ? `<pane xSplit="1" ySplit="${headerRow}" topLeftCell="${top}" activePane="bottomRight" state="frozen"/><selection pane="topRight"/><selection pane="bottomLeft"/><selection pane="bottomRight" activeCell="${top}" sqref="${top}"/>`
    : `<pane ySplit="${headerRow}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/>`;
  yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<sheetViews><sheetView${layout.tabSelected ? ' tabSelected="1"' : ''} workbookViewId="0">${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${layout.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` +
    '<sheetData>';
  let r = 0;
  let chunk = '';
  for (const line of layout.preamble) {
    r++;
    chunk += `<row r="${r}">${cell(`A${r}`, line, STYLE.preamble, strings)}</row>`;
  }
  r++;
  chunk += `<row r="${r}" ht="${layout.headerHeightPoints}" customHeight="1">${layout.headers.map((h, i) => cell(`${columnName(i)}${r}`, h, STYLE.header, strings)).join('')}</row>`;
  const names = layout.headers.map((_, i) => columnName(i));
  const styles = layout.kinds.map((k) => STYLE.data(k));
  for (const values of rows) {
    r++;
    let row = `<row r="${r}">`;
    for (let i = 0; i < values.length; i++) row += cell(`${names[i]}${r}`, values[i]!, styles[i]!, strings);
    chunk += row + '</row>';
    if (chunk.length > 65536) { yield chunk; chunk = ''; }
  }
  yield chunk + `</sheetData><autoFilter ref="A${headerRow}:${last}${Math.max(r, headerRow + 1)}"/>` +
    '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>';
}

export interface SheetEntry { name: string; headerRow: number; lastColumn: string; lastRow: number }

export function workbookXml(sheets: SheetEntry[]): string {
  const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>` +
    `<definedNames>${sheets.map((s, i) => `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlText(quoted(s.name))}!$A$${s.headerRow}:$${s.lastColumn}$${s.lastRow}</definedName>`).join('')}</definedNames>` +
    '</workbook>';
}

export function workbookRelsXml(sheets: number): string {
  const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    Array.from({ length: sheets }, (_, i) => rel(`rId${i + 1}`, 'worksheet', `worksheets/sheet${i + 1}.xml`)).join('') +
    rel(`rId${sheets + 1}`, 'styles', 'styles.xml') + rel(`rId${sheets + 2}`, 'sharedStrings', 'sharedStrings.xml') +
    '</Relationships>';
}

export function contentTypesXml(sheets: number): string {
  const part = (name: string, type: string) => `<Override PartName="${name}" ContentType="${type}"/>`;
  const ml = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    part('/xl/workbook.xml', `${ml}.sheet.main+xml`) +
    Array.from({ length: sheets }, (_, i) => part(`/xl/worksheets/sheet${i + 1}.xml`, `${ml}.worksheet+xml`)).join('') +
    part('/xl/styles.xml', `${ml}.styles+xml`) + part('/xl/sharedStrings.xml', `${ml}.sharedStrings+xml`) +
    part('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
    '</Types>';
}

export const ROOT_RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>';

export function corePropsXml(title: string, creator: string): string {
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
    `<dc:title>${xmlText(title)}</dc:title><dc:creator>${xmlText(creator)}</dc:creator></cp:coreProperties>`;
}
