/**
 * Realization reports (13-finances.yaml, sales-reports/*), built from the generator's
 * sales and returns and the supplies.
 *
 * Operations of a Moscow day: one 'Продажа' row per S row dated that day and one
 * 'Возврат' row per R row (quantity 1, srid and orderUid of the order, saleDt = the
 * row's `date`), each followed by its 'Логистика' row (deliveryAmount 1 'К клиенту
 * при продаже' / returnAmount 1 'От клиента при возврате'); then 'Платная приемка'
 * per supply accepted that day with a cost (giId = supplyID); 'Хранение' every day
 * (one row without article, on some days rows with an article); now and then
 * 'Штраф' and 'Удержание'.
 *
 * Reports: weekly (Monday..Sunday, Moscow) created the following Monday or Tuesday,
 * available from 06:00 MSK of that day; daily, created and available the next day at
 * 06:00 MSK. Sales and returns of orders from outside Russia (and their logistics)
 * go to a reportType 2 report (по выкупам) of the same period, the rest to reportType
 * 1. Daily reportIds exceed 2^53 and are odd (so no double can hold them): they are
 * written as raw JSON digits and kept as exact decimal strings (`idText`).
 *
 * Money is integer kopecks inside, decimal strings outside ('1098.61', '2490', '0').
 * Per sale: retailPriceWithDisc = forPay + ppvzSalesCommission + acquiringFee and
 * ppvzSalesCommission = vw + vwNds, exactly; forPay, retailPriceWithDisc, retailPrice
 * and spp equal the statistics S row's. Returns carry the same amounts, positive by
 * default (option realizationReturnSign: 'negative' negates retailAmount, forPay,
 * ppvzSalesCommission, acquiringFee, vw and vwNds).
 *
 * orderDt and saleDt are the exact instants (the statistics order `date` and S/R row
 * `date`) written in UTC with 'Z', as the spec's date-time format says; rrDate is the
 * Moscow day of the operation. Service rows carry 00:00 MSK of their day.
 */
import { TariffsApi } from './tariffs';
import { Product, REGIONS, Size, WAREHOUSES } from './catalog';
import { SellerIdentity, productExtras } from './extras';
import type { OrderRec, SaleRec, SellerData } from './generator';
import { Domain, hash32, mix32 } from './prng';
import { SupplyRec } from './supplies';
import { HOUR, fmtDay, fmtUtcZ, mondayOfWeek, mskDay, mskDayStart, weekOfDay } from './time';

const { round, min } = Math;

export type Period = 'weekly' | 'daily';

/** WB's detail data start (spec: "Данные доступны с 29 января 2024 года"). */
export const DETAILED_DATA_FROM = '2024-01-29';
/** sales-reports/list and detailed/{reportId}: data from 1 Jan 2025. */
export const LIST_DATA_FROM = '2025-01-01';
/** Reports become available this long after 00:00 MSK of their createDate. */
export const REPORT_READY_AFTER_MS = 6 * HOUR;

const OP_SALE = 0;
const OP_RETURN = 1;
const OP_LOG_SALE = 2;
const OP_LOG_RETURN = 3;
const OP_STORAGE = 4;
const OP_PENALTY = 5;
const OP_DEDUCTION = 6;
const OP_ACCEPTANCE = 7;

interface Op {
  kind: number;
  reportType: 1 | 2;
  s: SaleRec | null;
  product: Product | null;
  size: Size | null;
  supply: SupplyRec | null;
  /** amount of a service row, kopecks */
  kop: number;
  bonus: string;
}

export interface ReportMeta {
  /** reportId, exact decimal digits */
  idText: string;
  period: Period;
  reportType: 1 | 2;
  fromDay: number;
  toDay: number;
  createDay: number;
  availableAt: number;
  /** week number (weekly) or day number (daily) */
  unit: number;
}

export interface DetailRow {
  idText: string;
  rrdId: number;
  /** the row as WB writes it; `reportId` holds 0 here and is written from idText */
  fields: Record<string, unknown>;
  /** kopecks, for the list's totals */
  money: { retail: number; forPay: number; delivery: number; storage: number; acceptance: number; deduction: number; penalty: number; discount: number; isReturn: boolean; isSale: boolean; cashbackAmount?: number; cashbackDiscount?: number; cashbackCommission?: number };
}

/** Kopecks as WB's decimal strings: '1098.61', '1369.5', '2490', '0', '-5'. */
export function kopText(k: number): string {
  const neg = k < 0;
  const a = neg ? -k : k;
  const r = a % 100;
  let s = String((a - r) / 100);
  if (r) s += '.' + String(r).padStart(2, '0').replace(/0$/, '');
  return neg ? '-' + s : s;
}

const BIG_DAILY_BASE = BigInt('9007199254740993000');

export class Realization {
  private readonly dayOps = new Map<number, Op[]>();
  private readonly salesByDay = new Map<number, SaleRec[]>();
  private scanPos = 0;
  private readonly rowsCache = new Map<string, DetailRow[]>();
  private readonly startDay: number;
  private cellSupplies: Map<number, SupplyRec[]> | null = null;
  private cellSuppliesCount = -1;

  constructor(
    private readonly data: SellerData,
    private readonly seed: number,
    private readonly who: SellerIdentity,
    private readonly returnSign: 'positive' | 'negative',
    private readonly tariffs: TariffsApi,
  ) {
    this.startDay = mskDay(data.startMs);
  }

  private h(...parts: number[]): number {
    return hash32(this.seed, Domain.Finance, ...parts);
  }

  // ---- reports ----

  private weekMeta(week: number, reportType: 1 | 2): ReportMeta {
    const createDay = mondayOfWeek(week + 1) + (this.h(1, week) % 3 === 0 ? 1 : 0);
    return {
      idText: String(300_000_000 + week * 1000 + reportType * 100 + (this.h(2, week, reportType) % 100)),
      period: 'weekly',
      reportType,
      fromDay: mondayOfWeek(week),
      toDay: mondayOfWeek(week) + 6,
      createDay,
      availableAt: mskDayStart(createDay) + REPORT_READY_AFTER_MS,
      unit: week,
    };
  }

  private dayMeta(day: number, reportType: 1 | 2): ReportMeta {
    const id = BIG_DAILY_BASE + BigInt(day) * BigInt(100) + BigInt(reportType * 10 + 3);
    return {
      idText: id.toString(),
      period: 'daily',
      reportType,
      fromDay: day,
      toDay: day,
      createDay: day + 1,
      availableAt: mskDayStart(day + 1) + REPORT_READY_AFTER_MS,
      unit: day,
    };
  }

  /** The reports available now whose period meets [fromDay, toDay], in period then type order. */
  reports(period: Period, fromDay: number, toDay: number): ReportMeta[] {
    const now = this.data.clock;
    const out: ReportMeta[] = [];
    const units: number[] = [];
    if (period === 'weekly') {
      const first = Math.max(weekOfDay(this.startDay), weekOfDay(fromDay));
      for (let w = first; w <= weekOfDay(toDay); w++) units.push(w);
    } else {
      for (let d = Math.max(this.startDay, fromDay); d <= toDay; d++) units.push(d);
    }
    for (const u of units) {
      const main = period === 'weekly' ? this.weekMeta(u, 1) : this.dayMeta(u, 1);
      if (main.availableAt > now) break;
      out.push(main);
      const buyouts = period === 'weekly' ? this.weekMeta(u, 2) : this.dayMeta(u, 2);
      if (this.rows(buyouts).length) out.push(buyouts);
    }
    return out;
  }

  /** Finds an available report by its exact id. */
  byId(idText: string): ReportMeta | null {
    let big: bigint;
    try {
      big = BigInt(idText);
    } catch {
      return null;
    }
    let meta: ReportMeta | null = null;
    if (big >= BIG_DAILY_BASE) {
      const rest = big - BIG_DAILY_BASE;
      const day = Number(rest / BigInt(100));
      const tail = Number(rest % BigInt(100));
      if (tail === 13 || tail === 23) meta = this.dayMeta(day, tail === 13 ? 1 : 2);
    } else if (big > BigInt(300_000_000) && big < BigInt(Number.MAX_SAFE_INTEGER)) {
      const n = Number(big) - 300_000_000;
      const week = Math.floor(n / 1000);
      const type = Math.floor((n % 1000) / 100);
      if (type === 1 || type === 2) meta = this.weekMeta(week, type);
    }
    if (!meta || meta.idText !== idText || meta.availableAt > this.data.clock || meta.toDay < this.startDay) return null;
    if (meta.reportType === 2 && !this.rows(meta).length) return null;
    return meta;
  }

  /** The rows of a report in rrdId order (cached: a report never changes once created). */
  rows(meta: ReportMeta): DetailRow[] {
    const cached = this.rowsCache.get(meta.idText);
    if (cached) return cached;
    const rows: DetailRow[] = [];
    const base = meta.period === 'weekly' ? 1_000_000_000 + meta.unit * 1_000_000 : 500_000_000_000 + meta.unit * 1_000_000;
    let n = (meta.reportType - 1) * 500_000;
    for (let d = meta.fromDay; d <= meta.toDay; d++) {
      for (const op of this.opsOf(d)) {
        if (op.reportType !== meta.reportType) continue;
        rows.push(this.row(meta, base + ++n, d, op));
      }
    }
    this.rowsCache.set(meta.idText, rows);
    return rows;
  }

  // ---- operations of a day ----

  private salesOf(day: number): SaleRec[] {
    const all = this.data.salesRows;
    for (; this.scanPos < all.length; this.scanPos++) {
      const s = all[this.scanPos];
      const d = mskDay(s.date);
      let list = this.salesByDay.get(d);
      if (!list) this.salesByDay.set(d, (list = []));
      list.push(s);
    }
    return (this.salesByDay.get(day) ?? []).slice().sort((a, b) => a.date - b.date || (a.saleID < b.saleID ? -1 : 1));
  }

  private opsOf(day: number): Op[] {
    const cached = this.dayOps.get(day);
    if (cached) return cached;
    const ops: Op[] = [];
    if (day < this.startDay) return ops;
    const blank = { s: null, product: null, size: null, supply: null, kop: 0, bonus: '' };
    for (const s of this.salesOf(day)) {
      const o = s.order;
      const reportType: 1 | 2 = REGIONS[o.rg].country === 'Россия' ? 1 : 2;
      const common = { ...blank, reportType, s, product: o.product, size: o.size };
      ops.push({ ...common, kind: s.isReturn ? OP_RETURN : OP_SALE });
      ops.push({
        ...common,
        kind: s.isReturn ? OP_LOG_RETURN : OP_LOG_SALE,
        kop: productExtras(this.seed, o.product).logisticsKop,
        bonus: s.isReturn ? 'От клиента при возврате' : 'К клиенту при продаже',
      });
    }
    for (const sup of this.data.supplyBook.all) {
      if (sup.acceptanceCost > 0 && mskDay(sup.acceptedAt) === day) {
        ops.push({ ...blank, kind: OP_ACCEPTANCE, reportType: 1, supply: sup, kop: sup.acceptanceCost * 100, bonus: 'Операции на приемке' });
      }
    }
    ops.push({ ...blank, kind: OP_STORAGE, reportType: 1, kop: 15_000 + (this.h(10, day) % 45_000) });
    const products = this.data.seller.products;
    if (this.h(11, day) % 10 < 3) {
      const count = 1 + (this.h(12, day) % 2);
      for (let i = 0; i < count; i++) {
        const p = products[this.h(13, day, i) % products.length];
        ops.push({ ...blank, kind: OP_STORAGE, reportType: 1, product: p, size: p.sizes[0], kop: 300 + (this.h(14, day, i) % 4_700) });
      }
    }
    if (this.h(15, day) % 100 < 8) {
      const p = products[this.h(16, day) % products.length];
      const withArticle = this.h(17, day) % 2 === 0;
      ops.push({
        ...blank,
        kind: OP_PENALTY,
        reportType: 1,
        product: withArticle ? p : null,
        size: withArticle ? p.sizes[0] : null,
        kop: (100 + (this.h(18, day) % 900)) * 100,
        bonus: withArticle ? 'Недовложение товара в поставке' : 'Нарушение правил упаковки',
      });
    }
    if (this.h(19, day) % 100 < 15) {
      ops.push({ ...blank, kind: OP_DEDUCTION, reportType: 1, kop: (500 + (this.h(20, day) % 2500)) * 100, bonus: 'Оказание услуг «ВБ.Продвижение»' });
    }
    // Only a day that is over is final (the report is built later still).
    if (mskDayStart(day + 1) + HOUR <= this.data.clock) this.dayOps.set(day, ops);
    return ops;
  }

  /** The supply the unit came from: the last one accepted on its warehouse before the sale. */
  private supplyFor(o: OrderRec, at: number): SupplyRec | null {
    const book = this.data.supplyBook.all;
    if (!this.cellSupplies || this.cellSuppliesCount !== book.length) {
      this.cellSupplies = new Map();
      for (const sup of book) {
        for (const g of sup.goods) {
          let list = this.cellSupplies.get(g.cell);
          if (!list) this.cellSupplies.set(g.cell, (list = []));
          list.push(sup);
        }
      }
      this.cellSuppliesCount = book.length;
    }
    let best: SupplyRec | null = null;
    for (const sup of this.cellSupplies.get(o.cell) ?? []) if (sup.acceptedAt <= at && (!best || sup.acceptedAt > best.acceptedAt)) best = sup;
    return best;
  }

  // ---- one row ----

  private row(meta: ReportMeta, rrdId: number, day: number, op: Op): DetailRow {
    const dayStartZ = fmtUtcZ(mskDayStart(day));
    const f: Record<string, unknown> = {
      reportId: 0,
      dateFrom: fmtDay(meta.fromDay),
      dateTo: fmtDay(meta.toDay),
      createDate: fmtDay(meta.createDay),
      currency: 'RUB',
      reportType: meta.reportType,
      rrdId,
      giId: 0,
      dlvPrc: 0,
      fixTariffDateFrom: '',
      fixTariffDateTo: '',
      subjectName: '',
      nmId: 0,
      brandName: '',
      vendorCode: '',
      title: '',
      techSize: '',
      sku: '',
      docTypeName: '',
      quantity: 0,
      retailPrice: '0',
      retailAmount: '0',
      salePercent: 0,
      commissionPercent: 0,
      officeName: '',
      sellerOperName: '',
      orderDt: dayStartZ,
      saleDt: dayStartZ,
      rrDate: fmtDay(day),
      shkId: 0,
      retailPriceWithDisc: '0',
      deliveryAmount: 0,
      returnAmount: 0,
      deliveryService: '0',
      giBoxTypeName: '',
      productDiscountForReport: 0,
      sellerPromo: '0',
      spp: 0,
      kvwBase: 0,
      kvw: 0,
      supRatingUp: 0,
      isKgvpV2: 0,
      ppvzSalesCommission: '0',
      forPay: '0',
      ppvzReward: '0',
      acquiringFee: '0',
      acquiringPercent: 0,
      paymentProcessing: '',
      acquiringBank: '',
      vw: '0',
      vwNds: '0',
      ppvzOfficeName: '',
      ppvzOfficeId: 0,
      ppvzSupplierName: this.who.legalName,
      ppvzSupplierInn: this.who.inn,
      declarationNumber: '',
      bonusTypeName: op.bonus,
      stickerId: '0',
      country: '',
      srvDbs: false,
      penalty: '0',
      additionalPayment: '0',
      rebillLogisticCost: '0',
      rebillLogisticOrg: '',
      paidStorage: '0',
      deduction: '0',
      paidAcceptance: '0',
      orderId: 0,
      kiz: '',
      isB2b: false,
      trbxId: '',
      installmentCofinancingAmount: '0',
      wibesDiscountPercent: 0,
      cashbackAmount: '0',
      cashbackDiscount: '0',
      cashbackCommissionChange: '0',
      paymentSchedule: '0',
      deliveryMethod: '',
      sellerPromoId: 0,
      sellerPromoDiscount: 0,
      loyaltyId: 0,
      loyaltyDiscount: 0,
      uuidPromocode: '',
      salePricePromocodeDiscountPrc: 0,
      articleSubstitution: '',
      salePriceAffiliatedDiscountPrc: 0,
      agencyVat: 0,
      salePriceWholesaleDiscountPrc: 0,
      b2bCustomerTin: '',
      orderUid: '',
      srid: '',
    };
    const money = { retail: 0, forPay: 0, delivery: 0, storage: 0, acceptance: 0, deduction: 0, penalty: 0, discount: 0, isReturn: false, isSale: false };
    if (op.product) {
      const p = op.product;
      f.subjectName = p.subject;
      f.nmId = p.nmId;
      f.brandName = p.brand;
      f.vendorCode = p.supplierArticle;
      f.title = productExtras(this.seed, p).title;
      f.techSize = op.size ? op.size.techSize : '';
      f.sku = op.size ? op.size.barcode : '';
    }
    if (op.s) this.fillOrder(f, op, money);
    switch (op.kind) {
      case OP_STORAGE:
        f.sellerOperName = 'Хранение';
        f.paidStorage = kopText(op.kop);
        money.storage = op.kop;
        break;
      case OP_PENALTY:
        f.sellerOperName = 'Штраф';
        f.penalty = kopText(op.kop);
        money.penalty = op.kop;
        break;
      case OP_DEDUCTION:
        f.sellerOperName = 'Удержание';
        f.deduction = kopText(op.kop);
        money.deduction = op.kop;
        break;
      case OP_ACCEPTANCE: {
        const sup = op.supply!;
        f.sellerOperName = 'Платная приемка';
        f.giId = sup.supplyID;
        f.officeName = WAREHOUSES[sup.wh].name;
        f.giBoxTypeName = sup.boxTypeID === 5 ? 'Монопаллета' : 'Короба';
        f.paidAcceptance = kopText(op.kop);
        money.acceptance = op.kop;
        break;
      }
    }
    return { idText: meta.idText, rrdId, fields: f, money };
  }

  private fillOrder(f: Record<string, unknown>, op: Op, money: DetailRow['money']): void {
    const s = op.s!;
    const o = s.order;
    const data = this.data;
    const fbs = o.cell < 0;
    const region = REGIONS[o.rg];
    const sup = fbs ? null : this.supplyFor(o, s.date);
    const salt = this.h(30, o.idx);
    f.orderDt = fmtUtcZ(o.date);
    f.saleDt = fmtUtcZ(s.date);
    f.officeName = WAREHOUSES[o.wh].name;
    f.country = region.country;
    f.shkId = 20_000_000_000 + mix32(o.idx ^ 0x2545f491 ^ this.seed);
    f.ppvzOfficeId = 100_000 + (salt % 200_000);
    f.ppvzOfficeName = `${region.region}, пункт выдачи №${salt % 1000}`;
    f.deliveryMethod = fbs ? 'FBS' : 'FBW';
    f.stickerId = fbs ? data.sticker(o) : '0';
    f.orderId = fbs ? 1_000_000_000 + (mix32(o.idx ^ 0x68e31da4) % 1_000_000_000) : 0;
    f.orderUid = data.orderUid(o);
    f.srid = data.srid(o);
    if (sup) {
      f.giId = sup.supplyID;
      f.dlvPrc = Number(sup.deliveryCoef) / 100;
      f.fixTariffDateFrom = fmtDay(mskDay(sup.acceptedAt));
      f.fixTariffDateTo = fmtDay(mskDay(sup.acceptedAt) + 60);
      f.giBoxTypeName = sup.boxTypeID === 5 ? 'Монопаллета' : 'Короба';
    }
    if (op.kind === OP_LOG_SALE || op.kind === OP_LOG_RETURN) {
      f.sellerOperName = 'Логистика';
      if (op.kind === OP_LOG_SALE) f.deliveryAmount = 1;
      else f.returnAmount = 1;
      f.deliveryService = kopText(op.kop);
      money.delivery = op.kop;
      return;
    }
    // Продажа / Возврат
    const isReturn = op.kind === OP_RETURN;
    const name = isReturn ? 'Возврат' : 'Продажа';
    const sign = isReturn && this.returnSign === 'negative' ? -1 : 1;
    const p = o.product;
    const pwd = round(o.priceWithDisc * 100);
    const retail = round(o.finishedPrice * 100);
    const forPay = round(o.forPay * 100);
    const fee = pwd - forPay;
    // WB's commission is the tariff of the article's subject for the model that shipped
    // (FBS: kgvpMarketplace, FBW: paidStorageKgvp; tariffs.ts) on the price with discount,
    // VAT included; the rest of what WB kept back is acquiring.
    const kvw = this.tariffs.chargedRate(p.subject, fbs);
    const commission = min(fee, round((pwd * kvw) / 100));
    const acquiring = fee - commission;
    const vwNds = round((commission * 20) / 120);
    f.docTypeName = name;
    f.sellerOperName = name;
    f.quantity = 1;
    f.retailPrice = kopText(o.totalPrice * 100);
    f.retailAmount = kopText(sign * retail);
    f.salePercent = o.discountPercent;
    f.commissionPercent = kvw;
    f.retailPriceWithDisc = kopText(pwd);
    f.productDiscountForReport = o.discountPercent;
    f.spp = o.spp;
    f.kvwBase = kvw;
    f.kvw = kvw;
    f.ppvzSalesCommission = kopText(sign * commission);
    f.forPay = kopText(sign * forPay);
    f.acquiringFee = kopText(sign * acquiring);
    f.acquiringPercent = 1.5;
    f.paymentProcessing = 'Комиссия за организацию платежа с НДС';
    f.acquiringBank = this.h(31, o.idx) % 3 === 0 ? 'Сбербанк' : 'Т-Банк';
    f.vw = kopText(sign * (commission - vwNds));
    f.vwNds = kopText(sign * vwNds);
    // Some sales are bought with loyalty points (13-finances.yaml cashback*): WB withholds
    // the points and a participation fee from «Итого к оплате»; the discount compensation
    // is part of the payout for the goods already.
    if (!isReturn && this.h(32, o.idx) % 4 === 0) {
      money.cashbackAmount = round(retail * 0.05);
      money.cashbackDiscount = round(retail * 0.01);
      money.cashbackCommission = round(retail * 0.004);
      f.cashbackAmount = kopText(money.cashbackAmount);
      f.cashbackDiscount = kopText(money.cashbackDiscount);
      f.cashbackCommissionChange = kopText(money.cashbackCommission);
    }
    money.retail = retail;
    money.forPay = forPay;
    money.discount = o.discountPercent;
    money.isReturn = isReturn;
    money.isSale = !isReturn;
  }
}

/** SalesReportListRes of one report: totals as strings; sales minus returns whatever the return sign. */
export function listItem(meta: ReportMeta, rows: DetailRow[], who: SellerIdentity): { idText: string; fields: Record<string, unknown> } {
  let retail = 0;
  let forPay = 0;
  let delivery = 0;
  let storage = 0;
  let acceptance = 0;
  let deduction = 0;
  let penalty = 0;
  let discountSum = 0;
  let units = 0;
  let cashbackAmount = 0;
  let cashbackDiscount = 0;
  let cashbackCommission = 0;
  for (const r of rows) {
    const m = r.money;
    cashbackAmount += m.cashbackAmount ?? 0;
    cashbackDiscount += m.cashbackDiscount ?? 0;
    cashbackCommission += m.cashbackCommission ?? 0;
    const k = m.isReturn ? -1 : 1;
    retail += k * m.retail;
    forPay += k * m.forPay;
    delivery += m.delivery;
    storage += m.storage;
    acceptance += m.acceptance;
    deduction += m.deduction;
    penalty += m.penalty;
    if (m.isSale) {
      discountSum += m.discount;
      units++;
    }
  }
  // WB's «Итого к оплате», as a real list of WB's reconciles (cashbackDiscount is inside forPay).
  const bank = forPay - delivery - storage - acceptance - deduction - penalty - cashbackAmount - cashbackCommission;
  return {
    idText: meta.idText,
    fields: {
      reportId: 0,
      sellerFinanceName: who.legalName,
      dateFrom: fmtDay(meta.fromDay),
      dateTo: fmtDay(meta.toDay),
      createDate: fmtDay(meta.createDay),
      currency: 'RUB',
      reportType: meta.reportType,
      retailAmountSum: kopText(retail),
      forPaySum: kopText(forPay),
      avgSalePercent: units ? round(discountSum / units) : 0,
      deliveryServiceSum: kopText(delivery),
      paidStorageSum: kopText(storage),
      paidAcceptanceSum: kopText(acceptance),
      deductionSum: kopText(deduction),
      penaltySum: kopText(penalty),
      additionalPaymentSum: '0',
      cashbackAmountSum: kopText(cashbackAmount),
      cashbackDiscountSum: kopText(cashbackDiscount),
      cashbackCommissionChangeSum: kopText(cashbackCommission),
      paymentSchedule: '0',
      bankPaymentSum: kopText(bank),
    },
  };
}

/** JSON text of an object whose first key is `reportId` (held as 0), with the exact digits put in. */
export function withReportId(fields: Record<string, unknown>, idText: string): string {
  const text = JSON.stringify(fields);
  return text.startsWith('{"reportId":0') ? '{"reportId":' + idText + text.slice(13) : text;
}

/** Only the requested fields, in WB's order (unknown names are ignored). */
export function pick(fields: Record<string, unknown>, wanted: Set<string> | null): Record<string, unknown> {
  if (!wanted) return fields;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(fields)) if (wanted.has(k)) out[k] = fields[k];
  return out;
}
