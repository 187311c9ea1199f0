/** Custom functions in cells (custom-functions.ts), TextFinder and RangeList. */
import { createRuntime, LOADING, Runtime } from './index';
import { requiredChars } from './text-finder';

function setup(fns: Record<string, Function>, opts = {}): { rt: Runtime; g: any; ss: any } {
  const rt = createRuntime(opts);
  const g = rt.globals as any;
  rt.setCustomFunctionResolver((name) => {
    const k = Object.keys(fns).find((f) => f.toUpperCase() === name.toUpperCase());
    return k ? fns[k] : undefined;
  });
  return { rt, g, ss: rt.spreadsheet as any };
}

const calls: unknown[][] = [];
const ctxOf = (rt: Runtime) => (rt.spreadsheet as any)._ctx;

describe('evaluation of custom-function formulas', () => {
  it('runs after the execution that entered the formula, in its own CUSTOM_FUNCTION execution', () => {
    const modes: string[] = [];
    const { rt, g, ss } = setup({
      DOUBLE: (x: number) => {
        modes.push(ctxOf(rt).exec().authMode);
        return x * 2;
      },
    });
    const inside = rt.run(() => {
      const r = g.SpreadsheetApp.getActiveSheet().getRange('A1');
      r.setFormula('=DOUBLE(21)');
      return [r.getValue(), modes.length];
    });
    expect(inside).toEqual([LOADING, 0]);
    expect(ss.sheetValues('Лист1')).toEqual([[42]]);
    expect(modes).toEqual(['CUSTOM_FUNCTION']);
    expect(rt.customFunctionLog.map((e) => [e.cell, e.result, e.value])).toEqual([['A1', 'value', 42]]);
  });

  it('evaluates at once when the seller types the formula (outside any execution)', () => {
    const { ss } = setup({ DOUBLE: (x: number) => x * 2 });
    const cell = ss.getSheetByName('Лист1').getRange('B2');
    cell.setValue('=double(4)');
    expect(cell.getValue()).toBe(8);
    expect(cell.getFormula()).toBe('=double(4)');
  });

  it('passes arguments as Sheets does: ru separators and decimal commas, cells, ranges, dates, empty cells', () => {
    calls.length = 0;
    const { ss } = setup({ ARGS: (...a: unknown[]) => (calls.push(a), 1) });
    const sh = ss.getSheetByName('Лист1');
    sh.getRange('A1:C2').setValues([
      [5, 'текст', '2026-11-01'],
      [true, '', 1.5],
    ]);
    sh.getRange('E1').setFormula('=ARGS("a ""q""; b"; 1,5; -2; TRUE; A1; A1:B2; C1; B2; A1:A1; 10%; DATE(2026;11;2))');
    const a = calls[0];
    expect(a.slice(0, 6)).toEqual(['a "q"; b', 1.5, -2, true, 5, [[5, 'текст'], [true, '']]]);
    expect(a[6]).toBeInstanceOf(Date);
    expect((a[6] as Date).toISOString()).toBe('2026-10-31T21:00:00.000Z'); // midnight in Moscow
    expect(a[7]).toBe('');
    expect(a[8]).toBe(5); // a one-cell range arrives as its value
    expect(a[9]).toBeCloseTo(0.1, 10);
    expect((a[10] as Date).toISOString()).toBe('2026-11-01T21:00:00.000Z');
    // en_US syntax in a ru spreadsheet (no ';'): ',' separates arguments
    sh.getRange('E2').setFormula('=ARGS(1.5, "x")');
    expect(calls[1]).toEqual([1.5, 'x']);
  });

  it('reads references to other sheets, quoted or not', () => {
    const { ss } = setup({ ID: (x: unknown) => x });
    ss.insertSheet('Мой лист').getRange('B3').setValue(7);
    ss.insertSheet('Data').getRange('A1').setValue('d');
    const sh = ss.getSheetByName('Лист1');
    sh.getRange('A1:A2').setFormulas([["=ID('Мой лист'!B3)"], ['=ID(Data!A1)']]);
    expect(ss.sheetValues('Лист1')).toEqual([[7], ['d']]);
  });

  it('spills a 2-D array, refuses to overwrite data (#REF!) and spills again when the way is free', () => {
    const { ss } = setup({ GRID: () => [[1, 2], [3, 4]] });
    const sh = ss.getSheetByName('Лист1');
    sh.getRange('B2').setFormula('=GRID()');
    expect(ss.sheetValues('Лист1').slice(1)).toEqual([['', 1, 2], ['', 3, 4]]);
    expect(sh.getRange('C3').getFormula()).toBe('');
    sh.getRange('C3').setValue('x'); // typed into the spill
    expect(sh.getRange('B2').getValue()).toBe('#REF!');
    expect(ss.formulaError('Лист1', 'B2')).toBe('Array result was not expanded because it would overwrite data in C3.');
    expect(sh.getRange('C2').getValue()).toBe('');
    sh.getRange('C3').clearContent();
    expect(ss.sheetValues('Лист1').slice(1)).toEqual([['', 1, 2], ['', 3, 4]]);
    // clearing a spilled cell does nothing: it is the formula's
    sh.getRange('C2').clearContent();
    expect(sh.getRange('C2').getValue()).toBe(2);
    // clearing the formula takes its spill away
    sh.getRange('B2').clearContent();
    expect(ss.sheetValues('Лист1')).toEqual([]);
  });

  it('shows #ERROR! with the thrown message, and the 30 s limit', () => {
    const { ss, g } = setup({
      FAIL: () => {
        throw new Error('Неверная дата');
      },
      SLOW: () => {
        g.Utilities.sleep(31000);
        return 1;
      },
      WRITE: () => g.SpreadsheetApp.getActiveSheet().getRange('Z1').setValue(1),
    });
    const sh = ss.getSheetByName('Лист1');
    sh.getRange('A1:A3').setFormulas([['=FAIL()'], ['=SLOW()'], ['=WRITE()']]);
    expect(ss.sheetValues('Лист1')).toEqual([['#ERROR!'], ['#ERROR!'], ['#ERROR!']]);
    expect(ss.formulaError('Лист1', 'A1')).toBe('Неверная дата');
    expect(ss.formulaError('Лист1', 'A2')).toBe('Exceeded maximum execution time (line 0).');
    expect(ss.formulaError('Лист1', 'A3')).toMatch(/You do not have permission to call setValue/);
  });

  it('keeps results until the formula is entered again or a referenced cell changes (not when data it reads changes)', () => {
    let runs = 0;
    const { rt, g, ss } = setup({
      TOTAL: (k: unknown) => {
        runs++;
        const data = g.SpreadsheetApp.getActive().getSheetByName('Data').getDataRange().getValues();
        return data.reduce((s: number, r: unknown[]) => s + (r[0] === k ? (r[1] as number) : 0), 0);
      },
    });
    const data = ss.insertSheet('Data');
    data.getRange('A1:B2').setValues([
      ['x', 1],
      ['y', 2],
    ]);
    const sh = ss.getSheetByName('Лист1');
    sh.getRange('A1').setValue('x');
    sh.getRange('B1').setFormula('=TOTAL(A1)');
    expect(sh.getRange('B1').getValue()).toBe(1);
    rt.run(() => g.SpreadsheetApp.getActive().getSheetByName('Data').appendRow(['x', 10]));
    expect(sh.getRange('B1').getValue()).toBe(1); // stale: Data is not an argument
    expect(runs).toBe(1);
    sh.getRange('A2').setValue('unrelated');
    expect(runs).toBe(1);
    sh.getRange('B1').setFormula('=TOTAL(A1)'); // entered again
    expect(sh.getRange('B1').getValue()).toBe(11);
    sh.getRange('A1').setValue('y'); // the argument changed
    expect(sh.getRange('B1').getValue()).toBe(2);
    expect(runs).toBe(3);
  });

  it('recomputes chains of formulas in dependency order, and formulas around other formulas', () => {
    const { ss } = setup({ INC: (x: number) => x + 1 });
    const sh = ss.getSheetByName('Лист1');
    sh.getRange('A1').setValue(1);
    sh.getRange('C1').setFormula('=INC(B1)*10');
    sh.getRange('B1').setFormula('=INC(A1)');
    expect(ss.sheetValues('Лист1')).toEqual([[1, 2, 30]]);
    sh.getRange('A1').setValue(5);
    expect(ss.sheetValues('Лист1')).toEqual([[5, 6, 70]]);
    sh.getRange('D1').setFormula('=ROUND(INC(A1)/4; 1)');
    expect(sh.getRange('D1').getValue()).toBe(1.5);
  });

  it('leaves formulas without a custom function unevaluated, and test-supplied results work as before', () => {
    const { ss } = setup({ ONE: () => 1 });
    const sh = ss.getSheetByName('Лист1');
    sh.getRange('A1:B1').setFormulas([['=SUM(1;2)', '=ONE()+VLOOKUP(1;A1:A2;1)']]);
    expect(ss.sheetValues('Лист1')).toEqual([['#NAME?', '#NAME?']]);
    ss.setFormulaResults('Лист1', [[3]], 1, 1);
    expect(sh.getRange('A1').getValue()).toBe(3);
  });

  it('counts custom-function calls apart from the script execution stats', () => {
    const { rt, g, ss } = setup({ READ: () => g.SpreadsheetApp.getActive().getSheetByName('Лист1').getRange('A1').getValue() });
    rt.run(() => g.SpreadsheetApp.getActive().getSheetByName('Лист1').getRange('B1:B3').setFormulas([['=READ()'], ['=READ()'], ['=READ()']]));
    expect(rt.stats.spreadsheetCalls).toBe(4); // getActive, getSheetByName, getRange, setFormulas: the script's own
    expect(rt.customFunctionStats.spreadsheetCalls).toBe(12); // 3 executions x 4 calls
    expect(rt.customFunctionLog.every((e) => e.executions === 1 && e.spreadsheetCalls === 4)).toBe(true);
    expect(ss.sheetValues('Лист1').map((r: unknown[]) => r[1])).toEqual(['', '', '']);
  });

  it('moves with inserted rows and keeps its value', () => {
    let runs = 0;
    const { ss } = setup({ G: () => (runs++, [[1], [2]]) });
    const sh = ss.getSheetByName('Лист1');
    sh.getRange('A2').setFormula('=G()');
    sh.insertRowsBefore(1, 2);
    expect(ss.sheetValues('Лист1')).toEqual([[''], [''], [''], [1], [2]]);
    expect(runs).toBe(1);
  });
});

describe('TextFinder', () => {
  function sheetWithFormulas() {
    const { rt, g, ss } = setup({ WB_SALES: () => 7, wb_revenue: () => 8 });
    const sh = ss.getSheetByName('Лист1');
    sh.getRange('A1:C3').setValues([
      ['WB_SALES(', 'Артикул', 100],
      ['=WB_SALES("x")', '=SUM(1;2)', '=wb_revenue( "x" )'],
      ['wb_sales', 'артикул', '=WB_SALES("y")+1'],
    ]);
    ss.insertSheet('Другой').getRange('B2').setFormula('=WB_SALES("z")');
    return { rt, g, ss, sh };
  }
  const a1s = (ranges: any[]) => ranges.map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`);

  it('finds formula text with a regular expression across sheets, in order', () => {
    const { rt, g } = sheetWithFormulas();
    const found = rt.run(() =>
      a1s(
        g.SpreadsheetApp.getActive()
          .createTextFinder('WB_[A-Z]+\\s*\\(')
          .matchFormulaText(true)
          .useRegularExpression(true)
          .findAll(),
      ),
    );
    // A1 is a value that matches; C2 is lower case (case-insensitive by default)
    expect(found).toEqual(['Лист1!A1', 'Лист1!A2', 'Лист1!C2', 'Лист1!C3', 'Другой!B2']);
  });

  it('matches values by display, not formulas, without matchFormulaText; case and entire cell', () => {
    const { rt, g } = sheetWithFormulas();
    const r = rt.run(() => {
      const sh = g.SpreadsheetApp.getActive().getSheetByName('Лист1');
      return {
        byValue: a1s(sh.createTextFinder('7').findAll()),
        caseOn: a1s(sh.createTextFinder('Артикул').matchCase(true).findAll()),
        caseOff: a1s(sh.createTextFinder('артикул').findAll()),
        entire: a1s(sh.createTextFinder('wb_sales').matchEntireCell(true).findAll()),
        range: a1s(sh.getRange('A2:B3').createTextFinder('WB_').matchFormulaText(true).findAll()),
      };
    });
    expect(r.byValue).toEqual(['Лист1!A2']); // the value of =WB_SALES("x")
    expect(r.caseOn).toEqual(['Лист1!B1']);
    expect(r.caseOff).toEqual(['Лист1!B1', 'Лист1!B3']);
    expect(r.entire).toEqual(['Лист1!A3']);
    expect(r.range).toEqual(['Лист1!A2', 'Лист1!A3']);
  });

  it('findNext walks the matches and returns null after the last one; each call is one SpreadsheetApp call', () => {
    const { rt, g } = sheetWithFormulas();
    rt.stats.reset();
    const seen = rt.run(() => {
      const f = g.SpreadsheetApp.getActive().getSheetByName('Лист1').createTextFinder('WB_SALES').matchFormulaText(true);
      const out: string[] = [];
      let r;
      while ((r = f.findNext())) out.push(r.getA1Notation());
      out.push(String(f.getCurrentMatch().getA1Notation()));
      return out;
    });
    expect(seen).toEqual(['A1', 'A2', 'A3', 'C3', 'C3']);
    expect(rt.stats.spreadsheetCalls).toBe(4 + 5 + 5 + 1); // getActive, getSheetByName, createTextFinder, matchFormulaText; 5 findNext; 4+1 getA1Notation; getCurrentMatch
  });

  it('matches numbers and dates by what they show (formats, month names, decimal commas)', () => {
    const { rt, g, ss } = setup({});
    const sh = ss.getSheetByName('Лист1');
    sh.getRange('A1:D1').setValues([[46000, 1234.5, 1.5, 'x']]);
    sh.getRange('A1').setNumberFormat('d mmmm yyyy');
    sh.getRange('B1').setNumberFormat('#,##0.00 ₽');
    const find = (text: string, regex = false) =>
      rt.run(() => g.SpreadsheetApp.getActive().createTextFinder(text).useRegularExpression(regex).findAll().map((r: any) => r.getA1Notation()));
    expect(find('декабр')).toEqual(['A1']); // 46000 is 6 December 2025
    expect(find('₽')).toEqual(['B1']);
    expect(find('\\d,5$', true)).toEqual(['C1']);
    expect(find('WB_[A-Z]*\\(', true)).toEqual([]);
  });

  it('knows which characters a pattern needs (to skip numbers that cannot match)', () => {
    expect(requiredChars('WB_[A-Z0-9_]*\\s*\\(', true)).toEqual(['W', 'B', '_', '(']);
    expect(requiredChars('a|b', true)).toEqual([]);
    expect(requiredChars('ab?c*d+(e)f{0,2}g{1}', true)).toEqual(['a', 'd', 'g']);
    expect(requiredChars('x\\d+y', true)).toEqual(['x', 'y']);
    expect(requiredChars('x\\x41y', true)).toEqual(['x']); // stops at what it does not read
    expect(requiredChars('[(]z', true)).toEqual(['z']);
    expect(requiredChars('a.b', false)).toEqual(['a', '.', 'b']);
  });

  it('replaceAllWith changes formulas (and they are evaluated again)', () => {
    const { rt, g, ss } = sheetWithFormulas();
    const n = rt.run(() => g.SpreadsheetApp.getActive().getSheetByName('Другой').createTextFinder('"z"').matchFormulaText(true).replaceAllWith('"w"'));
    expect(n).toBe(1);
    expect(ss.sheetFormulas('Другой')[1][1]).toBe('=WB_SALES("w")');
    expect(ss.sheetValues('Другой')[1][1]).toBe(7);
  });
});

describe('RangeList', () => {
  it('clears several ranges in one call and gives them back', () => {
    const { rt, g, ss } = setup({});
    const sh0 = ss.getSheetByName('Лист1');
    sh0.getRange('A1:C3').setValues([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    sh0.getRange('A1').setNumberFormat('0.00');
    rt.stats.reset();
    const a1 = rt.run(() => {
      const sh = g.SpreadsheetApp.getActive().getSheetByName('Лист1');
      const list = sh.getRangeList(['A1', 'C2:C3']);
      list.clearContent();
      return list.getRanges().map((r: any) => r.getA1Notation());
    });
    expect(a1).toEqual(['A1', 'C2:C3']);
    expect(ss.sheetValues('Лист1')).toEqual([
      ['', 2, 3],
      [4, 5, ''],
      [7, 8, ''],
    ]);
    expect(ss.sheetFormats('Лист1')[0][0]).toBe('0.00');
    expect(rt.stats.spreadsheetCalls).toBe(7); // getActive, getSheetByName, getRangeList, clearContent, getRanges, getA1Notation x2
  });

  it('sets a value, a formula and a number format on every range', () => {
    const { rt, g, ss } = setup({ ONE: () => 1 });
    rt.run(() => {
      const list = g.SpreadsheetApp.getActive().getActiveSheet().getRangeList(['A1', 'B2']);
      list.setValue('x').setNumberFormat('@');
      g.SpreadsheetApp.getActive().getRangeList(['C1:C2']).setFormula('=ONE()');
    });
    expect(ss.sheetValues('Лист1')).toEqual([
      ['x', '', 1],
      ['', 'x', 1],
    ]);
    expect(() => rt.run(() => g.SpreadsheetApp.getActive().getActiveSheet().getRangeList('A1'))).toThrow(/don't match the method signature/);
  });

  it('is read-only for custom functions', () => {
    let g: any;
    const made = setup({ CLR: () => g.SpreadsheetApp.getActiveSheet().getRangeList(['Z1']).clearContent() });
    g = made.g;
    made.ss.getSheetByName('Лист1').getRange('A1').setFormula('=CLR()');
    expect(made.ss.formulaError('Лист1', 'A1')).toMatch(/permission to call clearContent/);
  });
});
