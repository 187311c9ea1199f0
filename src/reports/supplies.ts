/**
 * Supplies to WB warehouses (Supplies API): one row per supply and barcode, with the
 * supply's status, dates, destination warehouse and the quantities planned and accepted.
 *
 * A supply is known by its order (preorderID) from creation on; a virtual supply
 * (boxTypeID 0: stock WB accepted later, depersonalised goods...) has no order, WB sends
 * preorderID 0 for all of them, and is known by its supplyID instead.
 */
import { Cell } from '../gas/types';
import { field, textCell } from './cells';
import { ReportSpec } from './types';

function present(v: unknown): string {
  if (v === null || v === undefined) return '';
  const text = String(v).trim();
  return text === '0' ? '' : text;
}

/**
 * The supply's stable identity: its order when it has one (a supply keeps it after WB
 * plans it and gives it a supplyID), otherwise its supplyID (virtual supplies); null
 * when WB gave neither.
 */
export function supplyKey(preorderID: unknown, supplyID: unknown): string | null {
  const order = present(preorderID);
  if (order) return 'order ' + order;
  const supply = present(supplyID);
  return supply ? 'supply ' + supply : null;
}

/** How to ask WB for one supply: by supplyID once it has one (as the spec says), else by its order. */
export function supplyLookup(supply: Record<string, unknown>): { id: string; isPreorderID: 'true' | 'false' } | null {
  const supplyID = present(supply.supplyID);
  if (supplyID) return { id: supplyID, isPreorderID: 'false' };
  const order = present(supply.preorderID);
  return order ? { id: order, isPreorderID: 'true' } : null;
}

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
  keyColumns: ['preorderID', 'supplyID', 'barcode'],
  keyOf: (record: Record<string, Cell>) => {
    const supply = supplyKey(record.preorderID, record.supplyID);
    return supply === null ? null : supply + '\u0001' + present(record.barcode);
  },
  columns: [
    field('supplyID', 'text', 'Номер поставки', 'Supply ID'),
    {
      id: 'preorderID',
      type: 'text',
      ru: 'Номер заказа поставки',
      en: 'Preorder ID',
      // WB's 0 means "no order" (every virtual supply): an empty cell, not an order number.
      value: (row) => textCell(present(row.preorderID) || null),
    },
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
    field('warehouseName', 'text', 'Склад назначения', 'Destination warehouse'),
    field('actualWarehouseName', 'text', 'Фактический склад', 'Actual warehouse'),
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

/** One row per good of a supply, carrying the supply's own fields and its warehouses (from its details). */
export function supplyRows(supply: Record<string, unknown>, goods: Record<string, unknown>[], details: Record<string, unknown> | null = null): Record<string, unknown>[] {
  const head = {
    warehouseName: details ? details.warehouseName : null,
    actualWarehouseName: details ? details.actualWarehouseName : null,
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
