/**
 * Raw report rows (as read back from their sheets, keyed by column id) summed per day
 * and item. The same rules answer the formulas and build the daily table, so a total
 * from the daily table equals a direct sum over the raw rows. An item is an article
 * and size: nmId + barcode (barcode empty for what WB books per article, such as
 * storage, or for the whole seller, with nmId empty too).
 */
import { Cell } from '../gas/types';
import { saleKind } from '../reports/sales';
import { DailySource, Measure } from './measures';

export interface ItemInfo {
  nmId: number | null;
  barcode: string;
  article: string;
  size: string;
  subject: string;
  brand: string;
  title: string;
}

/** Per item key: attributes and measure -> day serial -> value. */
export interface ItemFacts {
  info: ItemInfo;
  values: Map<Measure, Map<number, number>>;
}

export type FactTable = Map<string, ItemFacts>;

export function itemKey(nmId: number | null, barcode: string): string {
  return (nmId === null ? '' : String(nmId)) + '|' + barcode;
}

function text(v: Cell | undefined): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

/** A name shown to the seller (article, size, subject…): exactly as WB sent it, spaces included. */
function asSent(v: Cell | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

/** A WB article number; WB's 0 on rows of the whole seller (storage, deductions) means none. */
function nm(v: Cell | undefined): number | null {
  const n = typeof v === 'number' && isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : null;
  return n ? n : null;
}

export function dayOf(v: Cell | undefined): number | null {
  return typeof v === 'number' && isFinite(v) ? Math.floor(v + 1e-9) : null;
}

/** Whole kopecks of a money cell, sign as given. */
export function kopecks(v: Cell | undefined): number {
  return typeof v === 'number' && isFinite(v) ? Math.round(v * 100) : 0;
}

function absKopecks(v: Cell | undefined): number {
  return Math.abs(kopecks(v));
}

/**
 * Kopecks of a realization amount exactly as WB wrote it: WB sends some amounts with a
 * third decimal (rebillLogisticCost '1.349'), and rounding each row to the kopeck would
 * make a thousand such rows a ruble off. Three decimals of a kopeck cover what WB sends.
 */
export function exactKopecks(v: Cell | undefined): number {
  return typeof v === 'number' && isFinite(v) ? Math.round(v * 100000) / 1000 : 0;
}

/** A sum of exact kopecks, cleared of binary noise (134.9 + 0.1 is 135, not 135.00000000000003). */
function tidy(x: number): number {
  return Number.isInteger(x) ? x : Math.round(x * 1000) / 1000;
}

export class FactBuilder {
  readonly facts: FactTable = new Map();

  /** Whether an order's srid was bought out and kept (buyouts.ts); set before orders are added. */
  boughtOut: ((srid: Cell | undefined) => boolean) | null = null;

  constructor(private readonly days: Set<number> | null) {}

  private item(info: ItemInfo): ItemFacts {
    const key = itemKey(info.nmId, info.barcode);
    let f = this.facts.get(key);
    if (!f) {
      f = { info: { ...info }, values: new Map() };
      this.facts.set(key, f);
    } else {
      // Later rows fill attributes earlier ones lacked (an article WB filled in late).
      for (const k of ['article', 'size', 'subject', 'brand', 'title'] as const) if (!f.info[k] && info[k]) f.info[k] = info[k];
    }
    return f;
  }

  add(info: ItemInfo, day: number, measure: Measure, value: number): void {
    const f = this.item(info);
    let byDay = f.values.get(measure);
    if (!byDay) f.values.set(measure, (byDay = new Map()));
    byDay.set(day, tidy((byDay.get(day) || 0) + value));
  }

  /** Whether a row of `day` is one to sum: a dated row of a wanted day (all days when none were named). */
  wants(day: number | null): day is number {
    return day !== null && (this.days === null || this.days.has(day));
  }

  addOrder(row: Record<string, Cell>): void {
    const day = dayOf(row.date);
    if (!this.wants(day)) return;
    const info = statInfo(row);
    this.add(info, day, 'orders', 1);
    if (row.isCancel === true) this.add(info, day, 'cancels', 1);
    // Booked on the order's day, at most once per order: buyout % never passes 100 %.
    if (this.boughtOut && this.boughtOut(row.srid)) this.add(info, day, 'buyouts', 1);
  }

  addSale(row: Record<string, Cell>): void {
    const day = dayOf(row.date);
    if (!this.wants(day)) return;
    const kind = saleKind(row.saleID);
    if (kind === 'other') return;
    const info = statInfo(row);
    const sign = kind === 'sale' ? 1 : -1;
    this.add(info, day, kind === 'sale' ? 'sales' : 'returns', 1);
    this.add(info, day, 'revPriceWithDisc', sign * absKopecks(row.priceWithDisc));
    this.add(info, day, 'revFinishedPrice', sign * absKopecks(row.finishedPrice));
    this.add(info, day, 'revForPay', sign * absKopecks(row.forPay));
    this.add(info, day, 'revTotalPrice', sign * absKopecks(row.totalPrice));
  }

  addRealization(row: Record<string, Cell>): void {
    const day = dayOf(row.rrDate);
    if (!this.wants(day)) return;
    const info: ItemInfo = {
      nmId: nm(row.nmId),
      barcode: text(row.sku),
      article: asSent(row.vendorCode),
      size: asSent(row.techSize),
      subject: asSent(row.subjectName),
      brand: asSent(row.brandName),
      title: asSent(row.title),
    };
    this.add(info, day, 'realRows', 1);
    // Every amount keeps the sign WB gave it: a correction or compensation booked as a
    // sale or return may be negative, and forcing the sign from the document would turn
    // it around. A return document only orients the goods amounts: WB writes a return's
    // sale amount and payout as positive numbers that it takes back (its report nets
    // "Продажа − Возврат"), so they count against the seller, and a negative one adds.
    const kind = realizationKind(row);
    const orient = kind === 'return' ? -1 : 1;
    if (kind !== 'other') this.add(info, day, 'realUnits', orient * (typeof row.quantity === 'number' ? row.quantity : 1));
    const retail = orient * exactKopecks(row.retailAmount);
    const payout = orient * exactKopecks(row.forPay);
    this.add(info, day, 'retail', retail);
    this.add(info, day, 'payout', payout);
    // What WB kept of the sale amount (commission, acquiring, VAT): amount - payout.
    this.add(info, day, 'commission', tidy(retail - payout));
    this.add(info, day, 'logistics', exactKopecks(row.deliveryService));
    this.add(info, day, 'rebill', exactKopecks(row.rebillLogisticCost));
    this.add(info, day, 'storage', exactKopecks(row.paidStorage));
    this.add(info, day, 'acceptance', exactKopecks(row.paidAcceptance));
    this.add(info, day, 'penalties', exactKopecks(row.penalty));
    this.add(info, day, 'deductions', exactKopecks(row.deduction));
    this.add(info, day, 'additional', exactKopecks(row.additionalPayment));
    // WB withholds both loyalty amounts from «Итого к оплате»; the discount compensation
    // (cashbackDiscount) is already inside the payout for the goods, so it is not added.
    this.add(info, day, 'loyalty', tidy(exactKopecks(row.cashbackAmount) + exactKopecks(row.cashbackCommissionChange)));
    this.add(info, day, 'paySchedule', exactKopecks(row.paymentSchedule));
  }

  /** End-of-day stock per article (the day's last snapshot), booked on the article row. */
  addStock(row: Record<string, Cell>): void {
    const day = dayOf(row.day);
    if (!this.wants(day)) return;
    const info: ItemInfo = { nmId: nm(row.nmId), barcode: '', article: asSent(row.vendorCode), size: '', subject: '', brand: '', title: '' };
    this.add(info, day, 'stock', typeof row.quantity === 'number' ? row.quantity : 0);
  }

  /** A campaign's day on an article (WB Реклама), booked on the article row (no barcode). */
  addAds(row: Record<string, Cell>): void {
    const day = dayOf(row.day);
    if (!this.wants(day)) return;
    const info: ItemInfo = { nmId: nm(row.nmId), barcode: '', article: asSent(row.vendorCode), size: '', subject: '', brand: '', title: '' };
    const n = (v: Cell | undefined) => (typeof v === 'number' && isFinite(v) ? v : 0);
    this.add(info, day, 'adSpend', kopecks(row.spend));
    this.add(info, day, 'adViews', n(row.views));
    this.add(info, day, 'adClicks', n(row.clicks));
    this.add(info, day, 'adOrders', n(row.orders));
  }

  /** Paid storage of a day, warehouse and barcode (WB Платное хранение), booked on the size's row. */
  addPaidStorage(row: Record<string, Cell>): void {
    const day = dayOf(row.date);
    if (!this.wants(day)) return;
    const info: ItemInfo = { nmId: nm(row.nmId), barcode: text(row.barcode), article: asSent(row.vendorCode), size: asSent(row.size), subject: asSent(row.subject), brand: asSent(row.brand), title: '' };
    this.add(info, day, 'storagePaid', exactKopecks(row.warehousePrice));
  }

  /** Paid acceptance of a supply's article (WB Платная приёмка), booked on the article row. */
  addAcceptance(row: Record<string, Cell>): void {
    const day = dayOf(row.shkCreateDate);
    if (!this.wants(day)) return;
    const info: ItemInfo = { nmId: nm(row.nmID), barcode: '', article: asSent(row.vendorCode), size: '', subject: asSent(row.subjectName), brand: '', title: '' };
    this.add(info, day, 'acceptancePaid', exactKopecks(row.total));
  }

  /**
   * A review: counted with its stars on the day it was written, its answer on the day a
   * refresh first saw it (on the review's own day when it was already answered before
   * the first load). Booked per article (reviews carry no barcode).
   */
  addReview(row: Record<string, Cell>): void {
    const day = dayOf(row.date);
    const info: ItemInfo = { nmId: nm(row.nmId), barcode: '', article: asSent(row.supplierArticle), size: '', subject: '', brand: '', title: '' };
    const stars = row.stars;
    // WB's productValuation is 1..5; anything else is not a review's rating.
    if (this.wants(day) && (stars === 1 || stars === 2 || stars === 3 || stars === 4 || stars === 5)) this.add(info, day, ('stars' + stars) as Measure, 1);
    if (row.answered === true) {
      const answerDay = dayOf(row.answerDate) ?? day;
      if (this.wants(answerDay)) this.add(info, answerDay, 'answers', 1);
    }
  }

  /** A day of an article's funnel, as WB attributes it (buyouts on the order's day). */
  addFunnel(row: Record<string, Cell>): void {
    const day = dayOf(row.date);
    if (!this.wants(day)) return;
    const info: ItemInfo = { nmId: nm(row.nmId), barcode: '', article: asSent(row.vendorCode), size: '', subject: '', brand: '', title: asSent(row.title) };
    const n = (v: Cell | undefined) => (typeof v === 'number' && isFinite(v) ? v : 0);
    this.add(info, day, 'views', n(row.openCount));
    this.add(info, day, 'carts', n(row.cartCount));
    this.add(info, day, 'funnelOrders', n(row.orderCount));
    this.add(info, day, 'funnelOrderSum', kopecks(row.orderSum));
    this.add(info, day, 'funnelBuyouts', n(row.buyoutCount));
    this.add(info, day, 'funnelBuyoutSum', kopecks(row.buyoutSum));
  }

  /**
   * A day of an article's search visibility: the day's average position and visibility
   * with a day count beside them, so a period's average position is exact (the mean of
   * its days), and the transitions from search.
   */
  addSearch(row: Record<string, Cell>): void {
    const day = dayOf(row.date);
    if (!this.wants(day) || typeof row.avgPosition !== 'number' || !(row.avgPosition > 0)) return;
    const info: ItemInfo = { nmId: nm(row.nmId), barcode: '', article: asSent(row.vendorCode), size: '', subject: '', brand: '', title: '' };
    this.add(info, day, 'positionSum', row.avgPosition);
    this.add(info, day, 'positionDays', 1);
    this.add(info, day, 'visibilitySum', typeof row.visibility === 'number' ? row.visibility : 0);
    this.add(info, day, 'searchOpens', typeof row.openCard === 'number' ? row.openCard : 0);
  }

  addRow(source: DailySource, row: Record<string, Cell>): void {
    if (source === 'paidStorage') this.addPaidStorage(row);
    else if (source === 'acceptance') this.addAcceptance(row);
    else if (source === 'ads') this.addAds(row);
    else if (source === 'orders') this.addOrder(row);
    else if (source === 'sales') this.addSale(row);
    else if (source === 'realization') this.addRealization(row);
    else if (source === 'reviews') this.addReview(row);
    else if (source === 'funnel') this.addFunnel(row);
    else if (source === 'search') this.addSearch(row);
    else this.addStock(row);
  }
}

function statInfo(row: Record<string, Cell>): ItemInfo {
  return {
    nmId: nm(row.nmId),
    barcode: text(row.barcode),
    article: asSent(row.supplierArticle),
    size: asSent(row.techSize),
    subject: asSent(row.subject),
    brand: asSent(row.brand),
    title: '',
  };
}

/** A realization row's kind by its document type (or the reason for payment). */
export function realizationKind(row: Record<string, Cell>): 'sale' | 'return' | 'other' {
  const doc = text(row.docTypeName).toLowerCase();
  const oper = text(row.sellerOperName).toLowerCase();
  if (doc === 'продажа' || (doc === '' && oper === 'продажа')) return 'sale';
  if (doc === 'возврат' || (doc === '' && oper === 'возврат')) return 'return';
  return 'other';
}
