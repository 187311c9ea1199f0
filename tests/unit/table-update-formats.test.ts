/**
 * Why an update of an existing row still sets number formats (one setNumberFormats per
 * block): the plain-text format '@' is what keeps a WB text ('=SUM(A1)', '0460…' barcodes,
 * 20-digit gNumbers) from becoming a formula or a number when written, and an existing
 * row's cells may not carry it: a new row killed between its column blocks (seller's
 * column inside the row) has its key block formatted and the rest not, and the update
 * that completes it is the only write they get (tests/faults/regressions.test.ts, G: with
 * updates written without formats, barcodes lost their leading zero and gNumbers their
 * last digits); a seller may also reformat a column.
 */
import { SheetTable, TableSpec } from '../../src/store/table';
import { MemoryBook } from './memory-fakes';

const SPEC: TableSpec = {
  id: 'things',
  title: { ru: 'Вещи', en: 'Things' },
  keyColumns: ['id'],
  columns: [
    { id: 'id', ru: 'ID', en: 'ID', type: 'text' },
    { id: 'barcode', ru: 'Баркод', en: 'Barcode', type: 'text' },
    { id: 'qty', ru: 'Кол-во', en: 'Qty', type: 'int' },
    { id: 'at', ru: 'Дата', en: 'Date', type: 'datetime' },
  ],
};

describe('SheetTable updates keep text columns plain text', () => {
  it('an updated row gets its formats again, whatever its cells carried', () => {
    const book = new MemoryBook();
    SheetTable.open(book, SPEC, 'ru').upsert([{ id: 'a', barcode: '0460444321488', qty: 1, at: 46346.5 }]);
    const sheet = book.sheets[0].sheet;
    const typed = ['@', '@', '0', 'dd.mm.yyyy hh:mm:ss'];
    expect(sheet.formats[1]).toEqual(typed);
    // The row's formats are gone (a half-written new row, or the seller's "clear formatting").
    sheet.formats[1] = ['@', '', '', ''];
    SheetTable.open(book, SPEC, 'ru').upsert([{ id: 'a', barcode: '=SUM(A1)', qty: 2, at: 46346.5 }]);
    expect(sheet.formats[1]).toEqual(typed);
    expect(sheet.cells[1]).toEqual(['a', '=SUM(A1)', 2, 46346.5]);
  });
});
