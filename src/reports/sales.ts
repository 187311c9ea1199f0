/**
 * Sales and returns (statistics-api /api/v1/supplier/sales): one row per unit sold
 * or returned, keyed by saleID ("S…" sale, "R…" return).
 */
import { field, textCell } from './cells';
import { COMMON_HEAD, COMMON_TAIL } from './orders';
import { ReportSpec } from './types';

export type SaleKind = 'sale' | 'return' | 'other';

export function saleKind(saleId: unknown): SaleKind {
  const id = typeof saleId === 'string' ? saleId.trim().toUpperCase() : '';
  if (id[0] === 'S') return 'sale';
  if (id[0] === 'R') return 'return';
  return 'other';
}

const KIND_LABEL = {
  ru: { sale: 'Продажа', return: 'Возврат', other: 'Прочее' },
  en: { sale: 'Sale', return: 'Return', other: 'Other' },
};

export const SALES: ReportSpec = {
  id: 'sales',
  mode: 'changes',
  endpoint: 'sales',
  title: { ru: 'WB Продажи', en: 'WB Sales' },
  keyColumns: ['saleID'],
  versionColumn: 'lastChangeDate',
  // The spec: these "may read 0 for up to 24 h" while WB fills them in; it does not say lastChangeDate moves then.
  silentColumns: ['priceWithDisc', 'finishedPrice', 'forPay'],
  columns: [
    field('date', 'datetime', 'Дата', 'Date'),
    field('lastChangeDate', 'datetime', 'Изменено', 'Last change'),
    field('saleID', 'text', 'ID продажи', 'Sale ID'),
    {
      id: 'kind',
      type: 'text',
      ru: 'Тип',
      en: 'Type',
      value: (row, locale) => textCell(KIND_LABEL[locale][saleKind(row.saleID)]),
    },
    ...COMMON_HEAD,
    field('paymentSaleAmount', 'money', 'Скидка WB Кошелька', 'WB Wallet discount'),
    field('priceWithDisc', 'money', 'Цена со скидкой продавца', 'Price with seller discount'),
    field('finishedPrice', 'money', 'Цена для покупателя', 'Buyer price'),
    field('forPay', 'money', 'К перечислению', 'Payout (forPay)'),
    ...COMMON_TAIL,
  ],
};
