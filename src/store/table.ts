/**
 * A report's sheet as a keyed table. The sheet is found by developer metadata (so a
 * renamed or moved sheet is still ours), columns by header text in either language
 * (so reordered or inserted columns are fine), rows by key (so sorting and filters
 * are fine). Upserts write only rows that changed, plus new rows in one block.
 */
import { Cell, SheetHandle, SpreadsheetGateway } from '../gas/types';
import { NUMBER_FORMATS, headerFor, sameCell } from './columns';
import { Segment, columnRuns, mergeRuns, rewriteBlock, runs, segmentsOf } from './blocks';
import { SheetFullError, SPREADSHEET_CELL_LIMIT, TABLE_TAG, TableSpec, UpsertResult, mapColumns, rowKey } from './table-spec';

export { mergeRuns } from './blocks';

export { SPREADSHEET_CELL_LIMIT, SheetFullError, TABLE_TAG, mapColumns, rowKey } from './table-spec';
export type { TableSpec, UpsertResult } from './table-spec';

export class SheetTable {
  private cols: Map<string, number> | null;
  /** Key -> sheet row. */
  private index: Map<string, number> | null = null;
  /** Current values of mapped columns by sheet row, for change detection. */
  private current = new Map<number, Map<string, Cell>>();
  private last: number | null;

  /**
   * `columns` null: the header is read (and completed in `locale`) on first use, so a
   * refresh that finds nothing new never reads the sheet at all.
   */
  private constructor(
    private readonly sheet: SheetHandle,
    private readonly spec: TableSpec,
    columns: Map<string, number> | null,
    private readonly gateway: SpreadsheetGateway,
    private readonly locale: 'ru' | 'en' | null = null,
  ) {
    this.cols = columns;
    this.last = null;
  }

  private get columns(): Map<string, number> {
    if (!this.cols) this.cols = this.locale ? SheetTable.completeHeader(this.sheet, this.spec, this.locale) : mapColumns(this.spec, this.sheet.readHeader());
    return this.cols;
  }

  private get lastRow(): number {
    if (this.last === null) this.last = this.sheet.lastRow();
    return this.last;
  }

  private set lastRow(n: number) {
    this.last = n;
  }

  /** The table's sheet if it exists (read-only use, e.g. formulas). */
  static find(gateway: SpreadsheetGateway, spec: TableSpec): SheetTable | null {
    const sheet = gateway.findSheetByTag(TABLE_TAG, spec.id);
    return sheet ? new SheetTable(sheet, spec, null, gateway) : null;
  }

  /**
   * Finds or creates the sheet. Every column gets a header: at once on a new sheet (an
   * empty report still shows its columns), else on the table's first use.
   */
  static open(gateway: SpreadsheetGateway, spec: TableSpec, locale: 'ru' | 'en'): SheetTable {
    let sheet = gateway.findSheetByTag(TABLE_TAG, spec.id);
    if (sheet) return new SheetTable(sheet, spec, null, gateway, locale);
    // An empty, untagged sheet of ours (a run killed between creating and tagging it) is taken back.
    sheet = gateway.adoptEmptySheet(spec.title[locale], TABLE_TAG, spec.id);
    if (!sheet) {
      let name = spec.title[locale];
      for (let n = 2; gateway.sheetExists(name); n++) name = spec.title[locale] + ' (' + n + ')';
      sheet = gateway.createSheet(name, TABLE_TAG, spec.id);
    }
    return new SheetTable(sheet, spec, SheetTable.completeHeader(sheet, spec, locale), gateway);
  }

  /**
   * Maps the header and writes the missing columns' headers after the last one. Row 1 is
   * frozen before any header is written, so a run killed in between never leaves a
   * header that a seller's sort would move into the data; a complete header costs no write.
   */
  private static completeHeader(sheet: SheetHandle, spec: TableSpec, locale: 'ru' | 'en'): Map<string, number> {
    const header = sheet.readHeader();
    const width = header.length;
    const columns = mapColumns(spec, header);
    const missing = spec.columns.filter((c) => !columns.has(c.id));
    if (missing.length) {
      sheet.freezeRows(1);
      const start = width + 1;
      sheet.write(1, start, [missing.map((c) => headerFor(c, locale))], [missing.map(() => '@')]);
      missing.forEach((c, i) => columns.set(c.id, start + i));
      sheet.styleHeader(start + missing.length - 1);
    }
    return columns;
  }

  /** Drops the oldest data rows (the top ones: tables append at the bottom) beyond `max`. */
  trimTo(max: number): number {
    const extra = this.lastRow - 1 - max;
    if (extra <= 0) return 0;
    this.sheet.deleteRows(2, extra);
    this.lastRow -= extra;
    this.index = null;
    this.current.clear();
    return extra;
  }

  /** Deletes the given data rows (sheet row numbers), bottom-up in runs of adjacent rows. */
  deleteRowsAt(rows: number[]): number {
    const blocks = runs(rows.slice().sort((a, b) => a - b)).reverse();
    for (const [from, to] of blocks) this.sheet.deleteRows(from, to - from + 1);
    this.lastRow -= rows.length;
    this.index = null;
    this.current.clear();
    return rows.length;
  }

  /** Columns up to the last mapped one: what a whole-row read needs. */
  private width(): number {
    return Math.max(1, ...Array.from(this.columns.values()));
  }

  sheetName(): string {
    return this.sheet.name();
  }

  hasColumn(id: string): boolean {
    return this.columns.has(id);
  }

  /** All data rows as objects keyed by column id (only mapped columns). */
  readRows(): Record<string, Cell>[] {
    const rows: Record<string, Cell>[] = [];
    if (this.lastRow < 2) return rows;
    const values = this.sheet.read(2, 1, this.lastRow - 1, this.width());
    const mapped = Array.from(this.columns.entries());
    for (const line of values) {
      const row: Record<string, Cell> = {};
      for (const [id, col] of mapped) row[id] = line[col - 1] === undefined ? null : line[col - 1];
      rows.push(row);
    }
    return rows;
  }

  /** One column's cells for every data row (null when the column is not on the sheet). */
  readColumn(id: string): Cell[] | null {
    const col = this.columns.get(id);
    if (!col) return null;
    if (this.lastRow < 2) return [];
    return this.sheet.read(2, col, this.lastRow - 1, 1).map((line) => (line[0] === undefined ? null : line[0]));
  }

  /**
   * Several columns' cells for the data rows (all, or `firstRow`..`lastRow`), one read per run of adjacent sheet
   * columns (a seller's column in between costs one read more). Columns not on the
   * sheet are absent from the result.
   */
  readColumns(ids: string[], firstRow = 2, lastRow = this.lastRow): Map<string, Cell[]> {
    const out = new Map<string, Cell[]>();
    const byCol = new Map<number, string>();
    for (const id of ids) {
      const col = this.columns.get(id);
      if (col) byCol.set(col, id);
    }
    const first = Math.max(2, firstRow);
    const last = Math.min(this.lastRow, lastRow);
    if (last < first) {
      byCol.forEach((id) => out.set(id, []));
      return out;
    }
    for (const [from, to] of runs(Array.from(byCol.keys()).sort((a, b) => a - b))) {
      const values = this.sheet.read(first, from, last - first + 1, to - from + 1);
      for (let col = from; col <= to; col++) out.set(byCol.get(col) as string, values.map((line) => (line[col - from] === undefined ? null : line[col - from])));
    }
    return out;
  }

  /** `readColumns` as rows: objects keyed by column id (null where the column is missing). */
  readRecords(ids: string[], firstRow = 2, lastRow = this.lastRow): Record<string, Cell>[] {
    const cols = this.readColumns(ids, firstRow, lastRow);
    const n = Math.max(0, ...ids.map((id) => (cols.get(id) || []).length));
    const rows: Record<string, Cell>[] = [];
    for (let i = 0; i < n; i++) {
      const r: Record<string, Cell> = {};
      for (const id of ids) r[id] = (cols.get(id) || [])[i] ?? null;
      rows.push(r);
    }
    return rows;
  }

  /** Data rows `first`..`last` (sheet rows) as objects keyed by column id. */
  readRowRange(first: number, last: number): Record<string, Cell>[] {
    const from = Math.max(2, first);
    const to = Math.min(this.lastRow, last);
    if (to < from) return [];
    const values = this.sheet.read(from, 1, to - from + 1, this.width());
    const mapped = Array.from(this.columns.entries());
    return values.map((line) => {
      const row: Record<string, Cell> = {};
      for (const [id, c] of mapped) row[id] = line[c - 1] === undefined ? null : line[c - 1];
      return row;
    });
  }

  /**
   * Data rows by key, read once: an upsert on this table afterwards reuses what was
   * read (for tables without a version column, whose index holds whole rows).
   */
  rowsByKey(): Map<string, Record<string, Cell>> {
    const index = this.loadIndex();
    const out = new Map<string, Record<string, Cell>>();
    index.forEach((row, key) => {
      const now = this.current.get(row);
      if (now) out.set(key, Object.fromEntries(now));
    });
    return out;
  }

  /**
   * Rows of only the key, version and silent columns (see TableSpec.versionColumn), or
   * null when not applicable: one read per run of adjacent columns, runs joined across
   * a gap while reading its cells costs less than the call saved.
   */
  private readKeysAndVersions(): Record<string, Cell>[] | null {
    const version = this.spec.versionColumn;
    const ids = version ? this.spec.keyColumns.concat(version) : [];
    if (!version || ids.some((id) => !this.columns.has(id))) return null;
    for (const id of this.spec.silentColumns || []) if (this.columns.has(id)) ids.push(id);
    const rows: Record<string, Cell>[] = [];
    if (this.lastRow < 2) return rows;
    const at = ids.map((id) => this.columns.get(id) as number);
    for (const [from, to] of columnRuns(at, this.lastRow - 1)) {
      const values = this.sheet.read(2, from, this.lastRow - 1, to - from + 1);
      ids.forEach((id, k) => {
        if (at[k] < from || at[k] > to) return;
        values.forEach((line, i) => {
          const row = rows[i] || (rows[i] = {});
          row[id] = line[at[k] - from] === undefined ? null : line[at[k] - from];
        });
      });
    }
    return rows;
  }

  private loadIndex(): Map<string, number> {
    if (this.index) return this.index;
    const index = new Map<string, number>();
    const rows = this.readKeysAndVersions() || this.readRows();
    rows.forEach((row, i) => {
      const sheetRow = i + 2;
      const key = rowKey(this.spec, row);
      if (key === null) return;
      index.set(key, sheetRow);
      this.current.set(sheetRow, new Map(Object.entries(row)));
    });
    this.index = index;
    return index;
  }

  /**
   * Appends rows known to be new (each run's own lines of the run log) below the last
   * row, without reading the keys: one write per run of adjacent columns. Returns cells written.
   */
  append(records: Record<string, Cell>[]): number {
    if (!records.length) return 0;
    const first = Math.max(this.lastRow, 1) + 1;
    const cells = this.writeRecords(first, records, 'append');
    this.lastRow = first + records.length - 1;
    this.index = null;
    this.current.clear();
    return cells;
  }

  /**
   * Replaces every data row with `records` (a snapshot): rows are written from the top
   * and leftover old rows below are cleared. Returns the number of rows written.
   */
  replaceAll(records: Record<string, Cell>[]): number {
    const total = Math.max(records.length, this.lastRow - 1);
    // Rows past the new snapshot are written empty, which clears what the old one left.
    const padded: Record<string, Cell>[] = records.slice();
    while (padded.length < total) padded.push({});
    if (total > 0) this.writeRecords(2, padded, 'append');
    this.lastRow = records.length + 1;
    this.index = null;
    this.current.clear();
    return records.length;
  }

  /** Data rows on the sheet (one getLastRow call, once per table). */
  dataRows(): number {
    return Math.max(0, this.lastRow - 1);
  }

  /**
   * Writes one value into a column on every data row, keeping the cells' formats (one
   * write; the column must not be a text column). Returns cells written.
   */
  fillColumn(id: string, value: Cell): number {
    const col = this.columns.get(id);
    const rows = this.dataRows();
    if (!col || !rows) return 0;
    const spec = this.spec.columns.find((c) => c.id === id);
    if (!spec || spec.type === 'text') throw new Error('fillColumn: not for text columns');
    const values: Cell[][] = [];
    for (let i = 0; i < rows; i++) values.push([value]);
    this.sheet.write(2, col, values, null);
    this.current.clear();
    this.index = null;
    return rows;
  }

  /**
   * Refuses, before the grid grows and anything is written, an append that needs more
   * rows than the workbook's remaining cells allow: a write must not fail halfway.
   */
  private readonly ensureRoom = (extraRows: number, gridColumns: number): void => {
    const needed = extraRows * gridColumns;
    const free = SPREADSHEET_CELL_LIMIT - this.gateway.totalCells();
    if (needed > free) throw new SheetFullError(needed, free);
  };

  /** Writes records from `firstRow` down, one block per run of adjacent mapped columns. Returns cells written. */
  private writeRecords(firstRow: number, block: Record<string, Cell>[], kind: 'append' | 'update', only: Set<string> | null = null): number {
    let cells = 0;
    for (const { specs, held } of this.segments(kind, only)) {
      const values = block.map((rec) => specs.map((c) => (c.id === held || rec[c.id] === undefined ? null : rec[c.id])));
      const formats = block.map(() => specs.map((c) => NUMBER_FORMATS[c.type]));
      this.sheet.write(firstRow, this.columns.get(specs[0].id) as number, values, formats, this.ensureRoom);
      cells += values.length * specs.length;
    }
    return cells;
  }

  private segments(kind: 'append' | 'update', only: Set<string> | null = null): Segment[] {
    return segmentsOf(this.spec, this.columns, kind, only);
  }

  /** Inserts new keys and rewrites rows whose values changed. `records` are keyed by column id. */
  /**
   * `updateOnly`: for rows already in the sheet, compare and write just these columns
   * (a derived table that knows which of its columns it recomputed); new rows get all.
   */
  private classify(records: Record<string, Cell>[], only: Set<string> | null) {
    const index = this.loadIndex();
    let unchanged = 0;
    // Within one page the later row is the newer one (WB sorts by lastChangeDate).
    const latest = new Map<string, Record<string, Cell>>();
    for (const r of records) {
      const key = rowKey(this.spec, r);
      if (key !== null) latest.set(key, r);
    }
    const changedRows = new Map<number, Record<string, Cell>>();
    const newRecords: Record<string, Cell>[] = [];
    latest.forEach((record, key) => {
      const row = index.get(key);
      if (row === undefined) {
        newRecords.push(record);
        return;
      }
      const now = this.current.get(row);
      const version = this.spec.versionColumn;
      const silent = this.spec.silentColumns || [];
      const compared = only ? this.spec.columns.filter((c) => only.has(c.id)) : version && now && now.size < this.spec.columns.length ? this.spec.columns.filter((c) => c.id === version || (silent.indexOf(c.id) >= 0 && now.has(c.id))) : this.spec.columns;
      const differs = compared.some((c) => !sameCell(c.type, now ? now.get(c.id) ?? null : null, record[c.id] ?? null));
      if (differs) changedRows.set(row, record);
      else unchanged++;
    });
    return { index, changedRows, newRecords, unchanged };
  }

  upsert(records: Record<string, Cell>[], updateOnly?: string[]): UpsertResult {
    const only = updateOnly ? new Set(updateOnly) : null;
    const { index, changedRows, newRecords, unchanged } = this.classify(records, only);
    const result: UpsertResult = { added: 0, updated: 0, unchanged, cellsWritten: 0 };

    const writeBlock = (firstRow: number, block: Record<string, Cell>[], kind: 'append' | 'update') => {
      const part = kind === 'update' ? only : null;
      result.cellsWritten += this.writeRecords(firstRow, block, kind, part);
      block.forEach((rec, i) => {
        const now = part ? this.current.get(firstRow + i) : undefined;
        if (now && part) part.forEach((id) => now.set(id, rec[id] ?? null));
        else this.current.set(firstRow + i, new Map(Object.entries(rec)));
      });
    };

    const changed = Array.from(changedRows.keys()).sort((a, b) => a - b);
    for (const [from, to] of mergeRuns(runs(changed), only ? only.size : this.columns.size)) {
      const block: Record<string, Cell>[] = [];
      for (let r = from; r <= to; r++) {
        const rec = changedRows.get(r);
        if (rec) block.push(rec);
      }
      if (block.length === to - from + 1) writeBlock(from, block, 'update');
      else {
        result.cellsWritten += rewriteBlock(this.sheet, this.segments('update', only), this.columns, from, to, changedRows, this.ensureRoom, this.spec.versionColumn);
        for (let r = from; r <= to; r++) {
          const rec = changedRows.get(r);
          const now = this.current.get(r);
          if (rec && now && only) only.forEach((id) => now.set(id, rec[id] ?? null));
          else if (rec) this.current.set(r, new Map(Object.entries(rec)));
        }
      }
    }
    result.updated += changed.length;
    if (newRecords.length) {
      const first = Math.max(this.lastRow, 1) + 1;
      writeBlock(first, newRecords, 'append');
      newRecords.forEach((rec, i) => index.set(rowKey(this.spec, rec) as string, first + i));
      this.lastRow = first + newRecords.length - 1;
      result.added = newRecords.length;
    }
    return result;
  }
}
