/**
 * report.xlsx: the results as one workbook for budget sheets — a sheet per concern (sheets.ts), typed
 * cells (numbers as numbers with Excel number formats, yes/no as booleans), the unit in every header, the
 * header row frozen and filterable, columns as wide as their values.
 *
 * Written by a small SpreadsheetML writer (spreadsheet-ml.ts, zip-writer.ts) rather than exceljs: the
 * rows stream through zlib to the file as they are made, and the 40,000 per-VM rows of a 10,000-VM
 * estate take about a tenth of the time exceljs's streaming writer needs (~10 s), which alone would
 * break the report's budget. exceljs reads the result back in the tests.
 */
import type { ResultsFile } from '../../models/results.js';
import { withTempFile } from '../atomic-write.js';
import { WORKBOOK_SHEETS, type SheetBuilder } from './sheets.js';
import { columnName, contentTypesXml, corePropsXml, ROOT_RELS, SharedStrings, sheetXml, stylesXml, workbookRelsXml, workbookXml, type SheetEntry } from './spreadsheet-ml.js';
import { cellValue, fitColumns, type CellValue, type SheetTable } from './table.js';
import { ZipWriter } from './zip-writer.js';

/** Points per header line (Excel's default row is 15 points). */
const LINE_POINTS = 15;

/** The sheets this workbook holds for `results`, in tab order (a builder with nothing to show adds no sheet). */
export function workbookTables(results: ResultsFile, builders: readonly SheetBuilder[] = WORKBOOK_SHEETS): SheetTable[] {
  return builders.map((b) => b(results)).filter((t): t is SheetTable => t !== null);
}

function* safeRows(table: SheetTable, counter: { rows: number }): Generator<CellValue[]> {
  for (const row of table.rows()) {
    counter.rows++;
    yield row.map(cellValue);
  }
}

/** Writes the workbook to `path` atomically. */
export async function writeWorkbook(results: ResultsFile, path: string, builders: readonly SheetBuilder[] = WORKBOOK_SHEETS): Promise<void> {
  await writeTablesWorkbook(workbookTables(results, builders), path, { title: `DR strategies: ${results.scenario.name}`, creator: `drsim ${results.generatedBy.version}` });
}

/** Writes `tables` as a workbook to `path` atomically (any report's typed tables: the run's, sensitivity's). */
export async function writeTablesWorkbook(tables: readonly SheetTable[], path: string, props: { title: string; creator: string }): Promise<void> {
  await withTempFile(path, async (tmp) => {
    const zip = new ZipWriter(tmp);
    try {
      const strings = new SharedStrings();
      const entries: SheetEntry[] = [];
      for (const [k, table] of tables.entries()) {
        const { widths, headerLines } = fitColumns(table);
        const preamble = (table.preamble ?? []).map((l) => cellValue(l) as string);
        const counter = { rows: 0 };
        zip.add(`xl/worksheets/sheet${k + 1}.xml`, sheetXml({
          widths, preamble, headers: table.columns.map((c) => cellValue(c.header) as string), headerHeightPoints: LINE_POINTS * headerLines,
          kinds: table.columns.map((c) => c.kind), freezeFirstColumn: table.columns.length > 2, tabSelected: k === 0,
        }, safeRows(table, counter), strings));
        const headerRow = preamble.length + 1;
        entries.push({ name: table.name, headerRow, lastColumn: columnName(table.columns.length - 1), lastRow: Math.max(headerRow + 1, headerRow + counter.rows) });
      }
      zip.add('xl/sharedStrings.xml', strings.xml());
      zip.add('xl/styles.xml', [stylesXml()]);
      zip.add('xl/workbook.xml', [workbookXml(entries)]);
      zip.add('xl/_rels/workbook.xml.rels', [workbookRelsXml(tables.length)]);
      zip.add('docProps/core.xml', [corePropsXml(props.title, props.creator)]);
      zip.add('_rels/.rels', [ROOT_RELS]);
      zip.add('[Content_Types].xml', [contentTypesXml(tables.length)]);
      zip.close();
    } catch (e) {
      try { zip.abort(); } catch { /* the write's error is the one to report */ }
      throw e;
    }
  });
}
