/**
 * Synced sales rows prepared for the WB_ functions: units and money per row with
 * returns counted against sales whatever sign WB gives their amounts, and lookups by
 * seller article, nmId and barcode.
 */
import { Cell } from '../gas/types';
import { saleKind } from '../reports/sales';

export const PRICE_FIELDS = ['priceWithDisc', 'finishedPrice', 'forPay', 'totalPrice'] as const;
export type PriceField = (typeof PRICE_FIELDS)[number];

export interface SaleFact {
  day: number;
  /** +1 sale, -1 return. */
  units: number;
  /** Signed kopecks per price field (integers: sums stay exact). */
  kopecks: Record<PriceField, number>;
}

export class SalesIndex {
  readonly facts: SaleFact[] = [];
  private byArticle = new Map<string, number[]>();
  private byArticleLower = new Map<string, number[]>();
  private byNm = new Map<number, number[]>();
  private byBarcode = new Map<string, number[]>();

  constructor(rows: Record<string, Cell>[]) {
    for (const row of rows) {
      const kind = saleKind(row.saleID);
      if (kind === 'other' || typeof row.date !== 'number') continue;
      const sign = kind === 'sale' ? 1 : -1;
      const kopecks = {} as Record<PriceField, number>;
      for (const f of PRICE_FIELDS) {
        const v = row[f];
        kopecks[f] = typeof v === 'number' ? sign * Math.round(Math.abs(v) * 100) : 0;
      }
      const i = this.facts.length;
      this.facts.push({ day: Math.floor(row.date + 1e-9), units: sign, kopecks });
      const add = <K>(map: Map<K, number[]>, key: K) => {
        const list = map.get(key);
        if (list) list.push(i);
        else map.set(key, [i]);
      };
      if (row.supplierArticle !== null && row.supplierArticle !== '') {
        add(this.byArticle, String(row.supplierArticle));
        add(this.byArticleLower, String(row.supplierArticle).trim().toLowerCase());
      }
      if (typeof row.nmId === 'number') add(this.byNm, row.nmId);
      else if (typeof row.nmId === 'string' && /^\d+$/.test(row.nmId)) add(this.byNm, Number(row.nmId));
      if (row.barcode !== null && row.barcode !== '') add(this.byBarcode, String(row.barcode));
    }
  }

  /**
   * Facts for an article argument: null means all rows. A number is an nmId; text is a
   * seller article, else (digits) an nmId, else a barcode. Unknown articles give [].
   */
  select(article: unknown): number[] | null {
    if (article === null || article === undefined || article === '') return null;
    if (typeof article === 'number') {
      return this.byNm.get(article) || this.byArticle.get(String(article)) || this.byBarcode.get(String(article)) || [];
    }
    const text = String(article).trim();
    if (text === '') return null;
    const exact = this.byArticle.get(text) || this.byArticleLower.get(text.toLowerCase());
    if (exact) return exact;
    if (/^\d+$/.test(text)) return this.byNm.get(Number(text)) || this.byBarcode.get(text) || [];
    return this.byBarcode.get(text) || [];
  }
}
