/**
 * Supplies to WB warehouses (Supplies API): one row per supply and barcode, with the
 * supply's status and dates and the quantities planned and accepted.
 */
import { field, textCell } from './cells';
import { ReportSpec } from './types';

const STATUS = {
  ru: ['', 'Не запланировано', 'Запланировано', 'Отгрузка разрешена', 'Идёт приёмка', 'Принято', 'Отгружено на воротах'],
  en: ['', 'Not planned', 'Planned', 'Shipping allowed', 'Acceptance in progress', 'Accepted', 'Shipped at the gate'],
};

/** Status 5 (accepted) is final: such a supply's goods no longer change. */
export const FINAL_SUPPLY_STATUS = 5;

export const SUPPLIES: ReportSpec = {
  id: 'supplies',
  mode: 'supplies',
  endpoint: 'suppliesList',
  title: { ru: 'WB Поставки', en: 'WB Supplies' },
  keyColumns: ['preorderID', 'barcode'],
  columns: [
    field('supplyID', 'text', 'Номер поставки', 'Supply ID'),
    field('preorderID', 'text', 'Номер заказа поставки', 'Preorder ID'),
    field('statusID', 'int', 'Код статуса', 'Status code'),
    {
      id: 'status',
      type: 'text',
      ru: 'Статус',
      en: 'Status',
      value: (row, locale) => textCell(STATUS[locale][Number(row.statusID)] || ''),
    },
    field('createDate', 'datetime', 'Создана', 'Created'),
    field('supplyDate', 'datetime', 'Плановая дата', 'Planned date'),
    field('factDate', 'datetime', 'Фактическая отгрузка', 'Shipped'),
    field('updatedDate', 'datetime', 'Изменена', 'Updated'),
    field('barcode', 'text', 'Баркод', 'Barcode'),
    field('vendorCode', 'text', 'Артикул продавца', 'Seller article'),
    field('nmID', 'int', 'Артикул WB', 'WB article (nmId)'),
    field('techSize', 'text', 'Размер', 'Size'),
    field('color', 'text', 'Цвет', 'Color'),
    field('quantity', 'int', 'Запланировано, шт', 'Planned'),
    field('acceptedQuantity', 'int', 'Принято, шт', 'Accepted'),
    field('readyForSaleQuantity', 'int', 'Поступило в продажу, шт', 'Ready for sale'),
    field('unloadingQuantity', 'int', 'На раскладке, шт', 'Unloading'),
  ],
};

/** One row per good of a supply, carrying the supply's own fields. */
export function supplyRows(supply: Record<string, unknown>, goods: Record<string, unknown>[]): Record<string, unknown>[] {
  const head = {
    supplyID: supply.supplyID,
    preorderID: supply.preorderID,
    statusID: supply.statusID,
    createDate: supply.createDate,
    supplyDate: supply.supplyDate,
    factDate: supply.factDate,
    updatedDate: supply.updatedDate,
  };
  return goods.map((g) => ({ ...head, ...g, ...head }));
}
