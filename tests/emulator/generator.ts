/**
 * A seeded seller whose orders and sales evolve with the virtual clock.
 *
 * Orders arrive hour by hour: the orders of hour h depend only on (seed, h), so the
 * data at time T does not depend on how the clock got there (one jump or many steps).
 * Each order's whole life is planned when it is created (visible ~30 min later;
 * ~10% cancelled; ~70% sold 1-7 days later, the sale's money filled in within 24 h;
 * ~15% of sales returned 2-14 days after the sale) and played out by an event queue
 * as the clock passes each moment. A row becomes visible at its lastChangeDate, so
 * no row ever carries a lastChangeDate in the future.
 *
 * Stock: each order of a WB warehouse takes a unit from its stock cell (size x
 * warehouse) while it is on its way to the buyer; see stock.ts for the formula and
 * supplies.ts for the supplies that fill the shelves. None of this draws from the
 * hourly random stream, so orders and sales are exactly what they were before.
 */
import { Product, REGIONS, REGION_WEIGHTS, Seller, Size, WAREHOUSES, WAREHOUSE_WEIGHTS, HOUR_WEIGHTS, HOUR_WEIGHT_SUM } from './catalog';
import { LcdLog } from './lcdlog';
import { SupplyBook } from './supplies';
import { Domain, Rng, hash32, hex8, mix32 } from './prng';
import { DAY, HOUR, MINUTE, ZERO_DATE, floorSec, fmtMsk } from './time';

// Jest runs tests in a vm context where every global lookup (Math, String, Date...) is
// slow and blocks optimisation: hot code uses these module-level aliases instead.
const { floor, max, min, round } = Math;
const Str = String;
const F64 = Float64Array;

/** WB keeps an order (and its sales rows) 90 days from the order date. */
export const RETENTION_MS = 90 * DAY;

export const P_CANCEL = 0.1;
export const P_SALE = 0.7;
export const P_RETURN = 0.15;
/** Share of sales whose money is there from the start (the rest read 0 for up to 24 h). */
export const P_FILLED_AT_ONCE = 0.4;
/** WB refreshes statistics every 30 min; late money fills land in these batches (ties). */
const BATCH_MS = 30 * MINUTE;

export interface OrderRec {
  /** global order number, in date order */
  idx: number;
  date: number;
  lcd: number;
  logPos: number;
  visible: boolean;
  product: Product;
  size: Size;
  wh: number;
  rg: number;
  totalPrice: number;
  discountPercent: number;
  spp: number;
  finishedPrice: number;
  priceWithDisc: number;
  /** cancellation instant; 0 when not cancelled */
  cancelAt: number;
  /** random words and the basket number behind srid, sticker and gNumber (strings built on output) */
  r1: number;
  r2: number;
  r3: number;
  gPrefix: number;
  basketNo: number;
  paymentSaleAmount: number;
  forPay: number;
  saleFinishedPrice: number;
  sale: SaleRec | null;
  ret: SaleRec | null;
  /** stock cell (size x warehouse) the unit leaves; -1 for the seller's own warehouse (FBS) */
  cell: number;
  /** a planned return: when the buyer hands the unit back (it is then in transit to WB); 0 if none */
  retStart: number;
}

export interface SaleRec {
  order: OrderRec;
  isReturn: boolean;
  date: number;
  lcd: number;
  logPos: number;
  filled: boolean;
  saleID: string;
}

const EV_ORDER = 0;
const EV_CANCEL = 1;
const EV_SALE = 2;
const EV_FILL = 3;
const EV_RETURN = 4;

const EV_SALE_FILLED = 5;

/**
 * The events of one hour, packed: key = second within the hour * 2^21 + insertion
 * number, so a plain numeric sort orders them by time, then by insertion (ties).
 */
interface Bucket {
  keys: number[];
  kinds: number[];
  orders: OrderRec[];
  /** the business moment: cancel time, sale date, return date */
  ats: number[];
  sorted: Float64Array | null;
  pos: number;
}
const KEY_SHIFT = 2 ** 21;

export interface GeneratorOptions {
  seed: number;
  now: number;
  ordersPerDay: number;
  historyDays: number;
  returnAmountSign: 'negative' | 'positive';
  /**
   * Whether filling a sale's late money moves its lastChangeDate. The spec says the
   * money may read 0 for up to 24 h but not that lastChangeDate moves then: both
   * readings are played.
   */
  fillMovesLastChange: boolean;
}

/**
 * An order not sold within this time after its date never will be (sales come 1-7 days
 * after the order): the buyer did not take it, and the unit is back on the shelf.
 */
export const TO_CLIENT_MS = 14 * DAY;
/** Orders older than this can no longer have a return in progress (sale <= 7 d, return <= 14 d later). */
const FROM_CLIENT_SCAN_MS = 23 * DAY;

const round2 = (x: number): number => round(x * 100) / 100;

export class SellerData {
  readonly orders: OrderRec[] = [];
  readonly salesRows: SaleRec[] = [];
  readonly orderLog = new LcdLog<OrderRec>();
  readonly saleLog = new LcdLog<SaleRec>();
  /** the data's clock (epoch ms) */
  clock: number;
  readonly startMs: number;

  private genHour: number;
  private procHour: number;
  private readonly queue = new Map<number, Bucket>();
  private basketNo = 0;
  private changeCalls = 0;
  private readonly idSalt: number;

  /** every size of the catalogue, in catalogue order; a stock cell is size index x warehouse */
  readonly sizes: { product: Product; size: Size }[] = [];
  private readonly sizeIndex = new Map<Size, number>();
  readonly cellCount: number;
  /** S and R rows per stock cell (units sold from / returned to a WB warehouse) */
  private readonly soldCells: Int32Array;
  private readonly returnedCells: Int32Array;
  readonly supplyBook: SupplyBook;
  /** Stock per cell at the end of each Moscow day (day number -> cells), recorded as the data is played (paid storage is charged on it). */
  readonly dayEndStock = new Map<number, Int32Array>();

  constructor(
    readonly seller: Seller,
    private readonly opts: GeneratorOptions,
  ) {
    this.startMs = floorSec(opts.now - opts.historyDays * DAY);
    this.genHour = floor(this.startMs / HOUR);
    this.procHour = this.genHour;
    this.clock = -Infinity;
    this.idSalt = hash32(opts.seed, Domain.Ids);
    for (const product of seller.products) {
      for (const size of product.sizes) {
        this.sizeIndex.set(size, this.sizes.length);
        this.sizes.push({ product, size });
      }
    }
    this.cellCount = this.sizes.length * WAREHOUSES.length;
    this.soldCells = new Int32Array(this.cellCount);
    this.returnedCells = new Int32Array(this.cellCount);
    this.supplyBook = new SupplyBook(this, opts.seed, this.startMs, opts.ordersPerDay);
    this.advanceTo(opts.now);
  }

  /** The stock cell of a size (by index) on a warehouse (by index). */
  cell(sizeIdx: number, wh: number): number {
    return sizeIdx * WAREHOUSES.length + wh;
  }

  /** Index of the first order dated at or after `ms` (orders are in date order). */
  private firstOrderFrom(ms: number): number {
    const orders = this.orders;
    let lo = 0;
    let hi = orders.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (orders[mid].date < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Units on their way to buyers per cell, as the data stands: orders from WB
   * warehouses that are visible, dated within TO_CLIENT_MS before `t`, not cancelled
   * and not sold.
   */
  toClient(t: number): Int32Array {
    const out = new Int32Array(this.cellCount);
    const orders = this.orders;
    for (let i = this.firstOrderFrom(t - TO_CLIENT_MS + 1); i < orders.length; i++) {
      const o = orders[i];
      if (o.date > t) break;
      if (o.cell >= 0 && o.visible && !o.cancelAt && !o.sale) out[o.cell]++;
    }
    return out;
  }

  /** Returns in progress per cell: handed back by the buyer (retStart <= t), R row not there yet. */
  fromClient(t: number): Int32Array {
    const out = new Int32Array(this.cellCount);
    const orders = this.orders;
    for (let i = this.firstOrderFrom(t - FROM_CLIENT_SCAN_MS); i < orders.length; i++) {
      const o = orders[i];
      if (o.date > t) break;
      if (o.cell >= 0 && o.retStart && o.retStart <= t && o.sale && !o.ret) out[o.cell]++;
    }
    return out;
  }

  /** returned - sold - on the way to buyers, per cell (supplies add the rest of the stock). */
  netOut(t: number): Int32Array {
    const out = this.toClient(t);
    for (let c = 0; c < out.length; c++) out[c] = this.returnedCells[c] - this.soldCells[c] - out[c];
    return out;
  }

  /** Stock per cell now: accepted supplies - sales + returns - on the way to buyers. */
  stockCells(): Int32Array {
    return this.supplyBook.addAccepted(this.clock, this.netOut(this.clock));
  }

  /** Plays the seller's life forward to `t` (never backward). */
  advanceTo(t: number): void {
    if (!(t > this.clock)) return;
    const lastHour = floor(t / HOUR);
    while (this.genHour <= lastHour) this.generateHour(this.genHour++);
    for (let h = this.procHour; h <= lastHour; h++) {
      // Supplies created in hour h are decided on the data as it stood when the hour began.
      this.supplyBook.createDue((h + 1) * HOUR);
      const b = this.queue.get(h);
      if (!b) {
        this.recordDayEnd(h, t);
        continue;
      }
      const sorted = b.sorted ?? (b.sorted = F64.from(b.keys).sort());
      const hourStart = h * HOUR;
      while (b.pos < sorted.length) {
        const key = sorted[b.pos];
        const sec = floor(key / KEY_SHIFT);
        const at = hourStart + sec * 1000;
        if (at > t) break;
        const i = key - sec * KEY_SHIFT;
        this.apply(b.kinds[i], b.orders[i], b.ats[i], at);
        b.pos++;
      }
      if (b.pos === sorted.length) this.queue.delete(h);
      this.recordDayEnd(h, t);
    }
    this.procHour = lastHour;
    this.clock = t;
  }

  /**
   * After hour `h` is fully played: when it ends a Moscow day, records that day's
   * end-of-day stock (paid storage is charged on it). Each day once.
   */
  private recordDayEnd(h: number, t: number): void {
    const end = (h + 1) * HOUR;
    if (end > t || (h + 1 + 3) % 24 !== 0) return;
    const day = (h + 1 + 3) / 24 - 1;
    if (this.dayEndStock.has(day)) return;
    this.dayEndStock.set(day, this.supplyBook.addAccepted(end, this.netOut(end)));
  }

  /** Plans a change of `order` at `t` (whole seconds). */
  private schedule(t: number, kind: number, order: OrderRec, at: number): void {
    const h = floor(t / HOUR);
    let b = this.queue.get(h);
    if (!b) {
      b = { keys: [], kinds: [], orders: [], ats: [], sorted: null, pos: 0 };
      this.queue.set(h, b);
    }
    if (b.sorted) throw new Error('emulator: event planned into an hour already played');
    if (b.kinds.length >= KEY_SHIFT) throw new Error('emulator: too many events in one hour');
    b.keys.push(floor((t - h * HOUR) / 1000) * KEY_SHIFT + b.kinds.length);
    b.kinds.push(kind);
    b.orders.push(order);
    b.ats.push(at);
  }

  private generateHour(h: number): void {
    const rng = new Rng(this.opts.seed, Domain.Hour, h);
    const hourStart = h * HOUR;
    const mskHour = (((h + 3) % 24) + 24) % 24;
    const units = rng.poisson((this.opts.ordersPerDay * HOUR_WEIGHTS[mskHour]) / HOUR_WEIGHT_SUM);
    // Baskets: one buyer's checkout, 1-3 units sharing gNumber, date and lastChangeDate.
    const baskets: { date: number; size: number }[] = [];
    for (let left = units; left > 0; ) {
      const size = min(left, rng.chance(0.12) ? rng.int(2, 3) : 1);
      baskets.push({ date: hourStart + rng.int(0, 3599) * 1000, size });
      left -= size;
    }
    baskets.sort((a, b) => a.date - b.date);
    const products = this.seller.products;
    const productWeights = products.map((p) => p.weight);
    for (const basket of baskets) {
      const basketNo = this.basketNo++;
      const gPrefix = rng.int(100_000_000, 999_999_999);
      const visibleAt = basket.date + rng.int(25 * 60, 35 * 60) * 1000;
      const rg = rng.weighted(REGION_WEIGHTS);
      const wh = rng.weighted(WAREHOUSE_WEIGHTS);
      for (let u = 0; u < basket.size; u++) {
        const product = products[rng.weighted(productWeights)];
        const size = rng.pick(product.sizes);
        // Everything below is drawn even for orders before the history start, so the
        // stream of hour h is the same whatever the history length.
        const week = floor(basket.date / (7 * DAY));
        const discount = max(0, min(90, product.discount + ((hash32(this.opts.seed, product.nmId, week) % 3) - 1) * 5));
        const priceWithDisc = round2((product.price * (100 - discount)) / 100);
        const spp = rng.int(10, 30);
        const exact = (priceWithDisc * (100 - spp)) / 100;
        const finishedPrice = rng.chance(0.1) ? round2(exact) : round(exact);
        const paymentSaleAmount = rng.chance(0.7) ? round(finishedPrice * rng.float() * 0.03) : 0;
        const forPay = round2(priceWithDisc * (1 - product.commission - rng.int(0, 30) / 1000));
        const r1 = rng.u32();
        const r2 = rng.u32();
        const r3 = rng.u32();
        const fate = rng.float();
        const cancelAt = basket.date + rng.int(60 * 60, 72 * 60 * 60) * 1000;
        const cancelLag = rng.int(20 * 60, 40 * 60) * 1000;
        const saleAt = basket.date + rng.int(24 * 3600, 7 * 24 * 3600) * 1000;
        const saleLag = rng.int(25 * 60, 35 * 60) * 1000;
        const filledAtOnce = rng.chance(P_FILLED_AT_ONCE);
        const fillDelay = rng.int(10 * 60, 23 * 3600) * 1000;
        const returns = rng.chance(P_RETURN);
        const returnDelay = rng.int(2 * 24 * 3600, 14 * 24 * 3600) * 1000;
        const returnLag = rng.int(25 * 60, 35 * 60) * 1000;
        if (basket.date < this.startMs) continue;

        const idx = this.orders.length;
        const sold = fate >= P_CANCEL && fate < P_CANCEL + P_SALE;
        const retAt = saleAt + returnDelay;
        // The unit travels back 12-36 h before the R row (always after the sale's row).
        const retStart = sold && returns ? retAt - (12 * 3600 + (hash32(this.opts.seed, Domain.Supply, 0x7e7, idx) % (24 * 3600))) * 1000 : 0;
        const order: OrderRec = {
          idx,
          date: basket.date,
          lcd: 0,
          logPos: -1,
          visible: false,
          product,
          size,
          wh,
          rg,
          totalPrice: product.price,
          discountPercent: discount,
          spp,
          finishedPrice,
          priceWithDisc,
          cancelAt: 0,
          r1,
          r2,
          r3,
          gPrefix,
          basketNo,
          paymentSaleAmount,
          forPay,
          saleFinishedPrice: round2(finishedPrice - paymentSaleAmount),
          sale: null,
          ret: null,
          cell: WAREHOUSES[wh].type === 'Склад WB' ? this.cell(this.sizeIndex.get(size)!, wh) : -1,
          retStart,
        };
        this.orders.push(order);
        this.schedule(visibleAt, EV_ORDER, order, basket.date);
        if (fate < P_CANCEL) {
          this.schedule(max(cancelAt + cancelLag, visibleAt + MINUTE), EV_CANCEL, order, cancelAt);
        } else if (fate < P_CANCEL + P_SALE) {
          const saleT = saleAt + saleLag;
          this.schedule(saleT, filledAtOnce ? EV_SALE_FILLED : EV_SALE, order, saleAt);
          if (!filledAtOnce) this.schedule(this.fillBatch(saleT + fillDelay), EV_FILL, order, 0);
          if (returns) this.schedule(retAt + returnLag, EV_RETURN, order, retAt);
        }
      }
    }
  }

  /** The statistics refresh after `due`: every 30 min plus a per-batch offset (< 15 min). */
  private fillBatch(due: number): number {
    const batch = floor(due / BATCH_MS) + 1;
    return batch * BATCH_MS + (hash32(this.opts.seed, Domain.Batch, batch) % 900) * 1000;
  }

  /** Plays one planned change at `t`. Guards skip what changeRandomRows already did. */
  private apply(kind: number, o: OrderRec, at: number, t: number): void {
    switch (kind) {
      case EV_ORDER:
        o.visible = true;
        this.orderLog.touch(o, t);
        break;
      case EV_CANCEL:
        if (o.cancelAt || o.sale) return;
        o.cancelAt = at;
        this.orderLog.touch(o, t);
        break;
      case EV_SALE:
      case EV_SALE_FILLED:
        if (o.cancelAt || o.sale) return;
        this.addSale(o, false, at, t, kind === EV_SALE_FILLED);
        break;
      case EV_FILL:
        if (!o.sale || o.sale.filled) return;
        o.sale.filled = true;
        if (this.opts.fillMovesLastChange) this.saleLog.touch(o.sale, t);
        break;
      case EV_RETURN:
        if (!o.sale || o.ret) return;
        this.addSale(o, true, at, t, true);
        break;
    }
  }

  /** srid: 32 hex (+ '.0.0' for WB-warehouse orders, plain for FBS); unique by the order number. */
  srid(o: OrderRec): string {
    const hex = hex8(o.r1) + hex8(o.r2) + hex8(mix32(o.idx ^ this.idSalt)) + hex8(o.r3);
    return WAREHOUSES[o.wh].type === 'Склад продавца' ? hex : hex + '.0.0';
  }

  sticker(o: OrderRec): string {
    return '3' + Str(mix32(o.idx ^ this.idSalt ^ 0x5bd1e995)).padStart(10, '0');
  }

  /** 20 digits, shared by the units of one basket, unique per basket. */
  gNumber(o: OrderRec): string {
    return '9' + Str(o.gPrefix) + Str(mix32(o.basketNo ^ this.idSalt)).padStart(10, '0');
  }

  /** The basket's id in the Finance API (orderUid): 32 hex, shared by the units of one basket (like gNumber). */
  orderUid(o: OrderRec): string {
    const b = o.basketNo ^ this.idSalt;
    return hex8(mix32(b ^ 0x0b5e55ed)) + hex8(mix32(b ^ 0x1c0ffee1)) + hex8(mix32(o.basketNo)) + hex8(mix32(b ^ 0x3a11ce55));
  }

  private saleId(o: OrderRec, isReturn: boolean): string {
    // Injective in the order number: one S and at most one R per order, never reused.
    const n = (isReturn ? 15_000_000_000 : 14_000_000_000) + o.idx * 13 + (mix32(o.idx ^ this.idSalt ^ 0x27d4eb2d) % 13);
    return (isReturn ? 'R' : 'S') + Str(n);
  }

  private addSale(o: OrderRec, isReturn: boolean, date: number, lcd: number, filled: boolean): SaleRec {
    const row: SaleRec = { order: o, isReturn, date, lcd: 0, logPos: -1, filled, saleID: this.saleId(o, isReturn) };
    if (isReturn) o.ret = row;
    else o.sale = row;
    this.salesRows.push(row);
    this.saleLog.touch(row, lcd);
    if (o.cell >= 0) {
      if (isReturn) this.returnedCells[o.cell]++;
      else this.soldCells[o.cell]++;
    }
    return row;
  }

  retentionStart(): number {
    return this.clock - RETENTION_MS;
  }

  /**
   * WB changes about `fraction` of the rows now (each row with that probability):
   * an order not yet sold may get cancelled, a sale's late money is filled in, a sale
   * may come back as a return (a new R row); other picked rows just get a new
   * lastChangeDate. All changed rows share lastChangeDate = now (floored to seconds).
   */
  changeRandomRows(fraction: number, nowMs: number): void {
    this.advanceTo(nowMs);
    const rng = new Rng(this.opts.seed, Domain.Change, this.clock, this.changeCalls++);
    const now = floorSec(this.clock);
    const minDate = this.retentionStart();
    const orders = this.orderLog.all((o) => o.date >= minDate);
    const sales = this.saleLog.all((s) => s.order.date >= minDate);
    for (const o of orders) {
      if (!rng.chance(fraction)) continue;
      const cancellable = !o.cancelAt && !o.sale && now - o.date < 14 * DAY && rng.chance(0.5);
      if (cancellable) o.cancelAt = now;
      this.orderLog.touch(o, now);
    }
    for (const s of sales) {
      if (!rng.chance(fraction)) continue;
      const o = s.order;
      if (!s.isReturn && !s.filled) {
        s.filled = true;
        if (this.opts.fillMovesLastChange) this.saleLog.touch(s, now);
      } else if (!s.isReturn && !o.ret && now > s.date && rng.chance(0.3)) {
        this.addSale(o, true, now, now, true);
      } else {
        this.saleLog.touch(s, now);
      }
    }
  }

  private readonly placeText: string[] = [];
  private readonly itemText = new Map<Size, string>();

  /** warehouseName..regionName, JSON text. */
  private place(o: OrderRec): string {
    const k = o.wh * REGIONS.length + o.rg;
    let t = this.placeText[k];
    if (t === undefined) {
      const w = WAREHOUSES[o.wh];
      const r = REGIONS[o.rg];
      t = JSON.stringify({ warehouseName: w.name, warehouseType: w.type, countryName: r.country, oblastOkrugName: r.okrug, regionName: r.region }).slice(1, -1);
      this.placeText[k] = t;
    }
    return t;
  }

  /** supplierArticle..techSize, JSON text. */
  private item(o: OrderRec): string {
    let t = this.itemText.get(o.size);
    if (t === undefined) {
      const p = o.product;
      t = JSON.stringify({
        supplierArticle: p.supplierArticle,
        nmId: p.nmId,
        barcode: o.size.barcode,
        category: p.category,
        subject: p.subject,
        brand: p.brand,
        techSize: o.size.techSize,
      }).slice(1, -1);
      this.itemText.set(o.size, t);
    }
    return t;
  }

  /** JSON.stringify(orderJson(o)), built directly (pages of 80,000 rows must be quick). */
  orderText(o: OrderRec): string {
    return (
      '{"date":"' + fmtMsk(o.date) + '","lastChangeDate":"' + fmtMsk(o.lcd) + '",' + this.place(o) + ',' + this.item(o) +
      ',"incomeID":' + o.product.incomeIds[o.wh] + ',"isSupply":false,"isRealization":true,"totalPrice":' + o.totalPrice +
      ',"discountPercent":' + o.discountPercent + ',"spp":' + o.spp + ',"finishedPrice":' + o.finishedPrice +
      ',"priceWithDisc":' + o.priceWithDisc + ',"isCancel":' + (o.cancelAt !== 0) + ',"cancelDate":"' +
      (o.cancelAt ? fmtMsk(o.cancelAt) : ZERO_DATE) + '","sticker":"' + this.sticker(o) + '","gNumber":"' + this.gNumber(o) +
      '","srid":"' + this.srid(o) + '"}'
    );
  }

  /** JSON.stringify(saleJson(s)), built directly. */
  saleText(s: SaleRec): string {
    const o = s.order;
    const sign = s.isReturn && this.opts.returnAmountSign === 'negative' ? -1 : 1;
    const f = s.filled;
    return (
      '{"date":"' + fmtMsk(s.date) + '","lastChangeDate":"' + fmtMsk(s.lcd) + '",' + this.place(o) + ',' + this.item(o) +
      ',"incomeID":' + o.product.incomeIds[o.wh] + ',"isSupply":false,"isRealization":true,"totalPrice":' + sign * o.totalPrice +
      ',"discountPercent":' + o.discountPercent + ',"spp":' + o.spp +
      ',"paymentSaleAmount":' + (f && !s.isReturn ? o.paymentSaleAmount : 0) +
      ',"forPay":' + (f ? sign * o.forPay : 0) + ',"finishedPrice":' + (f ? sign * o.saleFinishedPrice : 0) +
      ',"priceWithDisc":' + (f ? sign * o.priceWithDisc : 0) + ',"saleID":"' + s.saleID + '","sticker":"' + this.sticker(o) +
      '","gNumber":"' + this.gNumber(o) + '","srid":"' + this.srid(o) + '"}'
    );
  }

  orderJson(o: OrderRec): Record<string, unknown> {
    const w = WAREHOUSES[o.wh];
    const r = REGIONS[o.rg];
    const p = o.product;
    return {
      date: fmtMsk(o.date),
      lastChangeDate: fmtMsk(o.lcd),
      warehouseName: w.name,
      warehouseType: w.type,
      countryName: r.country,
      oblastOkrugName: r.okrug,
      regionName: r.region,
      supplierArticle: p.supplierArticle,
      nmId: p.nmId,
      barcode: o.size.barcode,
      category: p.category,
      subject: p.subject,
      brand: p.brand,
      techSize: o.size.techSize,
      incomeID: o.product.incomeIds[o.wh],
      isSupply: false,
      isRealization: true,
      totalPrice: o.totalPrice,
      discountPercent: o.discountPercent,
      spp: o.spp,
      finishedPrice: o.finishedPrice,
      priceWithDisc: o.priceWithDisc,
      isCancel: o.cancelAt !== 0,
      cancelDate: o.cancelAt ? fmtMsk(o.cancelAt) : ZERO_DATE,
      sticker: this.sticker(o),
      gNumber: this.gNumber(o),
      srid: this.srid(o),
    };
  }

  saleJson(s: SaleRec): Record<string, unknown> {
    const o = s.order;
    const w = WAREHOUSES[o.wh];
    const r = REGIONS[o.rg];
    const p = o.product;
    const sign = s.isReturn && this.opts.returnAmountSign === 'negative' ? -1 : 1;
    const money = (x: number): number => (s.filled ? sign * x || 0 : 0);
    return {
      date: fmtMsk(s.date),
      lastChangeDate: fmtMsk(s.lcd),
      warehouseName: w.name,
      warehouseType: w.type,
      countryName: r.country,
      oblastOkrugName: r.okrug,
      regionName: r.region,
      supplierArticle: p.supplierArticle,
      nmId: p.nmId,
      barcode: o.size.barcode,
      category: p.category,
      subject: p.subject,
      brand: p.brand,
      techSize: o.size.techSize,
      incomeID: o.product.incomeIds[o.wh],
      isSupply: false,
      isRealization: true,
      totalPrice: sign * o.totalPrice,
      discountPercent: o.discountPercent,
      spp: o.spp,
      paymentSaleAmount: s.isReturn ? 0 : money(o.paymentSaleAmount),
      forPay: money(o.forPay),
      finishedPrice: money(o.saleFinishedPrice),
      priceWithDisc: money(o.priceWithDisc),
      saleID: s.saleID,
      sticker: this.sticker(o),
      gNumber: this.gNumber(o),
      srid: this.srid(o),
    };
  }
}
