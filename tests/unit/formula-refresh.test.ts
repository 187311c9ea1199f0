/** sync/formula-refresh.ts over a fake FormulaCellGateway, and the pure helpers of gas/formula-cells.ts. */
import { blockA1, callsWbFunction, formulaBlocks } from '../../src/gas/formula-cells';
import { FormulaCell, FormulaCellGateway } from '../../src/gas/types';
import { FORMULA_JOURNAL_PROPERTY, FORMULA_REFRESH_LATEST_MS, journalBatches, refreshFormulaCells, refreshFormulas } from '../../src/sync/formula-refresh';
import { FakeClock, MemoryBook, MemoryStore } from './memory-fakes';

const TIMEOUT = 'Exceeded maximum execution time';

/** A document's formula cells: key "sheet:row:col" -> formula ('' = empty cell). */
class FakeCells implements FormulaCellGateway {
  grid = new Map<string, string>();
  log: string[] = [];
  failOn: { op: 'find' | 'clear' | 'enter'; message: string; times: number } | null = null;
  journalSeenAtClear: string | null = null;
  constructor(private readonly props?: MemoryStore) {}
  private fail(op: 'find' | 'clear' | 'enter') {
    if (this.failOn && this.failOn.op === op && this.failOn.times > 0) {
      this.failOn.times--;
      throw new Error(this.failOn.message);
    }
  }
  put(sheetId: number, row: number, column: number, formula: string) {
    this.grid.set(`${sheetId}:${row}:${column}`, formula);
  }
  find(): FormulaCell[] {
    this.log.push('find');
    this.fail('find');
    const out: FormulaCell[] = [];
    for (const [k, f] of this.grid) {
      if (!callsWbFunction(f)) continue;
      const [sheetId, row, column] = k.split(':').map(Number);
      out.push({ sheetId, row, column, formula: f });
    }
    return out;
  }
  clear(cells: FormulaCell[]): void {
    this.log.push('clear ' + cells.length);
    this.journalSeenAtClear = this.props ? this.props.get(FORMULA_JOURNAL_PROPERTY) : null;
    this.fail('clear');
    for (const c of cells) this.grid.set(`${c.sheetId}:${c.row}:${c.column}`, '');
  }
  enter(cells: FormulaCell[], onlyIfEmpty = false): number {
    this.log.push(`enter ${cells.length}${onlyIfEmpty ? ' if empty' : ''}`);
    this.fail('enter');
    let n = 0;
    for (const c of cells) {
      const k = `${c.sheetId}:${c.row}:${c.column}`;
      if (onlyIfEmpty && (this.grid.get(k) ?? '') !== '') continue;
      this.grid.set(k, c.formula);
      n++;
    }
    return n;
  }
}

function setup() {
  const props = new MemoryStore();
  const cells = new FakeCells(props);
  const clock = new FakeClock(1_000_000);
  const deps = { gateway: new MemoryBook(), documentProps: props, clock, formulaCells: cells as FormulaCellGateway };
  cells.put(1, 2, 2, '=WB_SALES(A2; "2026-11-01"; "2026-11-30")');
  cells.put(1, 3, 2, '=WB_SALES(A3; "2026-11-01"; "2026-11-30")');
  cells.put(1, 2, 3, '=SUM(B2:B3)');
  cells.put(2, 1, 1, '=wb_revenue("")');
  return { props, cells, clock, deps };
}

describe('refreshFormulaCells', () => {
  it('enters every WB_ formula again, journaled while its cell is empty', () => {
    const { props, cells, deps, clock } = setup();
    const before = new Map(cells.grid);
    const r = refreshFormulaCells(true, deps, clock.now());
    expect(r).toEqual({ found: 3, entered: 3, repaired: 0, batches: 1 });
    expect(cells.log).toEqual(['find', 'clear 3', 'enter 3']);
    expect(JSON.parse(cells.journalSeenAtClear!).c).toHaveLength(3);
    expect(props.get(FORMULA_JOURNAL_PROPERTY)).toBeNull();
    expect(cells.grid).toEqual(before);
  });

  it('does nothing (not even a look) when no report brought rows', () => {
    const { cells, deps, clock } = setup();
    expect(refreshFormulas([{ added: 0, updated: 0 }], deps, clock.now()).skipped).toBe('no_changes');
    expect(cells.log).toEqual([]);
    expect(refreshFormulas([{ added: 0, updated: 0 }, { added: 0, updated: 2 }], deps, clock.now()).entered).toBe(3);
  });

  it('puts back, at the next refresh, formulas a killed refresh left out (only into cells still empty)', () => {
    const { props, cells, deps, clock } = setup();
    cells.failOn = { op: 'enter', message: TIMEOUT, times: 1 };
    expect(() => refreshFormulaCells(true, deps, clock.now())).toThrow(TIMEOUT);
    expect(cells.grid.get('1:2:2')).toBe('');
    expect(props.get(FORMULA_JOURNAL_PROPERTY)).not.toBeNull();
    cells.put(1, 3, 2, 'typed by the seller meanwhile');
    cells.log = [];
    const r = refreshFormulaCells(false, deps, clock.now());
    expect(r).toMatchObject({ repaired: 2, skipped: 'no_changes' });
    expect(cells.log).toEqual(['enter 3 if empty']);
    expect(cells.grid.get('1:2:2')).toBe('=WB_SALES(A2; "2026-11-01"; "2026-11-30")');
    expect(cells.grid.get('1:3:2')).toBe('typed by the seller meanwhile');
    expect(props.get(FORMULA_JOURNAL_PROPERTY)).toBeNull();
  });

  it('never fails the refresh: an error is reported, and cells emptied are filled again at once', () => {
    const { props, cells, deps, clock } = setup();
    const before = new Map(cells.grid);
    cells.failOn = { op: 'enter', message: 'Service Spreadsheets timed out', times: 1 };
    const r = refreshFormulaCells(true, deps, clock.now());
    expect(r.error).toBe('Service Spreadsheets timed out');
    expect(cells.log).toEqual(['find', 'clear 3', 'enter 3', 'enter 3 if empty']);
    expect(cells.grid).toEqual(before);
    expect(props.get(FORMULA_JOURNAL_PROPERTY)).toBeNull();

    cells.failOn = { op: 'find', message: 'boom', times: 1 };
    expect(refreshFormulaCells(true, deps, clock.now()).error).toBe('boom');
    expect(refreshFormulaCells(true, { ...deps, formulaCells: undefined }, clock.now()).skipped).toBe('no_adapter');
  });

  it('leaves the journal when even the second try fails, and the platform timeout always propagates', () => {
    const { props, cells, deps, clock } = setup();
    cells.failOn = { op: 'enter', message: 'down', times: 2 };
    expect(refreshFormulaCells(true, deps, clock.now()).error).toBe('down');
    expect(props.get(FORMULA_JOURNAL_PROPERTY)).not.toBeNull();
    cells.failOn = { op: 'find', message: TIMEOUT, times: 1 };
    expect(() => refreshFormulaCells(true, deps, clock.now())).toThrow(TIMEOUT);
  });

  it('does not start late in the execution', () => {
    const { cells, deps, clock } = setup();
    const r = refreshFormulaCells(true, deps, clock.now() - FORMULA_REFRESH_LATEST_MS - 1);
    expect(r.skipped).toBe('no_time');
    expect(cells.log).toEqual([]);
  });

  it('splits many formulas into batches whose journal fits a property value', () => {
    const many: FormulaCell[] = Array.from({ length: 500 }, (_, i) => ({
      sheetId: 123456789,
      row: i + 2,
      column: 2,
      formula: `=WB_REVENUE("Артикул-${i}"; "01.11.2026"; "30.11.2026")`,
    }));
    const batches = journalBatches(many, 8000);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toEqual(many);
    for (const b of batches) {
      const f = Array.from(new Set(b.map((c) => c.formula)));
      const json = JSON.stringify({ f, c: b.map((c) => [c.sheetId, c.row, c.column, f.indexOf(c.formula)]) });
      expect(Buffer.byteLength(json, 'utf8')).toBeLessThanOrEqual(8000);
    }
    const { props, cells, deps, clock } = setup();
    cells.grid.clear();
    many.forEach((c) => cells.put(c.sheetId, c.row, c.column, c.formula));
    const r = refreshFormulaCells(true, deps, clock.now());
    expect(r).toMatchObject({ found: 500, entered: 500, batches: batches.length });
    expect(props.get(FORMULA_JOURNAL_PROPERTY)).toBeNull();
  });
});

describe('formula-cells helpers', () => {
  it('tells a WB_ call from a mention', () => {
    expect(callsWbFunction('=WB_SALES(A1)')).toBe(true);
    expect(callsWbFunction('=wb_revenue ( "x" )')).toBe(true);
    expect(callsWbFunction('=ROUND(WB_REVENUE(A1;B1;C1);0)+1')).toBe(true);
    expect(callsWbFunction('=SUM(B2:B9)')).toBe(false);
    expect(callsWbFunction('="WB_SALES(" & A1')).toBe(false);
    expect(callsWbFunction("='WB_SALES(x'!A1")).toBe(false);
    expect(callsWbFunction('=MY_WB_SALES(A1)')).toBe(false);
    expect(callsWbFunction('WB_SALES(A1)')).toBe(false); // a value, not a formula
    expect(callsWbFunction('')).toBe(false);
  });

  it('groups cells into rectangles made only of them', () => {
    const c = (row: number, column: number) => ({ sheetId: 1, row, column, formula: `=WB_SALES(R${row}C${column})` });
    const blocks = formulaBlocks([c(2, 2), c(3, 2), c(2, 3), c(3, 3), c(5, 2), c(2, 5), c(3, 5), c(4, 5), c(2, 6)]);
    expect(blocks.map(blockA1).sort()).toEqual(['B2:C3', 'B5', 'E2:E4', 'F2'].sort());
    const square = blocks.find((b) => blockA1(b) === 'B2:C3')!;
    expect(square.formulas).toEqual([
      ['=WB_SALES(R2C2)', '=WB_SALES(R2C3)'],
      ['=WB_SALES(R3C2)', '=WB_SALES(R3C3)'],
    ]);
  });
});
