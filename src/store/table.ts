/**
 * A report's sheet as a keyed table. The sheet is found by developer metadata (so a
 * renamed or moved sheet is still ours), columns by header text in either language
 * (so reordered or inserted columns are fine), rows by key (so sorting and filters
 * are fine). Upserts write only rows that changed, plus new rows in one block.
 */
import { Cell, SheetHandle, SpreadsheetGateway } from '../gas/types';
import { ColumnSpec, NUMBER_FORMATS, headerFor, sameCell } from './columns';

export const TABLE_TAG = 'wb-sheets.table';

/** Google's limit on cells in one spreadsheet (all sheets' grids together). */
export const SPREADSHEET_CELL_LIMIT = 10000000;

/** Appending would push the workbook over Google's cell limit: nothing was written. */
export class SheetFullError extends Error {
  constructor(readonly neededCells: number, readonly freeCells: number) {
    super('spreadsheet cell limit: need ' + neededCells + ', free ' + freeCells);
    this.name = 'SheetFullError';
  }
}

export interface TableSpec {
  id: string;
  title: { ru: string; en: string };
  /** Columns whose values together identify a row. */
  keyColumns: string[];
  /**
   * A column WB changes whenever it changes the row (lastChangeDate). When set, a row
   * is rewritten only if this differs, and the index reads just the key and this
   * column, not whole rows: an hourly refresh then costs little however large the sheet.
   */
  versionColumn?: string;
  columns: ColumnSpec[];
}

export interface UpsertResult {
  added: number;
  updated: number;
  unchanged: number;
  cellsWritten: number;
}

function normalizeHeader(text: Cell): string {
  return String(text === null ? '' : text).trim().toLowerCase();
}

/** Sheet column (1-based) of each spec column, by header text; missing ones absent. */
export function mapColumns(spec: TableSpec, header: Cell[]): Map<string, number> {
  const byText = new Map<string, number>();
  header.forEach((h, i) => {
    const key = normalizeHeader(h);
    if (key && !byText.has(key)) byText.set(key, i + 1);
  });
  const map = new Map<string, number>();
  for (const c of spec.columns) {
    const col = byText.get(normalizeHeader(c.ru)) || byText.get(normalizeHeader(c.en)) || byText.get(normalizeHeader(c.id));
    if (col) map.set(c.id, col);
  }
  return map;
}

/** Runs of consecutive numbers: [1,2,3,7,8] -> [[1,3],[7,8]]. */
function runs(sorted: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] === n - 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/** A row's identity: key cells normalised so a date read back equals the one written. */
function keyPart(type: ColumnSpec['type'] | undefined, v: Cell | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  if (type === 'datetime' && typeof v === 'number') return String(Math.round(v * 86400));
  if (type === 'date' && typeof v === 'number') return String(Math.floor(v + 1e-9));
  return String(v);
}

export function rowKey(spec: TableSpec, record: Record<string, Cell>): string | null {
  const parts = spec.keyColumns.map((id) => keyPart(spec.columns.find((c) => c.id === id)?.type, record[id]));
  return parts.every((p) => p === '') ? null : parts.join('\u0001');
}

/** Extra unchanged rows a merged write may carry, as a share of the changed rows. */
const MERGE_SHARE = 0.1;

/**
 * Joins runs of changed rows across short gaps of unchanged rows, smallest gaps first,
 * while the rewritten unchanged rows stay within 10% of the changed ones: fewer
 * spreadsheet calls, yet cells written stay within 1.1x the cells that changed. WB's
 * changes cluster on recent rows (late prices, cancellations, returns), which sit
 * together at the bottom, so this usually leaves a handful of blocks. Only gaps made
 * entirely of rows we know (and so can write back unchanged) are joined.
 */
export function mergeRuns(blocks: [number, number][], known: (row: number) => boolean, changedCount: number): [number, number][] {
  const out = blocks.map((b) => [b[0], b[1]] as [number, number]);
  const gaps: { at: number; size: number }[] = [];
  for (let i = 1; i < out.length; i++) {
    const size = out[i][0] - out[i - 1][1] - 1;
    let ok = true;
    for (let r = out[i - 1][1] + 1; r < out[i][0] && ok; r++) ok = known(r);
    if (ok) gaps.push({ at: out[i - 1][1], size });
  }
  gaps.sort((a, b) => a.size - b.size);
  let spent = 0;
  const budget = Math.floor(changedCount * MERGE_SHARE);
  const joinAfter = new Set<number>();
  for (const g of gaps) {
    if (spent + g.size > budget) break;
    joinAfter.add(g.at);
    spent += g.size;
  }
  const merged: [number, number][] = [];
  for (const b of out) {
    const last = merged[merged.length - 1];
    if (last && joinAfter.has(last[1])) last[1] = b[1];
    else merged.push(b);
  }
  return merged;
}

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
   * Rows of only the key and version columns (see TableSpec.versionColumn), or null when
   * not applicable: one read over the columns between them when that is at most twice
   * the cells, else one read per column.
   */
  private readKeysAndVersions(): Record<string, Cell>[] | null {
    const version = this.spec.versionColumn;
    const ids = version ? this.spec.keyColumns.concat(version) : [];
    if (!version || ids.some((id) => !this.columns.has(id))) return null;
    const rows: Record<string, Cell>[] = [];
    if (this.lastRow < 2) return rows;
    const at = ids.map((id) => this.columns.get(id) as number);
    const from = Math.min(...at);
    const span = Math.max(...at) - from + 1;
    const fill = (values: Cell[][], id: string, offset: number) =>
      values.forEach((line, i) => {
        const row = rows[i] || (rows[i] = {});
        row[id] = line[offset] === undefined ? null : line[offset];
      });
    if (span <= 2 * ids.length) {
      const values = this.sheet.read(2, from, this.lastRow - 1, span);
      ids.forEach((id, k) => fill(values, id, at[k] - from));
    } else ids.forEach((id, k) => fill(this.sheet.read(2, at[k], this.lastRow - 1, 1), id, 0));
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

  /**
   * The mapped columns grouped into runs of adjacent sheet columns (the seller's own
   * columns split them), in the order that keeps a write cut short by a killed
   * execution repairable: whatever tells the next run "this row is done" goes last
   * (the version column; for updates also the key's block, where status and dates sit),
   * and a new row's key goes first, so a half-written new row is found by its key.
   * When a new row's key and version share a block, that block goes first with the
   * version cell left empty (`held`) and the version alone goes last: one more call,
   * only when the seller's columns split the row.
   */
  private segments(kind: 'append' | 'update', only: Set<string> | null = null): { specs: ColumnSpec[]; held?: string }[] {
    const byColumn = new Map<number, ColumnSpec>();
    for (const c of this.spec.columns) {
      if (only && !only.has(c.id)) continue;
      const col = this.columns.get(c.id);
      if (col) byColumn.set(col, c);
    }
    const segments = runs(Array.from(byColumn.keys()).sort((a, b) => a - b)).map(([from, to]) => {
      const specs: ColumnSpec[] = [];
      for (let col = from; col <= to; col++) specs.push(byColumn.get(col) as ColumnSpec);
      return specs;
    });
    if (segments.length < 2) return segments.map((specs) => ({ specs }));
    const version = this.spec.versionColumn;
    const hasKey = (specs: ColumnSpec[]) => specs.some((c) => this.spec.keyColumns.indexOf(c.id) >= 0);
    const hasVersion = (specs: ColumnSpec[]) => specs.some((c) => c.id === version);
    if (kind === 'append') {
      const keyFirst = segments.map((s, i) => ({ s, i })).sort((a, b) => Number(!hasKey(a.s)) - Number(!hasKey(b.s)) || Number(hasVersion(a.s)) - Number(hasVersion(b.s)) || a.i - b.i);
      const ordered: { specs: ColumnSpec[]; held?: string }[] = keyFirst.map((x) => ({ specs: x.s }));
      const head = ordered[0];
      if (version && hasKey(head.specs) && hasVersion(head.specs) && head.specs.length > 1) {
        head.held = version;
        ordered.push({ specs: head.specs.filter((c) => c.id === version) });
      }
      return ordered;
    }
    const rank = (specs: ColumnSpec[]) => (hasVersion(specs) ? 3 : hasKey(specs) ? 2 : 1);
    return segments.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map((x) => ({ specs: x.s }));
  }

  /** Inserts new keys and rewrites rows whose values changed. `records` are keyed by column id. */
  /**
   * `updateOnly`: for rows already in the sheet, compare and write just these columns
   * (a derived table that knows which of its columns it recomputed); new rows get all.
   */
  upsert(records: Record<string, Cell>[], updateOnly?: string[]): UpsertResult {
    const only = updateOnly ? new Set(updateOnly) : null;
    const index = this.loadIndex();
    const result: UpsertResult = { added: 0, updated: 0, unchanged: 0, cellsWritten: 0 };
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
      const compared = only ? this.spec.columns.filter((c) => only.has(c.id)) : version && now && now.size < this.spec.columns.length ? this.spec.columns.filter((c) => c.id === version) : this.spec.columns;
      const differs = compared.some((c) => !sameCell(c.type, now ? now.get(c.id) ?? null : null, record[c.id] ?? null));
      if (differs) changedRows.set(row, record);
      else result.unchanged++;
    });

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
    // Only rows known in full can be written back unchanged inside a merged block.
    const known = (row: number) => {
      const now = this.current.get(row);
      return !!now && now.size >= this.spec.columns.length;
    };
    for (const [from, to] of mergeRuns(runs(changed), known, changed.length)) {
      const block: Record<string, Cell>[] = [];
      for (let r = from; r <= to; r++) {
        const rec = changedRows.get(r);
        // An unchanged row inside a merged block is written back as it stands.
        block.push(rec || Object.fromEntries(this.current.get(r) as Map<string, Cell>));
      }
      writeBlock(from, block, 'update');
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
