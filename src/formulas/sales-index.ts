/**
 * Synced sales rows prepared for the WB_ functions: units and money per row with
 * returns counted against sales whatever sign WB gives their amounts, and lookups by
 * seller article, nmId and barcode.
 */
import { Cell } from '../gas/types';
import { saleKind } from '../reports/sales';
import { ArticleLookup } from '../daily/article-lookup';

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
  private lookup = new ArticleLookup();

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
      this.lookup.add(i, row.supplierArticle, row.nmId, row.barcode);
    }
  }

  /** Facts for an article argument (ArticleLookup's rules): null means all rows. */
  select(article: unknown): number[] | null {
    return this.lookup.select(article);
  }
}
