/** The unit economics sheet's block "WB commission: by tariff and charged" (see commission-check.ts). */
import { Cell } from '../gas/types';
import { Locale } from '../texts/i18n';
import { commissionTexts } from '../texts/commission-texts';
import { CommissionCheck } from './commission-check';
import { INT, MONEY, PCT, TEXT, Writer, header, put, rub } from './writer';

/** Writes the block from `row`; returns the first row after it. */
export function writeCommissionCheck(w: Writer, row: number, check: CommissionCheck, locale: Locale): number {
  const t = commissionTexts(locale);
  put(w, row, 1, [[t.title]], [TEXT]);
  w.sheet.styleBlock({ row, col: 1, numRows: 1, numCols: 1 }, { bold: true });
  put(w, row + 1, 1, [[t.note]], [TEXT]);
  if (!check.haveRates) {
    put(w, row + 2, 1, [[check.noKey ? t.noKey : t.noRates]], [TEXT]);
    return row + 3;
  }
  // Rates kept from an earlier day while no key reaches WB now: said above the table.
  if (check.noKey) {
    put(w, row + 2, 1, [[t.noKey + ' ' + t.stale]], [TEXT]);
    row++;
  }
  header(w, row + 2, 1, t.header);
  const formats = [TEXT, INT, TEXT, PCT, PCT, MONEY, MONEY, MONEY, MONEY];
  const rate = (v: number | null): Cell => (v === null ? '' : v);
  const values: Cell[][] = check.lines.map((l) => [
    l.article,
    l.nmId,
    l.subject,
    rate(l.fbwRate),
    rate(l.fbsRate),
    rub(l.baseKop),
    l.expectedKop === null ? t.noSubject : rub(l.expectedKop),
    rub(l.chargedKop),
    l.expectedKop === null ? '' : rub(l.chargedKop - l.expectedKop),
  ]);
  const known = check.lines.filter((l) => l.expectedKop !== null);
  const sum = (f: (l: (typeof check.lines)[number]) => number) => known.reduce((s, l) => s + f(l), 0);
  const diff = sum((l) => l.chargedKop - (l.expectedKop as number));
  values.push([t.total, '', '', '', '', rub(sum((l) => l.baseKop)), rub(sum((l) => l.expectedKop as number)), rub(sum((l) => l.chargedKop)), rub(diff)]);
  put(w, row + 3, 1, values, values.map(() => formats));
  const totalRow = row + 3 + values.length - 1;
  w.sheet.styleBlock({ row: totalRow, col: 1, numRows: 1, numCols: formats.length }, { bold: true, background: '#f1f3f4' });
  const off = known.filter((l) => l.chargedKop !== l.expectedKop).length;
  const amount = (Math.abs(diff) / 100).toFixed(2);
  const verdict = off === 0 ? t.same : diff >= 0 ? t.more(amount, off) : t.less(amount, off);
  put(w, totalRow + 1, 1, [[verdict]], [TEXT]);
  w.sheet.styleBlock({ row: totalRow + 1, col: 1, numRows: 1, numCols: 1 }, { bold: true, fontColor: off === 0 ? '#137333' : '#a50e0e' });
  return totalRow + 2;
}
