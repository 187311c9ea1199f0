/**
 * The daily table read back for the formulas: period rows grouped by item, lookups by
 * seller article, nmId and barcode (the same rules as the raw sales index), and sums
 * of a measure over inclusive days, read straight off the packed year cells.
 */
import { Cell } from '../gas/types';
import { Measure } from './measures';
import { packedSpan, scan, sumPacked } from './packing';
import { daysInPeriod } from './table';
import { ArticleLookup } from './article-lookup';

/** Calendar day as a whole Sheets serial (days since 1899-12-30). */
export type DaySerial = number;

/** Inclusive days; null is open-ended. */
export interface DayRange {
  from: DaySerial | null;
  to: DaySerial | null;
}

/** What the reader gets from the sheet: the key/name columns and the wanted measures, column by column. */
export interface DailyColumns {
  period: Cell[];
  nmId: Cell[];
  barcode: Cell[];
  article: Cell[];
  size?: Cell[];
  subject?: Cell[];
  title?: Cell[];
  measures: Partial<Record<Measure, Cell[]>>;
}

export class DailyIndex {
  private lookup = new ArticleLookup();
  readonly periods: number[];
  /** Days in each row's year. */
  private readonly lengths: number[];
  readonly rowCount: number;

  constructor(readonly cols: DailyColumns) {
    this.rowCount = cols.period.length;
    this.periods = cols.period.map((m) => (typeof m === 'number' ? Math.floor(m + 1e-9) : NaN));
    this.lengths = this.periods.map((p) => (isNaN(p) ? 0 : daysInPeriod(p)));
    for (let i = 0; i < this.rowCount; i++) {
      if (isNaN(this.periods[i])) continue;
      this.lookup.add(i, cols.article[i], cols.nmId[i], cols.barcode[i]);
    }
  }

  /** Rows for an article argument: null means every row (ArticleLookup's rules). */
  select(article: unknown): number[] | null {
    return this.lookup.select(article);
  }

  /** Sum of a measure over the rows and inclusive days (null ends = open). */
  sum(measure: Measure, rows: number[] | null, range: DayRange): number {
    const column = this.cols.measures[measure];
    if (!column) return 0;
    let total = 0;
    const each = (i: number) => {
      const period = this.periods[i];
      if (isNaN(period)) return;
      const first = range.from === null ? 0 : Math.max(0, range.from - period);
      const last = Math.min(this.lengths[i] - 1, range.to === null ? Infinity : range.to - period);
      if (first > last) return;
      total += sumPacked(column[i], first, last);
    };
    if (rows === null) for (let i = 0; i < this.rowCount; i++) each(i);
    else for (const i of rows) each(i);
    // Realization money may carry thousandths of a kopeck (WB's '1.349'): clear the binary noise of their sum.
    return Number.isInteger(total) ? total : Math.round(total * 1000) / 1000;
  }

  /**
   * Per day `from`..`to`: the measure summed over the rows (null = all), each cell read
   * once. For stock, a day no row knows stays null.
   */
  perDay(measure: Measure, rows: number[] | null, from: number, to: number): (number | null)[] {
    const column = this.cols.measures[measure];
    const stock = measure === 'stock';
    const out: (number | null)[] = new Array(Math.max(0, to - from + 1)).fill(stock ? null : 0);
    if (!column) return out;
    const each = (i: number) => {
      const period = this.periods[i];
      const text = column[i];
      if (isNaN(period) || period > to || period + this.lengths[i] - 1 < from) return;
      if (typeof text === 'number') {
        if (period >= from) out[period - from] = ((out[period - from] as number) || 0) + text;
        return;
      }
      if (typeof text !== 'string' || text === '') return;
      scan(text, Math.min(this.lengths[i] - 1, to - period), (slot, v) => {
        const d = period + slot;
        if (d >= from) out[d - from] = ((out[d - from] as number) || 0) + v;
      });
    };
    if (rows === null) for (let i = 0; i < this.rowCount; i++) each(i);
    else for (const i of rows) each(i);
    return out;
  }

  /** First and last day holding any value of the measures (for open-ended periods). */
  span(measures: Measure[]): { from: number; to: number } | null {
    let from = Infinity;
    let to = -Infinity;
    for (const m of measures) {
      const column = this.cols.measures[m];
      if (!column) continue;
      for (let i = 0; i < this.rowCount; i++) {
        if (isNaN(this.periods[i])) continue;
        const s = packedSpan(column[i]);
        if (!s) continue;
        from = Math.min(from, this.periods[i] + s.first);
        to = Math.max(to, this.periods[i] + s.last);
      }
    }
    return from === Infinity ? null : { from, to };
  }

  /** Items' rows grouped by nmId (article level), in first-seen order. */
  byArticleRows(): { nmId: number | null; rows: number[] }[] {
    const groups = new Map<string, { nmId: number | null; rows: number[] }>();
    for (let i = 0; i < this.rowCount; i++) {
      if (isNaN(this.periods[i])) continue;
      const nm = this.cols.nmId[i];
      const nmId = typeof nm === 'number' ? nm : null;
      const key = nmId === null ? '' : String(nmId);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { nmId, rows: [] }));
      g.rows.push(i);
    }
    return Array.from(groups.values());
  }
}
