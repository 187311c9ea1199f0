/**
 * Finds the rows of an article argument, by the rules every WB_ function shares: a number
 * is an nmId; text is a seller article (exact, then ignoring case), else (digits) an nmId,
 * else a barcode; empty means every row (null). Unknown articles give [].
 */
import { Cell } from '../gas/types';

export class ArticleLookup {
  private byArticle = new Map<string, number[]>();
  private byArticleLower = new Map<string, number[]>();
  private byNm = new Map<number, number[]>();
  private byBarcode = new Map<string, number[]>();

  private static put<K>(map: Map<K, number[]>, key: K, row: number): void {
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }

  /** Registers row `row` under its seller article, nmId and barcode (empty ones skipped). */
  add(row: number, article: Cell | undefined, nmId: Cell | undefined, barcode: Cell | undefined): void {
    if (article !== null && article !== undefined && article !== '') {
      ArticleLookup.put(this.byArticle, String(article), row);
      ArticleLookup.put(this.byArticleLower, String(article).trim().toLowerCase(), row);
    }
    if (typeof nmId === 'number') ArticleLookup.put(this.byNm, nmId, row);
    else if (typeof nmId === 'string' && /^\d+$/.test(nmId)) ArticleLookup.put(this.byNm, Number(nmId), row);
    if (barcode !== null && barcode !== undefined && barcode !== '') ArticleLookup.put(this.byBarcode, String(barcode), row);
  }

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
