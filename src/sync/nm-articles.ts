/**
 * Seller articles per nmId, from the orders sheet (or the sales sheet): some WB reports
 * (advertising statistics, acceptance) name an article by its nmId only.
 */
import { SpreadsheetGateway } from '../gas/types';
import { ORDERS } from '../reports/orders';
import { SALES } from '../reports/sales';
import { SheetTable } from '../store/table';

export function nmArticles(gateway: SpreadsheetGateway): Map<number, string> {
  const out = new Map<number, string>();
  for (const spec of [ORDERS, SALES]) {
    const table = SheetTable.find(gateway, spec);
    if (!table || !table.hasColumn('nmId') || !table.hasColumn('supplierArticle')) continue;
    const cols = table.readColumns(['nmId', 'supplierArticle']);
    const nms = cols.get('nmId') || [];
    const codes = cols.get('supplierArticle') || [];
    nms.forEach((nm, i) => {
      const code = codes[i];
      if (typeof nm === 'number' && !out.has(nm) && code !== null && code !== '') out.set(nm, String(code));
    });
    if (out.size) break;
  }
  return out;
}
