/** Every WB text is shown exactly as WB sent it: WB_SUMMARY, ABC (via the daily table), lookups still find it. */
import { Cell } from '../../src/gas/types';
import { markDirty } from '../../src/daily/state';
import { recordDays, refreshDaily } from '../../src/daily/refresh';
import { loadDaily } from '../../src/dashboard/load';
import { articleTotals } from '../../src/dashboard/metrics';
import { abc } from '../../src/dashboard/abc';
import { FormulaContext, wbSales, wbSummary } from '../../src/formulas/functions';
import { SALES } from '../../src/reports/sales';
import { REALIZATION } from '../../src/reports/realization';
import { SheetTable } from '../../src/store/table';
import { MemoryBook, MemoryStore } from './memory-fakes';

const D = 46300;

describe('WB texts as WB sent them', () => {
  const book = new MemoryBook();
  const props = new MemoryStore();
  let ctx: FormulaContext;
  beforeAll(() => {
    const sales: Record<string, Cell>[] = [
      { date: D + 0.5, lastChangeDate: D + 0.5, saleID: 'S1', srid: 'a', nmId: 7, supplierArticle: '  spaced  ', barcode: '460', techSize: ' M ', subject: ' Футболки ', priceWithDisc: 100 },
    ];
    markDirty(props, 'sales', recordDays('sales', sales));
    SheetTable.open(book, SALES, 'ru').upsert(sales);
    const real: Record<string, Cell>[] = [{ rrdId: '1', rrDate: D, nmId: 8, sku: '461', vendorCode: ' lead', subjectName: 'Шапки ', title: ' Шапка ', docTypeName: 'Продажа', retailAmount: 50, forPay: 40, quantity: 1 }];
    markDirty(props, 'realization', recordDays('realization', real));
    SheetTable.open(book, REALIZATION, 'ru').upsert(real);
    refreshDaily({ gateway: book, documentProps: props, locale: 'ru' });
    ctx = { locale: 'ru', toSerial: () => 0, loadSales: () => null, loadDaily: () => loadDaily(book), loadStocks: () => null, loaded: () => true };
  });

  it('WB_SUMMARY shows seller articles, subjects and titles untrimmed', () => {
    const table = wbSummary(ctx, D, D);
    const byNm = new Map(table.slice(1).map((l) => [l[1], l]));
    expect(byNm.get(7)!.slice(0, 3)).toEqual(['  spaced  ', 7, ' Футболки ']);
    expect(byNm.get(8)!.slice(0, 4)).toEqual([' lead', 8, 'Шапки ', ' Шапка ']);
  });

  it('ABC ranks the articles under their names as sent', () => {
    const ranked = abc(articleTotals(loadDaily(book)!, D, D).map((t) => ({ nmId: t.nmId, article: t.article, value: t.revenue })));
    expect(ranked.map((l) => l.article)).toEqual(['  spaced  ']);
  });

  it('the functions still find the article typed with or without the spaces', () => {
    expect(wbSales(ctx, '  spaced  ')).toBe(1);
    expect(wbSales(ctx, 'spaced')).toBe(1);
    expect(wbSales(ctx, 'SPACED')).toBe(1);
  });
});
