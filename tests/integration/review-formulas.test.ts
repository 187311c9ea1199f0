/**
 * WB_RATING, WB_REVIEWS and WB_UNANSWERED over the daily table, checked against a direct
 * count over the `WB Отзывы` sheet (independent code, by header names) for random
 * articles and periods, across refreshes that bring new reviews and answers.
 */
import { loadBundle } from '../bundle/harness';
import { connect, sheetTable } from './helpers';

const HOUR = 3600000;
type H = ReturnType<typeof loadBundle>;
type Row = Record<string, any>;

function rows(h: H): Row[] {
  const t = sheetTable(h, 'WB Отзывы');
  return t.rows.map((r) => Object.fromEntries(t.header.map((k, i) => [k, r[i]])));
}

const iso = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

function direct(all: Row[], article: string, from: string, to: string) {
  const picked = all.filter((r) => r['Артикул продавца'] === article && r['Дата'] instanceof Date && iso(r['Дата']) >= from && iso(r['Дата']) <= to);
  const stars = picked.map((r) => Number(r['Оценка']));
  return { count: stars.length, sum: stars.reduce((a, b) => a + b, 0), low: stars.filter((s) => s <= 3).length, five: stars.filter((s) => s === 5).length };
}

function cases(all: Row[], n: number, seed: number) {
  const articles = Array.from(new Set(all.map((r) => String(r['Артикул продавца'])))).sort();
  const days = Array.from(new Set(all.map((r) => iso(r['Дата'])))).sort();
  let s = seed;
  const rnd = (k: number) => ((s = (s * 1103515245 + 12345) % 2147483648), s % k);
  const out: { article: string; from: string; to: string }[] = [];
  for (let i = 0; i < n; i++) {
    const a = rnd(days.length);
    const b = rnd(days.length);
    out.push({ article: articles[rnd(articles.length)], from: days[Math.min(a, b)], to: days[Math.max(a, b)] });
  }
  return out;
}

describe('review formulas', () => {
  it('WB_RATING is the exact average of the reviews’ stars for any period; WB_REVIEWS counts them, by stars too', () => {
    const h = loadBundle({ emulator: { seed: 51, articles: 5, ordersPerDay: 40 } });
    connect(h, { type: 'personal', categories: [7] });
    for (let round = 0; round < 3; round++) {
      if (round) h.rt.clock.advance(10 * HOUR);
      expect(h.run('syncAllNow').ok).toBe(true);
      const all = rows(h);
      for (const c of cases(all, 12, 7 + round)) {
        const d = direct(all, c.article, c.from, c.to);
        expect(h.formula('WB_REVIEWS', c.article, c.from, c.to)).toBe(d.count);
        expect(h.formula('WB_REVIEWS', c.article, c.from, c.to, '1-3')).toBe(d.low);
        expect(h.formula('WB_REVIEWS', c.article, c.from, c.to, 5)).toBe(d.five);
        const rating = h.formula('WB_RATING', c.article, c.from, c.to);
        if (d.count) expect(rating).toBeCloseTo(d.sum / d.count, 12);
        else expect(rating).toBe('');
      }
      // All time, all articles: as WB shows the rating.
      const stars = all.map((r) => Number(r['Оценка']));
      expect(h.formula('WB_RATING', '')).toBeCloseTo(stars.reduce((a, b) => a + b, 0) / stars.length, 12);
      expect(h.formula('WB_REVIEWS', '')).toBe(all.length);
    }
  });

  it('WB_UNANSWERED counts the reviews without an answer, per article and in all, as answers arrive', () => {
    const h = loadBundle({ emulator: { seed: 52, articles: 4, ordersPerDay: 30 } });
    connect(h, { type: 'personal', categories: [7] });
    const seen: number[] = [];
    for (let round = 0; round < 4; round++) {
      if (round) h.rt.clock.advance(8 * HOUR);
      h.run('syncAllNow');
      const all = rows(h);
      const open = all.filter((r) => r['Есть ответ'] === false);
      expect(h.formula('WB_UNANSWERED')).toBe(open.length);
      for (const article of new Set(all.map((r) => String(r['Артикул продавца'])))) {
        expect(h.formula('WB_UNANSWERED', article)).toBe(open.filter((r) => r['Артикул продавца'] === article).length);
      }
      seen.push(open.length);
    }
    expect(new Set(seen).size).toBeGreaterThan(1);
  });

  it('says when reviews were never loaded (not zero), and rejects stars outside 1..5', () => {
    const h = loadBundle({ emulator: { seed: 53, articles: 3, ordersPerDay: 12 } });
    connect(h, { type: 'personal', categories: [5] });
    h.run('syncAllNow');
    expect(() => h.formula('WB_REVIEWS', '')).toThrow(/«WB Отзывы».*«Вопросы и отзывы»/);
    expect(() => h.formula('WB_RATING', '')).toThrow(/«Вопросы и отзывы»/);
    const h2 = loadBundle({ emulator: { seed: 54, articles: 3, ordersPerDay: 12 } });
    connect(h2, { type: 'personal', categories: [7] });
    h2.run('syncAllNow');
    expect(() => h2.formula('WB_REVIEWS', '', '', '', '6')).toThrow(/Неверные оценки «6»/);
    expect(() => h2.formula('WB_REVIEWS', '', '', '', '3-1')).toThrow(/Неверные оценки/);
  });
});

describe('review retention', () => {
  it('the seller’s retention trims old review rows once their daily totals are safe; the formulas answer as before', () => {
    const DAY = 24 * HOUR;
    const h = loadBundle({ emulator: { seed: 55, articles: 4, ordersPerDay: 20 } });
    connect(h, { type: 'personal', categories: [7] });
    h.run('syncAllNow');
    const all = rows(h);
    const days = all.map((r) => iso(r['Дата'])).sort();
    const early = { from: days[0], to: days[Math.floor(days.length / 4)] };
    const before = { n: h.formula('WB_REVIEWS', '', early.from, early.to), r: h.formula('WB_RATING', '', early.from, early.to) };
    expect(before.n).toBeGreaterThan(0);
    for (let i = 0; i < 14; i++) {
      h.rt.clock.advance(10 * DAY);
      h.run('syncAllNow');
    }
    h.run('saveSettings', { retentionDays: 180 });
    h.rt.clock.advance(HOUR);
    h.run('syncAllNow');
    const kept = rows(h);
    expect(kept.some((r) => iso(r['Дата']) <= early.to)).toBe(false);
    expect(h.formula('WB_REVIEWS', '', early.from, early.to)).toBe(before.n);
    expect(h.formula('WB_RATING', '', early.from, early.to)).toBe(before.r);
  }, 120000);
});
