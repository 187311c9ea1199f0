/**
 * gas/formula-cells.ts in the offline runtime: what it finds, what it leaves alone, and
 * how many SpreadsheetApp calls it costs for N formula cells.
 */
import { AppsScriptFormulaCells } from '../../src/gas/formula-cells';
import { FormulaCell } from '../../src/gas/types';
import { installRuntime, Runtime, uninstallRuntime } from '../runtime';

let rt: Runtime;
const g = globalThis as any;

/** A document like a seller's: report sheets full of data, a run log, and the seller's own sheets. */
function book(layout: { sheet: string; cells: string[] }[]) {
  rt = installRuntime();
  rt.setCustomFunctionResolver((name) => (/^WB_(SALES|REVENUE)$/i.test(name) ? (a: unknown) => (Array.isArray(a) ? a.map(() => [7]) : 7) : undefined));
  const ss = rt.spreadsheet as any;
  for (const name of ['WB Заказы', 'WB Продажи']) {
    const sh = ss.insertSheet(name);
    sh.insertRowsAfter(1000, 1000);
    sh.getRange(1, 1, 2000, 20).setValues(Array.from({ length: 2000 }, (_, r) => Array.from({ length: 20 }, (_, c) => (c === 0 ? 'WB_ART-' + r : r * c))));
  }
  ss.insertSheet('WB Журнал').getRange('A1:C1').setValues([['a', 'b', 'c']]);
  for (const { sheet, cells } of layout) {
    const sh = ss.getSheetByName(sheet) || ss.insertSheet(sheet);
    for (const a1 of cells) sh.getRange(a1).setFormula(`=WB_SALES("${a1}"; "2026-11-01"; "2026-11-30")`);
  }
  return ss;
}

function measure<T>(fn: () => T): { value: T; calls: number } {
  rt.stats.reset();
  const value = rt.run(fn);
  return { value, calls: rt.stats.spreadsheetCalls };
}

function column(letter: string, from: number, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${letter}${from + i}`);
}

afterEach(() => uninstallRuntime());

describe('AppsScriptFormulaCells', () => {
  it('costs 5 calls when the document holds no WB_ formula (big report sheets are searched, not read)', () => {
    book([{ sheet: 'Мои', cells: [] }]);
    (rt.spreadsheet as any).getSheetByName('Мои').getRange('A1:B2').setValues([['=SUM(1;2)', 'WB_SALES'], [1, 2]]);
    const r = measure(() => AppsScriptFormulaCells.active().find());
    expect(r.value).toEqual([]);
    expect(r.calls).toBe(5);
    expect(rt.stats.cellsRead).toBe(0);
  });

  it('finds formula cells only, in every sheet, and puts the same formulas back', () => {
    const ss = book([
      { sheet: 'Мои', cells: ['B2', 'B3', 'C2', 'C3', 'E2'] },
      { sheet: 'Другой', cells: ['A1'] },
    ]);
    const mine = ss.getSheetByName('Мои');
    mine.getRange('E2').setFormula('=WB_REVENUE(A2:A4)'); // spills into E3:E4
    mine.getRange('G2:H2').setValues([['=SUM(B2:C3)', 'заметка']]);
    mine.getRange('A2:A4').setValues([['x'], ['y'], ['z']]);
    expect(mine.getRange('E2:E4').getValues()).toEqual([[7], [7], [7]]);
    const before = ss.sheetFormulas('Мои');
    const found = measure(() => AppsScriptFormulaCells.active().find()).value as FormulaCell[];
    expect(found.map((c) => `${c.sheetId === mine.getSheetId() ? 'Мои' : 'Другой'}!${c.row},${c.column}`).sort()).toEqual(
      ['Мои!2,2', 'Мои!3,2', 'Мои!2,3', 'Мои!3,3', 'Мои!2,5', 'Другой!1,1'].sort(),
    );
    const evaluated = rt.customFunctionLog.length;
    rt.run(() => {
      const a = AppsScriptFormulaCells.active();
      const cells = a.find();
      a.clear(cells);
      expect(g.SpreadsheetApp.getActive().getSheetByName('Мои').getRange('B2:E4').getValues()).toEqual([
        ['', '', '', ''],
        ['', '', '', ''],
        ['', '', '', ''],
      ]);
      a.enter(cells);
    });
    expect(ss.sheetFormulas('Мои')).toEqual(before);
    expect(mine.getRange('E2:E4').getValues()).toEqual([[7], [7], [7]]);
    expect(mine.getRange('G2:H2').getFormulas()).toEqual([['=SUM(B2:C3)', '']]);
    expect(mine.getRange('H2').getValue()).toBe('заметка');
    expect(rt.customFunctionLog.length - evaluated).toBe(6);
  });

  it('calls for N formula cells (one column of the seller sheet, and a second sheet)', () => {
    const rows: string[] = [];
    for (const n of [1, 4, 8, 9, 20, 100, 900]) {
      book([
        { sheet: 'Мои', cells: column('B', 2, n) },
        { sheet: 'Сводка', cells: ['A1'] },
      ]);
      const x = rt.run(() => AppsScriptFormulaCells.active());
      let cells: FormulaCell[] = [];
      const find = measure(() => (cells = x.find()));
      expect(cells).toHaveLength(n + 1);
      const clear = measure(() => x.clear(cells));
      const enter = measure(() => x.enter(cells));
      const all = measure(() => {
        const y = AppsScriptFormulaCells.active();
        const found = y.find();
        y.clear(found);
        return y.enter(found);
      });
      expect(all.value).toBe(n + 1);
      rows.push(`| ${n + 1} | ${find.calls + 1} | ${clear.calls} | ${enter.calls} | ${all.calls} |`);
      const S = (rt.spreadsheet as any).getSheets().length; // 6
      const hits = n + 1;
      // find: 5; then for up to 8 hits 2 per hit + 3 per sheet; beyond, getSheets and the cheaper of
      // that again or a TextFinder per sheet (4 each) + 5 per sheet with hits
      const findCalls = hits <= 8 ? 5 + 2 * hits + 3 * 2 : 2 * hits <= 4 * S ? 6 + 2 * hits + 3 * 2 : 6 + 4 * S + 5 * 2;
      expect(find.calls + 1).toBe(findCalls);
      expect(all.calls).toBe(findCalls + (2 * 2 + 1) + 2 * 2); // 2 sheets to empty + flush; 2 blocks to write back
      uninstallRuntime();
    }
    console.log(['| formula cells | find (with getActiveSpreadsheet) | clear (incl. flush) | enter | whole step |', '|---|---|---|---|---|', ...rows].join('\n'));
  });

  it('reads no big report sheet whole for a formula beside its data', () => {
    const ss = book([{ sheet: 'Мои', cells: ['A1'] }]);
    ss.getSheetByName('WB Продажи').getRange('V5').setFormula('=WB_SALES(A5)');
    rt.stats.reset();
    const found = rt.run(() => AppsScriptFormulaCells.active().find());
    expect(found).toHaveLength(2);
    expect(rt.stats.cellsRead).toBeLessThan(1000);
  });
});
