/**
 * The card side of the dashboard, from the daily table's review, funnel and search
 * measures (the same totals WB_RATING, WB_FUNNEL and WB_POSITION answer with):
 *  - on `WB Сводка`: rating and new reviews for the period against the previous one,
 *    reviews unanswered now, average position and visibility with their change, the
 *    funnel's totals and conversions; charts of the rating and of position/visibility
 *    per day, and of the funnel (views → cart → orders → buyouts);
 *  - the `WB Карточки` sheet: one row per article, the morning view of every card, with
 *    colours on what needs attention (rating dropping, unanswered reviews, position
 *    falling, stock running out).
 */
import { ChartSpec, ConditionalRuleSpec } from '../gas/types';
import { DailyIndex } from '../daily/daily-index';
import { Measure, STAR_MEASURES } from '../daily/measures';
import { Locale } from '../texts/i18n';
import { ArticleTotals } from './metrics';
import { Period } from './period';
import { CardTexts, cardTexts } from './cards-texts';
import { AMBER, DATE, INT, MONEY, PCT, RED, TEXT, Writer, header, put, rub, title } from './writer';

type Range = { from: number | null; to: number | null };

/** The card numbers of some rows (null: all) over a range of days. */
export interface CardNumbers {
  reviews: number;
  starsSum: number;
  answers: number;
  views: number;
  carts: number;
  orders: number;
  buyouts: number;
  positionSum: number;
  positionDays: number;
  visibilitySum: number;
}

export function cardNumbers(index: DailyIndex, rows: number[] | null, range: Range): CardNumbers {
  const s = (m: Measure) => index.sum(m, rows, range);
  const stars = STAR_MEASURES.map((m) => s(m));
  return {
    reviews: stars.reduce((a, b) => a + b, 0),
    starsSum: stars.reduce((a, n, i) => a + n * (i + 1), 0),
    answers: s('answers'),
    views: s('views'),
    carts: s('carts'),
    orders: s('funnelOrders'),
    buyouts: s('funnelBuyouts'),
    positionSum: s('positionSum'),
    positionDays: s('positionDays'),
    visibilitySum: s('visibilitySum'),
  };
}

const ratio = (a: number, b: number): number | '' => (b ? a / b : '');
const round2 = (v: number | '') => (v === '' ? '' : Math.round(v * 100) / 100);
const round1 = (v: number | '') => (v === '' ? '' : Math.round(v * 10) / 10);
const percent = (a: number, b: number) => round1(b ? (a / b) * 100 : '');

export function rating(n: CardNumbers): number | '' {
  return round2(ratio(n.starsSum, n.reviews));
}
export function position(n: CardNumbers): number | '' {
  return round1(ratio(n.positionSum, n.positionDays));
}
export function visibility(n: CardNumbers): number | '' {
  return round1(ratio(n.visibilitySum, n.positionDays));
}

function change(a: number | '', b: number | ''): number | '' {
  return typeof a === 'number' && typeof b === 'number' ? Math.round((a - b) * 100) / 100 : '';
}

/** First column of the card block on the overview (F), and of its chart data (AB). */
const BLOCK_COL = 6;
const DATA_COL = 28;

/** The overview's card block and its charts (anchored below the overview's own). */
export function overviewCards(w: Writer, index: DailyIndex, p: Period, locale: Locale): ChartSpec[] {
  const t = cardTexts(locale);
  const cur = cardNumbers(index, null, { from: p.from, to: p.to });
  const prev = cardNumbers(index, null, { from: p.prevFrom, to: p.prevTo });
  const all = cardNumbers(index, null, { from: null, to: null });
  const rows: [string, number | '', number | '', string][] = [
    [t.metrics.rating, rating(cur), rating(prev), '0.00'],
    [t.metrics.reviews, cur.reviews, prev.reviews, INT],
    [t.metrics.unanswered, Math.max(0, all.reviews - all.answers), '', INT],
    [t.metrics.position, position(cur), position(prev), PCT],
    [t.metrics.visibility, visibility(cur), visibility(prev), PCT],
    [t.metrics.views, cur.views, prev.views, INT],
    [t.metrics.carts, cur.carts, prev.carts, INT],
    [t.metrics.orders, cur.orders, prev.orders, INT],
    [t.metrics.buyouts, cur.buyouts, prev.buyouts, INT],
    [t.metrics.viewToCart, percent(cur.carts, cur.views), percent(prev.carts, prev.views), PCT],
    [t.metrics.cartToOrder, percent(cur.orders, cur.carts), percent(prev.orders, prev.carts), PCT],
    [t.metrics.orderToBuyout, percent(cur.buyouts, cur.orders), percent(prev.buyouts, prev.orders), PCT],
  ];
  header(w, 5, BLOCK_COL, t.blockHeader);
  put(
    w,
    6,
    BLOCK_COL,
    rows.map((r) => [r[0], r[1], r[2], change(r[1], r[2])]),
    rows.map((r) => [TEXT, r[3], r[3], r[3] === INT ? INT : '0.00']),
  );
  w.sheet.styleBlock({ row: 6, col: BLOCK_COL, numRows: rows.length, numCols: 1 }, { bold: true });

  // Per day of the period: the day's rating (reviews written that day), position and visibility.
  const days: (number | string)[][] = [];
  for (let d = p.from; d <= p.to; d++) {
    const n = cardNumbers(index, null, { from: d, to: d });
    days.push([d, rating(n), position(n), visibility(n)]);
  }
  header(w, 8, DATA_COL, t.daySeries);
  put(w, 9, DATA_COL, days, [DATE, '0.00', PCT, PCT]);
  const funnel = [
    [t.funnelSteps[0], cur.views],
    [t.funnelSteps[1], cur.carts],
    [t.funnelSteps[2], cur.orders],
    [t.funnelSteps[3], cur.buyouts],
  ];
  header(w, 8, DATA_COL + 5, t.funnelHeader);
  put(w, 9, DATA_COL + 5, funnel, [TEXT, INT]);
  const n = days.length;
  return [
    { kind: 'line', title: t.chartRating, ranges: [{ row: 8, col: DATA_COL, numRows: n + 1, numCols: 2 }], anchorRow: 51, anchorCol: 1, width: 560, height: 300, options: { legend: 'none', raw: { interpolateNulls: true } } },
    {
      kind: 'line',
      title: t.chartSearch,
      ranges: [
        { row: 8, col: DATA_COL, numRows: n + 1, numCols: 1 },
        { row: 8, col: DATA_COL + 2, numRows: n + 1, numCols: 2 },
      ],
      anchorRow: 51,
      anchorCol: 7,
      width: 560,
      height: 300,
      options: { legend: 'bottom', series: { 1: { secondAxis: true } }, raw: { 'vAxes.0.direction': -1 } },
    },
    { kind: 'column', title: t.chartFunnel, ranges: [{ row: 8, col: DATA_COL + 5, numRows: 5, numCols: 2 }], anchorRow: 67, anchorCol: 1, width: 560, height: 300, options: { legend: 'none' } },
  ];
}

/** Stock days under this many are flagged on the cards sheet (as the stock forecast's default). */
const STOCK_DAYS_ALERT = 14;

/** The `WB Карточки` sheet: one row per article with its card numbers for the period. */
export function buildCards(w: Writer, index: DailyIndex, per: ArticleTotals[], stock: Map<string, number>, p: Period, locale: Locale, isoDay: (serial: number) => string): ConditionalRuleSpec[] {
  const t = cardTexts(locale);
  title(w, t.sheet, t.note);
  put(w, 2, 1, [[isoDay(p.from) + ' – ' + isoDay(p.to)]], [TEXT]);
  header(w, 5, 1, t.header);
  const totals = new Map(per.map((x) => [String(x.nmId), x]));
  const lines = index
    .byArticleRows()
    .filter((g) => g.nmId !== null)
    .map((g) => {
      const cur = cardNumbers(index, g.rows, { from: p.from, to: p.to });
      const prev = cardNumbers(index, g.rows, { from: p.prevFrom, to: p.prevTo });
      const upTo = cardNumbers(index, g.rows, { from: null, to: p.to });
      const before = cardNumbers(index, g.rows, { from: null, to: p.prevTo });
      const all = cardNumbers(index, g.rows, { from: null, to: null });
      const x = totals.get(String(g.nmId));
      const units = stock.has(String(g.nmId)) ? (stock.get(String(g.nmId)) as number) : '';
      const perDay = x ? x.ordersAll / p.days : 0;
      const stockDays = units === '' ? '' : perDay > 0 ? Math.round((units / perDay) * 10) / 10 : '';
      return {
        sortKey: x ? x.revenue : 0,
        values: [
          x ? x.article : '',
          g.nmId,
          x ? x.subject : '',
          x ? x.sales - x.returns : 0,
          x ? rub(x.revenue) : 0,
          units,
          stockDays,
          rating(upTo),
          change(rating(upTo), rating(before)),
          cur.reviews,
          Math.max(0, all.reviews - all.answers),
          cur.views,
          percent(cur.carts, cur.views),
          percent(cur.orders, cur.carts),
          position(cur),
          change(position(cur), position(prev)),
        ],
      };
    })
    .filter((l) => l.values.slice(3).some((v) => v !== '' && v !== 0))
    .sort((a, b) => b.sortKey - a.sortKey || String(a.values[0]).localeCompare(String(b.values[0])));
  const formats = [TEXT, INT, TEXT, INT, MONEY, INT, '0.0', '0.00', '+0.00;-0.00;0', INT, INT, INT, PCT, PCT, PCT, '+0.0;-0.0;0'];
  if (lines.length) put(w, 6, 1, lines.map((l) => l.values), lines.map(() => formats));
  w.sheet.setColumnWidths(1, [170, 100, 140]);
  w.sheet.freezeRows(5);
  const n = Math.max(1, lines.length);
  const col = (id: number) => ({ row: 6, col: id, numRows: n, numCols: 1 });
  return [
    // Rating dropping since the previous period.
    { ranges: [col(9)], when: { kind: 'lessThan', value: 0 }, background: RED, fontColor: '#a50e0e' },
    // Reviews waiting for an answer.
    { ranges: [col(11)], when: { kind: 'greaterThan', value: 0 }, background: AMBER },
    // Position falling (a larger number is further down the search).
    { ranges: [col(16)], when: { kind: 'greaterThan', value: 0 }, background: RED, fontColor: '#a50e0e' },
    // Stock running out.
    { ranges: [col(7)], when: { kind: 'formula', formula: '=AND(ISNUMBER($G6),$G6<' + STOCK_DAYS_ALERT + ')' }, background: AMBER, bold: true },
  ];
}

export type { CardTexts };
