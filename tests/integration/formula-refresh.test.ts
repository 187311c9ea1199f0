/**
 * Issue 5: after every refresh, cells that use WB_ functions show the new numbers without
 * the seller doing anything. Through the built bundle: the offline runtime evaluates
 * custom-function formulas in cells as Sheets does (after the execution, cached until an
 * argument changes or the formula is entered again), so a refresh that did not enter the
 * formulas again would leave them stale; the control below shows exactly that.
 */
import { loadBundle } from '../bundle/harness';
import { connect } from './helpers';

const DAY = 86400000;
const FROM = '2026-11-01';
const TO = '2026-12-31';
const MINE = 'Мои формулы';
const SUMMARY = 'Сводка';

const h = loadBundle({ emulator: { seed: 11 } });
const ss = h.rt.spreadsheet as any;

/** Every SpreadsheetApp call of the script's executions, as 'Service.method', from now on. */
const trace: string[] = [];
/** 'Service.method' at whose next call the platform kills the execution (as tests/faults do). */
let killAt: string | null = null;
{
  const ctx = ss._ctx;
  const invoke = ctx.invoke;
  ctx.invoke = function (target: any, name: string, fn: Function, args: unknown[]) {
    if (ctx.depth === 0 && ctx.quiet === 0 && ctx.inRun() && target._kind === 'spreadsheet' && ctx.exec().authMode === 'FULL') {
      trace.push(`${target._svc}.${name}`);
      if (killAt === `${target._svc}.${name}`) {
        killAt = null;
        ctx.exec().dead = true;
      }
    }
    return invoke.call(ctx, target, name, fn, args);
  };
}

/** The calls of the last refresh's formula step: from its getActiveSpreadsheet to its last setFormulas. */
function formulaStepCalls(from: number): string[] {
  const t = trace.slice(from);
  const first = t.indexOf('Spreadsheet.createTextFinder');
  if (first < 0) return [];
  return t.slice(first, t.lastIndexOf('Range.setFormulas') + 1);
}

const values = (name: string) => ss.sheetValues(name) as unknown[][];
const formulas = (name: string) => ss.sheetFormulas(name) as string[][];
const cell = (name: string, a1: string) => ss.getSheetByName(name).getRange(a1).getValue();

let articles: string[] = [];
let dateCell: Date;

/** What each formula cell should show now: the functions called directly with the same arguments. */
function expected() {
  const arr = h.formula('WB_SALES', articles.map((a) => [a]), FROM, TO) as number[][];
  return {
    B2: h.formula('WB_SALES', articles[0], FROM, TO),
    C2: h.formula('WB_REVENUE', articles[0], FROM, TO),
    B3: h.formula('WB_SALES', articles[1], FROM, TO),
    C3: h.formula('WB_REVENUE', articles[1], '01.11.2026', TO, 'forPay'),
    E2: arr[0][0],
    E3: arr[1][0],
    E4: arr[2][0],
    C6: h.formula('WB_REVENUE', articles[0], dateCell),
    totalRevenue: h.formula('WB_REVENUE', ''),
    totalSales: h.formula('WB_SALES', ''),
  };
}

function shown() {
  const get = (a1: string) => cell(MINE, a1);
  return {
    B2: get('B2'),
    C2: get('C2'),
    B3: get('B3'),
    C3: get('C3'),
    E2: get('E2'),
    E3: get('E3'),
    E4: get('E4'),
    C6: get('C6'),
    totalRevenue: cell(SUMMARY, 'A1'),
    totalSales: cell(SUMMARY, 'A2'),
  };
}

function close(a: Record<string, unknown>, b: Record<string, unknown>) {
  for (const k of Object.keys(b)) {
    if (typeof b[k] === 'number') expect([k, a[k]]).toEqual([k, expect.closeTo(b[k] as number, 2)]);
    else expect([k, a[k]]).toEqual([k, b[k]]);
  }
}

beforeAll(() => {
  connect(h);
  // the seller's articles: the three that sell most lately, so new days change their numbers
  const count = new Map<string, number>();
  for (const r of h.wb.sales({ withinRetention: true }) as any[]) count.set(r.supplierArticle, (count.get(r.supplierArticle) || 0) + 1);
  articles = [...count.entries()]
    .filter(([a]) => /^[A-Z]/.test(a))
    .sort((x, y) => y[1] - x[1])
    .slice(0, 3)
    .map(([a]) => a);

  // The seller builds a sheet of formulas before the first refresh (typed, outside any execution).
  const mine = ss.insertSheet(MINE);
  mine.getRange('A2:A4').setValues(articles.map((a) => [a]));
  mine.getRange('B2').setValue(`=WB_SALES(A2; "${FROM}"; "${TO}")`);
  mine.getRange('C2').setValue(`=WB_REVENUE(A2; "${FROM}"; "${TO}")`);
  mine.getRange('B3').setValue(`=WB_SALES("${articles[1]}"; "${FROM}"; "${TO}")`);
  mine.getRange('C3').setValue(`=WB_REVENUE("${articles[1]}"; "01.11.2026"; "${TO}"; "forPay")`);
  mine.getRange('E2').setValue(`=WB_SALES(A2:A4; "${FROM}"; "${TO}")`); // spills into E3:E4
  mine.getRange('B6').setValue('01.11.2026'); // a date cell
  mine.getRange('C6').setValue('=WB_REVENUE(A2; B6)');
  mine.getRange('G2').setValue('=SUM(B2:C3)');
  mine.getRange('H2:H3').setValues([['заметка'], ['123']]);
  ss.setFormulaResults(MINE, [[999]], 2, 7); // a built-in formula: the runtime never evaluates it
  const summary = ss.insertSheet(SUMMARY);
  summary.getRange('A1').setValue('=WB_REVENUE("")');
  summary.getRange('A2').setValue('=WB_SALES("")');
  dateCell = mine.getRange('B6').getValue();
});

describe('WB_ formulas in cells', () => {
  let formulasBefore: string[][];

  it('show an error before anything is synced', () => {
    expect(dateCell).toBeInstanceOf(Date);
    expect(cell(MINE, 'B2')).toBe('#ERROR!');
    expect(cell(SUMMARY, 'A1')).toBe('#ERROR!');
    expect(ss.formulaError(SUMMARY, 'A1')).toBeTruthy();
    formulasBefore = formulas(MINE);
  });

  it('show the right numbers after the first refresh, the spill included', () => {
    const from = trace.length;
    const res = h.run('syncAllNow');
    expect(res.ok).toBe(true);
    close(shown(), expected());
    expect(shown().totalSales).toBeGreaterThan(0);
    const steps = formulaStepCalls(from);
    // 4 to search, 2 per hit (8) to place it, 3 per sheet (2) to read the block around its hits,
    // 2 per sheet to empty, 1 flush, 2 per block written back (B2:C3, E2, C6 and Сводка!A1:A2)
    console.log(`formula step of the first refresh: ${steps.length} SpreadsheetApp calls\n` + steps.join(', '));
    expect(steps.length).toBe(4 + 2 * 8 + 3 * 2 + 2 * 2 + 1 + 2 * 4);
  });

  it('leave other formulas, spilled neighbours and the seller values alone', () => {
    expect(formulas(MINE)).toEqual(formulasBefore);
    expect(cell(MINE, 'G2')).toBe(999);
    expect(cell(MINE, 'H2')).toBe('заметка');
    expect(cell(MINE, 'H3')).toBe(123);
    expect(cell(MINE, 'A2')).toBe(articles[0]);
    expect(ss.getSheetByName(MINE).getRange('E3:E4').getFormulas()).toEqual([[''], ['']]);
  });

  let stale: ReturnType<typeof shown>;

  it('control: a refresh whose formula step cannot run leaves the cells stale (and the refresh still succeeds)', () => {
    h.rt.clock.advance(DAY);
    const raw = ss._ctx.unwrap(ss);
    raw.createTextFinder = () => {
      throw new Error('Service Spreadsheets failed while accessing document');
    };
    const evaluated = h.rt.customFunctionLog.length;
    const before = shown();
    try {
      const res = h.call('syncSalesNow');
      expect(res.ok).toBe(true);
      expect(res.message).toMatch(/новых [1-9]/);
    } finally {
      delete raw.createTextFinder;
    }
    stale = shown();
    const now = expected();
    expect(stale).toEqual(before);
    expect(now.totalRevenue).not.toBeCloseTo(stale.totalRevenue as number, 2);
    expect(now.totalSales).not.toBe(stale.totalSales);
    expect(h.rt.customFunctionLog.length).toBe(evaluated);
    expect(h.rt.documentProperties()['wb.formulaJournal']).toBeUndefined();
  });

  it('show the new numbers after the next refresh that brings rows', () => {
    h.rt.clock.advance(DAY);
    const from = trace.length;
    const evaluated = h.rt.customFunctionLog.length;
    const res = h.call('syncSalesNow');
    expect(res.ok).toBe(true);
    const want = expected();
    close(shown(), want);
    expect(want.totalSales).not.toBe(stale.totalSales);
    // each formula cell computed once more; the spill came back with its anchor
    const cells = h.rt.customFunctionLog.slice(evaluated).map((e) => `${e.sheet}!${e.cell}`);
    expect(cells.sort()).toEqual(
      [`${MINE}!B2`, `${MINE}!C2`, `${MINE}!B3`, `${MINE}!C3`, `${MINE}!E2`, `${MINE}!C6`, `${SUMMARY}!A1`, `${SUMMARY}!A2`].sort(),
    );
    expect(formulas(MINE)).toEqual(formulasBefore);
    expect(cell(MINE, 'G2')).toBe(999);
    expect(values(MINE)[2][7]).toBe(123);
    const steps = formulaStepCalls(from);
    expect(steps.filter((s) => s === 'RangeList.clearContent')).toHaveLength(2); // one per sheet
    expect(steps.filter((s) => s === 'SpreadsheetApp.flush')).toHaveLength(1);
    expect(h.rt.documentProperties()['wb.formulaJournal']).toBeUndefined();
  });

  it('a refresh killed between emptying the cells and entering the formulas again: the next refresh puts them back', () => {
    h.rt.clock.advance(DAY);
    killAt = 'Range.setFormulas';
    expect(() => h.call('syncSalesNow')).toThrow(/Exceeded maximum execution time/);
    expect(formulas(MINE)[1][1]).toBe(''); // B2 is empty for now
    expect(cell(SUMMARY, 'A1')).toBe('');
    expect(h.rt.documentProperties()['wb.formulaJournal']).toBeDefined();
    h.rt.clock.advance(DAY);
    const res = h.call('syncSalesNow');
    expect(res.ok).toBe(true);
    expect(formulas(MINE)).toEqual(formulasBefore);
    expect(formulas(SUMMARY)).toEqual([['=WB_REVENUE("")'], ['=WB_SALES("")']]);
    close(shown(), expected());
    expect(h.rt.documentProperties()['wb.formulaJournal']).toBeUndefined();
  });

  it('a refresh that brings nothing new leaves the cells as they are and costs no call', () => {
    h.rt.clock.advance(60000);
    const from = trace.length;
    const evaluated = h.rt.customFunctionLog.length;
    const res = h.call('syncSalesNow');
    if (!/без изменений/.test(res.message)) return; // WB changed a row within the minute: then it is a refresh with changes
    expect(h.rt.customFunctionLog.length).toBe(evaluated);
    expect(formulaStepCalls(from)).toEqual([]);
  });
});
