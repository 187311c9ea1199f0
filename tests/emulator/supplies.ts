/**
 * FBW supplies: the seller ships goods to WB warehouses over time, and only accepted
 * goods become stock.
 *
 * Each WB warehouse gets a supply every 1 or 2 weeks (Monday + warehouse number days,
 * created 09:00-11:00 MSK), starting three weeks before the history. At creation the
 * seller orders, per barcode, what brings the warehouse's position (stock + supplies
 * under way) up to a target of 2.5 x the expected demand of 22 days + 10 units, for
 * barcodes below 80% of it. The target covers the longest gap to the next supply's
 * acceptance (14 + 8 days) with a wide margin, so stock never runs out.
 *
 * Life of a supply (statusID): 1 Не запланировано at creation (supplyID null);
 * 2 Запланировано 2-20 h later (supplyID, supplyDate = 00:00 MSK 2-4 days after
 * creation); 3 Отгрузка разрешена at 10:00 MSK the day before supplyDate; 4 Идёт
 * приёмка at factDate = supplyDate + 8-18 h; 5 Принято 6-40 h after factDate. The
 * goods count as stock from status 5 (readyForSaleQuantity). updatedDate is null in
 * statuses 1-2, then the time of the last status change. Status 6 is not used.
 *
 * Virtual supplies (boxTypeID 0, models.Supply: "preorderID ... 0 for all virtual
 * supplies"): for a quarter of the supplies WB accepted short, it later accepts the
 * missing units as a virtual supply of type 5 «Допринято», 1-3 days after acceptance:
 * preorderID 0, its own supplyID, status 5 from its creation. Its units are stock. The
 * seller's plan of the next supplies does not count them (so the regular supplies, and
 * what is built on them, stay as they were before virtual supplies existed).
 */
import type { SellerData } from './generator';
import { Product, Size, WAREHOUSES } from './catalog';
import { productExtras, warehouseId } from './extras';
import { Domain, hash32 } from './prng';
import { DAY, HOUR, fmtMskOffset, mondayOfWeek, mskDay, mskDayStart, weekOfDay } from './time';

const { ceil, max } = Math;

export const SUPPLY_SAFETY = 2.5;
export const SUPPLY_COVER_DAYS = 22;
export const SUPPLY_MIN_EXTRA = 10;
export const SUPPLY_REORDER_SHARE = 0.8;
/** Supplies start this long before the history, so the shelves are full on day one. */
export const SUPPLY_LEAD_IN_MS = 21 * DAY;

export interface SupplyGoodRec {
  cell: number;
  product: Product;
  size: Size;
  quantity: number;
  accepted: number;
}

export interface SupplyRec {
  seq: number;
  /** warehouse index in WAREHOUSES */
  wh: number;
  preorderID: number;
  supplyID: number;
  createdAt: number;
  plannedAt: number;
  /** 00:00 MSK of the planned day */
  supplyDateAt: number;
  allowedAt: number;
  factAt: number;
  acceptedAt: number;
  boxTypeID: number;
  isBoxOnPallet: boolean;
  paidAcceptanceCoefficient: number;
  /** roubles */
  acceptanceCost: number;
  storageCoef: string;
  deliveryCoef: string;
  goods: SupplyGoodRec[];
  /** virtual supplies only (boxTypeID 0): 5 = Допринято */
  virtualTypeID?: number;
}

/** The virtual supply type the emulator makes: «Допринято» (accepted later). */
export const VIRTUAL_ACCEPTED_LATER = 5;
/** Share (1 in N) of short-accepted supplies whose missing units WB accepts later. */
const VIRTUAL_ONE_IN = 4;

export function supplyStatus(s: SupplyRec, t: number): number {
  if (t < s.plannedAt) return 1;
  if (t < s.allowedAt) return 2;
  if (t < s.factAt) return 3;
  if (t < s.acceptedAt) return 4;
  return 5;
}

export class SupplyBook {
  /** every supply planned so far, in creation order (some may be created after the clock) */
  readonly all: SupplyRec[] = [];
  /** virtual supplies (see the header), in creation order; some may be created after the clock */
  readonly virtual: SupplyRec[] = [];
  private readonly wbWarehouses: number[] = [];
  private readonly nextAt: number[] = [];
  private readonly nextWeek: number[] = [];
  private readonly target: Float64Array;

  constructor(
    private readonly data: SellerData,
    private readonly seed: number,
    startMs: number,
    ordersPerDay: number,
  ) {
    WAREHOUSES.forEach((w, i) => {
      if (w.type === 'Склад WB') this.wbWarehouses.push(i);
    });
    const firstWeek = weekOfDay(mskDay(startMs - SUPPLY_LEAD_IN_MS));
    for (let k = 0; k < this.wbWarehouses.length; k++) {
      this.nextWeek.push(firstWeek);
      this.nextAt.push(this.creationTime(k, firstWeek));
    }
    // Expected demand per cell: products by weight, sizes uniformly, warehouses by weight.
    const products = data.seller.products;
    const wSum = products.reduce((a, p) => a + p.weight, 0);
    const whSum = WAREHOUSES.reduce((a, w) => a + w.weight, 0);
    this.target = new Float64Array(data.cellCount);
    for (let i = 0; i < data.sizes.length; i++) {
      const { product } = data.sizes[i];
      for (const wh of this.wbWarehouses) {
        const rate = (ordersPerDay * product.weight) / wSum / product.sizes.length * (WAREHOUSES[wh].weight / whSum);
        this.target[data.cell(i, wh)] = ceil(SUPPLY_SAFETY * rate * SUPPLY_COVER_DAYS) + SUPPLY_MIN_EXTRA;
      }
    }
  }

  private h(...parts: number[]): number {
    return hash32(this.seed, Domain.Supply, ...parts);
  }

  private creationTime(k: number, week: number): number {
    return mskDayStart(mondayOfWeek(week) + k) + 9 * HOUR + (this.h(1, k, week) % 7200) * 1000;
  }

  /** Creates the supplies due before `limit` (called by the generator before it plays an hour). */
  createDue(limit: number): void {
    for (let k = 0; k < this.wbWarehouses.length; k++) {
      while (this.nextAt[k] < limit) {
        this.create(k, this.nextAt[k]);
        const week = this.nextWeek[k] + 1 + (this.h(2, k, this.nextWeek[k]) % 2);
        this.nextWeek[k] = week;
        this.nextAt[k] = this.creationTime(k, week);
      }
    }
  }

  private create(k: number, at: number): void {
    const wh = this.wbWarehouses[k];
    const data = this.data;
    const position = data.netOut(at);
    for (const s of this.all) {
      for (const g of s.goods) position[g.cell] += s.acceptedAt <= at ? g.accepted : g.quantity;
    }
    const seq = this.all.length;
    const goods: SupplyGoodRec[] = [];
    for (let i = 0; i < data.sizes.length; i++) {
      const cell = data.cell(i, wh);
      const target = this.target[cell];
      if (position[cell] >= SUPPLY_REORDER_SHARE * target) continue;
      const { product, size } = data.sizes[i];
      const box = productExtras(this.seed, product).boxAmount;
      const quantity = ceil((target - position[cell]) / box) * box;
      const hq = this.h(3, seq, i);
      const accepted = hq % 5 === 0 ? max(0, quantity - 1 - (hq % 2)) : quantity;
      goods.push({ cell, product, size, quantity, accepted });
    }
    if (!goods.length) return;
    const createdAt = at;
    const plannedAt = createdAt + (2 * 3600 + (this.h(4, seq) % (18 * 3600))) * 1000;
    const supplyDateAt = mskDayStart(mskDay(createdAt) + 2 + (this.h(5, seq) % 3));
    const allowedAt = supplyDateAt - 14 * HOUR;
    const factAt = supplyDateAt + 8 * HOUR + (this.h(6, seq) % (10 * 3600)) * 1000;
    const acceptedAt = factAt + 6 * HOUR + (this.h(7, seq) % (34 * 3600)) * 1000;
    const units = goods.reduce((a, g) => a + g.quantity, 0);
    const coef = [0, 0, 0, 1, 2, 5][this.h(8, seq) % 6];
    const boxTypeID = this.h(9, seq) % 4 === 0 ? 5 : 2;
    this.all.push({
      seq,
      wh,
      preorderID: 34_000_000 + seq * 1373 + (this.h(10, seq) % 1000),
      supplyID: 26_000_000 + seq * 977 + (this.h(11, seq) % 900),
      createdAt,
      plannedAt,
      supplyDateAt,
      allowedAt,
      factAt,
      acceptedAt,
      boxTypeID,
      isBoxOnPallet: boxTypeID === 2 && this.h(12, seq) % 5 === 0,
      paidAcceptanceCoefficient: coef,
      acceptanceCost: coef * ceil(units / 10) * 25,
      storageCoef: String(100 + (this.h(13, seq) % 150)),
      deliveryCoef: String(100 + (this.h(14, seq) % 150)),
      goods,
    });
    this.addVirtual(this.all[this.all.length - 1]);
  }

  /** «Допринято»: the units a short acceptance missed, accepted 1-3 days later as a virtual supply. */
  private addVirtual(s: SupplyRec): void {
    const short = s.goods.filter((g) => g.accepted < g.quantity);
    if (!short.length || this.h(15, s.seq) % VIRTUAL_ONE_IN !== 0) return;
    const at = s.acceptedAt + DAY + (this.h(16, s.seq) % (2 * 86400)) * 1000;
    const seq = this.virtual.length;
    this.virtual.push({
      seq,
      wh: s.wh,
      preorderID: 0,
      supplyID: 29_000_000 + seq * 991 + (this.h(17, s.seq) % 900),
      createdAt: at,
      plannedAt: at,
      supplyDateAt: mskDayStart(mskDay(at)),
      allowedAt: at,
      factAt: at,
      acceptedAt: at,
      boxTypeID: 0,
      isBoxOnPallet: false,
      paidAcceptanceCoefficient: 0,
      acceptanceCost: 0,
      storageCoef: s.storageCoef,
      deliveryCoef: s.deliveryCoef,
      goods: short.map((g) => ({ cell: g.cell, product: g.product, size: g.size, quantity: g.quantity - g.accepted, accepted: g.quantity - g.accepted })),
      virtualTypeID: VIRTUAL_ACCEPTED_LATER,
    });
  }

  /** Adds each supply's accepted goods (status 5 at `t`) to `out` per cell. */
  addAccepted(t: number, out: Int32Array): Int32Array {
    for (const s of this.all.concat(this.virtual)) {
      if (s.acceptedAt > t) continue;
      for (const g of s.goods) out[g.cell] += g.accepted;
    }
    return out;
  }

  /** Supplies that exist at `t` (created by then), newest first. */
  visible(t: number): SupplyRec[] {
    const out: SupplyRec[] = [];
    for (let i = this.all.length - 1; i >= 0; i--) if (this.all[i].createdAt <= t) out.push(this.all[i]);
    for (let i = this.virtual.length - 1; i >= 0; i--) if (this.virtual[i].createdAt <= t) out.push(this.virtual[i]);
    // Newest first by creation, as WB lists them (supplies are made warehouse by warehouse).
    return out.sort((a, b) => b.createdAt - a.createdAt);
  }
}

// ---- JSON as the Supplies API writes it ----

function lastChange(s: SupplyRec, t: number): number | null {
  const st = supplyStatus(s, t);
  if (st >= 5) return s.acceptedAt;
  if (st === 4) return s.factAt;
  if (st === 3) return s.allowedAt;
  return null;
}

/** models.Supply (list item); isBoxOnPallet only for boxTypeID 2. */
export function supplyJson(s: SupplyRec, t: number, phone: string): Record<string, unknown> {
  const st = supplyStatus(s, t);
  const upd = lastChange(s, t);
  const out: Record<string, unknown> = {
    phone,
    supplyID: st >= 2 ? s.supplyID : null,
    preorderID: s.preorderID,
    createDate: fmtMskOffset(s.createdAt),
    supplyDate: st >= 2 ? fmtMskOffset(s.supplyDateAt) : null,
    factDate: st >= 4 ? fmtMskOffset(s.factAt) : null,
    updatedDate: upd === null ? null : fmtMskOffset(upd),
    statusID: st,
    boxTypeID: s.boxTypeID,
  };
  if (s.boxTypeID === 2) out.isBoxOnPallet = s.isBoxOnPallet;
  return out;
}

function goodQuantities(g: SupplyGoodRec, st: number): { ready: number; accepted: number; unloading: number } {
  if (st >= 5) return { ready: g.accepted, accepted: g.accepted, unloading: 0 };
  if (st === 4) return { ready: 0, accepted: g.accepted, unloading: g.accepted };
  return { ready: 0, accepted: 0, unloading: 0 };
}

/** models.SupplyDetails, keys in the spec example's order (virtualTypeID, for boxTypeID 0 only, in the schema's place). */
export function supplyDetailsJson(s: SupplyRec, t: number, phone: string, shortName: string): Record<string, unknown> {
  const st = supplyStatus(s, t);
  const upd = lastChange(s, t);
  let quantity = 0;
  let ready = 0;
  let accepted = 0;
  let unloading = 0;
  for (const g of s.goods) {
    const q = goodQuantities(g, st);
    quantity += g.quantity;
    ready += q.ready;
    accepted += q.accepted;
    unloading += q.unloading;
  }
  const name = WAREHOUSES[s.wh].name;
  const out: Record<string, unknown> = {
    phone,
    statusID: st,
    ...(s.boxTypeID === 0 ? { virtualTypeID: s.virtualTypeID } : {}),
    boxTypeID: s.boxTypeID,
    createDate: fmtMskOffset(s.createdAt),
    supplyDate: st >= 2 ? fmtMskOffset(s.supplyDateAt) : null,
    factDate: st >= 4 ? fmtMskOffset(s.factAt) : null,
    updatedDate: upd === null ? null : fmtMskOffset(upd),
    warehouseID: warehouseId(s.wh),
    warehouseName: name,
    actualWarehouseID: st >= 4 ? warehouseId(s.wh) : null,
    actualWarehouseName: st >= 4 ? name : '',
    transitWarehouseID: null,
    transitWarehouseName: '',
    acceptanceCost: st >= 2 ? s.acceptanceCost : null,
    paidAcceptanceCoefficient: st >= 2 ? s.paidAcceptanceCoefficient : null,
    rejectReason: null,
    supplierAssignName: shortName,
    storageCoef: st >= 2 ? s.storageCoef : null,
    deliveryCoef: st >= 2 ? s.deliveryCoef : null,
    quantity,
    readyForSaleQuantity: ready,
    acceptedQuantity: accepted,
    unloadingQuantity: unloading,
    depersonalizedQuantity: 0,
  };
  if (s.boxTypeID === 2) out.isBoxOnPallet = s.isBoxOnPallet;
  return out;
}

/** models.GoodInSupply, keys in the schema's order. */
export function goodJson(seed: number, s: SupplyRec, g: SupplyGoodRec, t: number): Record<string, unknown> {
  const st = supplyStatus(s, t);
  const q = goodQuantities(g, st);
  const x = productExtras(seed, g.product);
  return {
    barcode: g.size.barcode,
    vendorCode: g.product.supplierArticle,
    nmID: g.product.nmId,
    needKiz: x.needKiz,
    tnved: x.tnved,
    techSize: g.size.techSize,
    color: x.color,
    supplierBoxAmount: x.boxAmount,
    quantity: g.quantity,
    readyForSaleQuantity: q.ready,
    acceptedQuantity: q.accepted,
    unloadingQuantity: q.unloading,
  };
}
