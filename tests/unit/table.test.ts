import { SheetFullError, SheetTable, TableSpec, mergeRuns } from '../../src/store/table';
import { MemoryBook, MemorySheet } from './memory-fakes';

const SPEC: TableSpec = {
  id: 'things',
  title: { ru: 'Вещи', en: 'Things' },
  keyColumns: ['id'],
  columns: [
    { id: 'id', ru: 'ID', en: 'ID', type: 'text' },
    { id: 'qty', ru: 'Кол-во', en: 'Qty', type: 'int' },
    { id: 'at', ru: 'Дата', en: 'Date', type: 'datetime' },
  ],
};

describe('SheetTable', () => {
  it('creates the sheet with headers, a frozen row and typed formats', () => {
    const book = new MemoryBook();
    const t = SheetTable.open(book, SPEC, 'ru');
    const r = t.upsert([{ id: '001', qty: 1, at: 46346.5 }, { id: '002', qty: 2, at: null }]);
    const sheet = book.sheets[0].sheet;
    expect(sheet.cells[0]).toEqual(['ID', 'Кол-во', 'Дата']);
    expect(sheet.frozen).toBe(1);
    expect(sheet.formats[1]).toEqual(['@', '0', 'dd.mm.yyyy hh:mm:ss']);
    expect(r).toEqual({ added: 2, updated: 0, unchanged: 0, cellsWritten: 6 });
  });

  it('avoids a name the seller already uses', () => {
    const book = new MemoryBook();
    book.sheets.push({ sheet: new MemorySheet('Вещи'), tag: 'seller' });
    expect(SheetTable.open(book, SPEC, 'ru').sheetName()).toBe('Вещи (2)');
  });

  it('updates only changed rows, by key, and ignores sub-second date noise', () => {
    const book = new MemoryBook();
    SheetTable.open(book, SPEC, 'ru').upsert([{ id: 'a', qty: 1, at: 46346.5 }, { id: 'b', qty: 2, at: 46346.5 }, { id: 'c', qty: 3, at: 46346.5 }]);
    const sheet = book.sheets[0].sheet;
    sheet.writes.length = 0;
    const t = SheetTable.open(book, SPEC, 'ru');
    const r = t.upsert([{ id: 'a', qty: 1, at: 46346.5 + 1e-9 }, { id: 'b', qty: 5, at: 46346.5 }, { id: 'd', qty: 4, at: null }]);
    expect(r).toEqual({ added: 1, updated: 1, unchanged: 1, cellsWritten: 6 });
    expect(sheet.writes).toEqual([{ row: 3, col: 1, rows: 1, cols: 3 }, { row: 5, col: 1, rows: 1, cols: 3 }]);
    expect(sheet.cells[2]).toEqual(['b', 5, 46346.5]);
  });

  it('keeps the last of duplicate keys in one page', () => {
    const book = new MemoryBook();
    const r = SheetTable.open(book, SPEC, 'ru').upsert([{ id: 'a', qty: 1, at: null }, { id: 'a', qty: 2, at: null }]);
    expect(r.added).toBe(1);
    expect(book.sheets[0].sheet.cells[1]).toEqual(['a', 2, null]);
  });

  it('maps columns by header in either language, writes around the seller\'s own columns, re-adds a deleted one', () => {
    const book = new MemoryBook();
    const sheet = new MemorySheet('Мои вещи');
    sheet.cells = [['Qty', 'Заметки', 'id'], [7, 'моё', 'a']];
    book.sheets.push({ sheet, tag: 'things' });
    const t = SheetTable.open(book, SPEC, 'ru');
    t.upsert([{ id: 'a', qty: 8, at: null }]);
    // The missing column's header is added on the table's first use.
    expect(sheet.cells[0]).toEqual(['Qty', 'Заметки', 'id', 'Дата']);
    expect(sheet.cells[1]).toEqual([8, 'моё', 'a', null]);
    // An update writes the key's block (column 3: id, date) last: it is what says the row is done.
    expect(sheet.writes.slice(1)).toEqual([{ row: 2, col: 1, rows: 1, cols: 1 }, { row: 2, col: 3, rows: 1, cols: 2 }]);
    // A new row writes its key first, so a write cut short is found by key next time.
    sheet.writes.length = 0;
    t.upsert([{ id: 'z', qty: 1, at: null }]);
    expect(sheet.writes.map((w) => w.col)).toEqual([3, 1]);
  });
});

describe('SheetTable.trimTo', () => {
  it('drops the oldest rows beyond the cap and keeps appending after them', () => {
    const book = new MemoryBook();
    const t = SheetTable.open(book, SPEC, 'ru');
    t.upsert([1, 2, 3, 4, 5].map((i) => ({ id: 'r' + i, qty: i, at: null })));
    expect(t.trimTo(3)).toBe(2);
    t.upsert([{ id: 'r6', qty: 6, at: null }]);
    expect(book.sheets[0].sheet.cells.slice(1).map((r) => r[0])).toEqual(['r3', 'r4', 'r5', 'r6']);
  });
});

describe('the 10-million-cell limit', () => {
  it('refuses an append that would not fit, before writing anything', () => {
    const book = new MemoryBook();
    const t = SheetTable.open(book, SPEC, 'ru');
    book.cellLimitUsed = 10000000 - 26000 - 26 * 50;
    const sheet = book.sheets[0].sheet;
    const writes = sheet.writes.length;
    expect(() => t.upsert(Array.from({ length: 1100 }, (_, i) => ({ id: 'k' + i, qty: i, at: null })))).toThrow(SheetFullError);
    expect(sheet.writes.length).toBe(writes);
    expect(t.upsert(Array.from({ length: 900 }, (_, i) => ({ id: 'k' + i, qty: i, at: null }))).added).toBe(900);
  });
});

describe('mergeRuns', () => {
  it('joins the smallest gaps first while the cells read and written back stay within the budget', () => {
    // gaps of 2, 19 and 2 rows, 10 columns: each 2-row gap costs 2 x 2 x 10 = 40 cells.
    const runs: [number, number][] = [[10, 20], [23, 40], [60, 70], [73, 82]];
    expect(mergeRuns(runs, 10, 80)).toEqual([[10, 40], [60, 82]]);
    expect(mergeRuns(runs, 10, 79)).toEqual([[10, 40], [60, 70], [73, 82]]);
    expect(mergeRuns(runs, 10, 1000)).toEqual([[10, 82]]);
  });
});

describe('changed rows spread over the sheet', () => {
  const VSPEC: TableSpec = { ...SPEC, versionColumn: 'at' };
  const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, qty: 1, at: 46346.5 }));
  const bump = (id: string) => ({ id, qty: 2, at: 46347 });

  it('go in one read and one write of the columns WB changed, and what the seller typed in rows WB did not change stays', () => {
    const book = new MemoryBook();
    SheetTable.open(book, VSPEC, 'ru').upsert(six);
    const sheet = book.sheets[0].sheet;
    sheet.cells[2][1] = 99; // row b: the seller's own number
    sheet.writes.length = 0;
    const r = SheetTable.open(book, VSPEC, 'ru').upsert([bump('a'), bump('c'), bump('f')]);
    expect(r.updated).toBe(3);
    // The key column is the same in every changed row: not written again.
    expect(sheet.writes).toEqual([{ row: 2, col: 2, rows: 6, cols: 2 }]);
    expect(sheet.cells.slice(1).map((line) => line[1])).toEqual([2, 99, 2, 1, 1, 2]);
    expect(sheet.formats[3]).toEqual(['@', '0', 'dd.mm.yyyy hh:mm:ss']);
  });

  it('a row holding a formula is not written: the block is split around it', () => {
    const book = new MemoryBook();
    SheetTable.open(book, VSPEC, 'ru').upsert(six);
    const sheet = book.sheets[0].sheet;
    sheet.cells[4][1] = '=B2*2'; // row d
    sheet.writes.length = 0;
    SheetTable.open(book, VSPEC, 'ru').upsert([bump('a'), bump('f')]);
    expect(sheet.writes).toEqual([{ row: 2, col: 2, rows: 3, cols: 2 }, { row: 6, col: 2, rows: 2, cols: 2 }]);
    expect(sheet.cells[4][1]).toBe('=B2*2');
    expect(sheet.cells[6]).toEqual(['f', 2, 46347]);
  });
});

describe('version column (lastChangeDate)', () => {
  const VSPEC: TableSpec = { ...SPEC, versionColumn: 'at' };
  it('reads only keys and versions, and rewrites a row only when WB changed it', () => {
    const book = new MemoryBook();
    SheetTable.open(book, VSPEC, 'ru').upsert([{ id: 'a', qty: 1, at: 46346.5 }, { id: 'b', qty: 2, at: 46346.5 }]);
    const sheet = book.sheets[0].sheet;
    sheet.cells[1][1] = 99; // the seller typed over a cell of row a
    const reads: number[] = [];
    const read = sheet.read.bind(sheet);
    sheet.read = (row, col, numRows, numCols) => {
      reads.push(numCols);
      return read(row, col, numRows, numCols);
    };
    sheet.writes.length = 0;
    const r = SheetTable.open(book, VSPEC, 'ru').upsert([{ id: 'a', qty: 1, at: 46346.5 }, { id: 'b', qty: 3, at: 46347 }]);
    expect(r).toMatchObject({ added: 0, updated: 1, unchanged: 1 });
    expect(sheet.cells[1][1]).toBe(99); // untouched: WB did not change row a
    expect(sheet.cells[2]).toEqual(['b', 3, 46347]);
    // header, then the key and version columns in one read (they are 3 columns apart: one call, not two)
    expect(reads.slice(1)).toEqual([3]);
  });

  it('text the seller typed in a number column of an unchanged row is left alone, not re-parsed', () => {
    const VSPEC: TableSpec = { ...SPEC, versionColumn: 'at' };
    const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, qty: 1, at: 46346.5 }));
    const bump = (id: string) => ({ id, qty: 2, at: 46347 });
    const book = new MemoryBook();
    SheetTable.open(book, VSPEC, 'ru').upsert(six);
    const sheet = book.sheets[0].sheet;
    sheet.cells[2][1] = '=1+1'; // row b holds text the seller typed (a leading apostrophe)
    sheet.writes.length = 0;
    SheetTable.open(book, VSPEC, 'ru').upsert([bump('a'), bump('c')]);
    // Rows a and c are written; b between them is not (its number formats were not set, so Sheets would parse it).
    expect(sheet.writes).toEqual([{ row: 2, col: 2, rows: 1, cols: 2 }, { row: 4, col: 2, rows: 1, cols: 2 }]);
    expect(sheet.cells[2][1]).toBe('=1+1');
  });

  it('far-apart changed columns are written as separate runs, the version column last', () => {
    const WIDE: TableSpec = {
      id: 'wide',
      title: { ru: 'Широкая', en: 'Wide' },
      keyColumns: ['id'],
      versionColumn: 'at',
      columns: [
        { id: 'id', ru: 'ID', en: 'ID', type: 'text' },
        { id: 'at', ru: 'Дата', en: 'Date', type: 'datetime' },
        ...[1, 2, 3, 4].map((n) => ({ id: 'f' + n, ru: 'П' + n, en: 'F' + n, type: 'text' as const })),
        { id: 'qty', ru: 'Кол-во', en: 'Qty', type: 'int' },
      ],
    };
    const rows = Array.from({ length: 700 }, (_, i) => ({ id: 'k' + i, at: 46346.5, f1: 'x', f2: 'y', f3: 'z', f4: 'w', qty: 1 }));
    const book = new MemoryBook();
    SheetTable.open(book, WIDE, 'ru').upsert(rows);
    const sheet = book.sheets[0].sheet;
    sheet.writes.length = 0;
    const r = SheetTable.open(book, WIDE, 'ru').upsert([{ ...rows[0], at: 46347, qty: 5 }, { ...rows[699], at: 46347, qty: 7 }]);
    expect(r.updated).toBe(2);
    // 4 columns x 700 rows between them would cost more than a call: two runs, the version's last.
    expect(sheet.writes).toEqual([{ row: 2, col: 7, rows: 700, cols: 1 }, { row: 2, col: 2, rows: 700, cols: 1 }]);
    expect(sheet.cells[1]).toEqual(['k0', 46347, 'x', 'y', 'z', 'w', 5]);
    expect(sheet.cells[700]).toEqual(['k699', 46347, 'x', 'y', 'z', 'w', 7]);
    expect(sheet.cells[300]).toEqual(['k299', 46346.5, 'x', 'y', 'z', 'w', 1]);
  });
});
