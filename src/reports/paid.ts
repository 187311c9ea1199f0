/**
 * What WB charges per article for storing and accepting goods, from the Analytics
 * reports (async tasks): paid storage per day, warehouse and barcode, and paid
 * acceptance per supply and article. The realization report books most storage without
 * an article; these reports say which article it was for.
 */
import { field } from './cells';
import { ReportSpec } from './types';

export const PAID_STORAGE: ReportSpec = {
  id: 'paidStorage',
  mode: 'paid',
  endpoint: 'storageCreate',
  title: { ru: 'WB Платное хранение', en: 'WB Paid storage' },
  keyColumns: ['date', 'officeId', 'nmId', 'chrtId', 'barcode'],
  columns: [
    field('date', 'date', 'Дата', 'Date'),
    field('warehouse', 'text', 'Склад', 'Warehouse'),
    field('officeId', 'int', 'ID склада', 'Warehouse ID'),
    field('vendorCode', 'text', 'Артикул продавца', 'Seller article'),
    field('nmId', 'int', 'Артикул WB', 'WB article (nmId)'),
    field('barcode', 'text', 'Баркод', 'Barcode'),
    field('size', 'text', 'Размер', 'Size'),
    field('chrtId', 'int', 'ID размера', 'Size ID'),
    field('subject', 'text', 'Предмет', 'Subject'),
    field('brand', 'text', 'Бренд', 'Brand'),
    field('calcType', 'text', 'Способ расчёта', 'Calculation'),
    field('volume', 'number', 'Объём, л', 'Volume, l'),
    field('barcodesCount', 'int', 'Единиц, шт', 'Units'),
    field('warehouseCoef', 'number', 'Коэффициент склада', 'Warehouse coefficient'),
    field('warehousePrice', 'money', 'Стоимость хранения', 'Storage cost'),
  ],
};

export const PAID_ACCEPTANCE: ReportSpec = {
  id: 'acceptance',
  mode: 'paid',
  endpoint: 'acceptanceCreate',
  title: { ru: 'WB Платная приёмка', en: 'WB Paid acceptance' },
  keyColumns: ['shkCreateDate', 'incomeId', 'nmID'],
  columns: [
    field('shkCreateDate', 'date', 'Дата приёмки', 'Accepted on'),
    field('incomeId', 'int', 'Номер поставки', 'Supply ID'),
    field('giCreateDate', 'date', 'Поставка создана', 'Supply created'),
    field('nmID', 'int', 'Артикул WB', 'WB article (nmId)'),
    field('vendorCode', 'text', 'Артикул продавца', 'Seller article'),
    field('subjectName', 'text', 'Предмет', 'Subject'),
    field('count', 'int', 'Принято, шт', 'Units accepted'),
    field('total', 'money', 'Стоимость приёмки', 'Acceptance cost'),
  ],
};

/** Per report: the longest span WB allows between dateFrom and dateTo (days), and the day column. */
export const PAID_WINDOW: Record<string, { days: number; dayColumn: string }> = {
  paidStorage: { days: 8, dayColumn: 'date' },
  acceptance: { days: 31, dayColumn: 'shkCreateDate' },
};
