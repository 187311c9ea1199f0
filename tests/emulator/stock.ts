/**
 * WB-warehouse stock and the `warehouse_remains` report (12-reports.yaml).
 *
 * Stock per barcode and WB warehouse = accepted supplies (status 5) - S rows + R rows
 * - units on their way to buyers (visible orders of the last 14 days, not cancelled,
 * not sold). Orders from the seller's own warehouse (FBS, warehouseType
 * 'Склад продавца') never touch WB stock; returns go back to the order's warehouse;
 * a cancelled order's unit is back on the shelf at once, and so is the unit of an
 * order nobody bought 14 days after the order date.
 */
import { WAREHOUSES } from './catalog';
import { productExtras } from './extras';
import type { SellerData } from './generator';

export const IN_WAY_TO_CLIENT = 'В пути до получателей';
export const IN_WAY_FROM_CLIENT = 'В пути возвраты на склад WB';
export const TOTAL_ON_WAREHOUSES = 'Всего находится на складах';

/** `locale` of warehouse_remains (12-reports.yaml): ru (default), en, zh; zh names warehouses in English. */
export type RemainsLocale = 'ru' | 'en' | 'zh';
export const REMAINS_LOCALES: RemainsLocale[] = ['ru', 'en', 'zh'];

/**
 * English warehouse names. WB does not publish its English wording of the
 * pseudo-warehouses (UNCONFIRMED); what matters is that they are not the Russian
 * names, so a client matching the Russian names must ask for `ru`.
 */
export const WAREHOUSE_NAMES_EN: Record<string, string> = {
  [IN_WAY_TO_CLIENT]: 'In transit to customers',
  [IN_WAY_FROM_CLIENT]: 'In transit returns to WB warehouse',
  [TOTAL_ON_WAREHOUSES]: 'Total in warehouses',
  Коледино: 'Koledino',
  Электросталь: 'Elektrostal',
  Казань: 'Kazan',
  Краснодар: 'Krasnodar',
  'Мой склад Люберцы': 'My warehouse Lyubertsy',
};

/** A warehouse name as the report writes it in `locale`. */
export function warehouseNameIn(name: string, locale: RemainsLocale): string {
  if (locale === 'ru') return name;
  const en = WAREHOUSE_NAMES_EN[name];
  if (en === undefined) throw new Error('no English name for warehouse ' + name);
  return en;
}

export interface StockRow {
  vendorCode: string;
  nmId: number;
  barcode: string;
  techSize: string;
  warehouseName: string;
  quantity: number;
}

export interface TransitRow {
  barcode: string;
  toClient: number;
  fromClient: number;
}

/** One barcode's figures now. */
export interface BarcodeStock {
  sizeIdx: number;
  /** quantity per warehouse index (WB warehouses only) */
  perWarehouse: number[];
  toClient: number;
  fromClient: number;
}

export function barcodeStocks(data: SellerData): BarcodeStock[] {
  const stock = data.stockCells();
  const to = data.toClient(data.clock);
  const from = data.fromClient(data.clock);
  const out: BarcodeStock[] = [];
  for (let i = 0; i < data.sizes.length; i++) {
    const perWarehouse: number[] = [];
    let toClient = 0;
    let fromClient = 0;
    for (let wh = 0; wh < WAREHOUSES.length; wh++) {
      const c = data.cell(i, wh);
      perWarehouse.push(WAREHOUSES[wh].type === 'Склад WB' ? stock[c] : 0);
      toClient += to[c];
      fromClient += from[c];
    }
    out.push({ sizeIdx: i, perWarehouse, toClient, fromClient });
  }
  return out;
}

/** Truth: non-zero stock per barcode and WB warehouse, catalogue order then warehouse order. */
export function stockSnapshot(data: SellerData): StockRow[] {
  const rows: StockRow[] = [];
  for (const b of barcodeStocks(data)) {
    const { product, size } = data.sizes[b.sizeIdx];
    b.perWarehouse.forEach((quantity, wh) => {
      if (quantity !== 0) {
        rows.push({ vendorCode: product.supplierArticle, nmId: product.nmId, barcode: size.barcode, techSize: size.techSize, warehouseName: WAREHOUSES[wh].name, quantity });
      }
    });
  }
  return rows;
}

/** Truth: units on the way to buyers and back, per barcode (barcodes with both 0 left out). */
export function inTransit(data: SellerData): TransitRow[] {
  return barcodeStocks(data)
    .filter((b) => b.toClient || b.fromClient)
    .map((b) => ({ barcode: data.sizes[b.sizeIdx].size.barcode, toClient: b.toClient, fromClient: b.fromClient }));
}

export interface RemainsQuery {
  groupByBrand: boolean;
  groupBySubject: boolean;
  groupBySa: boolean;
  groupByNm: boolean;
  groupByBarcode: boolean;
  groupBySize: boolean;
  /** -1 without photos, 0 any, 1 with photos (every emulated card has photos) */
  filterPics: number;
  /** -1 without dimensions, 0 any, 3 over 3 litres (every emulated card has dimensions) */
  filterVolume: number;
  /** language of `warehouseName` (subjectName stays Russian: the catalogue has no translations) */
  locale: RemainsLocale;
}

/**
 * The report's items, grouped by the flags. Fields of a dimension not grouped by are
 * '' (text) or 0 (nmId); `volume` only with groupByNm (as the spec says). `warehouses`
 * lists the three pseudo-warehouses first (always, even at 0), then the real ones with
 * a non-zero quantity, largest first, all named in the query's locale. Items with
 * nothing anywhere are left out.
 */
export function remainsReport(data: SellerData, seed: number, q: RemainsQuery): Record<string, unknown>[] {
  if (q.filterPics === -1 || q.filterVolume === -1) return [];
  const groups = new Map<string, { item: Record<string, unknown>; wh: number[]; to: number; from: number }>();
  for (const b of barcodeStocks(data)) {
    const { product: p, size } = data.sizes[b.sizeIdx];
    const volume = productExtras(seed, p).volume;
    if (q.filterVolume === 3 && !(volume > 3)) continue;
    const item: Record<string, unknown> = {
      brand: q.groupByBrand ? p.brand : '',
      subjectName: q.groupBySubject ? p.subject : '',
      vendorCode: q.groupBySa ? p.supplierArticle : '',
      nmId: q.groupByNm ? p.nmId : 0,
      barcode: q.groupByBarcode ? size.barcode : '',
      techSize: q.groupBySize ? size.techSize : '',
    };
    if (q.groupByNm) item.volume = volume;
    const key = JSON.stringify(item);
    let g = groups.get(key);
    if (!g) {
      g = { item, wh: WAREHOUSES.map(() => 0), to: 0, from: 0 };
      groups.set(key, g);
    }
    b.perWarehouse.forEach((n, wh) => (g!.wh[wh] += n));
    g.to += b.toClient;
    g.from += b.fromClient;
  }
  const out: Record<string, unknown>[] = [];
  for (const g of groups.values()) {
    const total = g.wh.reduce((a, n) => a + n, 0);
    if (!total && !g.to && !g.from) continue;
    const real = g.wh
      .map((quantity, wh) => ({ warehouseName: warehouseNameIn(WAREHOUSES[wh].name, q.locale), quantity }))
      .filter((w) => w.quantity !== 0)
      .sort((a, b) => b.quantity - a.quantity);
    out.push({
      ...g.item,
      warehouses: [
        { warehouseName: warehouseNameIn(IN_WAY_TO_CLIENT, q.locale), quantity: g.to },
        { warehouseName: warehouseNameIn(IN_WAY_FROM_CLIENT, q.locale), quantity: g.from },
        { warehouseName: warehouseNameIn(TOTAL_ON_WAREHOUSES, q.locale), quantity: total },
        ...real,
      ],
    });
  }
  return out;
}
