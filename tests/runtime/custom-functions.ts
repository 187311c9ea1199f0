/**
 * Custom functions in cells, evaluated the way Sheets does it.
 *
 * A formula that calls a function of the loaded script (a global function such as
 * WB_SALES; the harness registers the lookup with Runtime.setCustomFunctionResolver) is
 * evaluated after the script execution that wrote it ends, or at once when it is written
 * from outside any execution (a test typing as the seller). Each call runs in its own
 * execution, AuthMode CUSTOM_FUNCTION, with the 30 s limit. Arguments arrive as Sheets
 * passes them: a cell as its value ('' when empty, a Date for a date cell), a range as a
 * 2-D array (a one-cell range as its value). A scalar result goes to the cell; a 2-D array
 * spills right and down into empty cells ('#REF!' when something is in the way); a thrown
 * Error gives '#ERROR!' with its message (formulaError() in tests).
 *
 * Results are kept (Sheets caches them) until the formula is entered again or a cell it
 * references changes. Reading other cells inside the function (getValues) creates no
 * dependency, so rows written into a data sheet do not recompute a formula that reads
 * that sheet through the script. That is the documented rule
 * (https://developers.google.com/apps-script/guides/sheets/functions).
 *
 * Formulas without a custom function stay unevaluated as before ('#NAME?' unless a test
 * supplies their results with setFormulaResults). Built-in functions inside a custom
 * formula: DATE, SUM, MIN, MAX, ROUND, ABS, IF, IFERROR, CONCATENATE are evaluated; any
 * other one leaves the cell unevaluated (logged as 'unsupported'); NOW/TODAY/RAND make
 * the cell show 'Loading...' for ever, as Sheets does with volatile arguments.
 *
 * The spreadsheet calls a custom function makes are counted in Runtime.customFunctionStats,
 * not in Runtime.stats (those stay the script's own executions); their virtual time passes
 * on the shared clock.
 */
import { cellA1, quoteSheetName } from './a1';
import { isDateLike, RealDate } from './clock';
import { Ctx, Stats, TIMEOUT_MESSAGE } from './context';
import { MAX_CELL_CHARS, readValue, Row, Stored } from './grid';
import { calledNames, FormulaSyntaxError, FormulaUnsupported, Node, parseFormula, RefSpec, refsOf } from './formula-parse';
import type { FakeSheet } from './sheet';
import type { FakeSpreadsheet } from './spreadsheet';
import { instantToSerial, serialToInstant } from './tz';

export type CustomFunctionResolver = (name: string) => Function | undefined;

export const LOADING = 'Loading...';
const ERROR_CODES = new Set(['#ERROR!', '#REF!', '#VALUE!', '#N/A', '#NUM!', '#DIV/0!', '#NAME?', '#NULL!']);
const COMMA_DECIMAL = /^(ru|de|fr|es|it|pt|uk|be|kk|pl|tr|nl|cs|sv|fi|nb|da|ro|hu|bg|sr|hr|sk|sl|lt|lv|et|id|vi)/i;
const VOLATILE = new Set(['NOW', 'TODAY', 'RAND', 'RANDBETWEEN', 'RANDARRAY']);
const IMPLEMENTED = new Set(['DATE', 'SUM', 'MIN', 'MAX', 'ROUND', 'ABS', 'IF', 'IFERROR', 'CONCATENATE']);
/** Built-in names a script function can never shadow (Sheets' own functions win); a practical subset. */
const BUILTINS = new Set([
  ...IMPLEMENTED,
  ...VOLATILE,
  ...'AND OR NOT AVERAGE COUNT COUNTA COUNTIF COUNTIFS SUMIF SUMIFS AVERAGEIF VLOOKUP HLOOKUP XLOOKUP INDEX MATCH ARRAYFORMULA QUERY FILTER SORT UNIQUE TEXT VALUE LEN LEFT RIGHT MID TRIM UPPER LOWER SPLIT JOIN TEXTJOIN SUBSTITUTE REGEXMATCH REGEXEXTRACT REGEXREPLACE IMPORTRANGE IMPORTDATA IMPORTXML YEAR MONTH DAY WEEKDAY WEEKNUM EOMONTH EDATE DATEVALUE TIME HOUR MINUTE SECOND ROUNDUP ROUNDDOWN INT MOD POWER SQRT PRODUCT ISBLANK ISNUMBER ISTEXT ISERROR IFNA N T ROW ROWS COLUMN COLUMNS OFFSET INDIRECT HYPERLINK IMAGE SPARKLINE GOOGLEFINANCE GOOGLETRANSLATE LAMBDA LET MAP REDUCE BYROW BYCOL CHOOSE SWITCH IFS TRANSPOSE FLATTEN SEQUENCE'.split(
      ' ',
    ),
]);
/** Each formula is evaluated at most this often in one round of recalculation (guards cycles through spills). */
const MAX_RUNS_PER_ROUND = 5;

export class FormulaError {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

interface Parsed {
  ast: Node | null;
  /** why ast is null: a parse error (shown as #ERROR!) or something the runtime does not evaluate */
  problem: { kind: 'syntax' | 'unsupported'; message: string } | null;
  names: string[];
  refs: RefSpec[];
}

interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

/** A cell holding a formula that calls a custom function. */
export interface CustomCell {
  sheet: FakeSheet;
  /** last known position (checked, and found again after rows or columns moved) */
  r: number;
  c: number;
  formula: string;
  parsed: Parsed;
  pending: boolean;
  dead: boolean;
  /** the last array result (kept while blocked, to expand when the way is free) */
  arr: Stored[][] | null;
  /** message of the error the cell shows */
  error: string | null;
  runs: number;
}

export interface CustomFunctionRun {
  sheet: string;
  cell: string;
  formula: string;
  /** virtual ms when the evaluation started */
  at: number;
  /** 'value' | 'array' (spilled) | 'error' (#ERROR!, #REF!, ...) | 'unsupported' (left unevaluated) | 'loading' (volatile arguments) */
  result: 'value' | 'array' | 'error' | 'unsupported' | 'loading';
  value?: unknown;
  error?: string;
  /** SpreadsheetApp calls the custom function executions made */
  spreadsheetCalls: number;
  /** custom function executions */
  executions: number;
}

function newStats(): Stats {
  const s: Stats = {
    spreadsheetCalls: 0,
    cellsWritten: 0,
    cellsRead: 0,
    fetchCount: 0,
    sleepMs: 0,
    reset() {
      s.spreadsheetCalls = 0;
      s.cellsWritten = 0;
      s.cellsRead = 0;
      s.fetchCount = 0;
      s.sleepMs = 0;
    },
  };
  return s;
}

const STAT_KEYS = ['spreadsheetCalls', 'cellsWritten', 'cellsRead', 'fetchCount', 'sleepMs'] as const;

function intersects(a: Rect, b: Rect): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}

function inside(r: number, c: number, x: Rect): boolean {
  return r >= x.r1 && r <= x.r2 && c >= x.c1 && c <= x.c2;
}

export class CalcEngine {
  resolver: CustomFunctionResolver | null = null;
  readonly log: CustomFunctionRun[] = [];
  readonly stats: Stats = newStats();
  private records = new Set<CustomCell>();
  private queue: CustomCell[] = [];
  private parseCache = new Map<string, Parsed>();
  private customCache = new Map<string, boolean>();
  private draining = false;
  /** formulas being evaluated now (a dependent of one of them is not queued again) */
  private evaluating = new Set<CustomCell>();
  private current: CustomFunctionRun | null = null;

  constructor(
    private readonly ctx: Ctx,
    private readonly ss: FakeSpreadsheet,
    private readonly releaseLocks: (executionId: number) => void,
  ) {}

  setResolver(resolver: CustomFunctionResolver | null): void {
    this.resolver = resolver;
    this.customCache.clear();
  }

  // ------------------------------------------------------------ formulas
  private parse(formula: string): Parsed {
    const commaDecimal = COMMA_DECIMAL.test(this.ss._locale);
    const key = (commaDecimal ? '1' : '0') + formula;
    let p = this.parseCache.get(key);
    if (!p) {
      try {
        const ast = parseFormula(formula, { commaDecimal });
        p = { ast, problem: null, names: calledNames(ast), refs: refsOf(ast) };
      } catch (e) {
        const kind = e instanceof FormulaUnsupported ? 'unsupported' : 'syntax';
        if (!(e instanceof FormulaUnsupported) && !(e instanceof FormulaSyntaxError)) throw e;
        // still find the calls, so a formula the runtime cannot read is known to call a custom function
        const body = formula.replace(/"(?:[^"]|"")*"|'(?:[^']|'')*'/g, '""');
        const names = Array.from(body.matchAll(/([\p{L}_][\p{L}\p{N}_.]*)\s*\(/gu), (m) => m[1]);
        p = { ast: null, problem: { kind, message: (e as Error).message }, names, refs: [] };
      }
      this.parseCache.set(key, p);
    }
    return p;
  }

  private isCustomName(name: string): boolean {
    return !BUILTINS.has(name.toUpperCase()) && !!this.resolver && typeof this.resolver(name) === 'function';
  }

  /** Whether the formula calls a custom function of the loaded script. */
  callsCustom(formula: string): boolean {
    if (!this.resolver) return false;
    let r = this.customCache.get(formula);
    if (r === undefined) {
      r = this.parse(formula).names.some((n) => this.isCustomName(n));
      this.customCache.set(formula, r);
    }
    return r;
  }

  // ------------------------------------------------------------ positions
  private locate(rec: CustomCell): boolean {
    if (rec.dead) return false;
    if (rec.sheet._deleted) return this.drop(rec);
    const rows = rec.sheet._rows;
    if (rows[rec.r - 1]?.cx?.[rec.c - 1] === rec) return true;
    for (let i = 0; i < rows.length; i++) {
      const j = rows[i]?.cx?.indexOf(rec) ?? -1;
      if (j >= 0) {
        rec.r = i + 1;
        rec.c = j + 1;
        return true;
      }
    }
    return this.drop(rec);
  }

  private drop(rec: CustomCell): false {
    rec.dead = true;
    rec.pending = false;
    this.records.delete(rec);
    return false;
  }

  private footprint(rec: CustomCell): Rect {
    const nr = rec.arr ? rec.arr.length : 1;
    const nc = rec.arr ? rec.arr[0].length : 1;
    return { r1: rec.r, c1: rec.c, r2: rec.r + nr - 1, c2: rec.c + nc - 1 };
  }

  private refRect(ref: RefSpec, sheet: FakeSheet): Rect {
    const r1 = ref.r1 ?? 1;
    const c1 = ref.c1 ?? 1;
    const r2 = ref.r2 ?? sheet._maxRows;
    const c2 = ref.c2 ?? sheet._maxCols;
    return { r1: Math.min(r1, r2), c1: Math.min(c1, c2), r2: Math.max(r1, r2), c2: Math.max(c1, c2) };
  }

  private refSheet(ref: RefSpec, rec: CustomCell): FakeSheet | undefined {
    return ref.sheet === undefined ? rec.sheet : this.ss._sheetByName(ref.sheet);
  }

  // ------------------------------------------------------------ cell state
  private setResult(rec: CustomCell, v: Stored): void {
    const row = rec.sheet._row(rec.r, true)!;
    (row.fr ??= [])[rec.c - 1] = v;
    rec.sheet._dirty();
  }

  private schedule(rec: CustomCell): void {
    if (rec.pending || !this.locate(rec)) return;
    rec.pending = true;
    this.queue.push(rec);
    this.setResult(rec, LOADING);
  }

  /** Takes the spilled values of rec off the grid; cells inside `keep` keep what was just written there. */
  private unspill(rec: CustomCell, keep?: { sheet: FakeSheet; rect: Rect }): void {
    if (!rec.arr) return;
    const f = this.footprint(rec);
    const rows = rec.sheet._rows;
    for (let r = f.r1; r <= f.r2; r++) {
      const row = rows[r - 1];
      if (!row?.sp) continue;
      for (let c = f.c1; c <= f.c2; c++) {
        if (row.sp[c - 1] !== rec) continue;
        row.sp[c - 1] = undefined;
        if (!(keep && keep.sheet === rec.sheet && inside(r, c, keep.rect))) row.v[c - 1] = '';
      }
    }
    rec.sheet._dirty();
  }

  /** Puts rec's array result on the grid, or '#REF!' when it does not fit. */
  private layout(rec: CustomCell): void {
    const arr = rec.arr!;
    const sheet = rec.sheet;
    const nr = arr.length;
    const nc = arr[0].length;
    rec.error = null;
    if (rec.r + nr - 1 > sheet._maxRows) {
      rec.error = `Result was not automatically expanded, please insert more rows (${rec.r + nr - 1 - sheet._maxRows}).`;
      this.setResult(rec, '#REF!');
      return;
    }
    if (rec.c + nc - 1 > sheet._maxCols) {
      rec.error = `Result was not automatically expanded, please insert more columns (${rec.c + nc - 1 - sheet._maxCols}).`;
      this.setResult(rec, '#REF!');
      return;
    }
    for (let i = 0; i < nr; i++) {
      const row = sheet._rows[rec.r - 1 + i];
      if (!row) continue;
      for (let j = 0; j < nc; j++) {
        if (i === 0 && j === 0) continue;
        const ci = rec.c - 1 + j;
        const owner = row.sp?.[ci];
        const v = row.v[ci];
        const taken = row.fx?.[ci] !== undefined || (owner !== undefined ? owner !== rec : v !== undefined && v !== '');
        if (taken) {
          rec.error = `Array result was not expanded because it would overwrite data in ${cellA1(rec.r + i, rec.c + j)}.`;
          this.setResult(rec, '#REF!');
          return;
        }
      }
    }
    for (let i = 0; i < nr; i++) {
      const row = sheet._row(rec.r + i, true)!;
      for (let j = 0; j < nc; j++) {
        if (i === 0 && j === 0) continue;
        const ci = rec.c - 1 + j;
        row.v[ci] = arr[i][j];
        (row.sp ??= [])[ci] = rec;
      }
    }
    this.setResult(rec, arr[0][0]);
  }

  private markDependents(sheet: FakeSheet, rect: Rect, except?: CustomCell): void {
    for (const rec of this.records) {
      if (rec === except || rec.dead || this.evaluating.has(rec)) continue;
      for (const ref of rec.parsed.refs) {
        if (this.refSheet(ref, rec) !== sheet) continue;
        if (intersects(this.refRect(ref, sheet), rect)) {
          this.schedule(rec);
          break;
        }
      }
    }
  }

  // ------------------------------------------------------------ hooks from the grid
  /**
   * Content was written (values, formulas, clears) into a block: formulas entered there
   * are (re)evaluated, spills the block runs into are laid out again, and formulas that
   * reference it recompute.
   */
  cellsChanged(sheet: FakeSheet, r: number, c: number, nr: number, nc: number): void {
    if (!this.resolver && this.records.size === 0) return;
    const rect: Rect = { r1: r, c1: c, r2: r + nr - 1, c2: c + nc - 1 };
    const keep = { sheet, rect };
    const created: CustomCell[] = [];
    const relayout = new Set<CustomCell>();
    const changed: Rect[] = [];
    const rows = sheet._rows;
    const last = Math.min(rect.r2, rows.length);
    for (let ri = r; ri <= last; ri++) {
      const row = rows[ri - 1];
      if (!row || (!row.cx && !row.sp && !row.fx)) continue;
      for (let ci = c - 1; ci < rect.c2; ci++) {
        const old = row.cx?.[ci] as CustomCell | undefined;
        if (old) {
          if (old.arr) changed.push(this.footprint(old));
          this.unspill(old, keep);
          row.cx![ci] = undefined;
          this.drop(old);
        }
        const owner = row.sp?.[ci] as CustomCell | undefined;
        if (owner) {
          row.sp![ci] = undefined;
          if (!owner.dead) relayout.add(owner);
        }
        const fx = row.fx?.[ci];
        if (fx !== undefined && this.callsCustom(fx)) {
          const rec: CustomCell = { sheet, r: ri, c: ci + 1, formula: fx, parsed: this.parse(fx), pending: false, dead: false, arr: null, error: null, runs: 0 };
          (row.cx ??= [])[ci] = rec;
          this.records.add(rec);
          created.push(rec);
        }
      }
    }
    for (const rec of this.records) {
      if (rec.sheet === sheet && rec.arr && !rec.dead && !created.includes(rec) && intersects(this.footprint(rec), rect)) relayout.add(rec);
    }
    for (const rec of relayout) {
      if (!this.locate(rec) || !rec.arr) continue;
      this.unspill(rec, keep);
      this.layout(rec);
      changed.push(this.footprint(rec));
    }
    for (const rec of created) this.schedule(rec);
    this.markDependents(sheet, rect);
    for (const x of changed) this.markDependents(sheet, x);
  }

  /** Values changed without a formula being entered (a test supplied formula results): dependents recompute. */
  valuesChanged(sheet: FakeSheet, r: number, c: number, nr: number, nc: number): void {
    if (this.records.size) this.markDependents(sheet, { r1: r, c1: c, r2: r + nr - 1, c2: c + nc - 1 });
  }

  /** Rows or columns were inserted or deleted: find the formulas again and lay their spills out anew. */
  structureChanged(sheet: FakeSheet): void {
    const recs = [...this.records].filter((x) => x.sheet === sheet);
    if (!recs.length) return;
    for (const row of sheet._rows) {
      if (!row?.sp) continue;
      for (let ci = 0; ci < row.sp.length; ci++) {
        if (row.sp[ci] !== undefined) {
          row.sp[ci] = undefined;
          row.v[ci] = '';
        }
      }
    }
    for (const rec of recs) if (this.locate(rec) && rec.arr) this.layout(rec);
    sheet._dirty();
  }

  sheetDeleted(sheet: FakeSheet): void {
    for (const rec of [...this.records]) if (rec.sheet === sheet) this.drop(rec);
    this.sheetNamed(sheet._name);
  }

  /** A sheet of this name appeared or went: formulas that name it recompute. */
  sheetNamed(name: string): void {
    const lower = name.toLowerCase();
    for (const rec of this.records) {
      if (rec.parsed.refs.some((ref) => ref.sheet !== undefined && ref.sheet.toLowerCase() === lower)) this.schedule(rec);
    }
  }

  /** The error message behind '#ERROR!' / '#REF!' in a cell, or null. */
  errorAt(sheet: FakeSheet, r: number, c: number): string | null {
    const rec = sheet._rows[r - 1]?.cx?.[c - 1] as CustomCell | undefined;
    return rec && !rec.pending ? rec.error : null;
  }

  // ------------------------------------------------------------ evaluation
  /** Evaluates every formula waiting for it (called when no script execution is running). */
  drain(): void {
    if (this.draining || this.queue.length === 0) return;
    this.draining = true;
    const quiet = this.ctx.quiet;
    const depth = this.ctx.depth;
    this.ctx.quiet = 0;
    this.ctx.depth = 0;
    try {
      for (const rec of this.records) rec.runs = 0;
      let guard = 0;
      while (this.queue.length && guard++ < 100000) {
        const rec = this.queue.shift()!;
        if (!rec.pending || !this.locate(rec)) continue;
        this.evaluate(rec, []);
      }
    } finally {
      this.ctx.quiet = quiet;
      this.ctx.depth = depth;
      this.draining = false;
    }
  }

  private evaluate(rec: CustomCell, stack: CustomCell[]): void {
    rec.pending = false;
    if (rec.runs >= MAX_RUNS_PER_ROUND) return;
    rec.runs++;
    const entry: CustomFunctionRun = {
      sheet: rec.sheet._name,
      cell: cellA1(rec.r, rec.c),
      formula: rec.formula,
      at: this.ctx.clock.now(),
      result: 'value',
      spreadsheetCalls: 0,
      executions: 0,
    };
    const outer = this.current;
    this.current = entry;
    this.evaluating.add(rec);
    let res: unknown;
    try {
      const p = rec.parsed;
      if (!p.ast) {
        if (p.problem?.kind === 'unsupported') throw new FormulaUnsupported(p.problem.message);
        throw new FormulaError('#ERROR!', 'Formula parse error.');
      }
      if (p.names.some((n) => VOLATILE.has(n.toUpperCase()))) {
        entry.result = 'loading';
        this.setResult(rec, LOADING);
        this.log.push(entry);
        return;
      }
      res = this.eval(p.ast, rec, [...stack, rec]);
    } catch (e) {
      if (e instanceof FormulaUnsupported) {
        entry.result = 'unsupported';
        entry.error = e.message;
        // left as any formula the runtime does not evaluate
        const row = rec.sheet._row(rec.r, true)!;
        if (row.fr) row.fr[rec.c - 1] = undefined as unknown as Stored;
        this.log.push(entry);
        return;
      }
      res = e instanceof FormulaError ? e : new FormulaError('#ERROR!', String((e as Error)?.message ?? e));
    } finally {
      this.current = outer;
      this.evaluating.delete(rec);
    }
    if (!this.locate(rec)) return;
    const before = rec.arr ? this.footprint(rec) : null;
    this.unspill(rec);
    rec.arr = null;
    rec.error = null;
    let stored: Stored | FormulaError;
    if (Array.isArray(res)) {
      const grid = this.toGrid(res);
      if (grid instanceof FormulaError) stored = grid;
      else if (grid.length === 1 && grid[0].length === 1) stored = grid[0][0];
      else {
        rec.arr = grid;
        this.layout(rec);
        entry.result = rec.error ? 'error' : 'array';
        entry.value = rec.error ? '#REF!' : grid;
        if (rec.error) entry.error = rec.error;
        stored = undefined as unknown as Stored;
      }
    } else stored = res instanceof FormulaError ? res : this.toStored(res);
    if (stored instanceof FormulaError) {
      rec.error = stored.message;
      this.setResult(rec, stored.code);
      entry.result = 'error';
      entry.value = stored.code;
      entry.error = stored.message;
    } else if (!rec.arr) {
      this.setResult(rec, stored);
      entry.value = stored;
    }
    this.log.push(entry);
    this.markDependents(rec.sheet, this.footprint(rec), rec);
    if (before) this.markDependents(rec.sheet, before, rec);
  }

  private toStored(v: unknown): Stored | FormulaError {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return isFinite(v) ? v : new FormulaError('#NUM!', 'The result is not a finite number.');
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') {
      if (v.length > MAX_CELL_CHARS) return new FormulaError('#ERROR!', `Text result of the function is longer than the limit of ${MAX_CELL_CHARS} characters.`);
      return v;
    }
    if (isDateLike(v)) {
      const t = RealDate.prototype.getTime.call(v);
      return isNaN(t) ? new FormulaError('#NUM!', 'Invalid date.') : instantToSerial(t, this.ss._tz);
    }
    return String(v);
  }

  private toGrid(res: unknown[]): Stored[][] | FormulaError {
    const rows = res.map((line) => (Array.isArray(line) ? line : [line]));
    const width = rows.reduce((w, line) => Math.max(w, line.length), 0);
    if (rows.length === 0 || width === 0) return new FormulaError('#ERROR!', 'Result was an empty array.');
    return rows.map((line) => {
      const out: Stored[] = [];
      for (let j = 0; j < width; j++) {
        const s = j < line.length ? this.toStored(line[j]) : '';
        out.push(s instanceof FormulaError ? s.code : s);
      }
      return out;
    });
  }

  /** Evaluates pending formulas whose cells or spills lie in the block, before it is read. */
  private settle(sheet: FakeSheet, rect: Rect, rec: CustomCell, stack: CustomCell[]): void {
    for (const other of [...this.records]) {
      if (other.sheet !== sheet || !this.locate(other)) continue;
      if (!intersects(this.footprint(other), rect)) continue;
      if (other === rec || stack.includes(other)) {
        throw new FormulaError('#REF!', 'Circular dependency detected. To resolve with iterative calculation, see File > Settings.');
      }
      if (other.pending) this.evaluate(other, stack);
    }
  }

  private cellValue(sheet: FakeSheet, row: Row | undefined, r: number, c: number): unknown {
    const v = readValue(row, c - 1, this.ss._tz, RealDate);
    if (typeof v === 'string' && row?.fx?.[c - 1] !== undefined && ERROR_CODES.has(v)) {
      throw new FormulaError(v, `Error in referenced cell ${quoteSheetName(sheet._name)}!${cellA1(r, c)}.`);
    }
    return v;
  }

  private refValue(ref: RefSpec, rec: CustomCell, stack: CustomCell[]): unknown {
    const sheet = this.refSheet(ref, rec);
    if (!sheet) throw new FormulaError('#REF!', `Unresolved sheet name '${ref.sheet}'.`);
    const rect = this.refRect(ref, sheet);
    if (rect.r2 > sheet._maxRows || rect.c2 > sheet._maxCols) throw new FormulaError('#REF!', 'Reference does not exist.');
    this.settle(sheet, rect, rec, stack);
    if (ref.single || (rect.r1 === rect.r2 && rect.c1 === rect.c2)) {
      return this.cellValue(sheet, sheet._rows[rect.r1 - 1], rect.r1, rect.c1);
    }
    const out: unknown[][] = [];
    const tz = this.ss._tz;
    for (let r = rect.r1; r <= rect.r2; r++) {
      const row = sheet._rows[r - 1];
      const line: unknown[] = [];
      for (let c = rect.c1; c <= rect.c2; c++) line.push(readValue(row, c - 1, tz, RealDate));
      out.push(line);
    }
    return out;
  }

  private eval(n: Node, rec: CustomCell, stack: CustomCell[]): unknown {
    switch (n.k) {
      case 'num':
      case 'str':
      case 'bool':
        return n.v;
      case 'empty':
        return '';
      case 'ref':
        return this.refValue(n.ref, rec, stack);
      case 'neg':
        return -this.num(this.eval(n.a, rec, stack));
      case 'pct':
        return this.num(this.eval(n.a, rec, stack)) / 100;
      case 'bin':
        return this.binary(n.op, this.eval(n.a, rec, stack), this.eval(n.b, rec, stack));
      case 'call':
        return this.call(n.name, n.args, rec, stack);
    }
  }

  private scalar(v: unknown): unknown {
    if (Array.isArray(v)) throw new FormulaError('#VALUE!', 'An array value could not be found.');
    return v;
  }

  private num(v: unknown): number {
    v = this.scalar(v);
    if (v === '' || v === null || v === undefined) return 0;
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (isDateLike(v)) return instantToSerial(RealDate.prototype.getTime.call(v), this.ss._tz);
    let t = String(v).trim();
    if (COMMA_DECIMAL.test(this.ss._locale)) t = t.replace(',', '.');
    const x = Number(t);
    if (t !== '' && isFinite(x)) return x;
    throw new FormulaError('#VALUE!', `Function expects number values. But '${String(v)}' is a text and cannot be coerced to a number.`);
  }

  private text(v: unknown): string {
    v = this.scalar(v);
    if (v === null || v === undefined) return '';
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (isDateLike(v)) return String(this.num(v));
    if (typeof v === 'number' && COMMA_DECIMAL.test(this.ss._locale)) return String(v).replace('.', ',');
    return String(v);
  }

  private binary(op: string, a: unknown, b: unknown): unknown {
    switch (op) {
      case '+':
        return this.num(a) + this.num(b);
      case '-':
        return this.num(a) - this.num(b);
      case '*':
        return this.num(a) * this.num(b);
      case '/': {
        const d = this.num(b);
        if (d === 0) throw new FormulaError('#DIV/0!', 'Function DIVIDE parameter 2 cannot be zero.');
        return this.num(a) / d;
      }
      case '^':
        return Math.pow(this.num(a), this.num(b));
      case '&':
        return this.text(a) + this.text(b);
      default: {
        a = this.scalar(a);
        b = this.scalar(b);
        const x = typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() : typeof a === 'string' ? a : this.num(a);
        const y = typeof a === 'string' && typeof b === 'string' ? b.toLowerCase() : typeof b === 'string' ? b : this.num(b);
        switch (op) {
          case '=':
            return x === y;
          case '<>':
            return x !== y;
          case '<':
            return x < y;
          case '>':
            return x > y;
          case '<=':
            return x <= y;
          default:
            return x >= y;
        }
      }
    }
  }

  private flatNumbers(values: unknown[]): number[] {
    const out: number[] = [];
    for (const v of values) {
      if (Array.isArray(v)) {
        for (const line of v) for (const x of line as unknown[]) if (typeof x === 'number') out.push(x);
      } else out.push(this.num(v));
    }
    return out;
  }

  private call(name: string, args: Node[], rec: CustomCell, stack: CustomCell[]): unknown {
    const up = name.toUpperCase();
    const ev = (i: number) => (i < args.length ? this.eval(args[i], rec, stack) : '');
    if (BUILTINS.has(up)) {
      switch (up) {
        case 'DATE': {
          let y = Math.trunc(this.num(ev(0)));
          if (y < 1900) y += 1900;
          const ms = Date.UTC(y, Math.trunc(this.num(ev(1))) - 1, Math.trunc(this.num(ev(2))));
          return new RealDate(serialToInstant(ms / 86400000 + 25569, this.ss._tz));
        }
        case 'SUM':
          return this.flatNumbers(args.map((_, i) => ev(i))).reduce((s, x) => s + x, 0);
        case 'MIN':
        case 'MAX': {
          const xs = this.flatNumbers(args.map((_, i) => ev(i)));
          return xs.length ? (up === 'MIN' ? Math.min(...xs) : Math.max(...xs)) : 0;
        }
        case 'ROUND': {
          const digits = args.length > 1 ? Math.trunc(this.num(ev(1))) : 0;
          const f = Math.pow(10, digits);
          const x = this.num(ev(0)) * f;
          return (Math.sign(x) * Math.round(Math.abs(x) + 1e-9)) / f;
        }
        case 'ABS':
          return Math.abs(this.num(ev(0)));
        case 'IF': {
          const c = this.scalar(ev(0));
          const truthy = typeof c === 'string' ? c !== '' && c.toUpperCase() !== 'FALSE' : !!this.num(c);
          return truthy ? ev(1) : args.length > 2 ? ev(2) : false;
        }
        case 'IFERROR':
          try {
            return ev(0);
          } catch (e) {
            if (e instanceof FormulaError) return ev(1);
            throw e;
          }
        case 'CONCATENATE':
          return args.map((_, i) => {
            const v = ev(i);
            return Array.isArray(v) ? (v as unknown[][]).map((l) => l.map((x) => this.text(x)).join('')).join('') : this.text(v);
          }).join('');
        default:
          throw new FormulaUnsupported(`the built-in function ${up} is not evaluated by the offline runtime`);
      }
    }
    const fn = this.resolver ? this.resolver(name) : undefined;
    if (typeof fn !== 'function') throw new FormulaError('#NAME?', `Unknown function: '${name}'.`);
    const values = args.map((a) => this.eval(a, rec, stack));
    return this.runCustom(fn, values);
  }

  /** One custom function call: its own execution, AuthMode CUSTOM_FUNCTION, 30 s. */
  private runCustom(fn: Function, args: unknown[]): unknown {
    const ctx = this.ctx;
    const saved = STAT_KEYS.map((k) => ctx.stats[k]);
    const e = ctx.beginExecution({ authMode: 'CUSTOM_FUNCTION' });
    let value: unknown;
    let threw = false;
    let error: unknown;
    try {
      value = fn(...args);
    } catch (x) {
      threw = true;
      error = x;
    } finally {
      this.releaseLocks(e.id);
      ctx.endExecution(e);
    }
    const over = ctx.overTime(e);
    STAT_KEYS.forEach((k, i) => {
      const delta = ctx.stats[k] - saved[i];
      this.stats[k] += delta;
      if (k === 'spreadsheetCalls' && this.current) this.current.spreadsheetCalls += delta;
      ctx.stats[k] = saved[i];
    });
    if (this.current) this.current.executions++;
    if (over || (threw && (error as Error)?.message === TIMEOUT_MESSAGE)) {
      throw new FormulaError('#ERROR!', 'Exceeded maximum execution time (line 0).');
    }
    if (threw) {
      const msg = error && typeof error === 'object' && 'message' in error ? String((error as Error).message) : String(error);
      throw new FormulaError('#ERROR!', msg);
    }
    return value;
  }
}
