/**
 * Rows in lastChangeDate order, as flag=0 pages need them. A row that changes is
 * appended again (its old entry goes stale), so the log stays sorted as long as
 * changes arrive in time order, which the event queue guarantees. Ties keep the
 * order in which the rows changed.
 */
export interface Logged {
  lcd: number;
  logPos: number;
}

export class LcdLog<T extends Logged> {
  private rows: T[] = [];
  private lcds: number[] = [];
  private stale = 0;
  private unsorted = false;

  /** Sets the row's lastChangeDate and moves it to the end of the log. */
  touch(row: T, lcd: number): void {
    if (row.logPos >= 0) this.stale++;
    const last = this.lcds.length ? this.lcds[this.lcds.length - 1] : -Infinity;
    if (lcd < last) this.unsorted = true; // should not happen; repaired on the next read
    row.lcd = lcd;
    row.logPos = this.rows.length;
    this.rows.push(row);
    this.lcds.push(lcd);
    if (this.stale > 1024 && this.stale > this.rows.length / 2) this.compact();
  }

  get size(): number {
    return this.rows.length - this.stale;
  }

  private compact(): void {
    const rows: T[] = [];
    const lcds: number[] = [];
    for (let i = 0; i < this.rows.length; i++) {
      const r = this.rows[i];
      if (r.logPos !== i) continue;
      r.logPos = rows.length;
      rows.push(r);
      lcds.push(r.lcd);
    }
    this.rows = rows;
    this.lcds = lcds;
    this.stale = 0;
  }

  private ensureSorted(): void {
    if (!this.unsorted) return;
    this.compact();
    const order = this.rows.map((r, i) => i).sort((a, b) => this.rows[a].lcd - this.rows[b].lcd || a - b);
    const rows = order.map((i) => this.rows[i]);
    rows.forEach((r, i) => (r.logPos = i));
    this.rows = rows;
    this.lcds = rows.map((r) => r.lcd);
    this.unsorted = false;
  }

  /** Up to `limit` live rows with lcd >= fromMs passing `keep`, in lcd order. */
  page(fromMs: number, limit: number, keep: (row: T) => boolean): T[] {
    this.ensureSorted();
    let lo = 0;
    let hi = this.lcds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.lcds[mid] < fromMs) lo = mid + 1;
      else hi = mid;
    }
    const out: T[] = [];
    for (let i = lo; i < this.rows.length && out.length < limit; i++) {
      const r = this.rows[i];
      if (r.logPos === i && keep(r)) out.push(r);
    }
    return out;
  }

  /** All live rows in lcd order. */
  all(keep: (row: T) => boolean = () => true): T[] {
    return this.page(-Infinity, Infinity, keep);
  }
}
